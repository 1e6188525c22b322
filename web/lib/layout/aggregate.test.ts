import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbSavedState } from '../testing/arbitraries.ts';
import { syntheticSavedState } from '../testing/syntheticTopology.ts';
import { laneMarks, visibleItems, type View } from './aggregate.ts';
import { buildLanes, topologyAxis } from './lanes.ts';

const whole = (px: number): View => ({ x0: 0, x1: 1000, pxPerUnit: px / 1000 });

describe('laneMarks', () => {
  it('draws every range of a small topology, even the sub-pixel ones', () => {
    const state = syntheticSavedState({ entries: 40, vnodes: 2 });
    const lanes = buildLanes(state, topologyAxis(state));
    for (const lane of lanes) {
      const marks = laneMarks(lane, whole(1200));
      expect(marks.aggregates).toEqual([]);
      expect(marks.ranges).toHaveLength(lane.items.length);
    }
  });

  it('merges runs of sub-pixel ranges of 10,000 into few marks, losing none', () => {
    const state = syntheticSavedState({ entries: 10_000, vnodes: 4 });
    const lanes = buildLanes(state, topologyAxis(state));
    expect(lanes.map((l) => l.label)).toEqual(['vnode 0', 'vnode 1', 'vnode 2', 'vnode 3', 'MMIO']);
    let drawn = 0;
    for (const lane of lanes) {
      const marks = laneMarks(lane, whole(1200));
      const counted = marks.ranges.length + marks.aggregates.reduce((s, a) => s + a.count, 0) + marks.offscreen;
      expect(counted).toBe(lane.items.length);
      drawn += marks.ranges.length + marks.aggregates.length;
      for (const a of marks.aggregates) {
        expect(a.count).toBeGreaterThan(1);
        expect(a.items.map((i) => i.vtlType)).toContain(a.dominantVtlType);
      }
    }
    expect(drawn).toBeLessThan(3000);
  });

  it('keeps pinned items out of aggregates', () => {
    const state = syntheticSavedState({ entries: 4000, vnodes: 1 });
    const lane = buildLanes(state, topologyAxis(state))[0]!;
    const target = lane.items[1234]!;
    const marks = laneMarks(lane, whole(800), { pinned: (i) => i === target });
    expect(marks.ranges).toContain(target);
    expect(marks.aggregates.some((a) => a.items.includes(target))).toBe(false);
  });

  it('only returns what is in the window', () => {
    const state = syntheticSavedState({ entries: 1000, vnodes: 1 });
    const lane = buildLanes(state, topologyAxis(state))[0]!;
    const at = lane.items[500]!.x0;
    const view: View = { x0: at - 5, x1: at + 5, pxPerUnit: 100 };
    const visible = visibleItems(lane, view);
    expect(visible.length).toBeGreaterThan(0);
    expect(visible.length).toBeLessThan(lane.items.length);
    for (const item of visible) expect(item.x1 >= view.x0 && item.x0 <= view.x1).toBe(true);
    const outside = lane.items.filter((i) => !visible.includes(i));
    for (const item of outside) expect(item.x1 < view.x0 || item.x0 > view.x1).toBe(true);
  });

  it('property: drawn + aggregated + off-screen = every entry, for any topology and window', () => {
    fc.assert(
      fc.property(arbSavedState, fc.double({ min: 0, max: 1000, noNaN: true }), fc.double({ min: 0, max: 1000, noNaN: true }), fc.integer({ min: 1, max: 1e6 }), fc.nat({ max: 5 }), (state, a, b, zoom, budget) => {
        const axis = topologyAxis(state);
        const lanes = buildLanes(state, axis);
        const view: View = { x0: Math.min(a, b), x1: Math.max(a, b), pxPerUnit: (1.2 * zoom) };
        let total = 0;
        for (const lane of lanes) {
          const m = laneMarks(lane, view, { budget });
          total += m.ranges.length + m.aggregates.reduce((s, x) => s + x.count, 0) + m.offscreen;
          expect(new Set(m.ranges).size).toBe(m.ranges.length);
        }
        expect(total).toBe(state.partition_memory.length + state.partition_mmio.length);
      }),
      { numRuns: 300 },
    );
  });
});
