// The entry table's rows in display order, for the table and for the arrow-key
// shortcuts: one cached computation per (document, filters, sort).
import type { SavedState } from '../../lib/model/types.ts';
import type { AppState } from '../store/index.ts';
import { buildRows, filterRows, sortRows, type Row, type TableSort } from './rows.ts';
import type { Filters } from '../store/viewState.ts';

let cacheKey: { decoded: SavedState | null; filters: Filters; sort: TableSort } | null = null;
let cacheAll: { decoded: SavedState | null; rows: Row[] } | null = null;
let cacheRows: Row[] = [];

export function allRows(decoded: SavedState | null): Row[] {
  if (cacheAll?.decoded !== decoded) cacheAll = { decoded, rows: buildRows(decoded) };
  return cacheAll.rows;
}

export function visibleRows(state: Pick<AppState, 'current' | 'view' | 'tableSort'>): Row[] {
  const decoded = state.current?.doc.decoded ?? null;
  const { filters } = state.view;
  const sort = state.tableSort;
  if (!cacheKey || cacheKey.decoded !== decoded || cacheKey.filters !== filters || cacheKey.sort !== sort) {
    cacheKey = { decoded, filters, sort };
    cacheRows = sortRows(filterRows(allRows(decoded), filters), sort);
  }
  return cacheRows;
}
