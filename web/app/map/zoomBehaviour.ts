// How the user moves the map: d3-zoom (wheel, drag, trackpad), sideways wheel
// to pan, the keyboard, and the d3-brush strip that zooms to a dragged range.
// The renderer owns the transform; these only drive d3's behaviours.
import { brushX, zoom, zoomIdentity, type BrushBehavior, type D3BrushEvent, type D3ZoomEvent, type ZoomBehavior, type ZoomTransform } from 'd3';
import type { View } from '../../lib/layout/aggregate.ts';
import { xToGpa, type CompressedAxis } from '../../lib/layout/axis.ts';
import { u64Window } from '../../lib/layout/span.ts';
import type { AddressWindow } from '../../lib/model/view.ts';
import type { G } from './mapElements.ts';
import type { ThemeColors } from './palette.ts';

export type Zoomer = ZoomBehavior<SVGGElement, unknown>;

export interface ZoomHandlers {
  onZoom(event: D3ZoomEvent<SVGGElement, unknown>): void;
  onEnd(): void;
  /** The current zoom scale, so a sideways pan moves the same pixels at any zoom. */
  scale(): number;
  /** The deepest zoom for a transform: one page of the range at its view's centre fills the view. */
  deepest(t: ZoomTransform): number;
}

/** Attaches d3-zoom to the plot (no double-click zoom) and sideways-wheel panning. */
export function attachZoom(plot: G, handlers: ZoomHandlers): Zoomer {
  const zoomer = zoom<SVGGElement, unknown>()
    .filter((event: Event) => {
      if (event.type === 'wheel') return !isSideways(event as WheelEvent);
      const e = event as MouseEvent;
      return (!e.ctrlKey || e.type === 'wheel') && !e.button && !(e.target as Element).closest?.('.brush');
    })
    .scaleExtent([1, Infinity])
    .on('zoom', (event: D3ZoomEvent<SVGGElement, unknown>) => {
      // The next wheel or key zoom stops at the limit here, around the pointer or the focus.
      zoomer.scaleExtent([1, handlers.deepest(event.transform)]);
      handlers.onZoom(event);
    })
    .on('end', () => handlers.onEnd());
  // The limit differs from range to range (pages differ in width in the readable scale): every
  // transform d3 makes (a drag, keys, the minimap) is held to the limit at its view's centre,
  // zooming out around the centre a view panned to where a page is wider.
  const within = zoomer.constrain();
  zoomer.constrain((t, extent, translateExtent) => {
    let c = within(t, extent, translateExtent);
    const cx = (extent[0][0] + extent[1][0]) / 2;
    // Held to the translate extent, the centre may move again: a few passes settle it.
    for (let pass = 0; pass < 3 && c.k > handlers.deepest(c); pass++) {
      const k = handlers.deepest(c);
      c = within(zoomIdentity.translate(cx - c.invertX(cx) * k, c.y).scale(k), extent, translateExtent);
    }
    return c;
  });
  plot.call(zoomer).on('dblclick.zoom', null);
  // Sideways wheel (trackpad two-finger swipe, shift+wheel) pans instead of zooming.
  plot.on('wheel.pan', (event: WheelEvent) => {
    if (!isSideways(event)) return;
    event.preventDefault();
    const dx = Math.abs(event.deltaX) > Math.abs(event.deltaY) ? event.deltaX : event.deltaY;
    zoomer.translateBy(plot, -dx / handlers.scale(), 0);
  });
  return zoomer;
}

/** Fits the zoom to the plot (how deep it goes is the constraint's, see attachZoom). */
export function sizeZoom(zoomer: Zoomer, plotWidth: number, height: number): void {
  zoomer.extent([[0, 0], [plotWidth, height]]).translateExtent([[0, 0], [plotWidth, height]]);
}

/**
 * Keyboard zoom and pan (+/-, arrows, shift for bigger steps, 0 to reset).
 * + and - zoom around `focus` (plot pixels: the selection, when in view), else the centre.
 * Returns whether the key was the map's (then it is consumed).
 */
export function keyZoom(event: KeyboardEvent, zoomer: Zoomer, plot: G, plotWidth: number, scale: number, focus: [number, number] | null = null): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey) return false;
  const pan = (plotWidth * (event.shiftKey ? 0.5 : 0.15)) / scale;
  switch (event.key) {
    case '+':
    case '=':
      if (focus) zoomer.scaleBy(plot, 2, focus);
      else zoomer.scaleBy(plot, 2);
      break;
    case '-':
    case '_':
      if (focus) zoomer.scaleBy(plot, 0.5, focus);
      else zoomer.scaleBy(plot, 0.5);
      break;
    case 'ArrowLeft':
      zoomer.translateBy(plot, pan, 0);
      break;
    case 'ArrowRight':
      zoomer.translateBy(plot, -pan, 0);
      break;
    case '0':
      zoomer.transform(plot, zoomIdentity);
      break;
    default:
      return false;
  }
  event.preventDefault();
  event.stopPropagation();
  return true;
}

export function createBrush(onEnd: (event: D3BrushEvent<unknown>) => void): BrushBehavior<unknown> {
  return brushX<unknown>().on('end', onEnd);
}

/** Places and styles the brush strip (with its hint) in the brush row. */
export function drawBrush(plot: G, brusher: BrushBehavior<unknown>, plotWidth: number, brushTop: number, c: ThemeColors): void {
  brusher.extent([[0, brushTop], [plotWidth, brushTop + 12]]);
  const brush = plot.select<SVGGElement>('.brush').call(brusher);
  brush.select('.overlay').attr('fill', c.brushFill).attr('rx', 3).style('cursor', 'crosshair');
  brush.select('.selection').attr('fill', c.accent).attr('fill-opacity', 0.25).attr('stroke', c.accent);
  brush.selectAll('title').data([0]).join('title').text('Drag here to zoom to a range');
  brush
    .selectAll('text.hint')
    .data([0])
    .join('text')
    .attr('class', 'hint')
    .attr('x', plotWidth - 4)
    .attr('y', brushTop + 9)
    .attr('text-anchor', 'end')
    .attr('font-size', 9)
    .attr('fill', c.muted)
    .attr('pointer-events', 'none')
    .text('drag here to zoom to a range');
}

/**
 * The window a finished user brush asks for (null: not a user brush, or too
 * narrow). The brush is cleared either way: it is a gesture, not a state.
 */
export function brushedWindow(event: D3BrushEvent<unknown>, plot: G, brusher: BrushBehavior<unknown>, v: View, axis: CompressedAxis): AddressWindow | null {
  if (!event.sourceEvent || !event.selection) return null;
  const [a, b] = event.selection as [number, number];
  plot.select<SVGGElement>('.brush').call(brusher.move, null);
  if (b - a < 3) return null;
  const toGpa = (px: number) => xToGpa(axis, v.x0 + px / v.pxPerUnit);
  return u64Window(toGpa(a), toGpa(b));
}

function isSideways(e: WheelEvent): boolean {
  return e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY);
}
