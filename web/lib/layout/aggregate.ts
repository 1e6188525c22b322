// What one lane draws for a zoom: only the items in the visible window, and,
// when there are more of them than the renderer should draw one by one, runs of
// consecutive sub-pixel items merged into aggregate marks coloured by their
// dominant VTL type. Nothing is lost: drawn + aggregated + off-screen = all.
import type { Lane, LaneItem } from './lanes.ts';

export interface View {
  /** Visible window in virtual x. */
  x0: number;
  x1: number;
  /** Pixels per virtual unit. */
  pxPerUnit: number;
}

export interface Aggregate {
  x0: number;
  x1: number;
  start: bigint;
  end: bigint;
  count: number;
  /** VTL type covering the most of the aggregate (ties: the first met). */
  dominantVtlType: number;
  items: LaneItem[];
}

export interface LaneMarks {
  ranges: LaneItem[];
  aggregates: Aggregate[];
  /** Items outside the window. */
  offscreen: number;
}

export interface MarkOptions {
  /**
   * Up to this many visible items a lane draws every one; beyond it, sub-pixel runs merge,
   * and if that is not enough the merge threshold widens until at most `budget` marks
   * (plus the pinned items) remain.
   */
  budget?: number;
  /** Items narrower than this many pixels are sub-pixel. */
  minPx?: number;
  /** An aggregate closes once it spans this many pixels. */
  bucketPx?: number;
  /** Items always drawn on their own (the selection, the persisted-state entries). */
  pinned?: (item: LaneItem) => boolean;
}

/** Index of the first item whose right edge reaches x (items before it end left of x). */
function firstReaching(lane: Lane, x: number): number {
  let lo = 0;
  let hi = lane.items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lane.maxX1[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function visibleItems(lane: Lane, view: View): LaneItem[] {
  const out: LaneItem[] = [];
  for (let i = firstReaching(lane, view.x0); i < lane.items.length; i++) {
    const item = lane.items[i]!;
    if (item.x0 > view.x1) break;
    if (item.x1 >= view.x0) out.push(item);
  }
  return out;
}

export function laneMarks(lane: Lane, view: View, options: MarkOptions = {}): LaneMarks {
  return marksOf(visibleItems(lane, view), lane.items.length, view, options);
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
  const visible = lanes.map((lane) => visibleItems(lane, view));
  const budgets = splitBudget(
    visible.map((v) => v.length),
    options.total,
    options.floor,
  );
  return lanes.map((lane, i) => marksOf(visible[i]!, lane.items.length, view, { ...options, budget: budgets[i]! }));
}

function marksOf(visible: LaneItem[], laneSize: number, view: View, options: MarkOptions): LaneMarks {
  const offscreen = laneSize - visible.length;
  const budget = Math.max(0, options.budget ?? 800);
  if (visible.length <= budget) return { ranges: visible, aggregates: [], offscreen };
  const pinned = options.pinned ?? (() => false);
  let minPx = Math.max(1e-6, options.minPx ?? 1);
  let bucketPx = Math.max(minPx, options.bucketPx ?? 2);
  let lo = Infinity;
  let hi = -Infinity;
  for (const item of visible) {
    lo = Math.min(lo, item.x0);
    hi = Math.max(hi, item.x1);
  }
  // Start from the width each mark may take if the budget shared the visible span evenly.
  const even = budget > 0 ? ((Math.min(hi, view.x1) - Math.max(lo, view.x0)) * view.pxPerUnit) / budget : 0;
  if (even > minPx) {
    bucketPx *= even / minPx;
    minPx = even;
  }
  // Coarsen until the marks fit. This ends: once minPx exceeds the whole extent,
  // every unpinned item is narrower and they all fall into one aggregate.
  const extentPx = (hi - lo) * view.pxPerUnit;
  for (;;) {
    const marks = mergeRuns(visible, view, minPx, bucketPx, pinned);
    const drawn = marks.ranges.length + marks.aggregates.length;
    if (drawn <= budget + countPinned(marks.ranges, pinned) || minPx > extentPx) return { ...marks, offscreen };
    minPx *= 2;
    bucketPx *= 2;
  }
}

function countPinned(ranges: LaneItem[], pinned: (item: LaneItem) => boolean): number {
  let n = 0;
  for (const item of ranges) if (pinned(item)) n++;
  return n;
}

function mergeRuns(visible: LaneItem[], view: View, minPx: number, bucketPx: number, pinned: (item: LaneItem) => boolean): Omit<LaneMarks, 'offscreen'> {
  const ranges: LaneItem[] = [];
  const aggregates: Aggregate[] = [];
  let bucket: LaneItem[] = [];
  const flush = () => {
    if (bucket.length === 1) ranges.push(bucket[0]!);
    else if (bucket.length > 1) aggregates.push(aggregateOf(bucket));
    bucket = [];
  };
  for (const item of visible) {
    // A pinned item is drawn on its own, over any aggregate that spans it: it does
    // not split a run, so pins never add marks beyond themselves.
    if (pinned(item)) {
      ranges.push(item);
      continue;
    }
    const px = (item.x1 - item.x0) * view.pxPerUnit;
    if (px >= minPx) {
      flush();
      ranges.push(item);
      continue;
    }
    if (bucket.length > 0 && (item.x1 - bucket[0]!.x0) * view.pxPerUnit > bucketPx) flush();
    bucket.push(item);
  }
  flush();
  return { ranges, aggregates };
}

function aggregateOf(items: LaneItem[]): Aggregate {
  const weight = new Map<number, number>();
  let x0 = Infinity;
  let x1 = -Infinity;
  let start = items[0]!.entry.start;
  let end = items[0]!.entry.end;
  for (const item of items) {
    const { entry } = item;
    // Sub-pixel items have next to no width: weigh by bytes (as a float; only a vote).
    const bytes = entry.end > entry.start ? Number(entry.end - entry.start) : 0;
    weight.set(entry.vtlType.value, (weight.get(entry.vtlType.value) ?? 0) + bytes + 1e-9);
    x0 = Math.min(x0, item.x0);
    x1 = Math.max(x1, item.x1);
    if (entry.start < start) start = entry.start;
    if (entry.end > end) end = entry.end;
  }
  let dominantVtlType = items[0]!.entry.vtlType.value;
  let best = -1;
  for (const [type, w] of weight) {
    if (w > best) {
      best = w;
      dominantVtlType = type;
    }
  }
  return { x0, x1, start, end, count: items.length, dominantVtlType, items };
}
