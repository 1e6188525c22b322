// The compare strip's layout: A and B on one compressed axis (the union of
// their ranges), as paired lanes per vnode and for MMIO, and the changes as
// marks over them. A change is never thinner than `minPx` on screen, and
// changes closer than that share one mark: a 4 KiB change stays findable in a
// view of the whole address space, and 100,000 changes stay a few hundred marks.
import type { Entry } from '../model/entries.ts';
import type { MapScale } from '../model/view.ts';
import type { ChangeRow } from '../analysis/compare/changeRows.ts';
import type { View } from './aggregate.ts';
import { gpaToX, type CompressedAxis } from './axis.ts';
import { buildLanes, topologyAxis, type Lane } from './lanes.ts';

/** A vnode (or MMIO) as A and B have it; a side without it has null. */
export interface LanePair {
  id: string;
  label: string;
  a: Lane | null;
  b: Lane | null;
}

export interface CompareLayout {
  axis: CompressedAxis;
  /** Vnodes by number, MMIO last. */
  pairs: LanePair[];
}

/** A's and B's lanes on one axis in `scale` (the map's: proportional, or readable). */
export function compareLayout(a: readonly Entry[], b: readonly Entry[], scale: MapScale = 'proportional'): CompareLayout {
  const axis = topologyAxis([...a, ...b], [], { scale });
  const lanesA = buildLanes(a, axis);
  const lanesB = buildLanes(b, axis);
  const byId = new Map<string, LanePair>();
  for (const [side, lanes] of [['a', lanesA], ['b', lanesB]] as const) {
    for (const lane of lanes) {
      // An empty placeholder lane (a side with no ranges at all) is not a lane of that side.
      if (lane.items.length === 0) continue;
      const pair = byId.get(lane.id) ?? { id: lane.id, label: lane.label, a: null, b: null };
      pair[side] = lane;
      byId.set(lane.id, pair);
    }
  }
  const order = (p: LanePair) => (p.id === 'mmio' ? Infinity : (p.a ?? p.b)!.vnode!);
  return { axis, pairs: [...byId.values()].sort((x, y) => order(x) - order(y)) };
}

/** One mark of the changes track: the rows it stands for (by id), in pixels from the window's left edge. */
export interface ChangeMark {
  left: number;
  width: number;
  rows: ChangeRow[];
}

/**
 * The changes in view, as marks at least `minPx` wide, inside the plot
 * ([0, plot width] pixels): a row narrower is widened about its centre, a row
 * that runs past the window is cut at its edge, and a row whose mark would
 * touch the previous mark joins it. Every row in the window is in exactly one
 * mark; rows outside it (or only touching its edge) are in none.
 */
export function changeMarks(rows: readonly ChangeRow[], axis: CompressedAxis, view: View, minPx = 3): ChangeMark[] {
  const plot = (view.x1 - view.x0) * view.pxPerUnit;
  const placed = rows
    .map((row) => ({ row, x0: gpaToX(axis, row.start), x1: gpaToX(axis, row.end) }))
    // A row thinner than float precision (x1 === x0) is in view where its point is.
    .filter((p) => (p.x1 > p.x0 ? p.x1 > view.x0 && p.x0 < view.x1 : p.x0 >= view.x0 && p.x0 <= view.x1))
    .sort((p, q) => p.x0 - q.x0 || p.x1 - q.x1);
  const marks: ChangeMark[] = [];
  for (const { row, x0, x1 } of placed) {
    let left = Math.max(0, (x0 - view.x0) * view.pxPerUnit);
    let right = Math.min(plot, (x1 - view.x0) * view.pxPerUnit);
    if (right - left < minPx) {
      const centre = (left + right) / 2;
      left = Math.max(0, Math.min(plot - minPx, centre - minPx / 2));
      right = Math.min(plot, left + minPx);
    }
    const last = marks[marks.length - 1];
    if (last && left <= last.left + last.width) {
      last.width = Math.max(last.width, right - last.left);
      last.rows.push(row);
    } else marks.push({ left, width: right - left, rows: [row] });
  }
  return marks;
}
