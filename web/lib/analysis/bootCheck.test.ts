import { describe, expect, it } from 'vitest';
import type { MemoryEntry } from '../model/savedState.ts';
import { vtl2RamFromPersisted } from './bootCheck.ts';

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
