// Address spans as the map's geometry sees them (shared by the axis and its scales).
import type { Span } from '../model/topology.ts';

export const PAGE = 0x1000n;
/** 2^64: a span's exclusive end may reach it (a range ending at the top), a window's may not. */
const U64_END = 1n << 64n;
/** The largest end a window may have: links hold u64s, and one byte short of 2^64 is the same view. */
const WINDOW_END_MAX = U64_END - 1n;

/**
 * The window [start, end) kept within u64, the one rule for every window the map makes:
 * one running past 2^64 moves down to end there (its width kept), then its end is
 * clamped to 2^64 - 1 (the start kept a byte below it).
 */
export function u64Window(start: bigint, end: bigint): Span {
  if (end > U64_END) {
    start = start > end - U64_END ? start - (end - U64_END) : 0n;
    end = U64_END;
  }
  if (end <= WINDOW_END_MAX) return { start, end };
  return { start: start < WINDOW_END_MAX ? start : WINDOW_END_MAX - 1n, end: WINDOW_END_MAX };
}

/**
 * The end of a range as the axis sees it: an empty or inverted range
 * (end <= start) is the byte at its start, as lanes and quick views draw it;
 * never past 2^64.
 */
export function spanEnd(start: bigint, end: bigint): bigint {
  if (end > start) return end;
  return start < U64_END ? start + 1n : U64_END;
}

/** A range as the axis sees it: at least one byte, from its start (see spanEnd). */
export function normalizeSpan(start: bigint, end: bigint): Span {
  return { start, end: spanEnd(start, end) };
}

/** Whether every neighbour pair is in order (`inOrder(a, b)`: a may come before b); one pass, to skip a sort. */
export function isSorted<T>(values: readonly T[], inOrder: (a: T, b: T) => boolean): boolean {
  for (let i = 1; i < values.length; i++) if (!inOrder(values[i - 1]!, values[i]!)) return false;
  return true;
}
