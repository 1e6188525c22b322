// Address spans as the map's geometry sees them (shared by the axis and its scales).
import type { Span } from '../model/topology.ts';

export const PAGE = 0x1000n;

/** A range as the axis sees it: ordered, at least one byte (empty and inverted ranges are a point). */
export function normalizeSpan(start: bigint, end: bigint): Span {
  const lo = start < end ? start : end;
  const hi = start < end ? end : start;
  return { start: lo, end: hi > lo ? hi : lo + 1n };
}

/** Whether every neighbour pair is in order (`inOrder(a, b)`: a may come before b); one pass, to skip a sort. */
export function isSorted<T>(values: readonly T[], inOrder: (a: T, b: T) => boolean): boolean {
  for (let i = 1; i < values.length; i++) if (!inOrder(values[i - 1]!, values[i]!)) return false;
  return true;
}
