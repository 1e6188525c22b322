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
import { quickViewTarget, type QuickView } from '../../lib/layout/quickViews.ts';
import { defaultViewState, NO_FILTERS, type AddressWindow, type Filters, type MapScale, type OpenhclRelease, type PanelId, type TableSort, type Theme, type ViewState } from '../../lib/model/view.ts';
import type { EditHistory } from '../../lib/edit/history.ts';
import type { TemplateId } from '../../lib/edit/templates.ts';
import type { SavedState } from '../../lib/model/savedState.ts';
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

/** An edit session: the states it has been through; the current file shows the one `history.at` points to. */
export interface EditSession {
  history: EditHistory;
  /** Where it started (a file's name, or a template's), for names and titles. */
  origin: string;
  /** The file it started from (null for a template): undoing every edit shows it again, bytes, header and all. */
  original: OpenFile | null;
  /** Why the last edit was refused, if it was. */
  refused: string | null;
}

/** Two inputs compared: `current` is A, `b` is B. */
export interface Comparing {
  b: OpenFile;
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
  /** The last entry chosen in the table, for the map to bring into view (`serial` tells two choices of one entry apart). */
  reveal: { ref: EntryRef; serial: number } | null;
  /** Whether the last window change only followed a row chosen in the table. */
  windowFollowsChoice: boolean;
  /** Whether the last window change was the map fitting the window it was given (see setWindow). */
  windowFit: boolean;
  /** The topology being edited, or null. */
  editing: EditSession | null;
  /** The input `current` is compared with, or null. */
  comparing: Comparing | null;

  openBlob(blob: Blob, name: string, options?: OpenOptions): Promise<void>;
  /** Resolves whether the parts landed (a share link's B is compared only with its own A). */
  openParts(parts: InputParts, name: string, options?: OpenOptions): Promise<boolean>;
  /** Opens pasted hex/base64; a bad paste sets `lastError` and keeps the current file. */
  openText(text: string, name?: string, options?: OpenOptions): Promise<void>;
  openSample(sample: Sample): Promise<void>;
  /** Re-decodes the current input with other options (force the kind, give the base GPA). */
  reopen(options: OpenOptions): Promise<void>;
  /** Returns to the last file that opened without an error. */
  goBack(): void;
  clearError(): void;

  /** `followsChoice`: the map moved to show a row just chosen (the share link makes both one step). */
  /** `fit`: the map shows another window than the one it was given (it cannot show that one): a correction, not a step of its own. */
  setWindow(w: AddressWindow | null, followsChoice?: boolean, fit?: boolean): void;
  select(ref: EntryRef | null): void;
  /** Selects an entry from the table (a click, ↑/↓): the map brings its range into view. */
  choose(ref: EntryRef): void;
  /** Selects every entry of a diagnostic (the first becomes `view.selection`). */
  mark(refs: EntryRef[]): void;
  setFilters(partial: Partial<Filters>): void;
  /** Filters by one VTL type (the map's legend); asked again for the same type, shows every type. */
  toggleVtlTypeFilter(value: number): void;
  setSort(sort: TableSort): void;
  setPanel(p: PanelId): void;
  setTheme(t: Theme): void;
  toggleTheme(): void;
  setScale(scale: MapScale): void;
  toggleScale(): void;
  /** Moves the map to a quick view (web/lib/layout/quickViews.ts); false when it has nothing to show. */
  showQuickView(view: QuickView): boolean;
  /** Replaces the whole view at once (share links). */
  applyView(view: ViewState): void;
  /** Keeps a view-only link's view until the file it names is opened (then applies it). */
  awaitFile(target: { name: string; size: number; fingerprint: string }, view: ViewState): void;
  clearAwaited(): void;
  setHelpOpen(open: boolean): void;
  setPasteOpen(open: boolean): void;

  /** Edits the open topology (its SavedState; a device tree's: the one it implies). */
  startEditing(): Promise<void>;
  /** A new topology from a template, in an edit session. */
  newFromTemplate(id: TemplateId): Promise<void>;
  /** Applies an edit (a pure function of the state); a refused one says why in `editing.refused`. */
  applyEdit(label: string, edit: (state: SavedState) => SavedState): Promise<void>;
  undoEdit(): Promise<void>;
  redoEdit(): Promise<void>;
  stopEditing(): void;

  /** Opens B and compares the current input (A) with it; B failing to open leaves things as they were, with a banner. */
  compareWithBlob(blob: Blob, name: string, options?: OpenOptions): Promise<void>;
  compareWithParts(parts: InputParts, name: string, options?: OpenOptions): Promise<void>;
  /** Two inputs at once (two files dropped or picked): the first is A, the second B. */
  openPair(a: { blob: Blob; name: string }, b: { blob: Blob; name: string }): Promise<void>;
  /** B becomes A and A becomes B. */
  swapCompared(): void;
  /** Back to A alone. */
  leaveCompare(): void;
  /** Moves the map to `window` and selects `ref` there (a change chosen in the compare view): one step in history. */
  showSpan(window: AddressWindow, ref: EntryRef | null): void;
  /** Whose boot rules the verdicts and the comparison apply. */
  setRelease(release: OpenhclRelease): void;
}

/** Only the latest open lands: a slow decode never overwrites a newer one. */
let openGeneration = 0;
/** The same for B of a comparison; a new A also outdates a B being opened. */
let compareGeneration = 0;
/** The name of the B being decoded, while one is. */
let decodingB: string | null = null;

/** The view for a newly opened file: the user's choices of layout stay, what pointed into the old file goes. */
function freshView(view: ViewState): ViewState {
  // A new file ends a comparison: its panel would be empty.
  return { ...view, window: null, selection: null, filters: NO_FILTERS, panel: view.panel === 'compare' ? 'entries' : view.panel };
}

/** The edit history and templates, loaded with the first edit (not on the app's first load). */
async function editLib() {
  const [history, templates] = await Promise.all([import('../../lib/edit/history.ts'), import('../../lib/edit/templates.ts')]);
  return { ...history, ...templates };
}

/** `vm.bin` or `vm.dtb` edited → `vm.edited.bin`: an edit is a saved state, whatever it started from. */
function editedName(origin: string): string {
  const dot = origin.lastIndexOf('.');
  return `${dot > 0 ? origin.slice(0, dot) : origin}.edited.bin`;
}

export const useAppStore = create<AppState>((set, get) => {
  /** Opens an edited state (the worker writes it as OpenHCL does, then opens it), keeping the view. */
  const showEdited = (name: string, state: SavedState) => open({ state }, name, { as: 'saved-state' }, 'all');

  /**
   * Decodes an input in the worker. Resolves what it opened, or null: when it
   * was not wanted any more by then (`stillWanted`), or nothing was recognised
   * (the banner says why, and what is open stays).
   */
  const decode = async (input: DecodeInput, name: string, options: OpenOptions, stillWanted: () => boolean): Promise<Extract<Opened, { ok: true }> | null> => {
    set({ loading: name });
    let opened: Opened | Error;
    try {
      opened = await decodeInWorker(input, name, options);
    } catch (err) {
      opened = err instanceof Error ? err : new Error(String(err));
    }
    if (!stillWanted()) return null;
    if (opened instanceof Error) {
      set({ loading: null, lastError: { source: name, code: 'internal', message: `could not decode ${name}: ${opened.message}`, offset: null } });
      return null;
    }
    if (!opened.ok) {
      set({ loading: null, lastError: { source: opened.name, code: opened.error.code, message: opened.error.message, offset: opened.error.offset } });
      return null;
    }
    return opened;
  };

  /** Resolves true when the input landed. `keepView`: false, a new file (fresh view); true, the same file re-read (selection dropped); 'all', an edit of it (all kept). */
  const open = async (input: DecodeInput, name: string, options: OpenOptions = {}, keepView: boolean | 'all' = false, generation = ++openGeneration): Promise<boolean> => {
    // Marks for `npm run bench` (bench/browser.ts): time from input to decoded document.
    performance.mark('ohcl:open-start', { detail: { name } });
    const opened = await decode(input, name, options, () => generation === openGeneration);
    if (!opened) return false;
    performance.mark('ohcl:decoded', { detail: { name, bytesRead: opened.doc.source.bytesRead } });
    // A container (pasted text, a JSON document) is re-opened from the topology bytes inside it.
    const inner: DecodeInput = opened.inner ?? input;
    const file: OpenFile = { name: opened.name, doc: opened.doc, input: inner, options };
    if (keepView === false) {
      compareGeneration++;
      decodingB = null;
    }
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
      // Another file ends an edit session; an edit keeps it.
      editing: 'state' in input ? get().editing : null,
      // Another file ends a comparison; the same one re-read or edited stays compared.
      comparing: keepView === false ? null : get().comparing,
      awaited: arrived ? null : awaited,
      view: arrived ? awaited.view : keepView === 'all' ? view : keepView ? { ...view, selection: null } : freshView(view),
    });
    return true;
  };

  /** Decodes B in the worker; on success A (the current file) is compared with it. */
  const openB = async (input: DecodeInput, name: string, options: OpenOptions = {}): Promise<void> => {
    const generation = ++compareGeneration;
    decodingB = name;
    const opened = await decode(input, name, options, () => generation === compareGeneration && get().current !== null);
    if (generation === compareGeneration) decodingB = null;
    if (!opened) return;
    const b: OpenFile = { name: opened.name, doc: opened.doc, input: opened.inner ?? input, options };
    set((s) => ({ comparing: { b }, loading: null, lastError: null, marked: [], view: { ...s.view, panel: 'compare', selection: null } }));
  };

  /** Drops B's decode in flight (its result will not land), and the "Decoding B…" it shows. */
  const cancelB = () => {
    compareGeneration++;
    if (decodingB !== null && get().loading === decodingB) set({ loading: null });
    decodingB = null;
  };

  return {
    current: null,
    comparing: null,
    previous: null,
    loading: null,
    lastError: null,
    view: defaultViewState(initialTheme()),
    awaited: null,
    marked: [],
    helpOpen: false,
    pasteOpen: false,
    reveal: null,
    windowFollowsChoice: false,
    windowFit: false,
    editing: null,

    openBlob: async (blob, name, options) => void (await open({ blob }, name, options)),
    openParts: (parts, name, options) => open({ parts }, name, options),
    openText: async (text, name = 'pasted text', options) => void (await open({ blob: new Blob([text]), pasted: true }, name, options)),
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
      // Whatever is decoding (a re-read, an edit, a B) would land on the wrong file.
      openGeneration++;
      cancelB();
      set({ current: previous, previous: current && current.doc.error === null ? current : null, loading: null, lastError: null, marked: [], editing: null, comparing: null, view: freshView(get().view) });
    },
    clearError: () => set({ lastError: null }),

    setWindow: (w, followsChoice = false, fit = false) => set((s) => ({ view: { ...s.view, window: w }, windowFollowsChoice: followsChoice, windowFit: fit })),
    select: (ref) => set((s) => ({ view: { ...s.view, selection: ref }, marked: ref ? s.marked : [] })),
    choose: (ref) => set((s) => ({ view: { ...s.view, selection: ref }, marked: [], reveal: { ref, serial: (s.reveal?.serial ?? 0) + 1 } })),
    mark: (refs) => set((s) => ({ marked: refs, view: { ...s.view, selection: refs[0] ?? null } })),
    setFilters: (partial) => set((s) => ({ view: { ...s.view, filters: { ...s.view.filters, ...partial } } })),
    toggleVtlTypeFilter: (value) => {
      const { vtlTypes } = get().view.filters;
      get().setFilters({ vtlTypes: vtlTypes !== null && vtlTypes.length === 1 && vtlTypes[0] === value ? null : [value] });
    },
    setSort: (sort) => set((s) => ({ view: { ...s.view, sort } })),
    setPanel: (panel) => set((s) => ({ view: { ...s.view, panel } })),
    setTheme: (theme) => {
      rememberTheme(theme);
      set((s) => ({ view: { ...s.view, theme } }));
    },
    toggleTheme: () => get().setTheme(get().view.theme === 'dark' ? 'light' : 'dark'),
    setScale: (scale) => set((s) => ({ view: { ...s.view, scale } })),
    toggleScale: () => get().setScale(get().view.scale === 'readable' ? 'proportional' : 'readable'),
    showQuickView: (quick) => {
      const { current, view } = get();
      const target = current && quickViewTarget(current.doc, quick, view.selection);
      if (!target) return false;
      // A step of its own: not a row's reveal, not the map's fit of an earlier window.
      set((s) => ({ view: { ...s.view, window: target.window }, windowFollowsChoice: false, windowFit: false }));
      return true;
    },
    applyView: (view) => set({ view, marked: [] }),
    awaitFile: (target, view) => set({ awaited: { ...target, view }, loading: null, lastError: null }),
    clearAwaited: () => set({ awaited: null }),
    setHelpOpen: (helpOpen) => set({ helpOpen }),
    setPasteOpen: (pasteOpen) => set({ pasteOpen }),

    startEditing: async () => {
      const { startHistory } = await editLib();
      const { current, view } = get();
      if (!current?.doc.decoded) return;
      set({ editing: { history: startHistory(current.doc.decoded, `opened ${current.name}`), origin: current.name, original: current, refused: null }, view: { ...view, panel: 'edit' } });
    },
    newFromTemplate: async (id) => {
      const { startHistory, templateState, TEMPLATES } = await editLib();
      const state = templateState(id);
      const origin = `new-${id}.bin`;
      // A new topology is another file: it ends a comparison, and the old file's view means nothing on it.
      cancelB();
      set((s) => ({ editing: { history: startHistory(state, TEMPLATES.find((t) => t.id === id)!.label), origin, original: null, refused: null }, comparing: null, view: { ...freshView(s.view), panel: 'edit' } }));
      await showEdited(origin, state);
    },
    applyEdit: async (label, edit) => {
      const { currentState, pushState } = await editLib();
      const session = get().editing;
      if (!session) return;
      let next: SavedState;
      try {
        next = edit(currentState(session.history));
      } catch (err) {
        // An edit that cannot be done (lib/edit's EditError) is refused, saying why.
        if (!(err instanceof Error && err.name === 'EditError')) throw err;
        set({ editing: { ...session, refused: err.message } });
        return;
      }
      set({ editing: { ...session, history: pushState(session.history, next, label), refused: null } });
      await showEdited(editedName(session.origin), next);
    },
    undoEdit: async () => {
      const { canUndo, currentState, undo } = await editLib();
      const session = get().editing;
      if (!session || !canUndo(session.history)) return;
      const history = undo(session.history);
      set({ editing: { ...session, history, refused: null } });
      if (history.at === 0 && session.original) {
        // Back where it started: the file as it was opened (an image's header, a tree, unknown fields and all), not a re-encoding.
        openGeneration++;
        set({ current: session.original, loading: null, lastError: null });
        return;
      }
      await showEdited(history.at === 0 ? session.origin : editedName(session.origin), currentState(history));
    },
    redoEdit: async () => {
      const { canRedo, currentState, redo } = await editLib();
      const session = get().editing;
      if (!session || !canRedo(session.history)) return;
      const history = redo(session.history);
      set({ editing: { ...session, history, refused: null } });
      await showEdited(editedName(session.origin), currentState(history));
    },
    stopEditing: () => set({ editing: null }),

    compareWithBlob: (blob, name, options) => openB({ blob }, name, options),
    compareWithParts: (parts, name, options) => openB({ parts }, name, options),
    openPair: async (a, b) => {
      // A failed to open (the banner says why): B is not compared with whatever was open before.
      if (!(await open({ blob: a.blob }, a.name))) return;
      await openB({ blob: b.blob }, b.name);
    },
    swapCompared: () => {
      const { current, comparing } = get();
      if (!current || !comparing) return;
      // A re-read or an edit of A in flight would land as A after the swap.
      openGeneration++;
      cancelB();
      // Entry numbers are A's: what pointed into A goes.
      set((s) => ({ current: comparing.b, comparing: { b: current }, loading: null, marked: [], editing: null, view: { ...s.view, selection: null } }));
    },
    leaveCompare: () => {
      cancelB();
      set((s) => ({ comparing: null, view: s.view.panel === 'compare' ? { ...s.view, panel: 'entries' } : s.view }));
    },
    showSpan: (window, ref) => set((s) => ({ view: { ...s.view, window, selection: ref }, marked: [], windowFollowsChoice: true, windowFit: false })),
    setRelease: (release) => set((s) => ({ view: { ...s.view, release } })),
  };
});
