// Lanes of the map: one per NUMA vnode that has memory, then one for MMIO (VTL0
// and VTL2). Each lane holds its entries placed on the compressed axis, sorted
// by x, with a running maximum of right edges so a window query is a binary search.
import type { EntryRef } from '../analysis/diagnostics.ts';
import type { SavedState } from '../model/types.ts';
import { buildAxis, gpaToX, type AxisOptions, type CompressedAxis, type Span } from './axis.ts';

export interface LaneItem {
  ref: EntryRef;
  start: bigint;
  end: bigint;
  /** Virtual x of start and end (x1 >= x0; an empty or inverted range has x1 === x0). */
  x0: number;
  x1: number;
  vtlType: number;
  /** Memory entries only. */
  igvmType: number | null;
  vnode: number | null;
}

export interface Lane {
  id: string;
  label: string;
  table: 'memory' | 'mmio';
  vnode: number | null;
  items: LaneItem[];
  /** `maxX1[i]` = max of items[0..i].x1: monotonic, for finding the first visible item. */
  maxX1: number[];
}

/** Every range the map places (entries and extra spans such as the persisted-state region). */
export function topologySpans(state: SavedState | null, extra: readonly Span[] = []): Span[] {
  const spans: Span[] = [...extra];
  if (state) {
    for (const e of state.partition_memory) spans.push(e.range);
    for (const e of state.partition_mmio) spans.push(e.range);
  }
  return spans;
}

export function topologyAxis(state: SavedState | null, extra: readonly Span[] = [], options?: AxisOptions): CompressedAxis {
  return buildAxis(topologySpans(state, extra), options);
}

export function buildLanes(state: SavedState | null, axis: CompressedAxis): Lane[] {
  const byVnode = new Map<number, LaneItem[]>();
  const mmio: LaneItem[] = [];
  const place = (start: bigint, end: bigint) => {
    const x0 = gpaToX(axis, start);
    return { x0, x1: end > start ? gpaToX(axis, end) : x0 };
  };
  state?.partition_memory.forEach((e, index) => {
    const items = byVnode.get(e.vnode) ?? [];
    byVnode.set(e.vnode, items);
    items.push({ ref: { table: 'memory', index }, start: e.range.start, end: e.range.end, ...place(e.range.start, e.range.end), vtlType: e.vtl_type.value, igvmType: e.igvm_type.value, vnode: e.vnode });
  });
  state?.partition_mmio.forEach((e, index) => {
    mmio.push({ ref: { table: 'mmio', index }, start: e.range.start, end: e.range.end, ...place(e.range.start, e.range.end), vtlType: e.vtl_type.value, igvmType: null, vnode: null });
  });
  const lanes: Lane[] = [...byVnode.keys()]
    .sort((a, b) => a - b)
    .map((vnode) => lane(`vnode-${vnode}`, `vnode ${vnode}`, 'memory', vnode, byVnode.get(vnode)!));
  if (mmio.length > 0 || lanes.length === 0) lanes.push(lane('mmio', 'MMIO', 'mmio', null, mmio));
  return lanes;
}

function lane(id: string, label: string, table: 'memory' | 'mmio', vnode: number | null, items: LaneItem[]): Lane {
  items.sort((a, b) => a.x0 - b.x0 || (a.start < b.start ? -1 : a.start > b.start ? 1 : a.ref.index - b.ref.index));
  const maxX1: number[] = [];
  let max = -Infinity;
  for (const item of items) maxX1.push((max = Math.max(max, item.x1)));
  return { id, label, table, vnode, items, maxX1 };
}
