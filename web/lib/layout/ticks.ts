// Hex ticks for the visible window: in each visible segment, multiples of a
// power-of-two step chosen from that segment's own scale, labelled in grouped
// hex (0x4_8000_0000). Labels that would overlap a kept one are dropped.
import { gpaToX, pieceIndexAtX, xToGpa, type CompressedAxis } from './axis.ts';
import type { View } from './aggregate.ts';
import { groupedHex } from '../model/text.ts';

export interface Tick {
  gpa: bigint;
  /** Virtual x. */
  x: number;
  label: string;
  /** Virtual x its label stays between: the run of segments it is in (a label never runs into a collapsed gap). */
  lo?: number;
  hi?: number;
}

export interface TickOptions {
  /** Least distance between ticks, in pixels. */
  minSpacingPx?: number;
  /** Width of one label character, in pixels (for the overlap check). */
  charPx?: number;
  /** Clear space between two labels, in pixels. */
  paddingPx?: number;
  /** Safety cap per segment. */
  maxPerSegment?: number;
  /** At most this many visible pieces are looked at (evenly spread; by default 4 per label that could fit): a readable axis may have 100,000. */
  maxPieces?: number;
}

export function hexTicks(axis: CompressedAxis, view: View, options: TickOptions = {}): Tick[] {
  const minSpacingPx = options.minSpacingPx ?? 110;
  const charPx = options.charPx ?? 6.6;
  const paddingPx = options.paddingPx ?? 12;
  const maxPerSegment = options.maxPerSegment ?? 64;
  const ticks: Tick[] = [];
  // Range edges, for stretches where no power-of-two address falls (a readable axis of many small pieces).
  const edges: Tick[] = [];
  // Only the pieces in view, found by binary search; when there are many, an even sample
  // of them (their labels could not all fit anyway).
  const first = pieceIndexAtX(axis, view.x0);
  const last = pieceIndexAtX(axis, view.x1);
  const widthPx = (view.x1 - view.x0) * view.pxPerUnit;
  // A few candidates per label that could fit are plenty.
  const maxPieces = options.maxPieces ?? Math.max(16, Math.ceil((4 * widthPx) / minSpacingPx));
  const stride = Math.max(1, Math.ceil((last - first + 1) / maxPieces));
  for (let i = first; i <= last; i += stride) {
    const piece = axis.pieces[i]!;
    if (piece.kind !== 'segment' || piece.x1 < view.x0 || piece.x0 > view.x1) continue;
    // The segments between the gaps around this piece.
    let runLo = 0;
    let runHi = axis.width;
    for (const gap of axis.gaps) {
      if (gap.x1 <= piece.x0) runLo = gap.x1;
      else if (gap.x0 >= piece.x1) {
        runHi = gap.x0;
        break;
      }
    }
    const bytes = Number(piece.end - piece.start);
    const px = (piece.x1 - piece.x0) * view.pxPerUnit;
    const bytesPerPx = bytes / Math.max(px, 1e-9);
    const step = powerOfTwoAtLeast(bytesPerPx * minSpacingPx);
    const lo = maxBig(piece.start, xToGpa(axis, Math.max(view.x0, piece.x0)));
    const hi = minBig(piece.end, xToGpa(axis, Math.min(view.x1, piece.x1)));
    let gpa = ((lo + step - 1n) / step) * step;
    const before = ticks.length;
    for (let n = 0; gpa <= hi && n < maxPerSegment; n++, gpa += step) {
      const x = gpaToX(axis, gpa);
      // xToGpa rounds: a tick a hair outside the window is not drawn.
      if (x >= view.x0 && x <= view.x1) ticks.push({ gpa, x, label: groupedHex(gpa), lo: runLo, hi: runHi });
    }
    if (ticks.length === before && piece.x0 >= view.x0) edges.push({ gpa: piece.start, x: piece.x0, label: groupedHex(piece.start), lo: runLo, hi: runHi });
  }
  // A label with no room between the gaps around it (and the window's edges) is left out.
  const roomy = (t: Tick) => {
    const lo = Math.max(0, (t.lo! - view.x0) * view.pxPerUnit);
    const hi = Math.min(widthPx, (t.hi! - view.x0) * view.pxPerUnit);
    return hi - lo >= t.label.length * charPx;
  };
  const kept = dropOverlapping(ticks.filter(roomy), view, charPx, paddingPx);
  // Then range edges, where they are a full spacing from every label kept.
  const spaced = edges.filter((e) => roomy(e) && kept.every((k) => Math.abs(k.x - e.x) * view.pxPerUnit >= minSpacingPx));
  const keptEdges = dropOverlapping(spaced, view, charPx, minSpacingPx);
  return dropOverlapping([...kept, ...keptEdges], view, charPx, paddingPx);
}

/**
 * Keep ticks left to right, dropping any whose label would touch the last kept one.
 * A label is centred on its tick but slides inward at the window's edges (as drawn).
 */
export function dropOverlapping(ticks: readonly Tick[], view: View, charPx: number, paddingPx: number): Tick[] {
  const widthPx = (view.x1 - view.x0) * view.pxPerUnit;
  const kept: Tick[] = [];
  let lastRight = -Infinity;
  for (const t of [...ticks].sort((a, b) => a.x - b.x)) {
    const { left, right } = labelBox(t, view, widthPx, charPx);
    if (left < lastRight + paddingPx) continue;
    kept.push(t);
    lastRight = right;
  }
  return kept;
}

/**
 * Where a tick's label is drawn, in pixels from the window's left edge: centred on
 * the tick, slid inward at the window's edges and away from a collapsed gap beside it.
 */
export function labelBox(t: Tick, view: View, widthPx: number, charPx: number): { left: number; right: number } {
  const w = t.label.length * charPx;
  const centre = (t.x - view.x0) * view.pxPerUnit;
  const min = Math.max(0, t.lo === undefined ? 0 : (t.lo - view.x0) * view.pxPerUnit);
  const max = Math.min(widthPx, t.hi === undefined ? widthPx : (t.hi - view.x0) * view.pxPerUnit);
  // Where the run is narrower than the label (hexTicks leaves those out), the window's edges win.
  const left = max - min >= w ? Math.max(min, Math.min(max - w, centre - w / 2)) : Math.max(0, Math.min(widthPx - w, centre - w / 2));
  return { left, right: left + w };
}

function powerOfTwoAtLeast(value: number): bigint {
  if (!(value > 1)) return 1n;
  const exponent = Math.min(64, Math.ceil(Math.log2(value)));
  return 1n << BigInt(exponent);
}

const maxBig = (a: bigint, b: bigint) => (a > b ? a : b);
const minBig = (a: bigint, b: bigint) => (a < b ? a : b);
