import { describe, expect, it } from 'vitest';
import { isMmio, isRam, isVtl2 } from './vtlTypes.ts';

const upTo = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('MemoryVtlType semantics, as loader_defs defines them', () => {
  it('ram(): 0–4 and 7–12; unknown numbers are not RAM', () => {
    expect(upTo(16).filter(isRam)).toEqual([0, 1, 2, 3, 4, 7, 8, 9, 10, 11, 12]);
    expect([13, 99, 0xffff_ffff].map(isRam)).toEqual([false, false, false]);
  });

  it('vtl2(): 1–4 and 6–12; unknown numbers are not VTL2', () => {
    expect(upTo(16).filter(isVtl2)).toEqual([1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12]);
    expect([13, 0xffff_ffff].map(isVtl2)).toEqual([false, false]);
  });

  it('MMIO: exactly VTL0_MMIO and VTL2_MMIO', () => {
    expect(upTo(16).filter(isMmio)).toEqual([5, 6]);
  });
});
