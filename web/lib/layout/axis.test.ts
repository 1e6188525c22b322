import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Span } from '../model/topology.ts';
import { buildAxis, gpaToX, narrowestPageWidth, normalizeSpan, PAGE, roundToPage, unionOf, xToGpa } from './axis.ts';
import { edgesOf, readableWeight } from './readableAxis.ts';

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

  it('treats empty and inverted ranges as a byte at their start and survives no ranges at all', () => {
    // As lanes and quick views draw them: [30, 20) is the byte at 30, not [20, 30).
    expect(unionOf([{ start: 10n, end: 10n }, { start: 30n, end: 20n }])).toEqual([{ start: 10n, end: 11n }, { start: 30n, end: 31n }]);
    expect(normalizeSpan(U64_MAX, 0n)).toEqual({ start: U64_MAX, end: 1n << 64n });
    expect(edgesOf([{ start: 30n, end: 20n }, { start: 10n, end: 10n }])).toEqual([10n, 11n, 30n, 31n]);
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

describe.each(['proportional', 'readable'] as const)('GPA <-> x properties, %s scale', (scale) => {
  it('GPA -> x is monotonic', () => {
    fc.assert(
      fc.property(arbSpans, u64, u64, (spans, a, b) => {
        const axis = buildAxis(spans, { scale });
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(gpaToX(axis, lo)).toBeLessThanOrEqual(gpaToX(axis, hi));
      }),
      { numRuns: 300 },
    );
  });

  it('x -> GPA inverts it to the page for every address inside a segment', () => {
    fc.assert(
      fc.property(arbSpans, fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), (spans, which, t) => {
        const axis = buildAxis(spans, { scale });
        const segments = axis.pieces.filter((p) => p.kind === 'segment');
        const s = segments[which % segments.length]!;
        const gpa = s.start + BigInt(Math.floor(t * Number(s.end - s.start)));
        const back = xToGpa(axis, gpaToX(axis, gpa));
        const diff = back > gpa ? back - gpa : gpa - back;
        // x is a double: a readable piece of 2^60 bytes or more, a few units wide, resolves
        // 2^-40 of itself, not a page (the zoom cannot reach a page there either).
        const tolerance = scale === 'readable' && (s.end - s.start) >> 40n > PAGE ? (s.end - s.start) >> 40n : PAGE;
        expect(diff < tolerance).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('x -> GPA is monotonic and lands within the axis', () => {
    fc.assert(
      fc.property(arbSpans, fc.double({ min: -10, max: 1010, noNaN: true }), fc.double({ min: -10, max: 1010, noNaN: true }), (spans, a, b) => {
        const axis = buildAxis(spans, { scale });
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

describe('the readable scale', () => {
  // The realistic image's memory and MMIO (img02_realistic): VTL0 in GiBs, VTL2 from a 4 KiB page up.
  const realistic: Span[] = [
    [0x0n, 0x7fe0_0000n], [0x7fe0_0000n, 0x8000_0000n], [0x1_0000_0000n, 0x2_8000_0000n], [0x2_8000_0000n, 0x4_4000_0000n], [0x4_4000_0000n, 0x4_8000_0000n],
    [0x4_8000_0000n, 0x4_8000_1000n], [0x4_8000_1000n, 0x4_8001_4000n], [0x4_8001_4000n, 0x4_8280_0000n], [0x4_8280_0000n, 0x4_8282_0000n], [0x4_8282_0000n, 0x4_8282_2000n],
    [0x4_8282_2000n, 0x4_8600_0000n], [0x4_8600_0000n, 0x4_8800_0000n], [0x4_8800_0000n, 0x4_8a00_0000n], [0x4_8a00_0000n, 0x4_8c00_0000n],
    [0xf000_0000n, 0xf800_0000n], [0xf_c000_0000n, 0xf_e000_0000n], [0xf_e000_0000n, 0x10_0000_0000n],
  ].map(([start, end]) => ({ start: start!, end: end! }));

  it('weighs an interval by log2 of its size, a page at the least', () => {
    expect(readableWeight(1n)).toBe(12);
    expect(readableWeight(PAGE)).toBe(12);
    expect(readableWeight(1n << 20n)).toBe(20);
    expect(readableWeight(1n << 30n)).toBe(30);
    expect(readableWeight((1n << 64n) - 1n)).toBeCloseTo(64);
  });

  it('collapses the same holes as the proportional scale and cuts segments at every range edge', () => {
    const proportional = buildAxis(realistic);
    const readable = buildAxis(realistic, { scale: 'readable' });
    const gapsOf = (axis: typeof readable) => axis.gaps.map((g) => [g.start, g.end]);
    expect(gapsOf(readable)).toEqual(gapsOf(proportional));
    expect(readable.gaps.length).toBe(readable.pieces.filter((p) => p.kind === 'gap').length);
    const edges = new Set(readable.pieces.map((p) => p.start));
    for (const s of realistic) expect(edges.has(s.start)).toBe(true);
    // Widths follow the weights: within the segments, width / weight is one constant.
    const ratios = readable.pieces.filter((p) => p.kind === 'segment').map((p) => (p.x1 - p.x0) / readableWeight(p.end - p.start));
    for (const r of ratios) expect(r).toBeCloseTo(ratios[0]!, 6);
  });

  it('gives the 4 KiB header page 40% of a GiB\'s width, where to scale it is 1/262,144', () => {
    const readable = buildAxis(realistic, { scale: 'readable' });
    const widthOf = (start: bigint) => {
      const p = readable.pieces.find((q) => q.start === start)!;
      return p.x1 - p.x0;
    };
    expect(widthOf(0x4_8000_0000n) / widthOf(0x4_4000_0000n)).toBeCloseTo(12 / 30, 6);
    // Of a 1,000-unit axis the header page takes over 2% (the smallest piece), VTL2 memory close to 40%.
    expect(widthOf(0x4_8000_0000n)).toBeGreaterThan(20);
    expect(gpaToX(readable, 0x4_8c00_0000n) - gpaToX(readable, 0x4_8000_0000n)).toBeGreaterThan(390);
    const proportional = buildAxis(realistic);
    expect(gpaToX(proportional, 0x4_8000_1000n) - gpaToX(proportional, 0x4_8000_0000n)).toBeLessThan(0.001);
  });
});

describe('edgesOf', () => {
  it('every start and end, sorted, once, whatever order the spans come in', () => {
    fc.assert(
      fc.property(arbSpans, (spans) => {
        const expected = [...new Set(spans.flatMap((s) => [s.start, s.end > s.start ? s.end : s.start + 1n]))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        expect(edgesOf(spans)).toEqual(expected);
        expect(edgesOf([...spans].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0)))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
