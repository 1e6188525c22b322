import { describe, expect, it } from 'vitest';
import { windowWithin } from './view.ts';

describe('windowWithin', () => {
  const outer = { start: 0x1000n, end: 0x3000n };
  it('holds for a window inside, bounds included, and not for one that pokes out', () => {
    expect(windowWithin({ start: 0x1000n, end: 0x3000n }, outer)).toBe(true);
    expect(windowWithin({ start: 0x1800n, end: 0x2000n }, outer)).toBe(true);
    expect(windowWithin({ start: 0xfffn, end: 0x2000n }, outer)).toBe(false);
    expect(windowWithin({ start: 0x2000n, end: 0x3001n }, outer)).toBe(false);
    // u64 bounds stay exact past 2^53.
    expect(windowWithin({ start: 2n ** 64n - 2n, end: 2n ** 64n - 1n }, { start: 2n ** 64n - 2n, end: 2n ** 64n - 1n })).toBe(true);
    expect(windowWithin({ start: 2n ** 60n + 1n, end: 2n ** 60n + 2n }, { start: 2n ** 60n + 2n, end: 2n ** 61n })).toBe(false);
  });
});
