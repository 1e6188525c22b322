// The hover tooltip: what the pointer is over (markAt.ts: a range, an aggregate
// or a persisted-state pin), its text beside the pointer, flipped left where it
// would leave the map.
import type { TooltipBox } from './mapElements.ts';
import { markAt, type MarkHit } from './markAt.ts';
import { MONO, SANS, type ThemeColors } from './palette.ts';
import { aggregateTooltip, itemTooltip, markerTooltip, type TooltipText } from './tooltipText.ts';

export function showTooltip(tooltip: TooltipBox, host: HTMLElement, event: PointerEvent, c: ThemeColors): void {
  const hit = markAt(event.target as Element);
  const text = hit && textOf(hit);
  if (!text) {
    hideTooltip(tooltip);
    return;
  }
  const tip = tooltip
    .style('display', 'block')
    .style('background', c.tooltipBg)
    .style('color', c.fg)
    .style('border', `1px solid ${c.grid}`)
    .style('border-radius', '6px')
    .style('padding', '6px 8px')
    .style('font', `11px/1.45 ${MONO}`)
    .style('box-shadow', '0 4px 14px rgba(0,0,0,0.18)')
    .style('white-space', 'nowrap');
  tip
    .selectAll('div')
    .data([text.title, ...text.lines])
    .join('div')
    .style('font-weight', (_, i) => (i === 0 ? '600' : '400'))
    .style('font-family', (_, i) => (i === 0 ? SANS : MONO))
    .text((d) => d);
  const hostBox = host.getBoundingClientRect();
  const tipBox = (tip.node() as HTMLDivElement).getBoundingClientRect();
  let left = event.clientX - hostBox.left + 14;
  if (left + tipBox.width > hostBox.width) left = event.clientX - hostBox.left - tipBox.width - 14;
  const top = event.clientY - hostBox.top + 16;
  tip.style('left', `${Math.max(0, left)}px`).style('top', `${top}px`);
}

function textOf(hit: MarkHit): TooltipText {
  if (hit.kind === 'range') return itemTooltip(hit.item);
  if (hit.kind === 'aggregate') return aggregateTooltip(hit.aggregate);
  return markerTooltip(hit.pin.key === 'header' ? 'Persisted-state header page' : 'Protobuf region', hit.pin.mark);
}

export function hideTooltip(tooltip: TooltipBox): void {
  tooltip.style('display', 'none');
}
