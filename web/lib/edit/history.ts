// An edit session's undo and redo: every state it has been in, and where it is.
// Plain data (the store holds it); each step is a new value, never a mutation.
import type { SavedState } from '../model/savedState.ts';

export interface EditHistory {
  /** Every state, the first being where the session started. */
  states: readonly SavedState[];
  /** What each step did, for the undo/redo buttons (`labels[i]` made `states[i]`; labels[0] is the start). */
  labels: readonly string[];
  /** The state shown. */
  at: number;
}

export function startHistory(state: SavedState, label: string): EditHistory {
  return { states: [state], labels: [label], at: 0 };
}

/** A new state after the one shown; whatever was undone past it is gone. */
export function pushState(history: EditHistory, state: SavedState, label: string): EditHistory {
  return { states: [...history.states.slice(0, history.at + 1), state], labels: [...history.labels.slice(0, history.at + 1), label], at: history.at + 1 };
}

export const canUndo = (h: EditHistory) => h.at > 0;
export const canRedo = (h: EditHistory) => h.at < h.states.length - 1;

export function undo(history: EditHistory): EditHistory {
  return canUndo(history) ? { ...history, at: history.at - 1 } : history;
}

export function redo(history: EditHistory): EditHistory {
  return canRedo(history) ? { ...history, at: history.at + 1 } : history;
}

export function currentState(history: EditHistory): SavedState {
  return history.states[history.at]!;
}
