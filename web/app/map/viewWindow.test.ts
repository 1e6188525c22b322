import { zoomIdentity } from 'd3';
import { describe, expect, it } from 'vitest';
import { buildAxis } from '../../lib/layout/axis.ts';
import { VIRTUAL_WIDTH } from './geometry.ts';
import { transformFor, windowOf } from './viewWindow.ts';

const TOP = (1n << 64n) - 1n;
const PLOT = 1000;
/** The transform that shows the last `share` of the axis (zoomed by 1 / share, at its right edge). */
const rightEdge = (share: number) => zoomIdentity.translate(-PLOT * (1 / share - 1), 0).scale(1 / share);

describe('windowOf: windows stay within u64', () => {
  it('an axis ending at 0xffff_ffff_ffff_ffff: the view at its end ends there', () => {
    const axis = buildAxis([{ start: 0xffff_ffff_0000_0000n, end: TOP }], { width: VIRTUAL_WIDTH });
    const w = windowOf(rightEdge(1 / 16), PLOT, axis)!;
    expect(w.end).toBe(TOP);
    expect(w.start).toBe(0xffff_ffff_f000_0000n);
  });

  it('an empty range at 2^64 - 1 (the axis ends at 2^64): the view at the end ends one byte short of it', () => {
    const axis = buildAxis([{ start: 0x1000n, end: 0x2000n }, { start: TOP, end: TOP }], { width: VIRTUAL_WIDTH });
    expect(axis.end).toBe(1n << 64n);
    for (const share of [1 / 4, 1 / 1000, 1e-12]) {
      const w = windowOf(rightEdge(share), PLOT, axis)!;
      expect(w.end, `share ${share}`).toBe(TOP);
      expect(w.start < w.end).toBe(true);
    }
  });

  it('a window ending at 2^64 - 1 is shown: the same view as one ending at 2^64', () => {
    const axis = buildAxis([{ start: 0xffff_ffff_0000_0000n, end: TOP }], { width: VIRTUAL_WIDTH });
    const w = { start: 0xffff_ffff_f000_0000n, end: TOP };
    expect(windowOf(transformFor(w, PLOT, axis), PLOT, axis)).toEqual(w);
  });
});
