// ohcl-topology's command line: the same decoder as the app, over files.
//   decode FILE... [--as image|saved-state|device-tree] [--base GPA] [--release current|pre-2026-04]
//   link FILE [--base-url URL] [--as image|saved-state|device-tree] [--base GPA]
//   encode DOC.json -o OUT [--image [--base GPA] [--region-len N] [--size N]]
//   diagram FILE [--vtl2] [-o OUT.svg] [--as image|saved-state|device-tree] [--base GPA]
//   diff A B [--as-a KIND] [--as-b KIND] [--release current|pre-2026-04]
// decode: one JSON document for one file; one per line, in order, for several.
// Exit status 0 only when every file decoded. diff: see diff.ts.
import { parseArgs } from 'node:util';
import { documentToJson, type DocumentJson } from '../lib/export/documentJson.ts';
import { openInput } from '../lib/import/index.ts';
import type { OpenOptions } from '../lib/import/options.ts';
import { openOptions, RELEASE_CHOICES, UsageError } from './args.ts';
import { diagram, DIAGRAM_USAGE } from './diagram.ts';
import { diff, DIFF_USAGE } from './diff.ts';
import { encode, ENCODE_USAGE } from './encode.ts';
import { withFileSource } from './fileSource.ts';
import { DEFAULT_BASE_URL, linkForFile } from './link.ts';

const USAGE = `usage: npm run --silent cli -- decode FILE... [--as image|saved-state|device-tree] [--base GPA] [--release ${RELEASE_CHOICES}]
       npm run --silent cli -- link FILE [--base-url URL] [--as image|saved-state|device-tree] [--base GPA]
       npm run --silent cli -- encode DOC.json -o OUT [--image [--base GPA] [--region-len N] [--size N]]
       npm run --silent cli -- diagram FILE [--vtl2] [-o OUT.svg] [--as image|saved-state|device-tree] [--base GPA]
       npm run --silent cli -- diff A B [--as-a KIND] [--as-b KIND] [--release ${RELEASE_CHOICES}]

  decode   print the decoded topology of each FILE as JSON: a VTL2 image, a raw
           SavedState, a device tree (/sys/firmware/fdt; "decoded" is then the
           SavedState its next servicing would write), or an exported JSON document
           --as     force the input kind instead of detecting it
           --base   GPA of the image's first byte (default: protobuf_base - 0x1000);
                    decimal or 0x-prefixed hex
           --release  whose boot rules judge it: current (default), or pre-2026-04
                    (before openvmm #3312: several VTL2_GPA_POOL ranges panic)
  link     print the share link that opens FILE in the app (its header and payload
           travel in the URL fragment, never to a server)
           --base-url  where the app is served (default: ${DEFAULT_BASE_URL})
${ENCODE_USAGE}
${DIAGRAM_USAGE}
${DIFF_USAGE}`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h') {
    console.log(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === 'decode') return decode(rest);
  if (command === 'link') return link(rest);
  if (command === 'encode') return encode(rest);
  if (command === 'diagram') return diagram(rest);
  if (command === 'diff') return diff(rest);
  throw new UsageError(`unknown command "${command}"`);
}

async function decode(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { as: { type: 'string' }, base: { type: 'string' }, release: { type: 'string' } },
  });
  if (positionals.length === 0) throw new UsageError('decode needs at least one FILE');
  const options = openOptions(values);

  let allOk = true;
  for (const file of positionals) {
    const json = await decodeFile(file, options);
    allOk &&= json.ok;
    console.log(positionals.length === 1 ? JSON.stringify(json, null, 2) : JSON.stringify(json));
  }
  return allOk ? 0 : 1;
}

async function decodeFile(file: string, options: OpenOptions): Promise<DocumentJson | (Pick<DocumentJson, 'file' | 'ok' | 'error'>)> {
  try {
    const opened = await withFileSource(file, (source) => openInput(source, { name: file, options }));
    return opened.ok ? documentToJson(opened.doc, file) : { file, ok: false, error: opened.error };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { file, ok: false, error: { code: 'read-failed', message: `cannot read ${file}: ${message}`, offset: 0, expected: 'a readable file' } };
  }
}

async function link(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'base-url': { type: 'string' }, as: { type: 'string' }, base: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new UsageError('link takes exactly one FILE');
  const options = openOptions(values);
  const baseUrl = values['base-url'] ?? DEFAULT_BASE_URL;
  if (!URL.canParse(baseUrl)) throw new UsageError(`--base-url takes an absolute URL, not "${baseUrl}"`);
  try {
    console.log(await linkForFile(positionals[0]!, options, baseUrl));
    return 0;
  } catch (err) {
    console.error(`error: ${positionals[0]}: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (status) => (process.exitCode = status),
  (err: unknown) => {
    console.error(err instanceof UsageError ? `error: ${err.message}\n\n${USAGE}` : `error: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 2;
  },
);
