// Per-vnode summary of a topology's memory: which ranges each NUMA vnode holds,
// how many bytes of each VTL type, and its CPUs where the input says (a device
// tree maps every CPU to a vnode; a saved state lists CPUs by number only, so
// its lists are global). Sums are bigint: a node can hold more than 2^53 bytes.
// MMIO entries carry no vnode and are not counted.
import { entrySize, type Entry } from '../model/entries.ts';
import type { EnumValue } from '../model/savedState.ts';
import type { Cpu, CpuInfo } from '../model/topology.ts';

export interface VtlTypeBytes {
  vtlType: EnumValue;
  bytes: bigint;
  ranges: number;
}

export interface VnodeSummary {
  vnode: number;
  /** Indices into the memory table, in table order. */
  memoryIndices: number[];
  /** Sum of the (non-inverted) range lengths. */
  totalBytes: bigint;
  /** One row per VTL type present on the node, by VTL type value. */
  byVtlType: VtlTypeBytes[];
  /** Lowest start and highest end of its ranges (null for a node with none). */
  span: { start: bigint; end: bigint } | null;
  /** Its CPUs, where the input maps CPUs to vnodes; null where it does not. */
  cpus: Cpu[] | null;
}

export interface NumaSummary {
  /** By vnode number, ascending: every vnode with memory or CPUs. */
  vnodes: VnodeSummary[];
  /** Bytes of every memory range, all nodes. */
  totalBytes: bigint;
  /** Whether CPUs are known per vnode (a device tree) or only by number (a saved state). */
  cpusPerVnode: boolean;
  cpusWithMappedInterruptsNoIo: number[];
  cpusWithOutstandingIo: number[];
}

interface NodeAccumulator {
  memoryIndices: number[];
  totalBytes: bigint;
  types: Map<number, VtlTypeBytes>;
  start: bigint | null;
  end: bigint | null;
  cpus: Cpu[];
}

/** `entries`: the memory entries to count (all, or those a filter keeps). */
export function summarizeNuma(entries: readonly Entry[], cpus: CpuInfo): NumaSummary {
  const nodes = new Map<number, NodeAccumulator>();
  const nodeOf = (vnode: number) => {
    let node = nodes.get(vnode);
    if (!node) nodes.set(vnode, (node = { memoryIndices: [], totalBytes: 0n, types: new Map(), start: null, end: null, cpus: [] }));
    return node;
  };
  let totalBytes = 0n;
  for (const entry of entries) {
    if (entry.vnode === null) continue;
    const node = nodeOf(entry.vnode);
    const bytes = entrySize(entry);
    node.memoryIndices.push(entry.ref.index);
    node.totalBytes += bytes;
    totalBytes += bytes;
    const row = node.types.get(entry.vtlType.value) ?? { vtlType: entry.vtlType, bytes: 0n, ranges: 0 };
    row.bytes += bytes;
    row.ranges += 1;
    node.types.set(entry.vtlType.value, row);
    if (node.start === null || entry.start < node.start) node.start = entry.start;
    if (node.end === null || entry.end > node.end) node.end = entry.end;
  }
  for (const cpu of cpus.cpus ?? []) nodeOf(cpu.vnode).cpus.push(cpu);
  const vnodes = [...nodes.entries()]
    .sort(([a], [b]) => a - b)
    .map(([vnode, n]): VnodeSummary => ({
      vnode,
      memoryIndices: n.memoryIndices,
      totalBytes: n.totalBytes,
      byVtlType: [...n.types.values()].sort((a, b) => a.vtlType.value - b.vtlType.value),
      span: n.start !== null && n.end !== null ? { start: n.start, end: n.end } : null,
      cpus: cpus.cpus ? n.cpus : null,
    }));
  return {
    vnodes,
    totalBytes,
    cpusPerVnode: cpus.cpus !== null,
    cpusWithMappedInterruptsNoIo: [...cpus.withMappedInterruptsNoIo],
    cpusWithOutstandingIo: [...cpus.withOutstandingIo],
  };
}
