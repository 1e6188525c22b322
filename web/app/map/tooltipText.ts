// The lines a hover shows: address range in hex, size in binary units and exact
// bytes, vnode, VTL type, IGVM type. Plain strings: they are set as text, never markup.
import { enumLabel } from '../../lib/model/vtlTypes.ts';
import { aggregateItems, type Aggregate } from '../../lib/layout/aggregate.ts';
import { binarySize, exactBytes, groupedHex } from '../../lib/model/text.ts';
import type { LaneItem } from '../../lib/layout/lanes.ts';
import type { PersistedMark } from '../../lib/layout/persisted.ts';

export interface TooltipText {
  title: string;
  lines: string[];
}

function extent(start: bigint, end: bigint): string[] {
  if (end <= start) return [`${groupedHex(start)} – ${groupedHex(end)}`, end === start ? 'empty range (start = end)' : 'inverted range (end < start)'];
  const size = end - start;
  return [`${groupedHex(start)} – ${groupedHex(end)}`, `${binarySize(size)} (${exactBytes(size)})`];
}

export function itemTooltip(item: LaneItem): TooltipText {
  const e = item.entry;
  const where = e.vnode === null ? [] : [`vnode ${e.vnode} · IGVM ${e.igvmType ? enumLabel(e.igvmType) : '—'}`];
  return { title: enumLabel(e.vtlType), lines: [...extent(e.start, e.end), ...where, `${e.ref.table === 'memory' ? 'memory' : 'MMIO'} entry #${e.ref.index}`] };
}

export function aggregateTooltip(a: Aggregate): TooltipText {
  const counts = new Map<string, number>();
  for (const item of aggregateItems(a)) {
    const label = enumLabel(item.entry.vtlType);
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  const mix = [...counts].sort((x, y) => y[1] - x[1]).slice(0, 4).map(([label, n]) => `${n} × ${label}`);
  return { title: `${a.count} ranges (narrower than a pixel)`, lines: [...extent(a.start, a.end), ...mix, 'click to zoom in'] };
}

export function markerTooltip(title: string, mark: PersistedMark): TooltipText {
  return {
    title,
    lines: [...extent(mark.start, mark.end), mark.source === 'header' ? 'from the image header' : 'from the memory entries', ...mark.fields.map((f) => `${f.name}: ${f.value}`)],
  };
}
