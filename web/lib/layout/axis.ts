// The compressed address axis. Guest physical address space is sparse (a few GiB
// of RAM, MMIO near 64 GiB, holes of terabytes), so the axis is a row of pieces:
// "segments" of occupied space drawn to a linear scale, and the large holes
// between them collapsed to a fixed width. Within every piece the scale is
// linear, so GPA -> x is monotonic and x -> GPA inverts it (to the page).
// Virtual x runs from 0 to `width`; the renderer maps it to pixels.
// In the readable scale (readableAxis.ts) a segment is cut at every range edge,
// and each piece gets a width by the log of its size instead of its bytes.
import type { Span } from '../model/topology.ts';
import type { MapScale } from '../model/view.ts';
import { cutsOf, edgesOf, readableWeight } from './readableAxis.ts';
import { isSorted, normalizeSpan, PAGE } from './span.ts';

export interface AxisPiece {
  kind: 'segment' | 'gap';
  start: bigint;
  /** Exclusive. */
  end: bigint;
  x0: number;
  x1: number;
}

export interface CompressedAxis {
  /** Contiguous: `pieces[i].end === pieces[i + 1].start`, `pieces[i].x1 === pieces[i + 1].x0`. */
  pieces: AxisPiece[];
  start: bigint;
  end: bigint;
  width: number;
  /** No ranges at all: the axis is one placeholder page at 0. */
  empty: boolean;
  scale: MapScale;
  /** The collapsed holes alone (the pieces of kind 'gap'), for the layers that draw them. */
  gaps: AxisPiece[];
}

export interface AxisOptions {
  /** Virtual width of the whole axis. */
  width?: number;
  /** Virtual width of one collapsed gap (less when there are many gaps). */
  gapWidth?: number;
  /** At most this many gaps are collapsed: the largest ones. */
  maxGaps?: number;
  /** A hole is collapsed only when larger than this fraction of the space still drawn to scale. */
  collapseFraction?: number;
  /** Every segment gets at least this virtual width, so a lone 4 KiB range stays visible (proportional scale). */
  minSegmentWidth?: number;
  /** Proportional (the default): bytes to scale within a segment; readable: see readableAxis.ts. */
  scale?: MapScale;
}

export { normalizeSpan, PAGE };

/** Sorted union of the spans (touching spans merge). */
export function unionOf(spans: readonly Span[]): Span[] {
  const sorted = spans.map((s) => normalizeSpan(s.start, s.end));
  if (!isSorted(sorted, (a, b) => a.start <= b.start)) sorted.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) {
      if (s.end > last.end) last.end = s.end;
    } else out.push(s); // a fresh object of normalizeSpan's: ours to extend
  }
  return out;
}

export function buildAxis(spans: readonly Span[], options: AxisOptions = {}): CompressedAxis {
  const width = options.width ?? 1000;
  const scale = options.scale ?? 'proportional';
  const union = unionOf(spans);
  if (union.length === 0) {
    return { pieces: [{ kind: 'segment', start: 0n, end: PAGE, x0: 0, x1: width }], start: 0n, end: PAGE, width, empty: true, scale, gaps: [] };
  }
  // Collapse a hole only when, drawn to scale, it would take several times the
  // fixed gap width: largest first, each judged against what is still to scale.
  // Both scales collapse the same holes, so a window shows the same ranges in each.
  const occupied = union.reduce((sum, s) => sum + (s.end - s.start), 0n);
  const fraction = BigInt(Math.round((options.collapseFraction ?? 0.07) * 1e6));
  const holes = union
    .slice(1)
    .map((s, i) => ({ i, size: s.start - union[i]!.end }))
    .sort((a, b) => (a.size > b.size ? -1 : a.size < b.size ? 1 : a.i - b.i));
  let toScale = occupied + holes.reduce((sum, h) => sum + h.size, 0n);
  const collapsed = new Set<number>();
  for (const h of holes) {
    // Worth it when it would take a good share of the width, or dwarf what is occupied.
    const large = h.size * 1_000_000n > toScale * fraction || h.size * 4n > occupied;
    if (collapsed.size >= (options.maxGaps ?? 24) || !large) break;
    collapsed.add(h.i);
    toScale -= h.size;
  }
  // Segments: runs of the union joined across the holes that are not collapsed.
  const segments: Span[] = [];
  union.forEach((s, i) => {
    if (i > 0 && !collapsed.has(i - 1)) segments[segments.length - 1]!.end = s.end;
    else segments.push({ ...s });
  });
  const gapCount = segments.length - 1;
  const gapWidth = gapCount === 0 ? 0 : Math.min(options.gapWidth ?? 24, (0.3 * width) / gapCount);
  const segmentSpace = width - gapCount * gapWidth;
  // Each segment's cut points, and the width of each interval between two of them.
  const { cuts, widths } = scale === 'readable' ? readableRuns(segments, spans, segmentSpace) : proportionalRuns(segments, segmentSpace, options.minSegmentWidth ?? 8);
  const pieces: AxisPiece[] = [];
  const gaps: AxisPiece[] = [];
  let x = 0;
  let w = 0;
  segments.forEach((s, i) => {
    if (i > 0) {
      const gap: AxisPiece = { kind: 'gap', start: segments[i - 1]!.end, end: s.start, x0: x, x1: x + gapWidth };
      pieces.push(gap);
      gaps.push(gap);
      x += gapWidth;
    }
    const c = cuts[i]!;
    for (let j = 1; j < c.length; j++) {
      const width = widths[w++]!;
      pieces.push({ kind: 'segment', start: c[j - 1]!, end: c[j]!, x0: x, x1: x + width });
      x += width;
    }
  });
  // Float sums drift: pin the last edge to the width.
  pieces[pieces.length - 1]!.x1 = width;
  return { pieces, start: union[0]!.start, end: union[union.length - 1]!.end, width, empty: false, scale, gaps };
}

/** Cut points per segment, and the widths of the intervals between them, in order. */
interface Runs {
  cuts: bigint[][];
  widths: Float64Array;
}

/** To scale: one run per segment, a minimum width each and the rest by bytes. */
function proportionalRuns(segments: readonly Span[], space: number, minSegmentWidth: number): Runs {
  const minWidth = Math.min(minSegmentWidth, space / (2 * segments.length));
  const proportional = space - minWidth * segments.length;
  const bytes = segments.reduce((sum, s) => sum + (s.end - s.start), 0n);
  return { cuts: segments.map((s) => [s.start, s.end]), widths: Float64Array.from(segments, (s) => minWidth + (proportional * Number(s.end - s.start)) / Number(bytes)) };
}

/** Readable: every interval between range edges, by the log of its size (readableAxis.ts). */
function readableRuns(segments: readonly Span[], spans: readonly Span[], space: number): Runs {
  const cuts = cutsOf(segments, edgesOf(spans));
  const widths = new Float64Array(cuts.reduce((n, c) => n + c.length - 1, 0));
  let total = 0;
  let w = 0;
  for (const c of cuts) {
    for (let j = 1; j < c.length; j++) total += widths[w++] = readableWeight(c[j]! - c[j - 1]!);
  }
  for (let i = 0; i < widths.length; i++) widths[i] = (space * widths[i]!) / total;
  return { cuts, widths };
}

/** Index of the last piece whose start is at or before `key` (the first piece if none is). */
function lastPieceStartingBy<K extends bigint | number>(axis: CompressedAxis, startOf: (p: AxisPiece) => K, key: K): number {
  const { pieces } = axis;
  let lo = 0;
  let hi = pieces.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (startOf(pieces[mid]!) <= key) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Index of the piece holding `gpa` (clamped to the first/last piece). */
export function pieceIndexAt(axis: CompressedAxis, gpa: bigint): number {
  return lastPieceStartingBy(axis, (p) => p.start, gpa);
}

/** Virtual x of an address (clamped to [0, width]). */
export function gpaToX(axis: CompressedAxis, gpa: bigint): number {
  if (gpa <= axis.start) return 0;
  if (gpa >= axis.end) return axis.width;
  return xInPiece(axis.pieces[pieceIndexAt(axis, gpa)]!, gpa);
}

/** Virtual x of an address inside the piece `p` (linear within it). */
export function xInPiece(p: AxisPiece, gpa: bigint): number {
  // A range's edge is a piece's start in the readable scale: no bigint arithmetic.
  if (gpa === p.start) return p.x0;
  return p.x0 + ((p.x1 - p.x0) * Number(gpa - p.start)) / Number(p.end - p.start);
}

/** Index of the piece under virtual x (clamped). */
export function pieceIndexAtX(axis: CompressedAxis, x: number): number {
  return lastPieceStartingBy(axis, (p) => p.x0, x);
}

/** The address at virtual x: exact to the page inside segments (clamped to the axis). */
export function xToGpa(axis: CompressedAxis, x: number): bigint {
  if (!(x > 0)) return axis.start;
  if (x >= axis.width) return axis.end;
  const p = axis.pieces[pieceIndexAtX(axis, x)]!;
  const len = p.end - p.start;
  const fraction = Math.min(1, Math.max(0, (x - p.x0) / (p.x1 - p.x0)));
  let offset = BigInt(Math.round(fraction * Number(len)));
  if (offset > len) offset = len;
  return p.start + offset;
}

/** Virtual units per byte inside a piece. */
function unitsPerByte(piece: AxisPiece): number {
  return (piece.x1 - piece.x0) / Number(piece.end - piece.start);
}

/** The narrowest page on the axis, in virtual units: zooming in until it fills the view is the limit. */
export function narrowestPageWidth(axis: CompressedAxis): number {
  let known = narrowest.get(axis);
  if (known === undefined) {
    let min = Infinity;
    for (const p of axis.pieces) if (p.kind === 'segment') min = Math.min(min, unitsPerByte(p) * Number(PAGE));
    narrowest.set(axis, (known = Number.isFinite(min) && min > 0 ? min : axis.width));
  }
  return known;
}

/** narrowestPageWidth per axis (a walk over every piece: 100,000 in a readable axis). */
const narrowest = new WeakMap<CompressedAxis, number>();

/**
 * The deepest zoom at virtual x (scale over the whole axis): one page of the piece there
 * fills the view. In the readable scale a page is far wider in a 4 KiB range than in a
 * 7 GiB one, so the limit is the local piece's, not one for the whole axis.
 */
export function pageZoomAt(axis: CompressedAxis, x: number): number {
  const piece = axis.pieces[pieceIndexAtX(axis, x)]!;
  const page = piece.kind === 'segment' ? unitsPerByte(piece) * Number(PAGE) : narrowestPageWidth(axis);
  return Math.max(1, axis.width / Math.min(page, axis.width));
}

/** Round to the nearest page (2^64 at the top: a window made of it goes through u64Window). */
export function roundToPage(gpa: bigint): bigint {
  return ((gpa + PAGE / 2n) / PAGE) * PAGE;
}
