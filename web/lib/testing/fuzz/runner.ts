// Runs one fuzz target with fast-check: each case is timed, any exception but
// an allowed DecodeError fails it, and so does a case over the time limit. A
// failure comes back with the seed and path that replay it.
import fc from 'fast-check';
import { DecodeError } from '../../format/errors.ts';
import type { FuzzTarget } from './targets.ts';

/** No case may take longer (the issue's bound; the only timed check of the project). */
export const MAX_CASE_MS = 100;
/** Extra timings of a case over the limit before it counts as slow. */
const RETIME_ATTEMPTS = 2;

export interface FuzzRunOptions {
  numRuns: number;
  seed: number;
  /** fast-check's replay path of a failure (with its seed). */
  path?: string;
  maxCaseMs?: number;
}

export interface FuzzFailure {
  seed: number;
  path: string;
  /** The (shrunk) input, as fast-check prints it. */
  counterexample: string;
  error: string;
}

export interface FuzzResult {
  name: string;
  cases: number;
  /** Slowest case, in ms of CPU time (the fastest of its timings when it was timed again). */
  maxMs: number;
  /** Slowest first run of a case, in ms of wall time (includes waiting for a busy CPU). */
  maxWallMs: number;
  /** Cases timed again because a first run was over the limit (noise, unless they fail). */
  retimed: number;
  /** Wall time of the whole run, in ms. */
  wallMs: number;
  failure: FuzzFailure | null;
}

export async function runFuzzTarget(target: FuzzTarget, options: FuzzRunOptions): Promise<FuzzResult> {
  const limit = options.maxCaseMs ?? MAX_CASE_MS;
  const arbitrary = await target.input();
  // Untimed warm-up: the first calls load the schema and compile; that is not a case's cost.
  for (const input of fc.sample(arbitrary, { numRuns: 50, seed: options.seed })) {
    await (async () => target.run(input))().catch(() => undefined);
  }
  let maxMs = 0;
  let maxWallMs = 0;
  let retimed = 0;
  // A case's time is the CPU time the process spent on it: a machine busy with other work
  // (CI, a developer's build) stretches wall time but not CPU time, and a hang in a parser
  // (in-memory input, no I/O) burns CPU either way. Wall time is reported beside it.
  const timedRun = async (input: unknown): Promise<{ ms: number; wallMs: number; error: unknown }> => {
    const started = performance.now();
    const cpu = process.cpuUsage();
    let error: unknown = null;
    try {
      await target.run(input);
    } catch (err) {
      error = err;
    }
    const used = process.cpuUsage(cpu);
    return { ms: (used.user + used.system) / 1000, wallMs: performance.now() - started, error };
  };
  const property = fc.asyncProperty(arbitrary, async (input) => {
    const first = await timedRun(input);
    const error = first.error;
    let ms = first.ms;
    if (first.wallMs > maxWallMs) maxWallMs = first.wallMs;
    if (error !== null && !(target.mayThrow === 'decode-error' && error instanceof DecodeError)) throw error;
    // A case over the limit is timed again: a major GC does not recur, a slow parser does.
    // The case's time is the fastest of its runs.
    for (let attempt = 0; ms > limit && attempt < RETIME_ATTEMPTS; attempt++) {
      retimed++;
      ms = Math.min(ms, (await timedRun(input)).ms);
    }
    if (ms > maxMs) maxMs = ms;
    if (ms > limit) throw new Error(`a case took ${ms.toFixed(1)} ms of CPU (the fastest of ${RETIME_ATTEMPTS + 1} runs), over the ${limit} ms limit`);
  });
  const started = performance.now();
  const details = await fc.check(property, { numRuns: options.numRuns, seed: options.seed, path: options.path });
  const wallMs = performance.now() - started;
  const failure: FuzzFailure | null = details.failed
    ? {
        seed: details.seed,
        path: details.counterexamplePath ?? '',
        counterexample: details.counterexample ? fc.stringify(details.counterexample[0]) : '(none)',
        error: describeError(details.errorInstance),
      }
    : null;
  return { name: target.name, cases: details.numRuns, maxMs, maxWallMs, retimed, wallMs, failure };
}

function describeError(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}${err.stack ? `\n${err.stack.split('\n').slice(1, 6).join('\n')}` : ''}`;
  return String(err);
}
