// Page-wide keys (listed in chrome/HelpOverlay.tsx). Ignored while typing in a
// field, except Escape.
import { useEffect } from 'react';
import { sameRef } from '../../lib/model/entries.ts';
import { PANELS } from '../../lib/model/view.ts';
import { ADDRESS_FILTER_ID, COMPARE_INPUT_ID, FILE_INPUT_ID } from '../dom.ts';
import { useAppStore } from '../store/index.ts';
import { visibleEntries } from '../store/selectors.ts';

const isEditable = (target: EventTarget | null) => target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** Moves the selection through the table's rows in display order. */
function moveSelection(how: 'next' | 'previous' | 'first' | 'last'): boolean {
  const state = useAppStore.getState();
  const rows = visibleEntries(state);
  if (rows.length === 0) return false;
  const at = state.view.selection ? rows.findIndex((r) => sameRef(r.ref, state.view.selection)) : -1;
  let next: number;
  if (how === 'first') next = 0;
  else if (how === 'last') next = rows.length - 1;
  else if (at < 0) next = how === 'next' ? 0 : rows.length - 1;
  else next = Math.min(rows.length - 1, Math.max(0, at + (how === 'next' ? 1 : -1)));
  // Chosen in the table: the map brings it into view.
  state.choose(rows[next]!.ref);
  return true;
}

export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = useAppStore.getState();
      if (e.key === 'Escape') {
        if (isEditable(e.target)) return;
        if (s.helpOpen) s.setHelpOpen(false);
        else if (s.pasteOpen) s.setPasteOpen(false);
        else s.select(null);
        return;
      }
      // Undo and redo of an edit session (not while typing: a field has its own undo).
      if (s.editing && (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z' && !isEditable(e.target)) {
        e.preventDefault();
        void (e.shiftKey ? s.redoEdit() : s.undoEdit());
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey || isEditable(e.target) || s.helpOpen || s.pasteOpen) return;
      let handled = true;
      switch (e.key) {
        case 'o':
          document.getElementById(FILE_INPUT_ID)?.click();
          break;
        case 'p':
          s.setPasteOpen(true);
          break;
        case 'c':
          // Compare the open input with another file.
          if (s.current) document.getElementById(COMPARE_INPUT_ID)?.click();
          else handled = false;
          break;
        case '/':
          // The compare panel has the filter box too (the filters apply to both sides).
          if (s.view.panel !== 'compare' || !s.comparing) s.setPanel('entries');
          // The filter box exists once the entries panel has rendered.
          requestAnimationFrame(() => document.getElementById(ADDRESS_FILTER_ID)?.focus());
          break;
        case 't':
          s.toggleTheme();
          break;
        case 's':
          s.toggleScale();
          break;
        // Quick views of the map (web/lib/layout/quickViews.ts).
        case 'w':
          s.showQuickView('whole');
          break;
        case 'v':
          handled = s.showQuickView('vtl2');
          break;
        case 'r':
          handled = s.showQuickView('persisted');
          break;
        case 'f':
          handled = s.showQuickView('selection');
          break;
        case '?':
          s.setHelpOpen(true);
          break;
        case 'ArrowDown':
        case 'j':
          handled = moveSelection('next');
          break;
        case 'ArrowUp':
        case 'k':
          handled = moveSelection('previous');
          break;
        case 'Home':
          handled = moveSelection('first');
          break;
        case 'End':
          handled = moveSelection('last');
          break;
        case '1':
        case '2':
        case '3':
        case '4':
        case '5':
        case '6':
        case '7':
          s.setPanel(PANELS[Number(e.key) - 1]!);
          break;
        default:
          handled = false;
      }
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
