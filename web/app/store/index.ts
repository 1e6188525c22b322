// The app's one store: plain data, and the actions that change it. Views read
// slices with `useAppStore(selector)` and call actions; nothing else writes.
import { create } from 'zustand';
import type { EntryRef } from '../../lib/analysis/diagnostics.ts';
import type { OpenOptions, TopologyDocument } from '../../lib/document/openDocument.ts';
import { DecodeError } from '../../lib/format/errors.ts';
import { parsePastedText } from '../../lib/format/pastedText.ts';
import { parseDocumentJson, type ImportedDocument } from '../../lib/import/documentJson.ts';
import type { TableSort } from '../model/rows.ts';
import { fetchSample, type Sample } from '../samples.ts';
import { decodeInWorker } from '../worker/decodeClient.ts';
import type { DecodeInput } from '../worker/decode.worker.ts';
import { initialTheme, rememberTheme } from './theme.ts';
import { defaultViewState, NO_FILTERS, type AddressWindow, type Filters, type PanelId, type Theme, type ViewState } from './viewState.ts';

export * from './viewState.ts';
export type { OpenOptions, TopologyDocument };

export type ImageParts = { header: Uint8Array; payloadOffset: number; payload: Uint8Array };

/** An open input: what it was, how it was read, and what it holds. */
export interface OpenFile {
  name: string;
  /** What it holds; `doc.size` is the input's size (a share link carries the original's). */
  doc: TopologyDocument;
  /** The bytes behind it (a Blob or File read by slices, or share-link parts), kept to re-decode with other options. */
  input: DecodeInput;
  options: OpenOptions;
}

/** A failure that produced no document (a paste that is not hex/base64, a sample that did not load). */
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
  /** The file open before `current`, so a bad input can be backed out of. */
  previous: OpenFile | null;
  /** Name of the input being decoded, or null. */
  loading: string | null;
  lastError: AppError | null;
  view: ViewState;
  /** Entries a clicked diagnostic is about (highlighted in the table; `view.selection` is the first). */
  marked: EntryRef[];
  /** Sort order of the entry table. */
  tableSort: TableSort;
  helpOpen: boolean;
  pasteOpen: boolean;

  openBlob(blob: Blob, name: string, options?: OpenOptions): Promise<void>;
  openParts(parts: ImageParts, name: string, options?: OpenOptions): Promise<void>;
  /** Parses pasted hex/base64 and opens the bytes; a bad paste sets `lastError` and keeps the current file. */
  openText(text: string, name?: string, options?: OpenOptions): Promise<void>;
  openSample(sample: Sample): Promise<void>;
  /** Re-decodes the current input with other options (force the kind, give the base GPA). */
  reopen(options: OpenOptions): Promise<void>;
  /** Returns to the file that was open before the current one. */
  goBack(): void;
  clearError(): void;

  setWindow(w: AddressWindow | null): void;
  select(ref: EntryRef | null): void;
  /** Selects every entry of a diagnostic (the first becomes `view.selection`). */
  mark(refs: EntryRef[]): void;
  setFilters(partial: Partial<Filters>): void;
  setPanel(p: PanelId): void;
  setTheme(t: Theme): void;
  toggleTheme(): void;
  /** Replaces the whole view at once (share links). */
  applyView(view: ViewState): void;
  setTableSort(sort: TableSort): void;
  setHelpOpen(open: boolean): void;
  setPasteOpen(open: boolean): void;
}

/** Only the latest open lands: a slow decode never overwrites a newer one. */
let openGeneration = 0;

export const useAppStore = create<AppState>((set, get) => {
  const open = async (input: DecodeInput, name: string, options: OpenOptions = {}, keepView = false, generation = ++openGeneration) => {
    // Marks for `npm run bench` (bench/browser.ts): time from input to decoded document.
    performance.mark('ohcl:open-start', { detail: { name } });
    set({ loading: name });
    let doc: TopologyDocument;
    try {
      doc = await decodeInWorker(input, options);
      performance.mark('ohcl:decoded', { detail: { name, bytesRead: doc.bytesRead } });
    } catch (err) {
      if (generation !== openGeneration) return;
      set({ loading: null, lastError: { source: name, code: 'internal', message: `could not decode ${name}: ${err instanceof Error ? err.message : String(err)}`, offset: null } });
      return;
    }
    if (generation !== openGeneration) return;
    const file: OpenFile = { name, doc, input, options };
    const { current, view } = get();
    set({
      current: file,
      previous: current && current.input !== input ? current : get().previous,
      loading: null,
      lastError: null,
      marked: [],
      view: keepView ? { ...view, selection: null } : { ...view, window: null, selection: null, filters: NO_FILTERS },
    });
  };

  return {
    current: null,
    previous: null,
    loading: null,
    lastError: null,
    view: defaultViewState(initialTheme()),
    marked: [],
    tableSort: { key: 'index', descending: false },
    helpOpen: false,
    pasteOpen: false,

    openBlob: async (blob, name, options) => {
      if (!/\.json$/i.test(name)) return open({ blob }, name, options);
      // A JSON document this app (or `cli decode`) exported: re-open the header and payload it carries.
      let imported: ImportedDocument;
      try {
        imported = parseDocumentJson(await blob.text());
      } catch (err) {
        const e = err instanceof DecodeError ? err : new DecodeError('internal', 'a JSON document', 0, String(err));
        set({ lastError: { source: name, code: e.code, message: e.message, offset: e.offset } });
        return;
      }
      await open({ parts: imported.parts }, imported.file, { ...imported.options, ...options });
    },
    openParts: (parts, name, options) => open({ parts }, name, options),
    openText: async (text, name = 'pasted text', options) => {
      let bytes: Uint8Array;
      try {
        bytes = parsePastedText(text).bytes;
      } catch (err) {
        const e = err instanceof DecodeError ? err : new DecodeError('internal', 'hex or base64 text', 0, String(err));
        set({ lastError: { source: name, code: e.code, message: e.message, offset: e.offset } });
        return;
      }
      set({ pasteOpen: false });
      await open({ blob: new Blob([bytes as Uint8Array<ArrayBuffer>]) }, name, options);
    },
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
      if (previous) set({ current: previous, previous: current, lastError: null, marked: [], view: { ...get().view, window: null, selection: null, filters: NO_FILTERS } });
    },
    clearError: () => set({ lastError: null }),

    setWindow: (w) => set((s) => ({ view: { ...s.view, window: w } })),
    select: (ref) => set((s) => ({ view: { ...s.view, selection: ref }, marked: ref ? s.marked : [] })),
    mark: (refs) => set((s) => ({ marked: refs, view: { ...s.view, selection: refs[0] ?? null } })),
    setFilters: (partial) => set((s) => ({ view: { ...s.view, filters: { ...s.view.filters, ...partial } } })),
    setPanel: (panel) => set((s) => ({ view: { ...s.view, panel } })),
    setTheme: (theme) => {
      rememberTheme(theme);
      set((s) => ({ view: { ...s.view, theme } }));
    },
    toggleTheme: () => get().setTheme(get().view.theme === 'dark' ? 'light' : 'dark'),
    applyView: (view) => set({ view, marked: [] }),
    setTableSort: (tableSort) => set({ tableSort }),
    setHelpOpen: (helpOpen) => set({ helpOpen }),
    setPasteOpen: (pasteOpen) => set({ pasteOpen }),
  };
});
