// Between the store and share links: the link of what is on screen now, and
// opening a link into the store. The store stays the one source of truth.
import { DecodeError } from '../../lib/format/errors.ts';
import { entryByRef } from '../../lib/model/entries.ts';
import { DEFAULT_VIEW, type ViewState } from '../../lib/model/view.ts';
import { decodeLink, encodeLink } from '../../lib/share/link.ts';
import { partsOfDocument } from '../../lib/share/parts.ts';
import type { SharedParts } from '../../lib/share/types.ts';
import { useAppStore, type AppState, type OpenFile } from '../store/index.ts';

/** Parts per open file: a file's bytes do not change, only the view does. */
const partsCache = new WeakMap<OpenFile, SharedParts | DecodeError>();

function partsOf(file: OpenFile): SharedParts | DecodeError {
  let parts = partsCache.get(file);
  if (!parts) {
    try {
      parts = partsOfDocument(file.doc, file.name, file.options);
    } catch (err) {
      parts = err instanceof DecodeError ? err : new DecodeError('internal', 'a shareable document', 0, String(err));
    }
    partsCache.set(file, parts);
  }
  return parts;
}

/** The fragment (without `#`) of the current file and view (or of `state`), or why there is none. */
export function currentFragment(state: Pick<AppState, 'current' | 'view'> = useAppStore.getState()): string | DecodeError | null {
  const { current, view } = state;
  if (!current) return null;
  const parts = partsOf(current);
  if (parts instanceof DecodeError) return parts;
  try {
    return encodeLink(parts, view);
  } catch (err) {
    return err instanceof DecodeError ? err : new DecodeError('internal', 'a shareable view', 0, String(err));
  }
}

/** The full link: this page's address with the fragment. */
export function linkOf(fragment: string): string {
  return `${location.origin}${location.pathname}${location.search}#${fragment}`;
}

/** Identity of a file's bytes in link terms, to tell "same file, other view" from "other file". */
function partsKey(parts: SharedParts): string {
  return encodeLink(parts, DEFAULT_VIEW);
}

/** A view from a link, fitted to the document it opened: a selection past the table's end is dropped. */
function fitView(view: ViewState): ViewState {
  const entries = useAppStore.getState().current?.doc.entries ?? [];
  const selection = entryByRef(entries, view.selection) ? view.selection : null;
  const window = view.window && view.window.end > view.window.start ? view.window : null;
  return { ...view, selection, window };
}

/**
 * Opens a fragment: the same file with another view only re-applies the view;
 * another file is decoded (in the worker) first. A bad link leaves an empty
 * app with a banner saying what is wrong. Resolves when the view is applied.
 */
export async function openFragment(fragment: string): Promise<void> {
  let link: { parts: SharedParts; view: ViewState };
  try {
    link = decodeLink(fragment);
  } catch (err) {
    const e = err instanceof DecodeError ? err : new DecodeError('internal', 'a share link', 0, String(err));
    useAppStore.setState({ current: null, loading: null, lastError: { source: 'the share link', code: e.code, message: e.message, offset: null } });
    return;
  }
  const state = useAppStore.getState();
  const current = state.current;
  const currentParts = current && partsOf(current);
  const same = currentParts && !(currentParts instanceof DecodeError) && partsKey(currentParts) === partsKey(link.parts);
  if (!same) await state.openParts(link.parts.input, link.parts.name, link.parts.options);
  useAppStore.getState().applyView(fitView(link.view));
}
