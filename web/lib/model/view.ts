// What the user is looking at, as plain data: the visible GPA window, the
// selected entry, the filters, the table's sort, the open panel and the theme.
// The store holds it, the map and the table read it, share links carry it
// whole: this is its one definition.
import type { EntryRef } from './entries.ts';
import type { AddressMode } from './text.ts';
import type { Span } from './topology.ts';

/** A GPA window; `end` is exclusive. */
export type AddressWindow = Span;

/** `null` in a list filter means "all"; `address` is the text typed in the address box, read per `addressMode`. */
export interface Filters {
  vtlTypes: number[] | null;
  vnodes: number[] | null;
  igvmTypes: number[] | null;
  address: string;
  addressMode: AddressMode;
}

export type SortKey = 'index' | 'start' | 'end' | 'size' | 'vnode' | 'vtl' | 'igvm';
export const SORT_KEYS: readonly SortKey[] = ['index', 'start', 'end', 'size', 'vnode', 'vtl', 'igvm'];

export interface TableSort {
  key: SortKey;
  descending: boolean;
}

export type PanelId = 'entries' | 'numa' | 'header' | 'diagnostics' | 'diagram' | 'edit' | 'compare';
/** In key order (1–7); share links store the index, so new panels are appended. */
export const PANELS: readonly PanelId[] = ['entries', 'numa', 'header', 'diagnostics', 'diagram', 'edit', 'compare'];

export type Theme = 'light' | 'dark';

/** Whose boot rules judge the topology: OpenHCL releases differ (analysis/releases.ts says how). */
export type OpenhclRelease = 'current' | 'pre-2026-04';
export const RELEASE_IDS: readonly OpenhclRelease[] = ['current', 'pre-2026-04'];
export const DEFAULT_RELEASE: OpenhclRelease = 'current';

/**
 * How the map spreads addresses across its width: `proportional` draws every
 * byte the same width (a 4 KiB page beside 7 GiB of RAM is a hairline);
 * `readable` gives each range a width that grows with the logarithm of its size,
 * so every range reads and larger still means wider (web/lib/layout/readableAxis.ts).
 */
export type MapScale = 'proportional' | 'readable';
export const MAP_SCALES: readonly MapScale[] = ['proportional', 'readable'];

export interface ViewState {
  /** The visible window; null = the whole topology. */
  window: AddressWindow | null;
  selection: EntryRef | null;
  filters: Filters;
  sort: TableSort;
  panel: PanelId;
  theme: Theme;
  /** The release whose boot rules the verdicts and the comparison apply. */
  release: OpenhclRelease;
  scale: MapScale;
}

export const NO_FILTERS: Filters = { vtlTypes: null, vnodes: null, igvmTypes: null, address: '', addressMode: 'address' };
export const DEFAULT_SORT: TableSort = { key: 'index', descending: false };

/**
 * The map opens readable, so VTL2 (a few MiB beside GiBs of VTL0) shows at
 * first sight; a link without a scale field predates the choice and opens
 * proportional, as it looked when it was made (web/lib/share/envelope.ts).
 */
export const DEFAULT_SCALE: MapScale = 'readable';
/** What a view without a scale (a link made before scale modes) shows. */
export const LEGACY_SCALE: MapScale = 'proportional';

export function defaultViewState(theme: Theme = 'light'): ViewState {
  return { window: null, selection: null, filters: NO_FILTERS, sort: DEFAULT_SORT, panel: 'entries', theme, release: DEFAULT_RELEASE, scale: DEFAULT_SCALE };
}

export const DEFAULT_VIEW: ViewState = defaultViewState();

/** Whether any filter narrows the entries. */
export function filtersActive(filters: Filters): boolean {
  return filters.vtlTypes !== null || filters.vnodes !== null || filters.igvmTypes !== null || filters.address.trim() !== '';
}

export function sameWindow(a: AddressWindow | null, b: AddressWindow | null): boolean {
  return a === b || (a !== null && b !== null && a.start === b.start && a.end === b.end);
}

/** Whether `inner` lies inside `outer` (bounds included). */
export function windowWithin(inner: AddressWindow, outer: AddressWindow): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}
