// One table (memory or MMIO) of A against the same table of B, in one sweep
// over the union of both sides' range boundaries: sort each side's starts and
// ends (already in order for a real topology, so the sort is near linear), then
// walk the points in order. Between two points every byte has the same cover
// on each side: the set of distinct attributes of the entries holding it.
//
// Exact and cheap whatever the overlaps: each side keeps a count per distinct
// attribute tuple, and the number of tuples present on one side only, so
// "A's cover equals B's" is one comparison per point; a cover is listed only
// where a changed piece starts. Cost: O(n log n) plus what is reported.
import type { Entry, EntryTable } from '../../model/entries.ts';
import type { Span } from '../../model/topology.ts';
import type { BoundaryChange, ChangedPiece, RangeAttributes } from './types.ts';

/** At most this many attributes (per piece) or entries (per boundary change) are listed per side. */
export const MAX_LISTED = 64;

export interface TableDiff {
  pieces: ChangedPiece[];
  boundaries: BoundaryChange[];
}

const cmpBig = (x: bigint, y: bigint) => (x < y ? -1 : x > y ? 1 : 0);

/** Sort order of attributes in a cover: VTL type, then vnode (none first), then IGVM type. */
export function compareAttributes(x: RangeAttributes, y: RangeAttributes): number {
  return x.vtlType.value - y.vtlType.value || (x.vnode ?? -1) - (y.vnode ?? -1) || (x.igvmType?.value ?? -1) - (y.igvmType?.value ?? -1);
}

/** Distinct attribute tuples of both sides, numbered from 0 (nested maps: no key string per entry). */
class AttributeIds {
  private readonly byValues = new Map<number, Map<number, Map<number, number>>>();
  readonly attributes: RangeAttributes[] = [];

  // Neighbouring entries mostly share attributes: the last answer is kept.
  private lastVtl = NaN;
  private lastVnode = NaN;
  private lastIgvm = NaN;
  private lastId = -1;

  idOf(e: Entry): number {
    const vtl = e.vtlType.value;
    const vnode = e.vnode ?? -1;
    const igvm = e.igvmType?.value ?? -1;
    if (vtl === this.lastVtl && vnode === this.lastVnode && igvm === this.lastIgvm) return this.lastId;
    let byVtl = this.byValues.get(vtl);
    if (!byVtl) this.byValues.set(vtl, (byVtl = new Map()));
    let byVnode = byVtl.get(vnode);
    if (!byVnode) byVtl.set(vnode, (byVnode = new Map()));
    let id = byVnode.get(igvm);
    if (id === undefined) {
      id = this.attributes.length;
      byVnode.set(igvm, id);
      this.attributes.push({ vtlType: e.vtlType, vnode: e.vnode, igvmType: e.igvmType });
    }
    this.lastVtl = vtl;
    this.lastVnode = vnode;
    this.lastIgvm = igvm;
    this.lastId = id;
    return id;
  }
}

/** Positions of `entries` ordered by start or end (ties by position); a list already in order (as real states are) is not sorted. */
function orderBy(entries: readonly Entry[], key: 'start' | 'end'): Int32Array {
  const positions = new Int32Array(entries.length);
  let sorted = true;
  for (let i = 0; i < entries.length; i++) {
    positions[i] = i;
    if (i > 0 && entries[i - 1]![key] > entries[i]![key]) sorted = false;
  }
  if (sorted) return positions;
  return Int32Array.from(Array.from(positions).sort((i, j) => cmpBig(entries[i]![key], entries[j]![key]) || i - j));
}

/** One side's entries as sorted start and end events, and its cover as the sweep stands. */
class Side {
  /** Entries that cover at least one byte; the rest take no part. */
  readonly entries: Entry[];
  private readonly ids: Int32Array;
  /** Entry positions by start (ties by position), and by end. */
  readonly byStart: Int32Array;
  private readonly byEnd: Int32Array;
  private nextStart = 0;
  private nextEnd = 0;
  /** Per attribute id: entries of that id covering the current piece. */
  private count = new Int32Array(0);
  /** Ids with a non-zero count. */
  private readonly present = new Set<number>();
  /** Entries covering the current piece. */
  active = 0;
  /** At the current point: ids whose presence flipped, and their presence before the point. */
  private readonly touched: number[] = [];
  private touchedCount = 0;
  private stamp = new Int32Array(0);
  private was = new Uint8Array(0);
  /** Whether an entry starts or ends at the current point. */
  boundaryHere = false;

  constructor(entries: readonly Entry[], table: EntryTable, ids: AttributeIds) {
    this.entries = entries.filter((e) => e.ref.table === table && e.end > e.start);
    this.ids = new Int32Array(this.entries.length);
    for (let i = 0; i < this.entries.length; i++) this.ids[i] = ids.idOf(this.entries[i]!);
    this.byStart = orderBy(this.entries, 'start');
    this.byEnd = orderBy(this.entries, 'end');
  }

  /** Once every id is known (both sides interned). */
  sized(idCount: number): void {
    this.count = new Int32Array(idCount);
    this.stamp = new Int32Array(idCount).fill(-1);
    this.was = new Uint8Array(idCount);
  }

  /** The next start or end point, or null when the side is done. */
  nextPoint(): bigint | null {
    const end = this.nextEnd < this.byEnd.length ? this.entries[this.byEnd[this.nextEnd]!]!.end : null;
    const start = this.nextStart < this.byStart.length ? this.entries[this.byStart[this.nextStart]!]!.start : null;
    return start !== null && (end === null || start < end) ? start : end;
  }

  /** Applies every end, then every start, at `at`; `onFlip` hears each id whose presence flips. */
  advance(at: bigint, point: number, onFlip: (id: number, present: boolean) => void): void {
    this.touchedCount = 0;
    this.boundaryHere = false;
    while (this.nextEnd < this.byEnd.length && this.entries[this.byEnd[this.nextEnd]!]!.end === at) {
      this.change(this.ids[this.byEnd[this.nextEnd++]!]!, -1, point, onFlip);
    }
    while (this.nextStart < this.byStart.length && this.entries[this.byStart[this.nextStart]!]!.start === at) {
      this.change(this.ids[this.byStart[this.nextStart++]!]!, 1, point, onFlip);
    }
  }

  private change(id: number, delta: 1 | -1, point: number, onFlip: (id: number, present: boolean) => void): void {
    this.boundaryHere = true;
    this.active += delta;
    const before = this.count[id]!;
    const after = before + delta;
    this.count[id] = after;
    if ((before > 0) === (after > 0)) return;
    if (this.stamp[id] !== point) {
      this.stamp[id] = point;
      this.was[id] = before > 0 ? 1 : 0;
      this.touched[this.touchedCount++] = id;
    }
    if (after > 0) this.present.add(id);
    else this.present.delete(id);
    onFlip(id, after > 0);
  }

  has(id: number): boolean {
    return this.count[id]! > 0;
  }

  /** Whether the cover differs from the one before the current point. */
  coverChanged(): boolean {
    for (let i = 0; i < this.touchedCount; i++) {
      const id = this.touched[i]!;
      if ((this.count[id]! > 0 ? 1 : 0) !== this.was[id]) return true;
    }
    return false;
  }

  /** The cover's attributes, sorted; past MAX_LISTED, the first MAX_LISTED met (a Set iterates in insertion order). */
  cover(ids: AttributeIds): { listed: RangeAttributes[]; more: number } {
    const listed: RangeAttributes[] = [];
    for (const id of this.present) {
      if (listed.length === MAX_LISTED) break;
      listed.push(ids.attributes[id]!);
    }
    return { listed: listed.sort(compareAttributes), more: this.present.size - listed.length };
  }

  /** How many entries overlap `span`: those starting before its end, less those ending by its start. */
  countOverlapping(span: Span): number {
    const before = (order: Int32Array, key: 'start' | 'end', bound: bigint, orEqual: boolean) => {
      let lo = 0;
      let hi = order.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const v = this.entries[order[mid]!]![key];
        if (v < bound || (orEqual && v === bound)) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    return before(this.byStart, 'start', span.end, false) - before(this.byEnd, 'end', span.start, true);
  }
}

export function diffTable(table: EntryTable, aEntries: readonly Entry[], bEntries: readonly Entry[]): TableDiff {
  const ids = new AttributeIds();
  const a = new Side(aEntries, table, ids);
  const b = new Side(bEntries, table, ids);
  a.sized(ids.attributes.length);
  b.sized(ids.attributes.length);

  // Tuples present on exactly one side: the covers are equal when this is 0.
  let oneSided = 0;
  const flipped = (other: Side) => (id: number, present: boolean) => {
    oneSided += present !== other.has(id) ? 1 : -1;
  };
  const onFlipA = flipped(b);
  const onFlipB = flipped(a);
  const nextPoint = () => {
    const x = a.nextPoint();
    const y = b.nextPoint();
    return x === null ? y : y === null || x < y ? x : y;
  };

  const pieces: ChangedPiece[] = [];
  let piece: ChangedPiece | null = null;
  // A stretch of equal, covered bytes between boundaries both sides share;
  // flagged when one side has a boundary inside it.
  const splitSpans: Span[] = [];
  const stretch = { open: false, start: 0n, end: 0n, oneSidedBoundary: false };
  const endStretch = () => {
    if (stretch.open && stretch.oneSidedBoundary) splitSpans.push({ start: stretch.start, end: stretch.end });
    stretch.open = false;
  };

  let point = 0;
  for (let at = nextPoint(); at !== null; point++) {
    a.advance(at, point, onFlipA);
    b.advance(at, point, onFlipB);
    const next = nextPoint();
    // After the last point every entry has ended: nothing covers anything.
    if (next === null) break;
    if (oneSided !== 0) {
      if (piece && !a.coverChanged() && !b.coverChanged()) piece.end = next;
      else {
        if (piece) pieces.push(piece);
        const ca = a.cover(ids);
        const cb = b.cover(ids);
        piece = { table, start: at, end: next, a: ca.listed, b: cb.listed, aMore: ca.more, bMore: cb.more };
      }
    } else if (piece) {
      pieces.push(piece);
      piece = null;
    }
    if (oneSided === 0 && a.active > 0) {
      if (stretch.open && !(a.boundaryHere && b.boundaryHere)) {
        stretch.oneSidedBoundary = true;
        stretch.end = next;
      } else {
        endStretch();
        Object.assign(stretch, { open: true, start: at, end: next, oneSidedBoundary: false });
      }
    } else endStretch();
    at = next;
  }
  if (piece) pieces.push(piece);
  endStretch();

  const aLists = overlapping(a, splitSpans);
  const bLists = overlapping(b, splitSpans);
  const boundaries = splitSpans.map(
    (span, k): BoundaryChange => ({ table, start: span.start, end: span.end, a: aLists[k]!, b: bLists[k]!, aMore: a.countOverlapping(span) - aLists[k]!.length, bMore: b.countOverlapping(span) - bLists[k]!.length }),
  );
  return { pieces, boundaries };
}

/** For each span (sorted, disjoint), the first MAX_LISTED of the side's entries overlapping it, by start. */
function overlapping(side: Side, spans: readonly Span[]): Entry[][] {
  const lists = spans.map((): Entry[] => []);
  // Full lists are skipped in one step (path-compressed links to the next open span), so an
  // entry over many spans costs only the spans it is listed in.
  const open = Int32Array.from({ length: spans.length + 1 }, (_, k) => k);
  const nextOpen = (k: number): number => {
    let root = k;
    while (open[root] !== root) root = open[root]!;
    while (open[k] !== root) [open[k], k] = [root, open[k]!];
    return root;
  };
  // The first span ending after the entry starts only moves forward, as entries come by start.
  let first = 0;
  for (let i = 0; i < side.byStart.length && first < spans.length; i++) {
    const entry = side.entries[side.byStart[i]!]!;
    while (first < spans.length && spans[first]!.end <= entry.start) first++;
    for (let k = nextOpen(first); k < spans.length && spans[k]!.start < entry.end; k = nextOpen(k + 1)) {
      lists[k]!.push(entry);
      if (lists[k]!.length === MAX_LISTED) open[k] = k + 1;
    }
  }
  return lists;
}
