import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Span } from '../model/topology.ts';
import { buildAxis, gpaToX, narrowestPageWidth, PAGE, roundToPage, unionOf, xToGpa } from './axis.ts';

const GiB = 1n << 30n;
const U64_MAX = (1n << 64n) - 1n;
const u64 = fc.oneof(fc.bigInt({ min: 0n, max: U64_MAX }), fc.bigInt({ min: (1n << 53n) - 4096n, max: (1n << 53n) + 4096n }), fc.bigInt({ min: 0n, max: 1n << 40n }));
const arbSpan = fc.tuple(u64, u64).map(([a, b]): Span => ({ start: a, end: b }));
const arbSpans = fc.array(arbSpan, { minLength: 1, maxLength: 30 });

describe('buildAxis', () => {
  it('collapses the hole between RAM and MMIO near 64 GiB, and keeps small holes to scale', () => {
    const axis = buildAxis([
      { start: 0n, end: 2n * GiB },
      { start: 3n * GiB + GiB / 2n, end: 4n * GiB - GiB / 8n }, // 1.5 GiB hole: collapsed (> 4% of ~19 GiB)
      { start: 4n * GiB, end: 18n * GiB }, // 128 MiB hole: kept to scale
      { start: 63n * GiB, end: 64n * GiB },
    ]);
    const kinds = axis.pieces.map((p) => p.kind);
    expect(kinds).toEqual(['segment', 'gap', 'segment', 'gap', 'segment']);
    expect(axis.pieces[2]!.start).toBe(3n * GiB + GiB / 2n);
    expect(axis.pieces[2]!.end).toBe(18n * GiB);
    expect(axis.pieces[3]).toMatchObject({ start: 18n * GiB, end: 63n * GiB });
    expect(axis.pieces.at(-1)!.x1).toBe(axis.width);
    // Gaps have the fixed width; segments are proportional beyond their minimum.
    expect(axis.pieces[1]!.x1 - axis.pieces[1]!.x0).toBeCloseTo(24);
    expect(axis.pieces[2]!.x1 - axis.pieces[2]!.x0).toBeGreaterThan(axis.pieces[4]!.x1 - axis.pieces[4]!.x0);
  });

  it('gives a lone 4 KiB range a visible width', () => {
    const axis = buildAxis([{ start: 0n, end: 16n * GiB }, { start: 1n << 46n, end: (1n << 46n) + PAGE }]);
    const last = axis.pieces.at(-1)!;
    expect(last.kind).toBe('segment');
    expect(last.x1 - last.x0).toBeGreaterThanOrEqual(8);
  });

  it('collapses at most maxGaps holes, the largest', () => {
    const spans = Array.from({ length: 50 }, (_, i) => ({ start: BigInt(i) * (1n << 40n) + BigInt(i) * GiB, end: BigInt(i) * (1n << 40n) + BigInt(i) * GiB + GiB }));
    const axis = buildAxis(spans, { maxGaps: 10 });
    expect(axis.pieces.filter((p) => p.kind === 'gap')).toHaveLength(10);
  });

  it('treats empty and inverted ranges as points and survives no ranges at all', () => {
    expect(unionOf([{ start: 10n, end: 10n }, { start: 30n, end: 20n }])).toEqual([{ start: 10n, end: 11n }, { start: 20n, end: 30n }]);
    const empty = buildAxis([]);
    expect(empty.empty).toBe(true);
    expect(gpaToX(empty, 0x800n)).toBeCloseTo(empty.width / 2);
    const top = buildAxis([{ start: U64_MAX, end: U64_MAX }]);
    expect(top.end).toBe(1n << 64n);
  });

  it('keeps addresses above 2^53 exact', () => {
    const base = (1n << 60n) + 0x1234_5000n;
    const axis = buildAxis([{ start: base, end: base + 64n * PAGE }]);
    for (let i = 0n; i <= 64n; i++) expect(xToGpa(axis, gpaToX(axis, base + i * PAGE))).toBe(base + i * PAGE);
  });
});

describe('GPA <-> x properties', () => {
  it('GPA -> x is monotonic', () => {
    fc.assert(
      fc.property(arbSpans, u64, u64, (spans, a, b) => {
        const axis = buildAxis(spans);
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(gpaToX(axis, lo)).toBeLessThanOrEqual(gpaToX(axis, hi));
      }),
      { numRuns: 300 },
    );
  });

  it('x -> GPA inverts it to the page for every address inside a segment', () => {
    fc.assert(
      fc.property(arbSpans, fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), (spans, which, t) => {
        const axis = buildAxis(spans);
        const segments = axis.pieces.filter((p) => p.kind === 'segment');
        const s = segments[which % segments.length]!;
        const gpa = s.start + BigInt(Math.floor(t * Number(s.end - s.start)));
        const back = xToGpa(axis, gpaToX(axis, gpa));
        const diff = back > gpa ? back - gpa : gpa - back;
        expect(diff < PAGE).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('x -> GPA is monotonic and lands within the axis', () => {
    fc.assert(
      fc.property(arbSpans, fc.double({ min: -10, max: 1010, noNaN: true }), fc.double({ min: -10, max: 1010, noNaN: true }), (spans, a, b) => {
        const axis = buildAxis(spans);
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const g0 = xToGpa(axis, lo);
        const g1 = xToGpa(axis, hi);
        expect(g0 <= g1).toBe(true);
        expect(g0 >= axis.start && g1 <= axis.end).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('zoom limits', () => {
  it('the narrowest page sets how far one can zoom', () => {
    const axis = buildAxis([{ start: 0n, end: 1n << 36n }]);
    expect(narrowestPageWidth(axis)).toBeCloseTo(1000 / 2 ** 24);
    expect(roundToPage(0x1801n)).toBe(0x2000n);
    expect(roundToPage(0x17ffn)).toBe(0x1000n);
  });
});
