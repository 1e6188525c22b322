// Where the lanes' marks are drawn from. Moving a thousand rects every zoom frame
// costs a style recalculation for each (x and width are presentation attributes).
// Instead the marks sit in a reference frame — the zoom rounded to a power of two,
// the origin rounded to a multiple of the view's width at that zoom — and each
// lane's mark group carries one transform that maps it onto the view. While a
// gesture stays within a factor of √2 of that zoom and one view-width of that
// origin, a frame changes one attribute per lane (plus the marks entering or
// leaving); the reference is a function of the view alone, so a view always
// draws the same attributes (links, tests).
import type { View } from '../../lib/layout/aggregate.ts';
import { VIRTUAL_WIDTH } from './geometry.ts';

export interface MarkFrame {
  /** Reference pixels per virtual unit. */
  kRef: number;
  /** Reference origin (virtual x at reference pixel 0). */
  origin: number;
  /** View pixels per reference pixel (between 1/√2 and √2). */
  scale: number;
  /** View x of reference pixel 0. */
  shift: number;
  /** Reference pixels of the widest stretch a mark is drawn over (marks are clamped to it). */
  lo: number;
  hi: number;
}

export function markFrame(v: View, plotWidth: number): MarkFrame {
  const unit = plotWidth / VIRTUAL_WIDTH;
  const zoom = v.pxPerUnit / unit;
  const kRef = unit * 2 ** Math.round(Math.log2(zoom));
  // At the reference zoom the view spans plotWidth reference pixels: the origin steps by that.
  const span = plotWidth / kRef;
  const origin = Math.floor(v.x0 / span) * span;
  const scale = v.pxPerUnit / kRef;
  // The view lies within [0, plotWidth · (1 + √2)) reference pixels of the origin.
  return { kRef, origin, scale, shift: (origin - v.x0) * v.pxPerUnit, lo: -8, hi: 2.5 * plotWidth + 8 };
}

/** Virtual x → reference pixels, clamped to the frame's stretch. */
export function refPx(frame: MarkFrame, x: number): number {
  return Math.max(frame.lo, Math.min(frame.hi, (x - frame.origin) * frame.kRef));
}

/** Reference pixels → view pixels. */
export function viewPx(frame: MarkFrame, ref: number): number {
  return frame.shift + frame.scale * ref;
}

/** The mark group's transform (after the lane's own translate). */
export function frameTransform(frame: MarkFrame): string {
  return `translate(${Math.round(frame.shift * 1000) / 1000},0) scale(${Math.round(frame.scale * 1e6) / 1e6},1)`;
}
