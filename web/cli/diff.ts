// `cli diff A B`: compare two inputs as diff(1) does files: one JSON document
// (comparisonJson.ts), exit 0 when the topologies are the same, 1 when they
// differ, 2 when either input does not open or holds no topology (a payload
// that does not decode), or on a usage error.
import { parseArgs } from 'node:util';
import { compareTopologies } from '../lib/analysis/compare/index.ts';
import { comparedInputJson, comparisonToJson } from '../lib/export/comparisonJson.ts';
import type { DecodeErrorInfo } from '../lib/format/errors.ts';
import { openInput } from '../lib/import/index.ts';
import type { OpenOptions } from '../lib/import/options.ts';
import type { TopologyDocument } from '../lib/model/topology.ts';
import { parseKindOption, parseReleaseOption, RELEASE_CHOICES, UsageError } from './args.ts';
import { withFileSource } from './fileSource.ts';

export const DIFF_USAGE = `  diff     compare two inputs (anything decode reads: a device tree stands for the
           state its next servicing would write) and print one JSON document:
           the address pieces where A's attributes (VTL type, vnode, IGVM type, or no
           range) differ from B's, memory and MMIO apart; ranges split or merged with
           no attribute change; CPU and persisted-region changes; and the servicing
           checks of B booting from the state A persisted, each pass, fail or n/a.
           Exit status 0 when the same, 1 when different, 2 when either input does
           not open or decode
           --as-a, --as-b  force A's or B's kind: image, saved-state or device-tree
           --release       whose boot rules the checks apply: ${RELEASE_CHOICES}
                           (default current)`;

type Opened = { doc: TopologyDocument; error: null } | { doc: TopologyDocument | null; error: DecodeErrorInfo };

async function openFile(file: string, options: OpenOptions): Promise<Opened> {
  try {
    const opened = await withFileSource(file, (source) => openInput(source, { name: file, options }));
    if (!opened.ok) return { doc: null, error: opened.error };
    return opened.doc.error ? { doc: opened.doc, error: opened.doc.error } : { doc: opened.doc, error: null };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { doc: null, error: { code: 'read-failed', message: `cannot read ${file}: ${message}`, offset: 0, expected: 'a readable file' } };
  }
}

export async function diff(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'as-a': { type: 'string' }, 'as-b': { type: 'string' }, release: { type: 'string' } },
  });
  if (positionals.length !== 2) throw new UsageError('diff takes exactly two files, A and B');
  const release = values.release === undefined ? undefined : parseReleaseOption(values.release);
  const optionsOf = (as: string | undefined, flag: string): OpenOptions => ({ ...(as !== undefined ? { as: parseKindOption(flag, as) } : {}), ...(release ? { release } : {}) });
  const [fileA, fileB] = positionals as [string, string];
  const optionsA = optionsOf(values['as-a'], '--as-a');
  const optionsB = optionsOf(values['as-b'], '--as-b');
  const a = await openFile(fileA, optionsA);
  const b = await openFile(fileB, optionsB);
  const sideA = comparedInputJson(fileA, a.doc, a.error);
  const sideB = comparedInputJson(fileB, b.doc, b.error);
  if (a.error || b.error) {
    console.log(JSON.stringify({ a: sideA, b: sideB }, null, 2));
    return 2;
  }
  const comparison = compareTopologies(a.doc!, b.doc!, { release });
  console.log(JSON.stringify(comparisonToJson(comparison, sideA, sideB), null, 2));
  return comparison.same ? 0 : 1;
}
