// What views derive from the store, computed once per change and shared: the
// entry table's rows (the entries the filter keeps, in the table's order).
import { entryFilter, sortEntries } from '../../lib/model/filter.ts';
import type { Entry } from '../../lib/model/entries.ts';
import type { Filters, TableSort } from '../../lib/model/view.ts';
import type { AppState } from './index.ts';

let cacheKey: { entries: readonly Entry[]; filters: Filters; sort: TableSort } | null = null;
let cacheRows: Entry[] = [];

const NONE: Entry[] = [];

/** Every entry of the open document. */
export function allEntries(state: Pick<AppState, 'current'>): readonly Entry[] {
  return state.current?.doc.entries ?? NONE;
}

/** The table's rows: the entries the filters keep, in the table's sort order (the map dims the rest). */
export function visibleEntries(state: Pick<AppState, 'current' | 'view'>): Entry[] {
  const entries = allEntries(state);
  const { filters, sort } = state.view;
  if (!cacheKey || cacheKey.entries !== entries || cacheKey.filters !== filters || cacheKey.sort !== sort) {
    cacheKey = { entries, filters, sort };
    cacheRows = sortEntries(entries.filter(entryFilter(filters)), sort);
  }
  return cacheRows;
}
