// CPU time of a synchronous call, for tests that bound how long hostile input may take.

/**
 * Milliseconds of CPU `fn` takes (this process's, so other jobs on a busy
 * machine do not count), the better of two runs when the first passes `bound`:
 * a truly slow input is slow twice; a GC pause is not.
 */
export function cpuMillis(fn: () => void, bound: number): number {
  const once = () => {
    const started = process.cpuUsage();
    fn();
    const used = process.cpuUsage(started);
    return (used.user + used.system) / 1000;
  };
  const first = once();
  return first < bound ? first : Math.min(first, once());
}
