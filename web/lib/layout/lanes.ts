// Lanes of the map: one per NUMA vnode that has memory, then one for MMIO (VTL0
// and VTL2). Each lane holds its entries placed on the compressed axis, sorted
// by x, with a running maximum of right edges so a window query is a binary search.
import type { Entry } from '../model/entries.ts';
import type { Span } from '../model/topology.ts';
import { buildAxis, gpaToX, pieceIndexAt, xInPiece, type AxisOptions, type CompressedAxis } from './axis.ts';
import { isSorted } from './span.ts';

export interface LaneItem {
  entry: Entry;
  /** Virtual x of start and end (x1 >= x0; an empty or inverted range has x1 === x0). */
  x0: number;
  x1: number;
}

export interface Lane {
  id: string;
  label: string;
  table: 'memory' | 'mmio';
  vnode: number | null;
  items: LaneItem[];
  /** `maxX1[i]` = max of items[0..i].x1: monotonic, for finding the first visible item. */
  maxX1: number[];
}

/** Every range the map places: the entries, and extra spans such as the persisted-state region. */
export function topologySpans(entries: readonly Entry[], extra: readonly Span[] = []): Span[] {
  // In start order when the entries are (as a table's are): the axis then sorts nothing.
  const byStart = (a: Span, b: Span) => a.start <= b.start;
  if (!isSorted(entries, byStart)) return [...extra, ...entries];
  const few = [...extra].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const out: Span[] = [];
  let i = 0;
  for (const e of entries) {
    while (i < few.length && few[i]!.start <= e.start) out.push(few[i++]!);
    out.push(e);
  }
  while (i < few.length) out.push(few[i++]!);
  return out;
}

export function topologyAxis(entries: readonly Entry[], extra: readonly Span[] = [], options?: AxisOptions): CompressedAxis {
  return buildAxis(topologySpans(entries, extra), options);
}

export function buildLanes(entries: readonly Entry[], axis: CompressedAxis): Lane[] {
  const byVnode = new Map<number, LaneItem[]>();
  const mmio: LaneItem[] = [];
  const toX = cursorGpaToX(axis);
  for (const entry of entries) {
    const x0 = toX(entry.start);
    const item = { entry, x0, x1: entry.end > entry.start ? toX(entry.end) : x0 };
    if (entry.vnode === null) {
      mmio.push(item);
      continue;
    }
    let items = byVnode.get(entry.vnode);
    if (!items) byVnode.set(entry.vnode, (items = []));
    items.push(item);
  }
  const lanes: Lane[] = [...byVnode.keys()]
    .sort((a, b) => a - b)
    .map((vnode) => lane(`vnode-${vnode}`, `vnode ${vnode}`, 'memory', vnode, byVnode.get(vnode)!));
  if (mmio.length > 0 || lanes.length === 0) lanes.push(lane('mmio', 'MMIO', 'mmio', null, mmio));
  return lanes;
}

function lane(id: string, label: string, table: 'memory' | 'mmio', vnode: number | null, items: LaneItem[]): Lane {
  const order = (a: LaneItem, b: LaneItem) => a.x0 - b.x0 || (a.entry.start < b.entry.start ? -1 : a.entry.start > b.entry.start ? 1 : a.entry.ref.index - b.entry.ref.index);
  // A table's entries come in address order as a rule: sort only when they do not.
  if (!isSorted(items, (a, b) => order(a, b) <= 0)) items.sort(order);
  const maxX1: number[] = [];
  let max = -Infinity;
  for (const item of items) maxX1.push((max = Math.max(max, item.x1)));
  return { id, label, table, vnode, items, maxX1 };
}

/** The lane and item an entry is drawn as (the same x0 buildLanes gave it), or null. */
export function laneItemFor(lanes: readonly Lane[], axis: CompressedAxis, entry: Entry): { lane: Lane; item: LaneItem } | null {
  const lane = lanes.find((l) => l.vnode === entry.vnode && (entry.vnode !== null || l.table === 'mmio'));
  if (!lane) return null;
  const at = indexOfItem(lane, gpaToX(axis, entry.start), (item) => item.entry === entry);
  return at < 0 ? null : { lane, item: lane.items[at]! };
}

/** Where the item at `x0` that `is` picks lies among the lane's items, or -1 (a binary search by x0, then those sharing it). */
export function indexOfItem(lane: Lane, x0: number, is: (item: LaneItem) => boolean): number {
  const { items } = lane;
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid]!.x0 < x0) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < items.length && items[i]!.x0 === x0; i++) if (is(items[i]!)) return i;
  return -1;
}

/**
 * gpaToX for addresses met mostly in order (a table's entries): it looks first at the
 * piece of the last address and the one after it, and searches only when neither holds it.
 * The same x as gpaToX, in O(1) for sorted input instead of a search over 100,000 pieces.
 */
function cursorGpaToX(axis: CompressedAxis): (gpa: bigint) => number {
  const { pieces } = axis;
  let at = 0;
  return (gpa) => {
    if (gpa <= axis.start || gpa >= axis.end) return gpaToX(axis, gpa);
    if (!(pieces[at]!.start <= gpa && gpa < pieces[at]!.end)) {
      const next = pieces[at + 1];
      at = next && next.start <= gpa && gpa < next.end ? at + 1 : pieceIndexAt(axis, gpa);
    }
    return xInPiece(pieces[at]!, gpa);
  };
}
