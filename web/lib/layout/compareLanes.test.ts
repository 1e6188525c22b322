import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changeRows } from '../analysis/compare/changeRows.ts';
import { compareTopologies } from '../analysis/compare/index.ts';
import { entriesOfSavedState } from '../model/entries.ts';
import type { SavedState } from '../model/savedState.ts';
import { arbTopologyPair } from '../testing/arbitraries.ts';
import { savedStateDoc } from '../testing/savedStateDoc.ts';
import { gpaToX } from './axis.ts';
import { changeMarks, compareLayout } from './compareLanes.ts';

const GiB = 1n << 30n;

function state(memory: [bigint, bigint, number, number][]): SavedState {
  return {
    partition_memory: memory.map(([start, end, vtl, vnode]) => ({ range: { start, end }, vnode, vtl_type: { value: vtl, name: null }, igvm_type: { value: 0, name: 'MEMORY' } })),
    partition_mmio: [{ range: { start: 60n * GiB, end: 64n * GiB }, vtl_type: { value: 5, name: 'VTL0_MMIO' } }],
    cpus_with_mapped_interrupts_no_io: [],
    cpus_with_outstanding_io: [],
  };
}

describe('compareLayout', () => {
  it('pairs lanes by vnode, MMIO last, with a side missing as null', () => {
    const a = entriesOfSavedState(state([[0n, 2n * GiB, 0, 0], [2n * GiB, 4n * GiB, 0, 2]]));
    const b = entriesOfSavedState(state([[0n, 2n * GiB, 0, 0], [4n * GiB, 5n * GiB, 1, 1]]));
    const { pairs } = compareLayout(a, b);
    expect(pairs.map((p) => [p.id, p.a !== null, p.b !== null])).toEqual([
      ['vnode-0', true, true],
      ['vnode-1', false, true],
      ['vnode-2', true, false],
      ['mmio', true, true],
    ]);
  });
});

describe('changeMarks', () => {
  it('a change running past the window is cut at its edge', () => {
    const a = savedStateDoc(state([[0n, 8n * GiB, 0, 0]]));
    const b = savedStateDoc(state([[0n, 8n * GiB, 1, 0]]));
    const rows = changeRows(compareTopologies(a, b));
    const { axis } = compareLayout(a.entries, b.entries);
    const [x0, x1] = [gpaToX(axis, 2n * GiB), gpaToX(axis, 3n * GiB)];
    const marks = changeMarks(rows, axis, { x0, x1, pxPerUnit: 800 / (x1 - x0) });
    expect(marks).toHaveLength(1);
    expect(marks[0]!.left).toBe(0);
    expect(marks[0]!.width).toBeCloseTo(800, 6);
  });

  it('a one-page change in 64 GiB is a mark of at least 3 px in the whole-space view', () => {
    const a = savedStateDoc(state([[0n, 8n * GiB, 0, 0]]));
    const b = savedStateDoc(state([[0n, 4n * GiB, 0, 0], [4n * GiB, 4n * GiB + 0x1000n, 1, 0], [4n * GiB + 0x1000n, 8n * GiB, 0, 0]]));
    const rows = changeRows(compareTopologies(a, b));
    expect(rows.map((r) => [r.kind, r.end - r.start])).toEqual([['retyped', 0x1000n]]);
    const { axis } = compareLayout(a.entries, b.entries);
    const marks = changeMarks(rows, axis, { x0: 0, x1: axis.width, pxPerUnit: 1200 / axis.width });
    expect(marks).toHaveLength(1);
    expect(marks[0]!.width).toBeGreaterThanOrEqual(3);
    expect(marks[0]!.left).toBeGreaterThan(0);
    expect(marks[0]!.left).toBeLessThan(1200);
  });

  it('every row in the window is in exactly one mark, marks do not touch, none thinner than minPx, all inside the plot (property)', () => {
    fc.assert(
      fc.property(arbTopologyPair, fc.double({ min: 0, max: 0.9, noNaN: true }), fc.double({ min: 0.05, max: 1, noNaN: true }), fc.integer({ min: 100, max: 3000 }), ([sa, sb], from, span, px) => {
        const [a, b] = [savedStateDoc(sa), savedStateDoc(sb)];
        const rows = changeRows(compareTopologies(a, b));
        const { axis } = compareLayout(a.entries, b.entries);
        const x0 = from * axis.width;
        const x1 = Math.min(axis.width, x0 + span * axis.width);
        const view = { x0, x1, pxPerUnit: px / (x1 - x0) };
        const marks = changeMarks(rows, axis, view);
        const ids = marks.flatMap((m) => m.rows.map((r) => r.id));
        expect(new Set(ids).size).toBe(ids.length);
        // In view: overlapping the window (touching its edge is not enough), or a point inside it.
        const inView = rows.filter((r) => {
          const [rx0, rx1] = [gpaToX(axis, r.start), gpaToX(axis, r.end)];
          return rx1 > rx0 ? rx1 > x0 && rx0 < x1 : rx0 >= x0 && rx0 <= x1;
        });
        expect(new Set(ids)).toEqual(new Set(inView.map((r) => r.id)));
        for (let i = 0; i < marks.length; i++) {
          expect(marks[i]!.width).toBeGreaterThanOrEqual(3 - 1e-9);
          // Inside the plot: never over the lane labels left of it.
          expect(marks[i]!.left).toBeGreaterThanOrEqual(0);
          expect(marks[i]!.left + marks[i]!.width).toBeLessThanOrEqual(px + 1e-6);
          if (i > 0) expect(marks[i]!.left).toBeGreaterThan(marks[i - 1]!.left + marks[i - 1]!.width);
        }
      }),
      { numRuns: 300 },
    );
  });
});
