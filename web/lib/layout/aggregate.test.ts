import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entriesOfSavedState } from '../model/entries.ts';
import { arbSavedState } from '../testing/arbitraries.ts';
import { syntheticSavedState } from '../testing/syntheticTopology.ts';
import { aggregateItems, mapMarks, splitBudget, type View } from './aggregate.ts';
import { buildLanes, topologyAxis, type Lane, type LaneItem } from './lanes.ts';
import { aggregateKey, levelMarks } from './levels.ts';

const whole = (px: number): View => ({ x0: 0, x1: 1000, pxPerUnit: px / 1000 });
/** One lane through the public mapMarks: a lone lane's budget is the whole total (splitBudget). */
const laneMarks = (lane: Lane, view: View, options: { budget?: number; pinned?: readonly LaneItem[] } = {}) =>
  mapMarks([lane], view, { total: options.budget ?? 800, ...(options.pinned ? { pinned: options.pinned } : {}) })[0]!;
/** Under a budget nothing exceeds, every item reaching into the view is drawn on its own. */
const visibleItems = (lane: Lane, view: View) => mapMarks([lane], view, { total: Number.MAX_SAFE_INTEGER })[0]!.ranges;

describe('laneMarks', () => {
  it('draws every range of a small topology, even the sub-pixel ones', () => {
    const state = entriesOfSavedState(syntheticSavedState({ entries: 40, vnodes: 2 }));
    const lanes = buildLanes(state, topologyAxis(state));
    for (const lane of lanes) {
      const marks = laneMarks(lane, whole(1200));
      expect(marks.aggregates).toEqual([]);
      expect(marks.ranges).toHaveLength(lane.items.length);
    }
  });

  it('merges runs of sub-pixel ranges of 10,000 into few marks, losing none', () => {
    const state = entriesOfSavedState(syntheticSavedState({ entries: 10_000, vnodes: 4 }));
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
        expect(aggregateItems(a).map((i) => i.entry.vtlType.value)).toContain(a.dominantVtlType);
      }
    }
    expect(drawn).toBeLessThan(3000);
  });

  it('keeps pinned items out of aggregates', () => {
    const state = entriesOfSavedState(syntheticSavedState({ entries: 4000, vnodes: 1 }));
    const lane = buildLanes(state, topologyAxis(state))[0]!;
    const target = lane.items[1234]!;
    const marks = laneMarks(lane, whole(800), { pinned: [target] });
    expect(marks.ranges).toContain(target);
    expect(marks.aggregates.some((a) => aggregateItems(a).includes(target))).toBe(false);
    expect(marks.ranges.length + marks.aggregates.reduce((n, a) => n + a.count, 0) + marks.offscreen).toBe(lane.items.length);
  });

  it('gives every aggregate of a frame its own key, a run rebuilt around a pin too', () => {
    const state = entriesOfSavedState(syntheticSavedState({ entries: 4000, vnodes: 1 }));
    const lane = buildLanes(state, topologyAxis(state))[0]!;
    const plain = laneMarks(lane, whole(800));
    const first = plain.aggregates.find((a) => a.i0 === 0)!;
    // A longer run, with pins taken out of it until it holds as many items as the first: rebuilt, it is items 0 to count of a new array.
    const other = plain.aggregates.find((a) => a.count > first.count)!;
    const marks = laneMarks(lane, whole(800), { pinned: aggregateItems(other).slice(first.count) });
    expect(marks.aggregates).toContain(first);
    const keys = marks.aggregates.map(aggregateKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('only returns what is in the window', () => {
    const state = entriesOfSavedState(syntheticSavedState({ entries: 1000, vnodes: 1 }));
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
        const entries = entriesOfSavedState(state);
        const axis = topologyAxis(entries);
        const lanes = buildLanes(entries, axis);
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

describe('a map-wide budget', () => {
  it('splits the total by visible counts, with a floor, never over the total', () => {
    expect(splitBudget([10, 20, 30], 100)).toEqual([10, 20, 30]);
    const budgets = splitBudget([5000, 100, 100, 0, 3], 600, 8);
    expect(budgets.reduce((s, b) => s + b, 0)).toBeLessThanOrEqual(600);
    expect(budgets[3]).toBe(0);
    expect(budgets[4]).toBe(3);
    expect(budgets[1]).toBeGreaterThanOrEqual(8);
    expect(budgets[0]).toBeGreaterThan(budgets[1]! * 10);
    // More lanes than the total: the floor shrinks rather than overspend.
    const tiny = splitBudget(Array.from({ length: 50 }, () => 100), 20, 8);
    expect(tiny.reduce((s, b) => s + b, 0)).toBeLessThanOrEqual(20);
  });

  it('merges 10,000 ranges over 64 lanes into at most budget + pinned marks, losing none', () => {
    const state = entriesOfSavedState(syntheticSavedState({ entries: 10_000, vnodes: 64 }));
    const lanes = buildLanes(state, topologyAxis(state));
    expect(lanes).toHaveLength(65);
    const pins = new Set([lanes[3]!.items[7]!, lanes[40]!.items[100]!, lanes[64]!.items[0]!]);
    for (const view of [whole(1200), { x0: 300, x1: 420, pxPerUnit: 10 }]) {
      const marks = mapMarks(lanes, view, { total: 1000, pinned: [...pins] });
      let drawn = 0;
      let counted = 0;
      marks.forEach((m, i) => {
        counted += m.ranges.length + m.aggregates.reduce((s, a) => s + a.count, 0) + m.offscreen;
        drawn += m.ranges.length + m.aggregates.length;
        expect(m.aggregates.some((a) => aggregateItems(a).some((item) => pins.has(item)))).toBe(false);
        for (const pin of pins) if (lanes[i]!.items.includes(pin) && pin.x1 >= view.x0 && pin.x0 <= view.x1) expect(m.ranges).toContain(pin);
      });
      expect(counted).toBe(state.length);
      expect(drawn).toBeLessThanOrEqual(1000 + pins.size);
    }
    // The whole-map view merges: far fewer marks than entries.
    const all = mapMarks(lanes, whole(1200), { total: 1000 });
    expect(all.reduce((s, m) => s + m.aggregates.length, 0)).toBeGreaterThan(0);
  });

  it('draws every range when the whole map fits the budget', () => {
    const state = entriesOfSavedState(syntheticSavedState({ entries: 300, vnodes: 64 }));
    const lanes = buildLanes(state, topologyAxis(state));
    const marks = mapMarks(lanes, whole(1200), { total: 1000 });
    marks.forEach((m, i) => {
      expect(m.aggregates).toEqual([]);
      expect(m.ranges).toHaveLength(lanes[i]!.items.length);
    });
  });

  it('property: a lane never draws more than its budget + pinned items', () => {
    fc.assert(
      fc.property(arbSavedState, fc.double({ min: 0, max: 1000, noNaN: true }), fc.double({ min: 0, max: 1000, noNaN: true }), fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 6 }), (state, a, b, zoom, budget) => {
        const entries = entriesOfSavedState(state);
        const lanes = buildLanes(entries, topologyAxis(entries));
        const view: View = { x0: Math.min(a, b), x1: Math.max(a, b), pxPerUnit: 1.2 * zoom };
        for (const lane of lanes) {
          const pinned = lane.items.filter((i) => i.entry.ref.index % 5 === 0);
          const m = laneMarks(lane, view, { budget, pinned });
          const pins = m.ranges.filter((r) => pinned.includes(r)).length;
          expect(m.ranges.length + m.aggregates.length).toBeLessThanOrEqual(budget + pins);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('levels', () => {
  it('keeps the levels in use, and forgets the rest (a lane of 100,000 ranges does not keep one copy per level ever visited)', () => {
    const state = entriesOfSavedState(syntheticSavedState({ entries: 2000, vnodes: 1 }));
    const lane = buildLanes(state, topologyAxis(state))[0]!;
    const used = levelMarks(lane, -8);
    // A zoom moves through neighbouring levels and comes back: the level is still there.
    for (let level = -7; level <= -4; level++) levelMarks(lane, level);
    expect(levelMarks(lane, -8)).toBe(used);
    // Forty other levels later it is built again.
    for (let level = -40; level < 0; level++) if (level !== -8) levelMarks(lane, level);
    expect(levelMarks(lane, -8)).not.toBe(used);
    expect(levelMarks(lane, -8).marks.length).toBe(used.marks.length);
  });
});
