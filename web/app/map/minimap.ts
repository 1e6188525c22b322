// The overview strip under the map: the whole address space at zoom 1 (gaps,
// every lane's marks) and a box for the visible window. Pointer handling lives
// in the renderer; minimapPlotX turns a pointer into the x it pans to.
import { mapMarks, type View } from '../../lib/layout/aggregate.ts';
import { GUTTER, miniHeight, RIGHT, VIRTUAL_WIDTH } from './geometry.ts';
import type { LayerContext } from './layerContext.ts';
import { MAP_BUDGET } from './lanesLayer.ts';
import type { Svg } from './mapElements.ts';
import { vtlColor } from './palette.ts';

/** Redrawn on layout only (size, document, theme): it does not change while zooming. */
export function drawMinimapBase(mini: Svg, { uid, colors: c, plotWidth, axis, lanes }: LayerContext): void {
  const width = plotWidth + GUTTER + RIGHT;
  const height = miniHeight(lanes.length);
  mini.attr('width', width).attr('height', height).style('background', c.bg);
  // Every lane its own row of at least a pixel (miniHeight grows with the lanes); a gap between rows when there is room.
  const n = Math.max(1, lanes.length);
  const pitch = (height - 8) / n;
  const laneH = pitch >= 3 ? pitch - 1 : pitch;
  const miniLaneY = (i: number) => 4 + i * pitch;
  const whole: View = { x0: 0, x1: VIRTUAL_WIDTH, pxPerUnit: plotWidth / VIRTUAL_WIDTH };
  mini
    .selectAll('text.mini-label')
    .data([0])
    .join('text')
    .attr('class', 'mini-label')
    .attr('x', GUTTER - 10)
    .attr('y', height / 2 + 4)
    .attr('text-anchor', 'end')
    .attr('font-size', 10)
    .attr('fill', c.muted)
    .text('overview');
  const body = mini
    .selectAll<SVGGElement, number>('g.mini-body')
    .data([0])
    .join((enter) => {
      const g = enter.append('g').attr('class', 'mini-body');
      g.append('rect').attr('class', 'mini-bg');
      g.append('g').attr('class', 'mini-gaps');
      g.append('g').attr('class', 'mini-marks');
      g.append('rect').attr('class', 'mini-window');
      return g;
    })
    .attr('transform', `translate(${GUTTER},0)`);
  body.select('.mini-bg').attr('width', plotWidth).attr('height', height).attr('rx', 3).attr('fill', c.laneBg);
  body
    .select('.mini-gaps')
    .selectAll('rect')
    .data(axis.gaps)
    .join('rect')
    .attr('x', (d) => d.x0 * whole.pxPerUnit)
    .attr('width', (d) => Math.max(1, (d.x1 - d.x0) * whole.pxPerUnit))
    .attr('y', 0)
    .attr('height', height)
    .attr('fill', `url(#${uid}-gap)`);
  type MiniMark = { x0: number; x1: number; type: number; lane: number };
  const marks: MiniMark[] = mapMarks(lanes, whole, { total: MAP_BUDGET }).flatMap((m, i) => {
    return [...m.ranges.map((d) => ({ x0: d.x0, x1: d.x1, type: d.entry.vtlType.value, lane: i })), ...m.aggregates.map((a) => ({ x0: a.x0, x1: a.x1, type: a.dominantVtlType, lane: i }))];
  });
  body
    .select('.mini-marks')
    .selectAll('rect')
    .data(marks)
    .join('rect')
    .attr('x', (d) => d.x0 * whole.pxPerUnit)
    .attr('width', (d) => Math.max(1, (d.x1 - d.x0) * whole.pxPerUnit))
    .attr('y', (d) => miniLaneY(d.lane))
    .attr('height', laneH)
    .attr('fill', (d) => vtlColor(d.type));
}

/** The box showing which part of the whole the map shows now (every frame). */
export function drawMinimapWindow(mini: Svg, { colors: c, plotWidth, lanes }: LayerContext, v: View): void {
  const height = miniHeight(lanes.length);
  const unit = plotWidth / VIRTUAL_WIDTH;
  const x = Math.max(0, v.x0 * unit);
  const width = Math.max(4, Math.min(plotWidth, v.x1 * unit) - x);
  mini
    .select('.mini-window')
    .attr('data-testid', 'minimap-window')
    .attr('x', Math.min(x, plotWidth - width))
    .attr('width', width)
    .attr('y', 1)
    .attr('height', height - 2)
    .attr('rx', 2)
    .attr('fill', c.accent)
    .attr('fill-opacity', 0.12)
    .attr('stroke', c.accent)
    .attr('stroke-width', 1.5);
}

/** Pointer → plot x at zoom 1, the base coordinate d3-zoom translates to. */
export function minimapPlotX(event: PointerEvent, mini: SVGSVGElement): number {
  const box = mini.getBoundingClientRect();
  return event.clientX - box.left - GUTTER;
}
