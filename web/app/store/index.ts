// The app's one store: plain data, and the actions that change it. Views read
// slices with `useAppStore(selector)` and call actions; nothing else writes.
// Every input is opened by the decode worker (web/lib/import, the one open
// path): the store only keeps what came back.
import { create } from 'zustand';
import type { Opened } from '../../lib/import/index.ts';
import type { OpenOptions } from '../../lib/import/options.ts';
import type { InputParts } from '../../lib/io/inputParts.ts';
import type { EntryRef } from '../../lib/model/entries.ts';
import type { TopologyDocument } from '../../lib/model/topology.ts';
import { defaultViewState, NO_FILTERS, type AddressWindow, type Filters, type PanelId, type TableSort, type Theme, type ViewState } from '../../lib/model/view.ts';
import { decodeInWorker } from '../worker/decodeClient.ts';
import type { DecodeInput } from '../worker/decode.worker.ts';
import { fetchSample, type Sample } from './samples.ts';
import { initialTheme, rememberTheme } from './theme.ts';

export type { OpenOptions, TopologyDocument };

/** An open input: what it was, how it was read, and what it holds. */
export interface OpenFile {
  name: string;
  /** What it holds; `doc.source.size` is the input's size (a share link carries the original's). */
  doc: TopologyDocument;
  /** The topology bytes behind it (a Blob or File read by slices, bytes pasted as text, or parts), kept to re-open with other options. */
  input: DecodeInput;
  options: OpenOptions;
}

/** A failure that produced no document (a paste that is not hex/base64, a JSON document that does not parse, a sample that did not load). */
export interface AppError {
  /** What was being opened. */
  source: string;
  code: string;
  message: string;
  /** Offset in the input (characters for a paste, bytes otherwise), or null. */
  offset: number | null;
}

export interface AppState {
  current: OpenFile | null;
  /** The last file that opened without an error, other than `current`: where "Back" goes. */
  previous: OpenFile | null;
  /** Name of the input being decoded, or null. */
  loading: string | null;
  lastError: AppError | null;
  view: ViewState;
  /** A view-only link's view, waiting for the file it names (by fingerprint) to be opened. */
  awaited: { name: string; size: number; fingerprint: string; view: ViewState } | null;
  /** Entries a clicked diagnostic is about (highlighted in the table; `view.selection` is the first). */
  marked: EntryRef[];
  helpOpen: boolean;
  pasteOpen: boolean;

  openBlob(blob: Blob, name: string, options?: OpenOptions): Promise<void>;
  openParts(parts: InputParts, name: string, options?: OpenOptions): Promise<void>;
  /** Opens pasted hex/base64; a bad paste sets `lastError` and keeps the current file. */
  openText(text: string, name?: string, options?: OpenOptions): Promise<void>;
  openSample(sample: Sample): Promise<void>;
  /** Re-decodes the current input with other options (force the kind, give the base GPA). */
  reopen(options: OpenOptions): Promise<void>;
  /** Returns to the last file that opened without an error. */
  goBack(): void;
  clearError(): void;

  setWindow(w: AddressWindow | null): void;
  select(ref: EntryRef | null): void;
  /** Selects every entry of a diagnostic (the first becomes `view.selection`). */
  mark(refs: EntryRef[]): void;
  setFilters(partial: Partial<Filters>): void;
  setSort(sort: TableSort): void;
  setPanel(p: PanelId): void;
  setTheme(t: Theme): void;
  toggleTheme(): void;
  /** Replaces the whole view at once (share links). */
  applyView(view: ViewState): void;
  /** Keeps a view-only link's view until the file it names is opened (then applies it). */
  awaitFile(target: { name: string; size: number; fingerprint: string }, view: ViewState): void;
  clearAwaited(): void;
  setHelpOpen(open: boolean): void;
  setPasteOpen(open: boolean): void;
}

/** Only the latest open lands: a slow decode never overwrites a newer one. */
let openGeneration = 0;

/** The view for a newly opened file: the user's choices of layout stay, what pointed into the old file goes. */
function freshView(view: ViewState): ViewState {
  return { ...view, window: null, selection: null, filters: NO_FILTERS };
}

export const useAppStore = create<AppState>((set, get) => {
  const open = async (input: DecodeInput, name: string, options: OpenOptions = {}, keepView = false, generation = ++openGeneration) => {
    // Marks for `npm run bench` (bench/browser.ts): time from input to decoded document.
    performance.mark('ohcl:open-start', { detail: { name } });
    set({ loading: name });
    let opened: Opened;
    try {
      opened = await decodeInWorker(input, name, options);
    } catch (err) {
      if (generation !== openGeneration) return;
      set({ loading: null, lastError: { source: name, code: 'internal', message: `could not decode ${name}: ${err instanceof Error ? err.message : String(err)}`, offset: null } });
      return;
    }
    if (generation !== openGeneration) return;
    if (!opened.ok) {
      // Nothing was recognised: say why, and keep what is open.
      set({ loading: null, lastError: { source: opened.name, code: opened.error.code, message: opened.error.message, offset: opened.error.offset } });
      return;
    }
    performance.mark('ohcl:decoded', { detail: { name, bytesRead: opened.doc.source.bytesRead } });
    // A container (pasted text, a JSON document) is re-opened from the topology bytes inside it.
    const inner: DecodeInput = opened.inner ?? input;
    const file: OpenFile = { name: opened.name, doc: opened.doc, input: inner, options };
    const { current, previous, view, awaited } = get();
    // The file a view-only link named has come: its view, as the link had it.
    const arrived = awaited !== null && awaited.fingerprint === opened.doc.source.fingerprint;
    const backTo = current && current.input !== input && current.doc.error === null ? current : previous;
    set({
      current: file,
      previous: backTo,
      loading: null,
      lastError: null,
      pasteOpen: false,
      marked: [],
      awaited: arrived ? null : awaited,
      view: arrived ? awaited.view : keepView ? { ...view, selection: null } : freshView(view),
    });
  };

  return {
    current: null,
    previous: null,
    loading: null,
    lastError: null,
    view: defaultViewState(initialTheme()),
    awaited: null,
    marked: [],
    helpOpen: false,
    pasteOpen: false,

    openBlob: (blob, name, options) => open({ blob }, name, options),
    openParts: (parts, name, options) => open({ parts }, name, options),
    openText: (text, name = 'pasted text', options) => open({ blob: new Blob([text]), pasted: true }, name, options),
    openSample: async (sample) => {
      // The sample's turn is taken now, not after the download: a file opened meanwhile wins.
      const generation = ++openGeneration;
      set({ loading: sample.file });
      try {
        const blob = await fetchSample(sample);
        if (generation !== openGeneration) return;
        await open({ blob }, sample.file, {}, false, generation);
      } catch (err) {
        if (generation !== openGeneration) return;
        set({ loading: null, lastError: { source: sample.file, code: 'read-failed', message: err instanceof Error ? err.message : String(err), offset: null } });
      }
    },
    reopen: async (options) => {
      const current = get().current;
      if (current) await open(current.input, current.name, options, true);
    },
    goBack: () => {
      const { previous, current } = get();
      if (!previous) return;
      set({ current: previous, previous: current && current.doc.error === null ? current : null, lastError: null, marked: [], view: freshView(get().view) });
    },
    clearError: () => set({ lastError: null }),

    setWindow: (w) => set((s) => ({ view: { ...s.view, window: w } })),
    select: (ref) => set((s) => ({ view: { ...s.view, selection: ref }, marked: ref ? s.marked : [] })),
    mark: (refs) => set((s) => ({ marked: refs, view: { ...s.view, selection: refs[0] ?? null } })),
    setFilters: (partial) => set((s) => ({ view: { ...s.view, filters: { ...s.view.filters, ...partial } } })),
    setSort: (sort) => set((s) => ({ view: { ...s.view, sort } })),
    setPanel: (panel) => set((s) => ({ view: { ...s.view, panel } })),
    setTheme: (theme) => {
      rememberTheme(theme);
      set((s) => ({ view: { ...s.view, theme } }));
    },
    toggleTheme: () => get().setTheme(get().view.theme === 'dark' ? 'light' : 'dark'),
    applyView: (view) => set({ view, marked: [] }),
    awaitFile: (target, view) => set({ awaited: { ...target, view }, loading: null, lastError: null }),
    clearAwaited: () => set({ awaited: null }),
    setHelpOpen: (helpOpen) => set({ helpOpen }),
    setPasteOpen: (pasteOpen) => set({ pasteOpen }),
  };
});
