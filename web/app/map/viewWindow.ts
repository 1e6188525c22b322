// Conversions between the zoom transform (pixels), the visible view (virtual
// axis units) and the address window (exact GPAs the store holds).
import { scaleLinear, zoomIdentity, type ScaleLinear, type ZoomTransform } from 'd3';
import type { View } from '../../lib/layout/aggregate.ts';
import type { LaneItem } from '../../lib/layout/lanes.ts';
import { revealView } from '../../lib/layout/reveal.ts';
import { gpaToX, PAGE, pageZoomAt, roundToPage, xToGpa, type CompressedAxis } from '../../lib/layout/axis.ts';
import { u64Window } from '../../lib/layout/span.ts';
import type { AddressWindow } from '../../lib/model/view.ts';
import { VIRTUAL_WIDTH } from './geometry.ts';

/** Virtual x → plot pixels under `t`: the axis' scale at zoom 1, rescaled by d3. */
export function viewScale(t: ZoomTransform, plotWidth: number): ScaleLinear<number, number> {
  return t.rescaleX(scaleLinear().domain([0, VIRTUAL_WIDTH]).range([0, plotWidth]));
}

/** The part of the virtual axis a transform shows across `plotWidth` pixels. */
export function viewOf(t: ZoomTransform, plotWidth: number): View {
  const unit = plotWidth / VIRTUAL_WIDTH;
  return { x0: t.invertX(0) / unit, x1: t.invertX(plotWidth) / unit, pxPerUnit: unit * t.k };
}

/** The GPA window a transform shows, page-aligned (within u64); null when it shows everything. */
export function windowOf(t: ZoomTransform, plotWidth: number, axis: CompressedAxis): AddressWindow | null {
  if (t.k <= 1 + 1e-9 && Math.abs(t.x) < 1e-6) return null;
  const v = viewOf(t, plotWidth);
  let start = xToGpa(axis, v.x0);
  let end = xToGpa(axis, v.x1);
  if (end - start >= PAGE) {
    start = roundToPage(start);
    end = roundToPage(end);
    if (end - start < PAGE) end = start + PAGE;
  }
  return u64Window(start, end);
}

/** The deepest zoom for a transform: one page of the range at its view's centre fills the view. */
export function deepestZoom(t: ZoomTransform, plotWidth: number, axis: CompressedAxis): number {
  const v = viewOf(t, plotWidth);
  return pageZoomAt(axis, (v.x0 + v.x1) / 2);
}

/**
 * The transform that shows `w`, zoomed out no further than the whole (how deep it may go
 * is the zoom's constraint: zoomBehaviour.ts holds it to a page at the centre).
 */
export function transformFor(w: AddressWindow | null, plotWidth: number, axis: CompressedAxis): ZoomTransform {
  if (!w || w.end <= w.start) return zoomIdentity;
  const unit = plotWidth / VIRTUAL_WIDTH;
  const x0 = gpaToX(axis, w.start) * unit;
  const x1 = gpaToX(axis, w.end) * unit;
  if (!(x1 > x0)) return zoomIdentity;
  const k = Math.max(1, plotWidth / (x1 - x0));
  return zoomIdentity.translate(-((x0 + x1) / 2) * k + plotWidth / 2, 0).scale(k);
}

/**
 * How to bring `item` into view (a row chosen in the table): a pan by `pan` view
 * pixels at the same zoom, a zoom out to `window`, or null when it is in view.
 */
export function revealMove(v: View, item: LaneItem, axis: CompressedAxis): { pan: number } | { pan?: undefined; window: AddressWindow } | null {
  const target = revealView(v, item.x0, item.x1);
  if (!target) return null;
  if (Math.abs(target.x1 - target.x0 - (v.x1 - v.x0)) < 1e-9 * (v.x1 - v.x0)) return { pan: (target.x0 - v.x0) * v.pxPerUnit };
  return { window: u64Window(xToGpa(axis, target.x0), xToGpa(axis, target.x1)) };
}

/** The middle of the part of `item` in view, in plot pixels, or null when none of it is. */
export function visibleMiddle(v: View, item: LaneItem, plotWidth: number): number | null {
  const a = (item.x0 - v.x0) * v.pxPerUnit;
  const b = (item.x1 - v.x0) * v.pxPerUnit;
  if (b < 0 || a > plotWidth) return null;
  return (Math.max(a, 0) + Math.min(b, plotWidth)) / 2;
}
