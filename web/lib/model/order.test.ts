import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareBigint } from './order.ts';

describe('compareBigint', () => {
  it('orders u64 values exactly, above 2^53 too, and says 0 for equal ones', () => {
    expect(compareBigint((1n << 53n) + 1n, 1n << 53n)).toBe(1);
    expect(compareBigint(1n << 53n, (1n << 53n) + 1n)).toBe(-1);
    expect(compareBigint((1n << 64n) - 1n, (1n << 64n) - 1n)).toBe(0);
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (a, b) => {
        expect(Math.sign(compareBigint(a, b))).toBe(a === b ? 0 : a < b ? -1 : 1);
        expect(compareBigint(a, b)).toBe(-compareBigint(b, a) || 0);
      }),
    );
  });
});
