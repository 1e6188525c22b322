// Between the store and share links: the link of what is on screen now, and
// opening a link into the store. The store stays the one source of truth.
// An input whose link would be long (past LONG_LINK_CHARS) is linked by a
// view-only link in the address bar; the Share menu offers both.
// The link codec (protobufjs' writer, DEFLATE) loads after the first paint:
// callers get it from linkCodec() and pass it in.
import { DecodeError } from '../../lib/format/errors.ts';
import { entryByRef } from '../../lib/model/entries.ts';
import { DEFAULT_VIEW, type ViewState } from '../../lib/model/view.ts';
import type { DecodedLink } from '../../lib/share/link.ts';
import type { ViewOnlyTarget } from '../../lib/share/envelope.ts';
import { partsOfDocument, shortName } from '../../lib/share/parts.ts';
import type { SharedParts } from '../../lib/share/types.ts';
import { useAppStore, type AppState, type OpenFile } from '../store/index.ts';

export type LinkCodec = typeof import('../../lib/share/link.ts');
let codecLoad: Promise<LinkCodec> | null = null;

/** The share-link codec, loaded once, on first use. */
export function linkCodec(): Promise<LinkCodec> {
  return (codecLoad ??= import('../../lib/share/link.ts'));
}

/** A file's link facts: its bytes do not change, only the view does. */
interface FileLink {
  parts: SharedParts | DecodeError;
  /** The full link of the default view: the file's identity in link terms, and how long its links are. */
  key: string | DecodeError;
}

const fileLinks = new WeakMap<OpenFile, FileLink>();

function linkOfFile(c: LinkCodec, file: OpenFile): FileLink {
  let facts = fileLinks.get(file);
  if (!facts) {
    const asError = (err: unknown, what: string) => (err instanceof DecodeError ? err : new DecodeError('internal', what, 0, String(err)));
    let parts: SharedParts | DecodeError;
    try {
      parts = partsOfDocument(file.doc, file.name, file.options);
    } catch (err) {
      parts = asError(err, 'a shareable document');
    }
    let key: string | DecodeError = parts instanceof DecodeError ? parts : '';
    if (!(parts instanceof DecodeError)) {
      try {
        key = c.encodeLink(parts, DEFAULT_VIEW);
      } catch (err) {
        key = asError(err, 'a shareable document');
      }
    }
    facts = { parts, key };
    fileLinks.set(file, facts);
  }
  return facts;
}

/** Whether the file's full links are long (past LONG_LINK_CHARS), or cannot be made because the input is too large. */
function isLong(c: LinkCodec, file: OpenFile): boolean {
  const { key } = linkOfFile(c, file);
  return key instanceof DecodeError ? key.code === 'link-too-large' : key.length > c.LONG_LINK_CHARS;
}

/** What a link shows: the file, the view, and the file compared with (absent: none). */
export type LinkedState = Pick<AppState, 'current' | 'view'> & Partial<Pick<AppState, 'comparing'>>;

/** The link carrying the file's bytes (and B's, when comparing) and the view, or why there is none. */
export function fullFragment(c: LinkCodec, state: LinkedState = useAppStore.getState()): string | DecodeError | null {
  const { current, view, comparing } = state;
  if (!current) return null;
  const { parts } = linkOfFile(c, current);
  if (parts instanceof DecodeError) return parts;
  const b = comparing ? linkOfFile(c, comparing.b).parts : null;
  if (b instanceof DecodeError) return b;
  try {
    return c.encodeLink(parts, view, b);
  } catch (err) {
    return err instanceof DecodeError ? err : new DecodeError('internal', 'a shareable view', 0, String(err));
  }
}

/** A file as a view-only link names it; null without a fingerprint. */
function targetOf(file: OpenFile): ViewOnlyTarget | null {
  const fingerprint = file.doc.source.fingerprint;
  return fingerprint ? { name: shortName(file.name), size: file.doc.source.size, fingerprint } : null;
}

/** The view alone, naming the file (and B, when comparing) by its fingerprint; null with no file or no fingerprint. */
export function viewOnlyFragment(c: LinkCodec, state: LinkedState = useAppStore.getState()): string | null {
  const { current, view, comparing } = state;
  const target = current && targetOf(current);
  if (!target) return null;
  return c.encodeViewLink(target, view, comparing ? targetOf(comparing.b) : null);
}

/**
 * The fragment (without `#`) the address bar holds for the current file and
 * view (or for `state`): the full link, or, when that is long, the view-only
 * one (long links are a choice the Share menu offers, never a surprise); or
 * why there is none. A comparison's link carries both inputs: when A and B
 * together are long, the address bar holds A's view-only link (B is left out).
 */
export function currentFragment(c: LinkCodec, state: LinkedState = useAppStore.getState()): string | DecodeError | null {
  if (linkIsLong(c, state)) {
    const viewOnly = viewOnlyFragment(c, state);
    if (viewOnly) return viewOnly;
  }
  return fullFragment(c, state);
}

/** Whether the full link of `state` is long: the file's, or, comparing, A's and B's together. */
export function linkIsLong(c: LinkCodec, state: LinkedState): boolean {
  const { current, comparing } = state;
  if (!current) return false;
  if (isLong(c, current)) return true;
  if (!comparing) return false;
  if (isLong(c, comparing.b)) return true;
  const [ka, kb] = [linkOfFile(c, current).key, linkOfFile(c, comparing.b).key];
  return typeof ka === 'string' && typeof kb === 'string' && ka.length + kb.length > c.LONG_LINK_CHARS;
}

/** The full link: this page's address with the fragment. */
export function linkOf(fragment: string): string {
  return `${location.origin}${location.pathname}${location.search}#${fragment}`;
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
 * another file is decoded (in the worker) first. A view-only link applies to
 * the file it names when that file is open, or waits for it. A bad link leaves
 * an empty app with a banner saying what is wrong. Resolves when the view is
 * applied: true, or false when the link's file did not land (it failed to
 * decode, or a file opened meanwhile won), and nothing of the link was applied.
 */
export async function openFragment(fragment: string): Promise<boolean> {
  const c = await linkCodec();
  let link: DecodedLink;
  try {
    link = c.decodeLink(fragment);
  } catch (err) {
    const e = err instanceof DecodeError ? err : new DecodeError('internal', 'a share link', 0, String(err));
    useAppStore.setState({ current: null, comparing: null, editing: null, loading: null, lastError: { source: 'the share link', code: e.code, message: e.message, offset: null } });
    return true;
  }
  const state = useAppStore.getState();
  const current = state.current;
  if (link.viewOnly) {
    // The comparison on screen stays only if the link names its B (history within a comparison).
    const b = link.compareWithViewOnly;
    if (state.comparing && state.comparing.b.doc.source.fingerprint !== b?.fingerprint) state.leaveCompare();
    if (current?.doc.source.fingerprint === link.viewOnly.fingerprint) state.applyView(fitView(link.view));
    else state.awaitFile(link.viewOnly, link.view);
    return true;
  }
  const currentKey = current && linkOfFile(c, current).key;
  const same = typeof currentKey === 'string' && currentKey === c.encodeLink(link.parts, DEFAULT_VIEW);
  const landed = same || (await state.openParts(link.parts.input, link.parts.name, link.parts.options));
  // Its view belongs to its file: on a file that failed, or on one opened meanwhile, it would mislead.
  if (!landed) return false;
  // The link's comparison: B opened unless it is the one compared already (and only with the link's own A); a link without one ends it.
  const after = useAppStore.getState();
  if (link.compareWith) {
    const bKey = after.comparing && linkOfFile(c, after.comparing.b).key;
    if (!(typeof bKey === 'string' && bKey === c.encodeLink(link.compareWith, DEFAULT_VIEW))) await after.compareWithParts(link.compareWith.input, link.compareWith.name, link.compareWith.options);
  } else if (!link.compareWith && after.comparing) after.leaveCompare();
  useAppStore.getState().applyView(fitView(link.view));
  return true;
}
