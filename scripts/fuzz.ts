// `npm run fuzz`: the long fuzz run of every parser (web/lib/testing/fuzz/targets.ts),
// 1,000,000 cases by default, shared among the targets by weight.
//
//   npm run fuzz                                   # 1e6 cases, a fresh seed
//   npm run fuzz -- --cases 200000 --seed 42
//   npm run fuzz -- --target payload --seed S --path P   # replay a failure
//
// Prints per-target counts, the slowest case and the wall time; exits 1 on any
// exception other than DecodeError (where a target allows it), any broken
// invariant or any case over 100 ms, with the seed, path and input to replay it.
import { runFuzzTarget, MAX_CASE_MS, type FuzzResult } from '../web/lib/testing/fuzz/runner.ts';
import { FUZZ_TARGETS } from '../web/lib/testing/fuzz/targets.ts';

function parseArgs(argv: string[]): { cases: number; seed: number; target: string | null; path: string | undefined } {
  const args = { cases: 1_000_000, seed: Date.now() % 2 ** 31, target: null as string | null, path: undefined as string | undefined };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    const need = () => {
      if (value === undefined) throw new Error(`${argv[i]} needs a value`);
      i++;
      return value;
    };
    switch (argv[i]) {
      case '--cases':
        args.cases = Number(need());
        break;
      case '--seed':
        args.seed = Number(need());
        break;
      case '--target':
        args.target = need();
        break;
      case '--path':
        args.path = need();
        break;
      default:
        throw new Error(`unknown argument ${argv[i]} (use --cases N, --seed S, --target NAME, --path P)`);
    }
  }
  if (!Number.isSafeInteger(args.cases) || args.cases < 1) throw new Error('--cases wants a positive integer');
  if (!Number.isSafeInteger(args.seed)) throw new Error('--seed wants an integer');
  return args;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const targets = args.target ? FUZZ_TARGETS.filter((t) => t.name === args.target) : FUZZ_TARGETS;
  if (targets.length === 0) throw new Error(`no target ${args.target}; targets: ${FUZZ_TARGETS.map((t) => t.name).join(', ')}`);
  const totalWeight = targets.reduce((n, t) => n + t.weight, 0);
  console.log(`fuzzing ${targets.length} targets, ${args.cases} cases, seed ${args.seed}, limit ${MAX_CASE_MS} ms a case`);
  const started = performance.now();
  const results: FuzzResult[] = [];
  for (const target of targets) {
    const numRuns = Math.max(1, Math.round((args.cases * target.weight) / totalWeight));
    const result = await runFuzzTarget(target, { numRuns, seed: args.seed, path: args.path });
    results.push(result);
    const status = result.failure ? 'FAILED' : 'ok';
    console.log(`${target.name.padEnd(18)} ${String(result.cases).padStart(9)} cases  max ${result.maxMs.toFixed(1).padStart(6)} ms CPU (${result.maxWallMs.toFixed(1)} ms wall)  ${(result.wallMs / 1000).toFixed(1).padStart(6)} s  retimed ${result.retimed}  ${status}`);
    if (result.failure) {
      const f = result.failure;
      console.log(`\n${target.name} failed: ${f.error}\ninput: ${f.counterexample}\nreplay: npm run fuzz -- --target ${target.name} --seed ${f.seed} --path ${f.path}\n`);
    }
  }
  const cases = results.reduce((n, r) => n + r.cases, 0);
  const maxMs = Math.max(...results.map((r) => r.maxMs));
  const failed = results.filter((r) => r.failure);
  console.log(`\n${cases} cases in ${((performance.now() - started) / 1000).toFixed(1)} s, slowest case ${maxMs.toFixed(1)} ms CPU (${Math.max(...results.map((r) => r.maxWallMs)).toFixed(1)} ms wall), seed ${args.seed}`);
  console.log(`targets: ${results.length - failed.length} passed, ${failed.length} failed`);
  return failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(2);
  },
);
