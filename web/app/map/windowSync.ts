// The map's window and the store's, kept in step. The store holds the window the
// map last reported or was given (the `window` prop). A user's zoom is reported
// once the gesture pauses or ends, not per frame (the store, and all that
// re-renders from it, hears of a gesture once); a window from outside is shown
// without being echoed back.
import { sameWindow, type AddressWindow } from '../../lib/model/view.ts';

/**
 * Why the window moved: 'reveal' when the map moved itself to show a chosen row; 'fit' when
 * it could not show the window it was given (past the axis, under a page) and shows this one
 * instead, part of whatever set that window.
 */
export type WindowCause = 'gesture' | 'reveal' | 'fit';

export interface WindowIO {
  /** The window shown now (null: everything). */
  shown(): AddressWindow | null;
  /** Moves the view to show `w` (d3 then reports zoom events, which `moved` hears). */
  show(w: AddressWindow | null): void;
  /** Tells the store. */
  report(w: AddressWindow | null, cause: WindowCause): void;
}

/** A gesture is reported once it has paused this long (or at its end). */
export const REPORT_AFTER_MS = 200;

export class WindowSync {
  /** The store's window as far as the map knows: a prop equal to it is not shown again. */
  private last: AddressWindow | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Showing a window from outside (or re-showing one on resize): its zoom events are not the user's. */
  private quiet = false;
  private cause: WindowCause = 'gesture';

  constructor(private readonly io: WindowIO) {}

  /**
   * The store's window (a prop, passed on every render): shown, not reported back. Another
   * window wins over a gesture not yet reported; the one the store holds already does not
   * undo it (the store has not heard of it yet: see `end`, which input calls first).
   */
  set(w: AddressWindow | null): void {
    if (sameWindow(w, this.last)) return;
    this.cancel();
    this.last = w;
    this.showQuietly(w);
  }

  /**
   * Shows `w` (given, or re-shown on a resize) without reporting it; what the view could
   * not show as asked is reported ('fit'), unless a gesture under way reports it later.
   */
  showQuietly(w: AddressWindow | null): void {
    this.quiet = true;
    try {
      this.io.show(w);
    } finally {
      this.quiet = false;
    }
    if (this.timer === null) this.report('fit');
  }

  /** A zoom event: the user's is reported once the gesture pauses. */
  moved(): void {
    if (this.quiet) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), REPORT_AFTER_MS);
  }

  /** A gesture ended (or the user does something else: a key, a press): what it left unreported is reported now. */
  end(): void {
    if (this.timer !== null) this.flush();
  }

  /** Reports the window shown now, unless the store holds it already. */
  flush(): void {
    this.cancel();
    this.report(this.cause);
  }

  /** Runs `move`, then reports it as `cause` (d3 reports zoom, then end, while it moves: those reports are the move's too). */
  moveAs(cause: WindowCause, move: () => void): void {
    this.cause = cause;
    try {
      move();
      this.flush();
    } finally {
      this.cause = 'gesture';
    }
  }

  /** Another document: the store's window is not the last one's. */
  reset(): void {
    this.cancel();
    this.last = null;
  }

  /** The map goes: the window of a gesture it left unreported is reported, not lost. */
  destroy(): void {
    this.end();
  }

  private report(cause: WindowCause): void {
    const w = this.io.shown();
    if (sameWindow(w, this.last)) return;
    this.last = w;
    this.io.report(w, cause);
  }

  private cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
