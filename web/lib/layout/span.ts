// Address spans as the map's geometry sees them (shared by the axis and its scales).
import type { Span } from '../model/topology.ts';

export const PAGE = 0x1000n;

/** A range as the axis sees it: ordered, at least one byte (empty and inverted ranges are a point). */
export function normalizeSpan(start: bigint, end: bigint): Span {
  const lo = start < end ? start : end;
  const hi = start < end ? end : start;
  return { start: lo, end: hi > lo ? hi : lo + 1n };
}
