// Fixed sizes of the map, in CSS pixels, and the vertical layout they make.

export const GUTTER = 78;
export const RIGHT = 14;
/** The persisted-state pins and their labels, above the axis' tick labels (pins end above them). */
const MARKER_ROW = 46;
/** Where the pins start and end in the marker row: clear of the two label lines above and the tick labels below. */
export const PIN_TOP = 32;
export const PIN_BOTTOM = 44;
const AXIS_ROW = 22;
const BRUSH_ROW = 12;
/** Lane height and gap with few lanes; many lanes get shorter ones (laneSize). */
export const LANE_H = 24;
export const LANE_GAP = 6;
const GAP_ROW = 18;
/** The strip of accepted memory under the lanes (device trees). */
const ACCEPTED_ROW = 10;
const MINI_H = 30;

/** The overview strip's height: 30 px, taller when its lanes would get under a pixel each (65 lanes: 73 px). */
export function miniHeight(laneCount: number): number {
  return Math.max(MINI_H, 8 + Math.max(1, laneCount));
}
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
  /** Height of one lane and the gap below it (shrink with the lane count). */
  laneH: number;
  laneGap: number;
  laneY: (i: number) => number;
  /** Ranges sit `rangeInset` inside the lane, aggregates `aggregateInset`. */
  rangeInset: number;
  aggregateInset: number;
  /** Font size of the lane names in the gutter; short names ("v12") below 11 px. */
  laneLabelPx: number;
  /** Lanes tall enough to hold text inside the ranges. */
  rangeLabels: boolean;
  lanesBottom: number;
  /** Top of the accepted-memory strip (present only when the topology says what memory is accepted). */
  acceptedTop: number | null;
  gapLabelY: number;
  height: number;
}

/** Lane height and gap for a map of this many lanes: 65 lanes stay within ~650 px. */
function laneSize(laneCount: number): { laneH: number; laneGap: number } {
  if (laneCount <= 8) return { laneH: LANE_H, laneGap: LANE_GAP };
  if (laneCount <= 16) return { laneH: 16, laneGap: 4 };
  return { laneH: 8, laneGap: 2 };
}

export function rows(laneCount: number, hasMarkers: boolean, hasAccepted = false): Rows {
  const { laneH, laneGap } = laneSize(laneCount);
  const markerTop = 0;
  const axisY = (hasMarkers ? MARKER_ROW : 6) + AXIS_ROW;
  const brushTop = axisY + 3;
  const lanesTop = brushTop + BRUSH_ROW + 6;
  const laneY = (i: number) => lanesTop + i * (laneH + laneGap);
  const lanesBottom = laneY(laneCount) - laneGap;
  const rangeInset = Math.max(1, Math.round(laneH / 12));
  const acceptedTop = hasAccepted ? lanesBottom + 3 : null;
  const gapLabelY = lanesBottom + (hasAccepted ? ACCEPTED_ROW : 0) + 13;
  return {
    markerTop,
    axisY,
    brushTop,
    lanesTop,
    laneH,
    laneGap,
    laneY,
    rangeInset,
    aggregateInset: 2 * rangeInset,
    laneLabelPx: Math.min(12, laneH + laneGap - 2),
    rangeLabels: laneH >= 16,
    lanesBottom,
    acceptedTop,
    gapLabelY,
    height: lanesBottom + (hasAccepted ? ACCEPTED_ROW : 0) + GAP_ROW,
  };
}
