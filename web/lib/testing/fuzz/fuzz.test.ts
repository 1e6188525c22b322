// The bounded fuzz run of the normal test command: every target of the table,
// tens of thousands of cases in all, with a fixed seed (FUZZ_SEED=n picks
// another). The long run is `npm run fuzz`.
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../format/errors.ts';
import { FUZZ_REGRESSIONS } from './regressions.ts';
import { runFuzzTarget } from './runner.ts';
import { FUZZ_TARGETS } from './targets.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20250601);

describe('fuzzing every parser (bounded run)', () => {
  it('has a target for every parser of untrusted input', () => {
    expect(FUZZ_TARGETS.map((t) => t.name)).toEqual(expect.arrayContaining(['header', 'detect', 'payload', 'openInput', 'openInput-huge', 'pastedText', 'shareLink', 'documentJson', 'savedStateJson', 'fdt', 'openhclDeviceTree', 'payload-differential']));
  });

  for (const target of FUZZ_TARGETS) {
    it(`${target.name}: ${target.boundedRuns} cases, only DecodeError, none over 100 ms`, async () => {
      const result = await runFuzzTarget(target, { numRuns: target.boundedRuns, seed: SEED });
      if (result.failure) {
        const { seed, path, counterexample, error } = result.failure;
        expect.fail(`${target.name} failed (replay: npm run fuzz -- --target ${target.name} --seed ${seed} --path ${path})\ninput: ${counterexample}\n${error}`);
      }
      expect(result.cases).toBe(target.boundedRuns);
    }, 60_000);
  }
});

describe('fuzz regressions (inputs that once failed)', () => {
  it.each(FUZZ_REGRESSIONS.map((r) => [r.name, r] as const))('%s', async (_, regression) => {
    const target = FUZZ_TARGETS.find((t) => t.name === regression.target)!;
    try {
      await target.run(regression.input);
    } catch (err) {
      if (!(target.mayThrow === 'decode-error' && err instanceof DecodeError)) throw err;
    }
  });

  it('the runner fails on a non-DecodeError and on a slow case', async () => {
    const base = FUZZ_TARGETS.find((t) => t.name === 'header')!;
    const crashing = { ...base, run: () => { throw new TypeError('boom'); } };
    expect((await runFuzzTarget(crashing, { numRuns: 5, seed: 1 })).failure?.error).toContain('boom');
    const slow = { ...base, run: () => { const end = performance.now() + 5; while (performance.now() < end); } };
    expect((await runFuzzTarget(slow, { numRuns: 5, seed: 1, maxCaseMs: 1 })).failure?.error).toContain("over the 1 ms limit");
    const decodeErrors = { ...base, run: () => { throw new DecodeError('internal', 'x', 0); } };
    expect((await runFuzzTarget(decodeErrors, { numRuns: 5, seed: 1 })).failure).toBeNull();
    expect((await runFuzzTarget({ ...decodeErrors, mayThrow: 'nothing' }, { numRuns: 5, seed: 1 })).failure).not.toBeNull();
  });
});
