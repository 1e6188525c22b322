import { describe, expect, it } from 'vitest';
import type { MemoryEntry } from '../model/savedState.ts';
import { firstVtl2RamDifference, hostVtl2Ram, vtl2RamFromPersisted } from './bootCheck.ts';

const entry = (start: bigint, end: bigint, vtl: number, vnode = 0, igvm = 3): MemoryEntry => ({ range: { start, end }, vnode, vtl_type: { value: vtl, name: null }, igvm_type: { value: igvm, name: null } });

describe('vtl2RamFromPersisted (the VTL2 RAM openhcl_boot rebuilds)', () => {
  it('merges adjacent ram() && vtl2() ranges of one vnode and IGVM type; an unknown type is neither and breaks the run', () => {
    const memory = [entry(0x1000n, 0x2000n, 1), entry(0x2000n, 0x3000n, 8), entry(0x3000n, 0x4000n, 99), entry(0x4000n, 0x5000n, 1)];
    // 99 is left out, so 0x1000..0x3000 and 0x4000..0x5000 are two ranges (not adjacent).
    expect(vtl2RamFromPersisted(memory)).toEqual([
      { start: 0x1000n, end: 0x3000n, vnode: 0, igvmType: 3 },
      { start: 0x4000n, end: 0x5000n, vnode: 0, igvmType: 3 },
    ]);
    expect(vtl2RamFromPersisted([entry(0x1000n, 0x2000n, 1), entry(0x2000n, 0x3000n, 1, 1)])).toHaveLength(2);
    expect(vtl2RamFromPersisted([entry(0x1000n, 0x2000n, 0), entry(0x2000n, 0x3000n, 5), entry(0x3000n, 0x4000n, 13)])).toEqual([]);
  });
});

describe('the host-mode VTL2 RAM assert (assert_eq! of whole MemoryEntry values)', () => {
  const host = hostVtl2Ram([
    { range: { start: 0x1000n, end: 0x3000n }, vnode: 0 },
    { range: { start: 0x3000n, end: 0x5000n }, vnode: 1 },
  ]);
  it('takes the host ranges as VTL2_PROTECTABLE', () => {
    expect(host.map((r) => r.igvmType)).toEqual([3, 3]);
  });
  it('compares range, vnode and IGVM type, in order; a missing range is a difference', () => {
    expect(firstVtl2RamDifference(host, host)).toBe(-1);
    expect(firstVtl2RamDifference([host[0]!, { ...host[1]!, igvmType: 0 }], host)).toBe(1);
    expect(firstVtl2RamDifference([{ ...host[0]!, vnode: 1 }, host[1]!], host)).toBe(0);
    expect(firstVtl2RamDifference([{ ...host[0]!, end: 0x2000n }, host[1]!], host)).toBe(0);
    expect(firstVtl2RamDifference(host.slice(0, 1), host)).toBe(1);
    expect(firstVtl2RamDifference(host, host.slice(0, 1))).toBe(1);
    expect(firstVtl2RamDifference([host[1]!, host[0]!], host)).toBe(0);
    expect(firstVtl2RamDifference([], [])).toBe(-1);
  });
});
