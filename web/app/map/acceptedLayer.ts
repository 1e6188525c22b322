// The memory the host has accepted for the guest (a device tree's
// accepted-memory@ nodes): a thin hatched strip under the lanes, so what is
// accepted reads against the ranges above it.
import { gpaToX } from '../../lib/layout/axis.ts';
import type { Span } from '../../lib/model/topology.ts';
import { binarySize, groupedHex, hex } from '../../lib/model/text.ts';
import type { LayerContext, ToPx } from './layerContext.ts';

export function drawAccepted({ plot, colors: c, rows: r, plotWidth: w, axis }: LayerContext, accepted: readonly Span[], sx: ToPx): void {
  const top = r.acceptedTop;
  const visible = top === null ? [] : accepted;
  const clamp = (px: number) => Math.max(-4, Math.min(w + 4, px));
  plot
    .select('.accepted')
    .selectAll<SVGRectElement, Span>('rect')
    .data(visible)
    .join((enter) =>
      enter
        .append('rect')
        .attr('data-testid', 'accepted-range')
        .attr('height', 6)
        .attr('rx', 1)
        .call((rect) => rect.append('title')),
    )
    .attr('data-start', (d) => hex(d.start))
    .attr('data-end', (d) => hex(d.end))
    .attr('y', top ?? 0)
    .attr('x', (d) => clamp(sx(gpaToX(axis, d.start))))
    .attr('width', (d) => Math.max(2, clamp(sx(gpaToX(axis, d.end))) - clamp(sx(gpaToX(axis, d.start)))))
    .attr('fill', c.accepted)
    .attr('stroke', c.fg)
    .attr('stroke-width', 0.5)
    .select('title')
    .text((d) => `accepted memory ${groupedHex(d.start)} – ${groupedHex(d.end)} (${binarySize(d.end - d.start)})`);
}
