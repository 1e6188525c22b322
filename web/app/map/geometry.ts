// Fixed sizes of the map, in CSS pixels, and the vertical layout they make.

export const GUTTER = 78;
export const RIGHT = 14;
export const MARKER_ROW = 36;
export const AXIS_ROW = 22;
export const BRUSH_ROW = 12;
export const LANE_H = 24;
export const LANE_GAP = 6;
export const GAP_ROW = 18;
export const MINI_H = 30;
/** Virtual width of the compressed axis (web/lib/layout/axis.ts). */
export const VIRTUAL_WIDTH = 1000;
/** Thinnest drawn range, and the thinnest persisted-state marker. */
export const MIN_RANGE_PX = 1;
export const MIN_MARKER_PX = 3;
export const MONO_CHAR_PX = 6.6;

export interface Rows {
  markerTop: number;
  axisY: number;
  brushTop: number;
  lanesTop: number;
  laneY: (i: number) => number;
  lanesBottom: number;
  gapLabelY: number;
  height: number;
}

export function rows(laneCount: number, hasMarkers: boolean): Rows {
  const markerTop = 0;
  const axisY = (hasMarkers ? MARKER_ROW : 6) + AXIS_ROW;
  const brushTop = axisY + 3;
  const lanesTop = brushTop + BRUSH_ROW + 6;
  const laneY = (i: number) => lanesTop + i * (LANE_H + LANE_GAP);
  const lanesBottom = laneY(laneCount) - LANE_GAP;
  const gapLabelY = lanesBottom + 13;
  return { markerTop, axisY, brushTop, lanesTop, laneY, lanesBottom, gapLabelY, height: lanesBottom + GAP_ROW };
}
