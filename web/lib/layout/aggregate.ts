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
  /** Up to this many visible items a lane draws every one; beyond it, sub-pixel items merge. */
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
  const visible = visibleItems(lane, view);
  const offscreen = lane.items.length - visible.length;
  if (visible.length <= (options.budget ?? 800)) return { ranges: visible, aggregates: [], offscreen };
  const minPx = options.minPx ?? 1;
  const bucketPx = options.bucketPx ?? 2;
  const pinned = options.pinned ?? (() => false);
  const ranges: LaneItem[] = [];
  const aggregates: Aggregate[] = [];
  let bucket: LaneItem[] = [];
  const flush = () => {
    if (bucket.length === 1) ranges.push(bucket[0]!);
    else if (bucket.length > 1) aggregates.push(aggregateOf(bucket));
    bucket = [];
  };
  for (const item of visible) {
    const px = (item.x1 - item.x0) * view.pxPerUnit;
    if (px >= minPx || pinned(item)) {
      flush();
      ranges.push(item);
      continue;
    }
    if (bucket.length > 0 && (item.x1 - bucket[0]!.x0) * view.pxPerUnit > bucketPx) flush();
    bucket.push(item);
  }
  flush();
  return { ranges, aggregates, offscreen };
}

function aggregateOf(items: LaneItem[]): Aggregate {
  const weight = new Map<number, number>();
  let x0 = Infinity;
  let x1 = -Infinity;
  let start = items[0]!.start;
  let end = items[0]!.end;
  for (const item of items) {
    // Sub-pixel items have next to no width: weigh by bytes (as a float; only a vote).
    const bytes = item.end > item.start ? Number(item.end - item.start) : 0;
    weight.set(item.vtlType, (weight.get(item.vtlType) ?? 0) + bytes + 1e-9);
    x0 = Math.min(x0, item.x0);
    x1 = Math.max(x1, item.x1);
    if (item.start < start) start = item.start;
    if (item.end > end) end = item.end;
  }
  let dominantVtlType = items[0]!.vtlType;
  let best = -1;
  for (const [type, w] of weight) {
    if (w > best) {
      best = w;
      dominantVtlType = type;
    }
  }
  return { x0, x1, start, end, count: items.length, dominantVtlType, items };
}
