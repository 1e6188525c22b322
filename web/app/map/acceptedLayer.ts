// The memory the host has accepted for the guest (a device tree's
// accepted-memory@ nodes): a thin hatched strip under the lanes, so what is
// accepted reads against the ranges above it.
import { gpaToX } from '../../lib/layout/axis.ts';
import type { Span } from '../../lib/model/topology.ts';
import { binarySize, groupedHex, hex } from '../../lib/model/text.ts';
import type { LayerContext, ToPx } from './layerContext.ts';

export function drawAccepted({ plot, colors: c, rows: r, plotWidth: w, axis }: LayerContext, accepted: readonly Span[], sx: ToPx): void {
  const top = r.acceptedTop;
  const clamp = (px: number) => Math.max(-4, Math.min(w + 4, px));
  const placed = top === null ? [] : accepted.map((span) => ({ span, a: clamp(sx(gpaToX(axis, span.start))), b: clamp(sx(gpaToX(axis, span.end))) }));
  plot
    .select('.accepted')
    .selectAll<SVGRectElement, (typeof placed)[number]>('rect')
    // Keyed by the span, so what is said of it (attributes, title) is set once, when it enters.
    .data(placed, (d) => `${d.span.start}-${d.span.end}`)
    .join((enter) =>
      enter
        .append('rect')
        .attr('data-testid', 'accepted-range')
        .attr('data-start', (d) => hex(d.span.start))
        .attr('data-end', (d) => hex(d.span.end))
        .attr('height', 6)
        .attr('rx', 1)
        .call((rect) => rect.append('title').text(({ span }) => `accepted memory ${groupedHex(span.start)} – ${groupedHex(span.end)} (${binarySize(span.end - span.start)})`)),
    )
    .attr('y', top ?? 0)
    .attr('x', (d) => d.a)
    .attr('width', (d) => Math.max(2, d.b - d.a))
    .attr('fill', c.accepted)
    .attr('stroke', c.fg)
    .attr('stroke-width', 0.5);
}
