// The one filter over entries. The table shows exactly the entries it keeps,
// the map dims the rest, the NUMA panel sums what it keeps, and the filtered
// exports write what it keeps.
// An entry without a vnode or IGVM type (MMIO) fails a vnode or IGVM filter:
// "vnode 1" shows vnode 1's ranges, nothing else.
import { type Entry, entrySize } from './entries.ts';
import { compareBigint } from './order.ts';
import { parseAddressQuery, type AddressQuery } from './text.ts';
import type { Filters, SortKey, TableSort } from './view.ts';

export type EntryPredicate = (entry: Entry) => boolean;

export function entryFilter(filters: Filters): EntryPredicate {
  const vtl = filters.vtlTypes && new Set(filters.vtlTypes);
  const vnodes = filters.vnodes && new Set(filters.vnodes);
  const igvm = filters.igvmTypes && new Set(filters.igvmTypes);
  const matches = addressMatcher(parseAddressQuery(filters.address, filters.addressMode));
  return (e) => {
    if (vtl && !vtl.has(e.vtlType.value)) return false;
    if (vnodes && (e.vnode === null || !vnodes.has(e.vnode))) return false;
    if (igvm && (e.igvmType === null || !igvm.has(e.igvmType.value))) return false;
    return matches(e);
  };
}

function addressMatcher(query: AddressQuery): EntryPredicate {
  switch (query.kind) {
    case 'none':
      return () => true;
    case 'point':
      return (e) => e.start <= query.at && query.at < e.end;
    case 'range':
      return (e) => e.start < query.end && query.start < e.end;
    case 'text':
      return (e) => e.start.toString(16).includes(query.text) || e.end.toString(16).includes(query.text);
    case 'invalid':
      return () => false;
  }
}

export function filterEntries(entries: readonly Entry[], filters: Filters): Entry[] {
  const keep = entryFilter(filters);
  return entries.filter(keep);
}

const tableOrder = (e: Entry) => (e.ref.table === 'memory' ? 0 : 1);

function compare(key: SortKey, a: Entry, b: Entry): number {
  switch (key) {
    case 'index':
      return tableOrder(a) - tableOrder(b) || a.ref.index - b.ref.index;
    case 'start':
      return compareBigint(a.start, b.start);
    case 'end':
      return compareBigint(a.end, b.end);
    case 'size':
      return compareBigint(entrySize(a), entrySize(b));
    case 'vnode':
      return (a.vnode ?? Infinity) - (b.vnode ?? Infinity);
    case 'vtl':
      return a.vtlType.value - b.vtlType.value;
    case 'igvm':
      return (a.igvmType?.value ?? Infinity) - (b.igvmType?.value ?? Infinity);
  }
}

/** Sorted copy; ties keep table order, so the order is stable and total. */
export function sortEntries(entries: readonly Entry[], sort: TableSort): Entry[] {
  const sign = sort.descending ? -1 : 1;
  return [...entries].sort((a, b) => sign * compare(sort.key, a, b) || compare('index', a, b));
}
