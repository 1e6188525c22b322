// What one lane draws for a zoom: only the marks in the visible window and,
// when there are more visible items than the lane's share of the mark budget,
// runs of consecutive sub-pixel items merged into aggregate marks coloured by
// their dominant VTL type. Nothing is lost: drawn + aggregated + not drawn = all.
//
// The merge is cached per lane and per level (levels.ts): a level merges the
// whole lane once at one resolution (items narrower than 2^level virtual units),
// and a frame only binary-searches the visible slice of the level it needs. So a
// zoom frame costs O(lanes · log n + marks drawn), not a walk over every visible
// range, and merged runs stay put while the map pans.
import { aggregateOf, isAggregate, levelFor, levelMarks, visibleRange, type Aggregate, type LaneMark } from './levels.ts';
import { indexOfItem, type Lane, type LaneItem } from './lanes.ts';

export { aggregateItems, type Aggregate } from './levels.ts';

export interface View {
  /** Visible window in virtual x. */
  x0: number;
  x1: number;
  /** Pixels per virtual unit. */
  pxPerUnit: number;
}

export interface LaneMarks {
  ranges: LaneItem[];
  aggregates: Aggregate[];
  /** Items neither drawn nor in a drawn aggregate (outside the window). */
  offscreen: number;
  /** Which marks these are (the level and the slice of it): equal from frame to frame when the marks are the same. */
  sig: string;
}

export interface MarkOptions {
  /**
   * Up to this many visible items a lane draws every one; beyond it, sub-pixel runs
   * merge, coarser and coarser until at most `budget` marks (plus the pinned items) remain.
   */
  budget?: number;
  /** Items narrower than this many pixels are sub-pixel. */
  minPx?: number;
  /** Items always drawn on their own (the selection, the persisted-state entries); any lane's. */
  pinned?: readonly LaneItem[];
}

/** The items of [first, end) that reach into the view (a few at its start may end left of it). */
function itemsIn(lane: Lane, first: number, end: number, view: View): LaneItem[] {
  const out: LaneItem[] = [];
  for (let i = first; i < end; i++) {
    const item = lane.items[i]!;
    if (item.x1 >= view.x0) out.push(item);
  }
  return out;
}

export interface MapMarkOptions extends Omit<MarkOptions, 'budget'> {
  /** Marks the whole map may draw (the pinned items come on top). */
  total: number;
  /** Each crowded lane may draw at least this many (when the total allows). */
  floor?: number;
}

/**
 * Splits a map-wide mark budget between lanes: a lane gets a floor plus a share of
 * the rest proportional to its visible items, never more than it has. When all the
 * visible items fit in the total, every lane gets all of its own (nothing merges).
 * The budgets never add up to more than `total`.
 */
export function splitBudget(visibleCounts: readonly number[], total: number, floor = 8): number[] {
  const sum = visibleCounts.reduce((s, n) => s + n, 0);
  if (sum <= total) return [...visibleCounts];
  const crowded = visibleCounts.filter((n) => n > 0).length;
  const base = Math.min(floor, Math.floor(total / Math.max(1, crowded)));
  const rest = total - base * crowded;
  return visibleCounts.map((n) => (n === 0 ? 0 : Math.min(n, base + Math.floor((rest * n) / sum))));
}

/** Every lane's marks for one view, under one map-wide budget (see splitBudget). */
export function mapMarks(lanes: readonly Lane[], view: View, options: MapMarkOptions): LaneMarks[] {
  // Counted by binary search: an upper bound (an item may end left of the view), in O(log n).
  const spans = lanes.map((lane) => visibleRange(lane.items, lane.maxX1, view));
  const budgets = splitBudget(spans.map(([first, end]) => end - first), options.total, options.floor);
  return lanes.map((lane, i) => marksOf(lane, spans[i]!, view, { ...options, budget: budgets[i]! }));
}

/** The lane's marks, from the index range of its items that may be visible (`visibleRange`). */
function marksOf(lane: Lane, [first, end]: [number, number], view: View, options: MarkOptions): LaneMarks {
  const budget = Math.max(0, options.budget ?? 800);
  if (end - first <= budget) {
    const ranges = itemsIn(lane, first, end, view);
    return { ranges, aggregates: [], offscreen: lane.items.length - ranges.length, sig: `items ${first}-${end}:${ranges.length}` };
  }
  // The finest level that merges what is under a pixel, or under the lane's even share of the span.
  const minPx = Math.max(1e-6, options.minPx ?? 1);
  const spanPx = (Math.min(lane.items[end - 1]!.x1, view.x1) - Math.max(lane.items[first]!.x0, view.x0)) * view.pxPerUnit;
  const evenPx = budget > 0 ? spanPx / budget : 0;
  let level = levelFor(Math.max(minPx, evenPx) / view.pxPerUnit);
  // Coarsen until the marks fit. This ends: a level wider than the whole lane is one mark.
  const coarsest = levelFor(Math.max(1e-9, lane.maxX1[lane.items.length - 1]! - lane.items[0]!.x0)) + 2;
  let marks = levelMarks(lane, level);
  let [m0, m1] = visibleRange(marks.marks, marks.maxX1, view);
  while (m1 - m0 > budget && level < coarsest) {
    marks = levelMarks(lane, ++level);
    [m0, m1] = visibleRange(marks.marks, marks.maxX1, view);
  }
  const drawn = marks.marks.slice(m0, m1).filter((m) => m.x1 >= view.x0);
  return { ...withPins(lane, drawn, view, options.pinned ?? []), sig: `level ${level} ${m0}-${m1}:${drawn.length}` };
}

/**
 * The pinned items are drawn on their own: one that a drawn aggregate merged is
 * taken out of it (the aggregate keeps the rest, so a pin adds no mark beyond itself).
 */
function withPins(lane: Lane, marks: LaneMark[], view: View, pinned: readonly LaneItem[]): Omit<LaneMarks, 'sig'> {
  const ranges: LaneItem[] = [];
  const aggregates: Aggregate[] = [];
  // This lane's visible pins, with their index among its items.
  const pins = new Map<LaneItem, number>();
  for (const p of pinned) {
    if (p.x1 < view.x0 || p.x0 > view.x1) continue;
    const at = indexOfItem(lane, p.x0, (item) => item === p);
    if (at >= 0) pins.set(p, at);
  }
  for (const m of marks) {
    if (!isAggregate(m)) {
      if (!pins.has(m)) ranges.push(m);
      continue;
    }
    let holdsPin = false;
    for (const at of pins.values()) if (at >= m.i0 && at < m.i1) holdsPin = true;
    if (!holdsPin) aggregates.push(m);
    else {
      const rest = m.from.slice(m.i0, m.i1).filter((item) => !pins.has(item));
      if (rest.length === 1) ranges.push(rest[0]!);
      else if (rest.length > 1) aggregates.push(aggregateOf(rest, 0, rest.length));
    }
  }
  for (const p of pins.keys()) ranges.push(p);
  let counted = ranges.length;
  for (const a of aggregates) counted += a.count;
  return { ranges, aggregates, offscreen: lane.items.length - counted };
}

