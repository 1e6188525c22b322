// One lane merged at one resolution, cached: the levels aggregate.ts draws from.
// Level L merges the lane's items narrower than 2^L virtual units into runs,
// each run closing once it spans 2^(L+1) units (about 1 and 2 pixels at the zoom
// that asks for L). A level is built once per lane, over the whole lane, the first
// time a zoom needs it (O(items)); a level that merges nothing is the lane itself.
import { refKey } from '../model/entries.ts';
import type { Lane, LaneItem } from './lanes.ts';

export interface Aggregate {
  x0: number;
  x1: number;
  start: bigint;
  end: bigint;
  count: number;
  /** VTL type covering the most of the aggregate (ties: the first met). */
  dominantVtlType: number;
  /** The items merged: `from[i0]` up to `from[i1 - 1]` (consecutive items of one lane). */
  from: readonly LaneItem[];
  i0: number;
  i1: number;
}

/** A drawn mark of a level: an item on its own, or a merged run. */
export type LaneMark = LaneItem | Aggregate;

export interface Level {
  /** Sorted by x0 (the items' order). */
  marks: readonly LaneMark[];
  /** `maxX1[i]` = max of marks[0..i].x1, for finding the first visible mark. */
  maxX1: ArrayLike<number>;
}

export function isAggregate(mark: LaneMark): mark is Aggregate {
  return 'i0' in mark;
}

/**
 * What a drawn aggregate is keyed by from frame to frame: its first item and count (not i0:i1,
 * which index `from`, and a run rebuilt around a pin has a `from` of its own).
 */
export function aggregateKey(a: Aggregate): string {
  return `${refKey(a.from[a.i0]!.entry.ref)}+${a.count}`;
}

export function aggregateItems(a: Aggregate): LaneItem[] {
  return a.from.slice(a.i0, a.i1);
}

/** The level whose threshold 2^L is the largest at or under `units` (so what merges is at most that narrow). */
export function levelFor(units: number): number {
  return Math.floor(Math.log2(units));
}

/** Levels kept per lane, the most recently used: a zoom moves through neighbouring levels, and each is O(items). */
const LEVELS_KEPT = 6;
const cache = new WeakMap<Lane, Map<number, Level>>();

/** The lane merged at `level` (built on first use, then cached with the lane while in use). */
export function levelMarks(lane: Lane, level: number): Level {
  let levels = cache.get(lane);
  if (!levels) cache.set(lane, (levels = new Map()));
  let built = levels.get(level);
  // A Map iterates in insertion order: re-inserted on use, the first key is the least recently used.
  if (built) levels.delete(level);
  else {
    built = buildLevel(lane, 2 ** level, 2 ** (level + 1));
    if (levels.size >= LEVELS_KEPT) levels.delete(levels.keys().next().value!);
  }
  levels.set(level, built);
  return built;
}

/**
 * The index range of marks (sorted by x0, `maxX1` their running maximum of x1: a level's, or a
 * lane's items) that may be visible in [view.x0, view.x1]: a few at its start may end left of it.
 */
export function visibleRange(marks: readonly { x0: number }[], maxX1: ArrayLike<number>, view: { x0: number; x1: number }): [number, number] {
  let lo = 0;
  let hi = marks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (maxX1[mid]! < view.x0) lo = mid + 1;
    else hi = mid;
  }
  const first = lo;
  hi = marks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (marks[mid]!.x0 <= view.x1) lo = mid + 1;
    else hi = mid;
  }
  return [first, lo];
}

function buildLevel(lane: Lane, minUnits: number, bucketUnits: number): Level {
  const { items } = lane;
  const marks: LaneMark[] = [];
  let merged = false;
  let b0 = -1; // first item of the open run, or -1
  const flush = (end: number) => {
    if (b0 < 0) return;
    if (end - b0 === 1) marks.push(items[b0]!);
    else {
      marks.push(aggregateOf(items, b0, end));
      merged = true;
    }
    b0 = -1;
  };
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item.x1 - item.x0 >= minUnits) {
      flush(i);
      marks.push(item);
      continue;
    }
    if (b0 >= 0 && item.x1 - items[b0]!.x0 > bucketUnits) flush(i);
    if (b0 < 0) b0 = i;
  }
  flush(items.length);
  if (!merged) return { marks: items, maxX1: lane.maxX1 };
  const maxX1 = new Float64Array(marks.length);
  let max = -Infinity;
  marks.forEach((m, i) => (maxX1[i] = max = Math.max(max, m.x1)));
  return { marks, maxX1 };
}

/** Per-type byte weights for the dominant type (small known values in an array, the rest in a map). */
const knownWeight = new Float64Array(16);

/** The aggregate of `from[i0..i1)`. */
export function aggregateOf(from: readonly LaneItem[], i0: number, i1: number): Aggregate {
  let x0 = Infinity;
  let x1 = -Infinity;
  let start = from[i0]!.entry.start;
  let end = from[i0]!.entry.end;
  let other: Map<number, number> | null = null;
  // Types in the order first met, so a tie goes to the first.
  const met: number[] = [];
  for (let i = i0; i < i1; i++) {
    const item = from[i]!;
    const { entry } = item;
    // Sub-pixel items have next to no width: weigh by bytes (as a float; only a vote).
    const bytes = (entry.end > entry.start ? Number(entry.end - entry.start) : 0) + 1e-9;
    const type = entry.vtlType.value;
    if (type < knownWeight.length) {
      if (knownWeight[type] === 0) met.push(type);
      knownWeight[type]! += bytes;
    } else {
      other ??= new Map();
      const w = other.get(type);
      if (w === undefined) met.push(type);
      other.set(type, (w ?? 0) + bytes);
    }
    if (item.x0 < x0) x0 = item.x0;
    if (item.x1 > x1) x1 = item.x1;
    if (entry.start < start) start = entry.start;
    if (entry.end > end) end = entry.end;
  }
  let dominantVtlType = met[0]!;
  let best = -1;
  for (const type of met) {
    const w = type < knownWeight.length ? knownWeight[type]! : other!.get(type)!;
    if (w > best) {
      best = w;
      dominantVtlType = type;
    }
    if (type < knownWeight.length) knownWeight[type] = 0;
  }
  return { x0, x1, start, end, count: i1 - i0, dominantVtlType, from, i0, i1 };
}
