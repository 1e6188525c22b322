// The GPA axis across the top of the lanes: hex ticks with grid lines, and the
// collapsed holes of the compressed axis (hatched band, zigzag edges, size label).
import type { View } from '../../lib/layout/aggregate.ts';
import { binarySize, hex as hexAddress } from '../../lib/model/text.ts';
import { dropOverlapping, hexTicks, labelBox, type Tick } from '../../lib/layout/ticks.ts';
import { MONO_CHAR_PX } from './geometry.ts';
import type { LayerContext, ToPx } from './layerContext.ts';
import { MONO } from './palette.ts';

export function drawAxis({ plot, colors: c, rows: r, plotWidth, axis: compressed }: LayerContext, v: View, sx: ToPx): void {
  const ticks = hexTicks(compressed, v, { charPx: MONO_CHAR_PX });
  plot
    .select('.grid')
    .selectAll<SVGLineElement, Tick>('line')
    .data(ticks, (d) => d.label)
    .join('line')
    .attr('x1', (d) => sx(d.x))
    .attr('x2', (d) => sx(d.x))
    .attr('y1', r.axisY)
    .attr('y2', r.lanesBottom)
    .attr('stroke', c.grid)
    .attr('stroke-width', 1);
  const axis = plot.select('.axis');
  axis
    .selectAll('line.baseline')
    .data([0])
    .join('line')
    .attr('class', 'baseline')
    .attr('x1', 0)
    .attr('x2', plotWidth)
    .attr('y1', r.axisY)
    .attr('y2', r.axisY)
    .attr('stroke', c.muted);
  axis
    .selectAll<SVGGElement, Tick>('g.tick')
    .data(ticks, (d) => d.label)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'tick');
      g.append('line').attr('y1', -4).attr('y2', 0);
      g.append('text').attr('y', -7).attr('text-anchor', 'middle').attr('font-size', 11).attr('font-family', MONO);
      return g;
    })
    .attr('transform', (d) => `translate(${sx(d.x)},${r.axisY})`)
    .call((g) => g.select('line').attr('stroke', c.muted))
    .call((g) =>
      g
        .select('text')
        .attr('fill', c.fg)
        // Labels slide inward at the edges and away from a collapsed gap (ticks.ts labelBox).
        .attr('x', (d) => {
          const box = labelBox(d, v, plotWidth, MONO_CHAR_PX);
          return (box.left + box.right) / 2 - sx(d.x);
        })
        .text((d) => d.label),
    );
}

/** Width of a character of the 10 px gap labels, for their overlap check. */
const GAP_LABEL_CHAR_PX = 5.8;

export function drawGaps({ uid, plot, colors: c, rows: r, axis, plotWidth }: LayerContext, v: View, sx: ToPx): void {
  const gaps = axis.gaps.filter((p) => p.x1 >= v.x0 && p.x0 <= v.x1);
  const bands = plot
    .select('.gaps')
    .selectAll<SVGGElement, (typeof gaps)[number]>('g.gap')
    .data(gaps, (d) => d.start.toString())
    .join((enter) => {
      const g = enter.append('g').attr('class', 'gap').attr('data-testid', 'gap');
      g.append('rect').attr('class', 'band');
      g.append('path').attr('class', 'edge-left');
      g.append('path').attr('class', 'edge-right');
      return g;
    })
    .attr('data-start', (d) => hexAddress(d.start))
    .attr('data-end', (d) => hexAddress(d.end));
  const top = r.axisY - 4;
  const bottom = r.lanesBottom + 2;
  // A zigzag break line at each edge of the collapsed hole.
  const zigzag = (x: number) => {
    let d = `M${x},${top}`;
    for (let y = top, i = 0; y < bottom; y += 6, i++) d += ` L${x + (i % 2 === 0 ? 2.5 : -2.5)},${Math.min(bottom, y + 6)}`;
    return d;
  };
  bands
    .select('.band')
    .attr('x', (d) => sx(d.x0))
    .attr('width', (d) => Math.max(1, sx(d.x1) - sx(d.x0)))
    .attr('y', top)
    .attr('height', bottom - top)
    .attr('fill', `url(#${uid}-gap)`);
  bands.select('.edge-left').attr('d', (d) => zigzag(sx(d.x0))).attr('fill', 'none').attr('stroke', c.gapStroke).attr('stroke-width', 1);
  bands.select('.edge-right').attr('d', (d) => zigzag(sx(d.x1))).attr('fill', 'none').attr('stroke', c.gapStroke).attr('stroke-width', 1);
  // The hole's size under the lanes, where it fits.
  const labels = dropOverlapping(
    gaps.map((g) => ({ gpa: g.start, x: (Math.max(g.x0, v.x0) + Math.min(g.x1, v.x1)) / 2, label: `⋯ ${binarySize(g.end - g.start)} ⋯` })),
    v,
    GAP_LABEL_CHAR_PX,
    8,
  );
  plot
    .select('.gap-labels')
    .selectAll<SVGTextElement, Tick>('text')
    .data(labels, (d) => d.gpa.toString())
    .join('text')
    // Slid inward at the window's edges, as dropOverlapping placed it.
    .attr('x', (d) => {
      const box = labelBox(d, v, plotWidth, GAP_LABEL_CHAR_PX);
      return (box.left + box.right) / 2;
    })
    .attr('y', r.gapLabelY)
    .attr('text-anchor', 'middle')
    .attr('font-size', 10)
    .attr('fill', c.muted)
    .text((d) => d.label);
}
