// `cli diagram FILE [--vtl2] [-o OUT.svg]`: the memory-layout diagram of FILE as
// a standalone SVG, the same bytes the app's "Download SVG" gives for the same
// file (its title holds the file's base name, as the app's does).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { layoutDiagram } from '../lib/diagram/layout.ts';
import { diagramSvg } from '../lib/diagram/svg.ts';
import { openInput } from '../lib/import/index.ts';
import type { OpenOptions } from '../lib/import/options.ts';
import { openOptions, UsageError } from './args.ts';
import { withFileSource } from './fileSource.ts';

export const DIAGRAM_USAGE = `  diagram  draw FILE's memory layout as a datasheet-style SVG: one column per vnode
           and one for MMIO, a block per range with its size and type, each boundary's
           address, gaps collapsed, the persisted-state region called out
           --vtl2        only the VTL2 ranges, with the persisted-state region in detail
           -o OUT.svg    write to OUT.svg instead of standard output
           --as, --base  as for decode
           Exit status 0 when drawn, 1 when FILE cannot be read or does not decode
           (stderr says why), 2 on usage errors`;

export async function diagram(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { vtl2: { type: 'boolean' }, output: { type: 'string', short: 'o' }, as: { type: 'string' }, base: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new UsageError('diagram takes exactly one FILE');
  if (values.output === '') throw new UsageError('-o takes a file name');
  const file = positionals[0]!;
  const drawn = await diagramOfFile(file, { vtl2: values.vtl2 ?? false, options: openOptions(values) });
  if ('error' in drawn) {
    console.error(`error: ${file}: ${drawn.error}`);
    return 1;
  }
  if (values.output === undefined) process.stdout.write(drawn.svg);
  else await writeFile(values.output, drawn.svg);
  return 0;
}

/** The SVG of FILE, or why there is none. */
async function diagramOfFile(file: string, { vtl2, options = {} }: { vtl2: boolean; options?: OpenOptions }): Promise<{ svg: string } | { error: string }> {
  const name = path.basename(file);
  let opened;
  try {
    opened = await withFileSource(file, (source) => openInput(source, { name, options }));
  } catch (err) {
    return { error: `cannot read it: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (!opened.ok) return { error: `${opened.error.code}: ${opened.error.message}` };
  if (opened.doc.error) return { error: `does not decode: ${opened.doc.error.code}: ${opened.doc.error.message}` };
  return { svg: diagramSvg(layoutDiagram(opened.doc, { name: opened.name, mode: vtl2 ? 'vtl2' : 'all' })) };
}
