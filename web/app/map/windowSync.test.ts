import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AddressWindow } from '../../lib/model/view.ts';
import { REPORT_AFTER_MS, WindowSync, type WindowCause } from './windowSync.ts';

/** A view that shows what it is told (or, with `fit`, what it can), and calls `moved` for each change, as d3's zoom events do. */
function harness(fit: (w: AddressWindow | null) => AddressWindow | null = (w) => w) {
  let shown: AddressWindow | null = null;
  const reports: [AddressWindow | null, WindowCause][] = [];
  const shows: (AddressWindow | null)[] = [];
  const sync: WindowSync = new WindowSync({
    shown: () => shown,
    show: (w) => {
      shows.push(w);
      shown = fit(w);
      sync.moved();
    },
    report: (w, cause) => reports.push([w, cause]),
  });
  /** The user moves the view (a zoom event of a gesture). */
  const user = (w: AddressWindow) => {
    shown = w;
    sync.moved();
  };
  return { sync, reports, shows, user, shown: () => shown };
}

const A = { start: 0x1000n, end: 0x2000n };
const B = { start: 0x3000n, end: 0x5000n };
const C = { start: 0x8000n, end: 0x9000n };

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('WindowSync', () => {
  it('reports a gesture once, when it pauses', () => {
    const { sync, reports, user } = harness();
    user(A);
    user(B);
    expect(reports).toEqual([]);
    vi.advanceTimersByTime(REPORT_AFTER_MS);
    expect(reports).toEqual([[B, 'gesture']]);
    sync.end();
    expect(reports).toHaveLength(1);
  });

  it('reports at the end of a gesture without waiting', () => {
    const { sync, reports, user } = harness();
    user(A);
    sync.end();
    expect(reports).toEqual([[A, 'gesture']]);
  });

  it('shows a window from outside without echoing it, and not again when it comes back unchanged', () => {
    const { sync, reports, shows } = harness();
    sync.set(A);
    sync.set({ ...A });
    vi.runAllTimers();
    expect(shows).toEqual([A]);
    expect(reports).toEqual([]);
  });

  it('another window from outside wins over a gesture not yet reported; the store\'s own, passed again, does not undo it', () => {
    const { sync, reports, user, shown } = harness();
    sync.set(A);
    user(B);
    sync.set(A);
    expect(shown()).toEqual(B);
    sync.set(C);
    vi.runAllTimers();
    expect(shown()).toEqual(C);
    expect(reports).toEqual([]);
  });

  it('a move the map makes itself is reported with its cause, once', () => {
    const { sync, reports, user } = harness();
    sync.moveAs('reveal', () => {
      user(B);
      sync.end();
    });
    vi.runAllTimers();
    expect(reports).toEqual([[B, 'reveal']]);
  });

  it('a window it cannot show is shown as it can, and that one is reported (the store and the view agree)', () => {
    // This view shows nothing under 0x2000 bytes: it shows everything instead.
    const { sync, reports, shows } = harness((w) => (w && w.end - w.start < 0x2000n ? null : w));
    sync.set(A);
    expect(reports).toEqual([[null, 'fit']]);
    // The store takes it: nothing to show again.
    sync.set(null);
    sync.set(B);
    expect(shows).toEqual([A, B]);
    expect(reports).toHaveLength(1);
  });

  it('re-shown on a resize, a window that comes out otherwise is reported, unless a gesture is under way', () => {
    let fit = (w: AddressWindow | null) => w;
    const { sync, reports, user } = harness((w) => fit(w));
    sync.set(B);
    fit = () => A;
    sync.showQuietly(B);
    expect(reports).toEqual([[A, 'fit']]);
    // A gesture under way reports the window itself, when it pauses.
    fit = (w) => w;
    user(A);
    sync.showQuietly(B);
    expect(reports).toHaveLength(1);
    vi.runAllTimers();
    expect(reports).toEqual([[A, 'fit'], [B, 'gesture']]);
  });

  it('a map taken down reports the gesture it left pending', () => {
    const { sync, reports, user } = harness();
    user(A);
    sync.destroy();
    expect(reports).toEqual([[A, 'gesture']]);
    vi.runAllTimers();
    expect(reports).toHaveLength(1);
  });

  it('another document forgets the pending gesture', () => {
    const { sync, reports, user } = harness();
    user(A);
    sync.reset();
    vi.runAllTimers();
    expect(reports).toEqual([]);
  });
});
