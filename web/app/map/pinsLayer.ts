// The persisted-state pins above the axis: the header page and the protobuf
// region, each a pin with a dashed guide through the lanes and a callout label.
// A pin whose mark is out of view waits at the edge it lies beyond.
import { gpaToX } from '../../lib/layout/axis.ts';
import { hex as hexAddress } from '../../lib/model/text.ts';
import { VTL } from '../../lib/model/vtlTypes.ts';
import type { PersistedMark, PersistedMarkers } from '../../lib/layout/persisted.ts';
import { MIN_MARKER_PX, PIN_BOTTOM, PIN_TOP } from './geometry.ts';
import type { LayerContext, ToPx } from './layerContext.ts';
import { SANS, vtlColor } from './palette.ts';
import { textWidth } from './textWidth.ts';

const PIN_LABEL_FONT = `600 11px ${SANS}`;

/** The datum bound to each `g.marker` (the tooltip reads `key` and `mark`). */
export interface PlacedPin {
  key: 'header' | 'protobuf';
  mark: PersistedMark;
  x: number;
  width: number;
  /** -1: left of the view, 1: right of it, 0: in it. */
  off: -1 | 0 | 1;
  /** The callout: its text, and where it is anchored (`left`: it ends at `x`, else starts there). */
  label: { text: string; left: boolean; x: number };
}

export function drawPins({ plot, colors: c, rows: r, plotWidth: w, axis }: LayerContext, markers: PersistedMarkers, sx: ToPx): void {
  const place = (key: 'header' | 'protobuf', mark: PersistedMark | null): PlacedPin[] => {
    if (!mark) return [];
    const a = sx(gpaToX(axis, mark.start));
    const b = sx(gpaToX(axis, mark.end));
    const off = b < 0 ? -1 : a > w ? 1 : 0;
    if (off !== 0) return [labelled(key, mark, off < 0 ? 0 : w - MIN_MARKER_PX, MIN_MARKER_PX, off)];
    // Only the visible part, at least a few pixels wide. The header page sits left
    // of its end (it touches the protobuf region), the region right of its start.
    const left = Math.max(a, 0);
    const right = Math.min(b, w);
    const width = Math.max(MIN_MARKER_PX, right - left);
    const x = Math.max(0, Math.min(w - width, key === 'header' && right - left < MIN_MARKER_PX ? right - width : left));
    return [labelled(key, mark, x, width, off)];
  };
  // Labels: the header's left of its pin, the region's right of it, flipped where there is no room (measured once per pin).
  const labelled = (key: PlacedPin['key'], mark: PersistedMark, x: number, width: number, off: PlacedPin['off']): PlacedPin => {
    const label = `${off < 0 ? '◀ ' : ''}${mark.label}`;
    const fields = `${mark.callout}${off > 0 ? ' ▶' : ''}`;
    const text = fields ? `${label} · ${fields}` : label;
    const len = textWidth(text, PIN_LABEL_FONT);
    const centre = x + width / 2;
    const left = key === 'header' ? centre - 8 >= len : centre + 8 + len > w;
    return { key, mark, x, width, off, label: { text, left, x: left ? centre - 8 : centre + 8 } };
  };
  const placed = [...place('header', markers.header), ...place('protobuf', markers.protobuf)];
  const groups = plot
    .select('.markers')
    .selectAll<SVGGElement, PlacedPin>('g.marker')
    .data(placed, (d) => d.key)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'marker');
      g.append('path').attr('class', 'leader');
      g.append('rect').attr('class', 'pin');
      g.append('rect').attr('class', 'guide').attr('pointer-events', 'none');
      g.append('text').attr('class', 'label').attr('font-size', 11);
      return g;
    })
    .attr('data-testid', (d) => (d.key === 'header' ? 'persisted-header-marker' : 'protobuf-region-marker'))
    .attr('data-start', (d) => hexAddress(d.mark.start))
    .attr('data-end', (d) => hexAddress(d.mark.end))
    .attr('data-offscreen', (d) => (d.off === 0 ? 'false' : 'true'))
    .style('cursor', 'help');
  const colorOf = (d: PlacedPin) => vtlColor(d.key === 'header' ? VTL.VTL2_PERSISTED_STATE_HEADER : VTL.VTL2_PERSISTED_STATE_PROTOBUF);
  // The pin ends above the tick labels (a hex label sits right under the header page), the guide starts in the lanes.
  const pinTop = PIN_TOP;
  groups
    .select('.pin')
    .attr('x', (d) => d.x)
    .attr('width', (d) => d.width)
    .attr('y', pinTop)
    .attr('height', PIN_BOTTOM - pinTop)
    .attr('fill', colorOf)
    .attr('fill-opacity', (d) => (d.off ? 0.4 : 1))
    .attr('stroke', c.fg)
    .attr('stroke-width', 0.75);
  // An outline through the lanes shows where the pin falls without hiding the ranges under it.
  groups
    .select('.guide')
    .attr('x', (d) => d.x - 0.5)
    .attr('width', (d) => d.width + 1)
    .attr('y', r.lanesTop - 2)
    .attr('height', r.lanesBottom - r.lanesTop + 4)
    .attr('fill', 'none')
    .attr('stroke', c.fg)
    .attr('stroke-opacity', (d) => (d.off ? 0 : 0.7))
    .attr('stroke-dasharray', '3 2')
    .attr('stroke-width', 1);
  // The header's label on the first line, the region's on the second.
  const lineY = (d: PlacedPin) => (d.key === 'header' ? 12 : 28);
  groups
    .select('.leader')
    .attr('d', (d) => {
      const centre = d.x + d.width / 2;
      const y = lineY(d) - 4;
      return `M${centre},${pinTop} V${y} H${d.label.left ? d.label.x + 4 : d.label.x - 4}`;
    })
    .attr('fill', 'none')
    .attr('stroke', c.muted)
    .attr('stroke-width', 1);
  groups
    .select('.label')
    .attr('x', (d) => d.label.x)
    .attr('y', lineY)
    .attr('text-anchor', (d) => (d.label.left ? 'end' : 'start'))
    .attr('fill', c.fg)
    .attr('font-weight', 600)
    .text((d) => d.label.text);
}
