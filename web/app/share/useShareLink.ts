// Keeps the address bar's fragment and the view in step, so the URL is always
// a share link of what is on screen and back/forward walk through views:
// - on load, a fragment opens instead of the default sample (App skips the sample when there is one);
// - a change of view pushes a history entry; changes of the same kind in a burst
//   (a zoom gesture, typing an address, stepping through rows) replace it, so one
//   gesture is one step back;
// - popstate / hashchange (back, forward, an edited address) open that fragment.
import { useEffect } from 'react';
import { DecodeError } from '../../lib/format/errors.ts';
import { useAppStore, type AppState } from '../store/index.ts';
import { currentFragment, linkCodec, openFragment } from './linkState.ts';

/** Changes of one kind closer than this are one gesture: one history entry. */
const BURST_MS = 600;
/** Encoding waits this long after the last change, so a zoom does not deflate every frame. */
const WRITE_DELAY_MS = 120;

type ChangeKind = 'file' | 'window' | 'selection' | 'filters' | 'sort' | 'panel' | 'theme' | 'release' | 'scale';

function changeKind(next: AppState, prev: AppState): ChangeKind | null {
  // What is open: A, or B compared with it (two files dropped at once are one step).
  if (next.current !== prev.current || next.comparing !== prev.comparing) return 'file';
  if (next.view === prev.view) return null;
  // The map moving to show a row just chosen belongs to that choice: one step back undoes both.
  if (next.view.window !== prev.view.window) return next.windowFollowsChoice ? 'selection' : 'window';
  if (next.view.selection !== prev.view.selection) return 'selection';
  if (next.view.filters !== prev.view.filters) return 'filters';
  if (next.view.sort !== prev.view.sort) return 'sort';
  if (next.view.panel !== prev.view.panel) return 'panel';
  if (next.view.theme !== prev.view.theme) return 'theme';
  if (next.view.release !== prev.view.release) return 'release';
  if (next.view.scale !== prev.view.scale) return 'scale';
  return null;
}

/** Only one mounted instance syncs (the hook may be called from more than one component). */
let active = false;

export function useShareLink(): void {
  useEffect(() => {
    if (active) return;
    active = true;

    // The fragment this page last wrote or opened: its own writes are not re-opened.
    let known = location.hash.slice(1);
    // While a fragment is being opened, the store's changes are its doing, not the user's.
    let applying = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let pendingPush = false;
    let lastKind: ChangeKind | null = null;
    let lastChangeAt = 0;
    // The first document of a page opened without a fragment replaces (there is nothing to go back to).
    let hadEntry = known !== '';

    // Writes run in order, once the link codec has loaded (it loads after the first paint).
    let writes: Promise<void> = Promise.resolve();
    /** Writes the link of `state` (by default what is on screen) to the address bar. */
    const write = (state: AppState = useAppStore.getState()) => {
      timer = null;
      // Whether this write opens a history entry is decided now, in the order of the changes.
      const push = pendingPush && hadEntry;
      pendingPush = false;
      if (state.current) hadEntry = true;
      writes = writes.then(async () => {
        const fragment = currentFragment(await linkCodec(), state);
        if (fragment === null) return;
        if (fragment instanceof DecodeError) {
          // Not shareable (too large): the address must not keep pointing at the previous file.
          if (known !== '') history.pushState(null, '', `${location.pathname}${location.search}`);
          known = '';
          return;
        }
        if (fragment === known) return;
        if (push) history.pushState(null, '', `#${fragment}`);
        else history.replaceState(history.state, '', `#${fragment}`);
        known = fragment;
      });
    };

    const unsubscribe = useAppStore.subscribe((next, prev) => {
      if (applying) return;
      const kind = changeKind(next, prev);
      if (!kind) return;
      if (kind === 'window' && next.windowFit) {
        // The map fitted the window it was given (a link's, a key's): the step that set it, corrected, not one of its own.
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => write(), WRITE_DELAY_MS);
        return;
      }
      const now = performance.now();
      const newStep = kind !== lastKind || now - lastChangeAt > BURST_MS;
      // A change of another kind closes the step before it: that step's last state gets its own
      // entry now, or a zoom and the click that follows it would share one entry.
      if (newStep && timer) {
        clearTimeout(timer);
        write(prev);
      }
      if (newStep) pendingPush = true;
      lastKind = kind;
      lastChangeAt = now;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => write(), WRITE_DELAY_MS);
    });

    const open = async (fragment: string) => {
      if (fragment === known) return;
      known = fragment;
      if (timer) clearTimeout(timer);
      timer = null;
      pendingPush = false;
      lastKind = null;
      applying = true;
      const before = useAppStore.getState().current;
      let applied = true;
      try {
        applied = await openFragment(fragment);
      } finally {
        applying = false;
      }
      // A file opened while the link's was decoding won: the address bar says what is on screen.
      // (A link whose file failed stays in the address bar, beside its error.)
      if (!applied && useAppStore.getState().current !== before) write();
    };
    const onNavigate = () => {
      const fragment = location.hash.slice(1);
      if (fragment !== '') void open(fragment);
      else known = '';
    };

    if (known !== '') {
      known = '';
      void open(location.hash.slice(1));
    }
    window.addEventListener('popstate', onNavigate);
    window.addEventListener('hashchange', onNavigate);
    return () => {
      unsubscribe();
      window.removeEventListener('popstate', onNavigate);
      window.removeEventListener('hashchange', onNavigate);
      if (timer) clearTimeout(timer);
      active = false;
    };
  }, []);
}
