// The lines a hover shows: address range in hex, size in binary units and exact
// bytes, vnode, VTL type, IGVM type. Plain strings: they are set as text, never markup.
import { enumLabel } from '../../lib/analysis/vtlTypes.ts';
import type { Aggregate } from '../../lib/layout/aggregate.ts';
import { binarySize, exactBytes, groupedHex } from '../../lib/layout/format.ts';
import type { LaneItem } from '../../lib/layout/lanes.ts';
import type { PersistedMark } from '../../lib/layout/persisted.ts';
import type { SavedState } from '../../lib/model/types.ts';

export interface TooltipText {
  title: string;
  lines: string[];
}

function extent(start: bigint, end: bigint): string[] {
  if (end <= start) return [`${groupedHex(start)} – ${groupedHex(end)}`, end === start ? 'empty range (start = end)' : 'inverted range (end < start)'];
  const size = end - start;
  return [`${groupedHex(start)} – ${groupedHex(end)}`, `${binarySize(size)} (${exactBytes(size)})`];
}

export function itemTooltip(item: LaneItem, state: SavedState): TooltipText {
  if (item.ref.table === 'memory') {
    const e = state.partition_memory[item.ref.index]!;
    return {
      title: enumLabel(e.vtl_type),
      lines: [...extent(e.range.start, e.range.end), `vnode ${e.vnode} · IGVM ${enumLabel(e.igvm_type)}`, `memory entry #${item.ref.index}`],
    };
  }
  const e = state.partition_mmio[item.ref.index]!;
  return { title: enumLabel(e.vtl_type), lines: [...extent(e.range.start, e.range.end), `MMIO entry #${item.ref.index}`] };
}

export function aggregateTooltip(a: Aggregate, state: SavedState): TooltipText {
  const counts = new Map<string, number>();
  for (const item of a.items) {
    const label = item.ref.table === 'memory' ? enumLabel(state.partition_memory[item.ref.index]!.vtl_type) : enumLabel(state.partition_mmio[item.ref.index]!.vtl_type);
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
