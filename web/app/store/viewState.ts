// What the user is looking at, as plain data: the visible GPA window, the
// selected entry, the table filters, the open panel and the theme. Share links
// serialise exactly this; the map and the views import these types without
// importing the store.
import type { EntryRef } from '../../lib/analysis/diagnostics.ts';

export type { EntryRef };

/** The visible GPA window; `end` is exclusive. */
export interface AddressWindow {
  start: bigint;
  end: bigint;
}

/** `null` in a list filter means "all"; `address` is the text typed in the address box. */
export interface Filters {
  vtlTypes: number[] | null;
  vnodes: number[] | null;
  igvmTypes: number[] | null;
  address: string;
}

export type PanelId = 'entries' | 'numa' | 'header' | 'diagnostics';
export const PANELS: readonly PanelId[] = ['entries', 'numa', 'header', 'diagnostics'];

export type Theme = 'light' | 'dark';

export interface ViewState {
  window: AddressWindow | null;
  selection: EntryRef | null;
  filters: Filters;
  panel: PanelId;
  theme: Theme;
}

export const NO_FILTERS: Filters = { vtlTypes: null, vnodes: null, igvmTypes: null, address: '' };

export function defaultViewState(theme: Theme): ViewState {
  return { window: null, selection: null, filters: NO_FILTERS, panel: 'entries', theme };
}

export function sameRef(a: EntryRef | null, b: EntryRef | null): boolean {
  return a === b || (a !== null && b !== null && a.table === b.table && a.index === b.index);
}
