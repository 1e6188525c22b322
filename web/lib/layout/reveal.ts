// Bringing a chosen range into the map's view (a table row clicked, or ↑/↓):
// in virtual x, the least move that shows it. A pan when it fits the view,
// a zoom out when it does not; never a zoom in the user did not ask for.

export interface XSpan {
  x0: number;
  x1: number;
}

/** Share of the view kept between a revealed range and the view's edge. */
const MARGIN = 0.05;

/**
 * The view that shows [a, b], or null when the view already shows it: all of it,
 * or (for a range wider than the view) some of it, which then fills the view.
 */
export function revealView(view: XSpan, a: number, b: number): XSpan | null {
  const width = view.x1 - view.x0;
  const visible = b >= view.x0 && a <= view.x1;
  if (a >= view.x0 && b <= view.x1) return null;
  if (visible && b - a >= width) return null;
  const pad = width * MARGIN;
  if (b - a + 2 * pad <= width) {
    // The near edge comes in, a margin from the view's edge.
    const shift = a < view.x0 ? a - pad - view.x0 : b + pad - view.x1;
    return { x0: view.x0 + shift, x1: view.x1 + shift };
  }
  // Wider than the view: zoom out until it fits, centred.
  const fit = (b - a) / (1 - 2 * MARGIN);
  const centre = (a + b) / 2;
  return { x0: centre - fit / 2, x1: centre + fit / 2 };
}
