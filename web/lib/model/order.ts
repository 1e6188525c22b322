// The one order of u64 values (bigint) for every sort: a JS number loses bits above 2^53.

/** Ascending, and a valid comparator: 0 for equal values (Array.prototype.sort needs it). */
export function compareBigint(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
