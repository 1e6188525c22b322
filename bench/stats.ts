// Small statistics and timing helpers shared by the bench parts. This machine is
// shared and noisy: every figure is a median over repeats, and every ratio is
// taken between runs interleaved with their baseline, so a noisy neighbour slows
// both sides of a pair alike.

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Linear-interpolated percentile (0–100) of `values`. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

/** Milliseconds taken by `iterations` calls of `fn`, divided by `iterations`. */
export function timePerCall(fn: () => unknown, iterations: number): number {
  let sink: unknown;
  const start = performance.now();
  for (let i = 0; i < iterations; i++) sink = fn();
  const elapsed = performance.now() - start;
  keep(sink);
  return elapsed / iterations;
}

let kept: unknown;
/** Stops the optimiser from dropping a result nobody reads. */
export function keep(value: unknown): void {
  kept = value;
  if (kept === Symbol.for('never')) console.log(kept);
}

export interface Paired {
  /** Per-repeat times of the measured code and of its baseline (ms). */
  measured: number[];
  baseline: number[];
  /** Median of the per-repeat ratios measured / baseline. */
  ratio: number;
}

/**
 * Runs `measured` and `baseline` alternately, `repeats` times each (the order
 * flips every repeat), after `warmup` untimed rounds of both.
 */
export async function interleave(
  measured: () => number | Promise<number>,
  baseline: () => number | Promise<number>,
  { repeats, warmup }: { repeats: number; warmup: number },
): Promise<Paired> {
  for (let i = 0; i < warmup; i++) {
    await measured();
    await baseline();
  }
  const m: number[] = [];
  const b: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < repeats; i++) {
    let tm: number;
    let tb: number;
    if (i % 2 === 0) {
      tm = await measured();
      tb = await baseline();
    } else {
      tb = await baseline();
      tm = await measured();
    }
    m.push(tm);
    b.push(tb);
    ratios.push(tm / tb);
  }
  return { measured: m, baseline: b, ratio: median(ratios) };
}
