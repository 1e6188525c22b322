import { describe, expect, it } from 'vitest';
import { revealView } from './reveal.ts';

describe('revealView', () => {
  const view = { x0: 100, x1: 200 };

  it('leaves a range in view where it is', () => {
    expect(revealView(view, 120, 130)).toBeNull();
    // Wider than the view and partly in it: it fills the view already.
    expect(revealView(view, 50, 500)).toBeNull();
  });

  it('pans the least to bring a range that fits, keeping the zoom', () => {
    expect(revealView(view, 300, 310)).toEqual({ x0: 215, x1: 315 });
    expect(revealView(view, 10, 20)).toEqual({ x0: 5, x1: 105 });
    // Partly in view, and fits: shown whole.
    expect(revealView(view, 190, 230)).toEqual({ x0: 135, x1: 235 });
  });

  it('zooms out, never in, for a range wider than the view', () => {
    const out = revealView(view, 400, 700)!;
    expect(out.x1 - out.x0).toBeGreaterThan(300);
    expect(out.x0).toBeLessThan(400);
    expect(out.x1).toBeGreaterThan(700);
    for (const [a, b] of [[300, 301], [0, 1], [250, 260]] as const) {
      const v = revealView(view, a, b)!;
      expect(v.x1 - v.x0).toBeCloseTo(100);
    }
  });
});
