// Where two byte arrays differ, as [start, end) runs: write-back tests state
// exactly which bytes of an image a writer does not reproduce.

/** Runs of offsets where `a` and `b` differ; past the shorter one every offset differs. */
export function differingRanges(a: Uint8Array, b: Uint8Array): [number, number][] {
  const runs: [number, number][] = [];
  const length = Math.max(a.length, b.length);
  let start = -1;
  for (let i = 0; i <= length; i++) {
    const differs = i < length && (i >= a.length || i >= b.length || a[i] !== b[i]);
    if (differs && start < 0) start = i;
    if (!differs && start >= 0) {
      runs.push([start, i]);
      start = -1;
    }
  }
  return runs;
}

/** Runs of non-zero bytes in `bytes[from, to)`: stale bytes where a writer leaves zeros. */
export function nonZeroRanges(bytes: Uint8Array, from = 0, to = bytes.length): [number, number][] {
  return differingRanges(bytes.subarray(from, to), new Uint8Array(to - from)).map(([s, e]) => [s + from, e + from]);
}
