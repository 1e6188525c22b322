// Per-vnode summary of a saved state's memory: which ranges each NUMA vnode
// holds and how many bytes of each VTL type. Sums are bigint: a node can hold
// more than 2^53 bytes. MMIO entries carry no vnode and are not counted here.
// The saved state records CPUs by number only, with no CPU → vnode mapping, so
// its CPU lists are global, not per node.
import type { EnumValue, SavedState } from '../model/types.ts';

export interface VtlTypeBytes {
  vtlType: EnumValue;
  bytes: bigint;
  ranges: number;
}

export interface VnodeSummary {
  vnode: number;
  /** Indices into `partition_memory`, in table order. */
  memoryIndices: number[];
  /** Sum of the (non-inverted) range lengths. */
  totalBytes: bigint;
  /** One row per VTL type present on the node, by VTL type value. */
  byVtlType: VtlTypeBytes[];
  /** Lowest start and highest end of its ranges (null for a node with none). */
  span: { start: bigint; end: bigint } | null;
}

export interface NumaSummary {
  /** By vnode number, ascending. */
  vnodes: VnodeSummary[];
  /** Bytes of every memory range, all nodes. */
  totalBytes: bigint;
  /** Global: the saved state has no CPU → vnode mapping. */
  cpusWithMappedInterruptsNoIo: number[];
  cpusWithOutstandingIo: number[];
}

/** Length of a range; an inverted range (start > end) counts as 0 bytes. */
function lengthOf(start: bigint, end: bigint): bigint {
  return end > start ? end - start : 0n;
}

export function summarizeNuma(state: SavedState): NumaSummary {
  const nodes = new Map<number, { memoryIndices: number[]; totalBytes: bigint; types: Map<number, VtlTypeBytes>; start: bigint | null; end: bigint | null }>();
  let totalBytes = 0n;
  state.partition_memory.forEach((entry, index) => {
    let node = nodes.get(entry.vnode);
    if (!node) {
      node = { memoryIndices: [], totalBytes: 0n, types: new Map(), start: null, end: null };
      nodes.set(entry.vnode, node);
    }
    const bytes = lengthOf(entry.range.start, entry.range.end);
    node.memoryIndices.push(index);
    node.totalBytes += bytes;
    totalBytes += bytes;
    const row = node.types.get(entry.vtl_type.value) ?? { vtlType: entry.vtl_type, bytes: 0n, ranges: 0 };
    row.bytes += bytes;
    row.ranges += 1;
    node.types.set(entry.vtl_type.value, row);
    if (node.start === null || entry.range.start < node.start) node.start = entry.range.start;
    if (node.end === null || entry.range.end > node.end) node.end = entry.range.end;
  });
  const vnodes = [...nodes.entries()]
    .sort(([a], [b]) => a - b)
    .map(([vnode, n]): VnodeSummary => ({
      vnode,
      memoryIndices: n.memoryIndices,
      totalBytes: n.totalBytes,
      byVtlType: [...n.types.values()].sort((a, b) => a.vtlType.value - b.vtlType.value),
      span: n.start !== null && n.end !== null ? { start: n.start, end: n.end } : null,
    }));
  return {
    vnodes,
    totalBytes,
    cpusWithMappedInterruptsNoIo: [...state.cpus_with_mapped_interrupts_no_io],
    cpusWithOutstandingIo: [...state.cpus_with_outstanding_io],
  };
}
