// The entry table's rows: memory and MMIO entries in one list, filtered and
// sorted as the view state says. Pure, so a table of 10,000 rows is one memo.
import type { EntryRef } from '../../lib/analysis/diagnostics.ts';
import { enumLabel } from '../../lib/analysis/vtlTypes.ts';
import type { EnumValue, SavedState } from '../../lib/model/types.ts';
import type { Filters } from '../store/viewState.ts';
import { parseAddress } from './units.ts';

export interface Row {
  ref: EntryRef;
  start: bigint;
  end: bigint;
  /** 0 for an inverted range. */
  size: bigint;
  /** null for MMIO (it has no vnode). */
  vnode: number | null;
  vtlType: EnumValue;
  /** null for MMIO. */
  igvmType: EnumValue | null;
}

export type SortKey = 'index' | 'start' | 'end' | 'size' | 'vnode' | 'vtl' | 'igvm';
export interface TableSort {
  key: SortKey;
  descending: boolean;
}

export function buildRows(state: SavedState | null): Row[] {
  if (!state) return [];
  const rows: Row[] = [];
  state.partition_memory.forEach((e, index) => {
    rows.push({ ref: { table: 'memory', index }, start: e.range.start, end: e.range.end, size: e.range.end > e.range.start ? e.range.end - e.range.start : 0n, vnode: e.vnode, vtlType: e.vtl_type, igvmType: e.igvm_type });
  });
  state.partition_mmio.forEach((e, index) => {
    rows.push({ ref: { table: 'mmio', index }, start: e.range.start, end: e.range.end, size: e.range.end > e.range.start ? e.range.end - e.range.start : 0n, vnode: null, vtlType: e.vtl_type, igvmType: null });
  });
  return rows;
}

/**
 * What the address box means: one hex address (rows containing it), a range
 * `a-b` or `a..b` (rows overlapping it), or else text found in the start/end hex.
 */
export type AddressQuery = { kind: 'none' } | { kind: 'point'; at: bigint } | { kind: 'range'; start: bigint; end: bigint } | { kind: 'text'; text: string };

export function parseAddressQuery(text: string): AddressQuery {
  const t = text.trim();
  if (t === '') return { kind: 'none' };
  const range = /^(.+?)\s*(?:\.\.|-|–)\s*(.+)$/.exec(t);
  if (range) {
    const start = parseAddress(range[1]!);
    const end = parseAddress(range[2]!);
    if (start !== null && end !== null) return { kind: 'range', start, end };
  }
  const at = parseAddress(t);
  if (at !== null) return { kind: 'point', at };
  return { kind: 'text', text: t.toLowerCase().replace(/^0x/, '') };
}

export function filterRows(rows: readonly Row[], filters: Filters): Row[] {
  const query = parseAddressQuery(filters.address);
  const vtl = filters.vtlTypes && new Set(filters.vtlTypes);
  const vnodes = filters.vnodes && new Set(filters.vnodes);
  const igvm = filters.igvmTypes && new Set(filters.igvmTypes);
  return rows.filter((r) => {
    if (vtl && !vtl.has(r.vtlType.value)) return false;
    // MMIO rows have no vnode or IGVM type: a filter on those hides them.
    if (vnodes && (r.vnode === null || !vnodes.has(r.vnode))) return false;
    if (igvm && (r.igvmType === null || !igvm.has(r.igvmType.value))) return false;
    switch (query.kind) {
      case 'none':
        return true;
      case 'point':
        return r.start <= query.at && query.at < r.end;
      case 'range':
        return r.start < query.end && query.start < r.end;
      case 'text':
        return r.start.toString(16).includes(query.text) || r.end.toString(16).includes(query.text);
    }
  });
}

const cmpBig = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);
const tableOrder = (r: Row) => (r.ref.table === 'memory' ? 0 : 1);

function compare(key: SortKey, a: Row, b: Row): number {
  switch (key) {
    case 'index':
      return tableOrder(a) - tableOrder(b) || a.ref.index - b.ref.index;
    case 'start':
      return cmpBig(a.start, b.start);
    case 'end':
      return cmpBig(a.end, b.end);
    case 'size':
      return cmpBig(a.size, b.size);
    case 'vnode':
      return (a.vnode ?? Infinity) - (b.vnode ?? Infinity);
    case 'vtl':
      return a.vtlType.value - b.vtlType.value;
    case 'igvm':
      return (a.igvmType?.value ?? Infinity) - (b.igvmType?.value ?? Infinity);
  }
}

/** Sorted copy; ties keep table order, so the order is stable and total. */
export function sortRows(rows: readonly Row[], sort: TableSort): Row[] {
  const sign = sort.descending ? -1 : 1;
  return [...rows].sort((a, b) => sign * compare(sort.key, a, b) || compare('index', a, b));
}

export function rowLabel(r: Row): string {
  return `${r.ref.table === 'memory' ? 'memory' : 'MMIO'} #${r.ref.index} ${enumLabel(r.vtlType)}`;
}
