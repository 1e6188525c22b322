// The CPU side of a comparison: the saved state's two lists where both inputs
// record them (a device tree does not: they are run-time state), and CPU →
// vnode where both inputs say (only a device tree maps CPUs to vnodes).
import type { CpuInfo } from '../../model/topology.ts';
import type { CpuChanges, CpuListDiff, CpuVnodeChange } from './types.ts';

/** `same` compares the lists as sets (openhcl_boot uses their sorted, de-duplicated union); `a` and `b` stay as given. */
function diffCpuList(a: readonly number[], b: readonly number[], compared = true): CpuListDiff {
  if (!compared) return { compared, same: true, a: [...a], b: [...b], onlyA: [], onlyB: [] };
  const inA = new Set(a);
  const inB = new Set(b);
  const sorted = (set: Set<number>) => [...set].sort((x, y) => x - y);
  return {
    compared,
    same: inA.size === inB.size && [...inA].every((cpu) => inB.has(cpu)),
    a: [...a],
    b: [...b],
    onlyA: sorted(new Set(a.filter((cpu) => !inB.has(cpu)))),
    onlyB: sorted(new Set(b.filter((cpu) => !inA.has(cpu)))),
  };
}

/** `listsCompared`: whether both inputs record the CPU lists. */
export function diffCpus(a: CpuInfo, b: CpuInfo, listsCompared: boolean): CpuChanges {
  const changes: CpuVnodeChange[] = [];
  if (a.cpus && b.cpus) {
    for (let index = 0; index < Math.max(a.cpus.length, b.cpus.length); index++) {
      const x = a.cpus[index] ?? null;
      const y = b.cpus[index] ?? null;
      if (!x || !y || x.vnode !== y.vnode || x.reg !== y.reg) changes.push({ index, a: x, b: y });
    }
  }
  return {
    withMappedInterruptsNoIo: diffCpuList(a.withMappedInterruptsNoIo, b.withMappedInterruptsNoIo, listsCompared),
    withOutstandingIo: diffCpuList(a.withOutstandingIo, b.withOutstandingIo, listsCompared),
    vnodes: { compared: a.cpus !== null && b.cpus !== null, changes },
  };
}

export function cpusSame(c: CpuChanges): boolean {
  return c.withMappedInterruptsNoIo.same && c.withOutstandingIo.same && c.vnodes.changes.length === 0;
}

/** The CPUs openhcl_boot keeps off the sidecar (since openvmm #3166): both lists' union, sorted, de-duplicated. */
export function cpusKeptOffSidecar(cpus: CpuInfo): number[] {
  return [...new Set([...cpus.withMappedInterruptsNoIo, ...cpus.withOutstandingIo])].sort((x, y) => x - y);
}
