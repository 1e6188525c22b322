// What the commands share in reading their arguments: the usage error (exit
// status 2, usage printed) and u64 option values in decimal or 0x hex.
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

/** The decoder options the commands that open a FILE take: `--as` and `--base`. */
export function openOptions(values: { as?: string; base?: string }): OpenOptions {
  const options: OpenOptions = {};
  if (values.as !== undefined) {
    if (values.as !== 'image' && values.as !== 'saved-state' && values.as !== 'device-tree') throw new UsageError(`--as takes image, saved-state or device-tree, not "${values.as}"`);
    options.as = values.as;
  }
  if (values.base !== undefined) options.baseGpa = parseGpa(values.base);
  return options;
}
