// Inputs the fuzzer once failed on, kept as fixtures: fuzz.test.ts runs each
// through its target on every test run. Add one per crash found, with a note.
export interface FuzzRegression {
  name: string;
  /** The FUZZ_TARGETS entry it failed. */
  target: string;
  input: unknown;
}

export const FUZZ_REGRESSIONS: FuzzRegression[] = [];
