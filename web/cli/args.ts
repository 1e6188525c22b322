// What the commands share in reading their arguments: the usage error (exit
// status 2, usage printed), u64 option values in decimal or 0x hex, and the
// OpenHCL release whose rules judge.
import { parseRelease, RELEASES } from '../lib/analysis/releases.ts';
import type { OpenhclRelease } from '../lib/model/view.ts';
import type { OpenOptions } from '../lib/import/options.ts';
import { parseU64Literal } from '../lib/model/text.ts';

/** A command line the CLI cannot run: main prints the message and the usage, exit status 2. */
export class UsageError extends Error {}

/** A u64 option value: decimal, or 0x hex with `_` allowed between digits (`0x4_8000_0000`). */
export function parseU64Option(flag: string, text: string, what: string): bigint {
  const value = parseU64Literal(text);
  if (value === null) throw new UsageError(`${flag} takes ${what} in decimal or 0x hex, not "${text}"`);
  return value;
}

export function parseGpa(text: string, flag = '--base'): bigint {
  return parseU64Option(flag, text, 'a 64-bit GPA');
}

/** The decoder options the commands that open a FILE take: `--as`, `--base` and `--release`. */
export function openOptions(values: { as?: string; base?: string; release?: string }): OpenOptions {
  const options: OpenOptions = {};
  if (values.as !== undefined) options.as = parseKindOption('--as', values.as);
  if (values.base !== undefined) options.baseGpa = parseGpa(values.base);
  if (values.release !== undefined) options.release = parseReleaseOption(values.release);
  return options;
}

/** `current|pre-2026-04`, for usage texts. */
export const RELEASE_CHOICES = RELEASES.map((r) => r.id).join('|');

export function parseReleaseOption(text: string, flag = '--release'): OpenhclRelease {
  const release = parseRelease(text);
  if (release === null) throw new UsageError(`${flag} takes ${RELEASE_CHOICES}, not "${text}"`);
  return release;
}

/** `--as` (and diff's `--as-a`, `--as-b`): the input kind to force. */
export function parseKindOption(flag: string, text: string): NonNullable<OpenOptions['as']> {
  if (text !== 'image' && text !== 'saved-state' && text !== 'device-tree') throw new UsageError(`${flag} takes image, saved-state or device-tree, not "${text}"`);
  return text;
}
