// What views derive from the store, computed once per change and shared: the
// entry table's rows (the entries the filter keeps, in the table's order), and
// the boot verdict by the chosen release's rules.
import { bootCheckOfDocument } from '../../lib/analysis/bootCheckOfDocument.ts';
import { entryFilter, sortEntries } from '../../lib/model/filter.ts';
import type { BootCheck } from '../../lib/model/findings.ts';
import type { Entry } from '../../lib/model/entries.ts';
import type { Filters, TableSort, ViewState } from '../../lib/model/view.ts';
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

const bootChecks = new WeakMap<object, Map<string, BootCheck>>();

/** The open document's boot verdict by the rules of the release the view picked (re-judged, not re-decoded). */
export function currentBootCheck(state: Pick<AppState, 'current'> & { view: Pick<ViewState, 'release'> }): BootCheck | null {
  const doc = state.current?.doc;
  if (!doc) return null;
  let byRelease = bootChecks.get(doc);
  if (!byRelease) bootChecks.set(doc, (byRelease = new Map()));
  let check = byRelease.get(state.view.release);
  if (!check) byRelease.set(state.view.release, (check = bootCheckOfDocument(doc, state.view.release)));
  return check;
}
