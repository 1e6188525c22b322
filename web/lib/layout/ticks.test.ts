import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildAxis, gpaToX } from './axis.ts';
import { hexTicks, labelBox } from './ticks.ts';

const GiB = 1n << 30n;

describe('hexTicks', () => {
  it('puts power-of-two hex ticks on the RAM and MMIO segments', () => {
    const axis = buildAxis([{ start: 0n, end: 18n * GiB }, { start: 63n * GiB, end: 64n * GiB }]);
    const ticks = hexTicks(axis, { x0: 0, x1: 1000, pxPerUnit: 1.2 });
    expect(ticks.length).toBeGreaterThan(3);
    expect(ticks[0]!.label).toBe('0x0');
    for (const t of ticks) {
      expect(t.gpa % (1n << 30n)).toBe(0n);
      expect(t.x).toBeCloseTo(gpaToX(axis, t.gpa));
    }
    expect(ticks.map((t) => t.label)).toContain('0x4_0000_0000');
  });

  it('labels a single page at full zoom with byte-level steps', () => {
    const base = 0x4_7fff_f000n;
    const axis = buildAxis([{ start: base, end: base + 0x1000n }]);
    const ticks = hexTicks(axis, { x0: 0, x1: 1000, pxPerUnit: 1.2 });
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    expect(ticks.every((t) => t.gpa >= base && t.gpa <= base + 0x1000n)).toBe(true);
  });

  it('property: labels never overlap and ticks are within the window and sorted', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), fc.bigInt({ min: 1n, max: 1n << 44n })), { minLength: 1, maxLength: 12 }),
        fc.double({ min: 0, max: 999, noNaN: true }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (ranges, x0, zoom) => {
          const axis = buildAxis(ranges.map(([s, l]) => ({ start: s, end: s + l })));
          const width = 1000 / zoom;
          const view = { x0, x1: Math.min(1000, x0 + width), pxPerUnit: 1.2 * zoom };
          const ticks = hexTicks(axis, view);
          const widthPx = (view.x1 - view.x0) * view.pxPerUnit;
          for (let i = 1; i < ticks.length; i++) {
            const a = labelBox(ticks[i - 1]!, view, widthPx, 6.6);
            const b = labelBox(ticks[i]!, view, widthPx, 6.6);
            expect(b.left - a.right).toBeGreaterThanOrEqual(12 - 1e-6);
            expect(ticks[i]!.x).toBeGreaterThanOrEqual(ticks[i - 1]!.x);
          }
          for (const t of ticks) expect(t.x >= view.x0 - 1e-9 && t.x <= view.x1 + 1e-9).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('tick labels beside a collapsed gap', () => {
  it('slide away from the gap instead of running into it', () => {
    // RAM up to 18 GiB (0x4_8000_0000), a collapsed hole, MMIO at 63 GiB.
    const axis = buildAxis([{ start: 0n, end: 18n * GiB }, { start: 63n * GiB, end: 64n * GiB }]);
    const gap = axis.gaps[0]!;
    for (const view of [{ x0: 0, x1: 1000, pxPerUnit: 1.2 }, { x0: 850, x1: 1000, pxPerUnit: 8 }]) {
      const ticks = hexTicks(axis, view);
      const widthPx = (view.x1 - view.x0) * view.pxPerUnit;
      for (const t of ticks) {
        const box = labelBox(t, view, widthPx, 6.6);
        const inGap = box.right > (gap.x0 - view.x0) * view.pxPerUnit + 1e-6 && box.left < (gap.x1 - view.x0) * view.pxPerUnit - 1e-6;
        expect(inGap).toBe(false);
      }
      if (view.x0 === 850) {
        // The tick at the gap's edge is kept, its label ending where the gap begins.
        const edge = ticks.find((t) => t.label === '0x4_8000_0000')!;
        expect(labelBox(edge, view, widthPx, 6.6).right).toBeCloseTo((gap.x0 - view.x0) * view.pxPerUnit);
      }
    }
  });
});
