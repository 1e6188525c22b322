// `cli encode DOC.json -o OUT`: the SavedState of a decode document (or of its
// `decoded` object alone) written as OpenHCL writes it: the saved-state payload,
// or with --image a whole VTL2 image laid out as OpenHCL lays one out. The state
// comes from `decoded`, never from `payload.base64`, so an edited document
// writes the edit.
import { open, readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { bootCheck } from '../lib/analysis/bootCheck.ts';
import type { BootCheck } from '../lib/model/findings.ts';
import { DEFAULT_BASE_GPA, DEFAULT_IMAGE_SIZE, DEFAULT_REGION_LEN, encodeImageHead, type ImageOptions } from '../lib/format/encodeImage.ts';
import { encodeSavedState } from '../lib/format/encodeSavedState.ts';
import { DecodeError, type DecodeErrorCode } from '../lib/format/errors.ts';
import { parseHeader } from '../lib/format/header.ts';
import { parseSavedStateJson, type ImportedSavedState } from '../lib/import/savedStateJson.ts';
import { hex } from '../lib/model/text.ts';
import { parseGpa, parseU64Option, UsageError } from './args.ts';

export const ENCODE_USAGE = `  encode   write the SavedState in DOC.json (decode's output for one file, or its
           "decoded" object alone; - reads standard input) as OpenHCL writes it: the
           saved-state payload, or with --image a VTL2 image (header page, protobuf
           region holding the payload, zeros). The state is read from "decoded", not
           from payload.base64, so an edited document writes the edit
           -o OUT        the output file; - writes to standard output (not a terminal)
           --image       write a VTL2 image; for an image's document its layout is the
                         document's (header.protobuf_base - 0x1000, header.protobuf_region_len,
                         size) unless given here, otherwise:
             --base GPA      GPA of the header page, 4 KiB aligned (default ${hex(DEFAULT_BASE_GPA)})
             --region-len N  bytes of the protobuf region, whole pages (default ${hex(DEFAULT_REGION_LEN)})
             --size N        bytes of the whole image, whole pages (default ${hex(DEFAULT_IMAGE_SIZE)}, 2 MiB)
           GPA and N in decimal or 0x hex. Notes on stderr say what is not written (unknown
           fields) and when the next OpenHCL boot would not accept the image. Exit status 0
           when written, 1 when DOC.json holds no state or a field or layout is wrong (stderr
           names it), 2 on usage errors`;

type LayoutOption = keyof ImageOptions;

const FLAG_OF: Record<LayoutOption, string> = { baseGpa: '--base', regionLen: '--region-len', imageSize: '--size' };
const DOCUMENT_FIELD_OF: Record<LayoutOption, string> = { baseGpa: 'header.protobuf_base - 0x1000', regionLen: 'header.protobuf_region_len', imageSize: 'size' };
const OPTION_OF_CODE: Partial<Record<DecodeErrorCode, LayoutOption>> = {
  'image-base-gpa': 'baseGpa',
  'image-region-len': 'regionLen',
  'image-payload-len': 'regionLen',
  'image-size': 'imageSize',
};

export async function encode(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o' },
      image: { type: 'boolean' },
      base: { type: 'string' },
      'region-len': { type: 'string' },
      size: { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new UsageError('encode takes exactly one DOC.json (- for standard input)');
  const output = values.output;
  if (output === undefined) throw new UsageError('encode needs -o OUT (a file, or - for standard output)');
  if (output === '-' && process.stdout.isTTY) throw new UsageError('-o - would write binary bytes to a terminal: redirect standard output, or give -o FILE');
  const given: ImageOptions = {};
  if (values.base !== undefined) given.baseGpa = parseGpa(values.base);
  if (values['region-len'] !== undefined) given.regionLen = parseU64Option('--region-len', values['region-len'], 'a byte count');
  if (values.size !== undefined) given.imageSize = parseU64Option('--size', values.size, 'a byte count');
  if (!values.image && Object.keys(given).length > 0) throw new UsageError('--base, --region-len and --size lay out an image: add --image');

  const doc = positionals[0]!;
  let imported: ImportedSavedState;
  try {
    imported = parseSavedStateJson(doc === '-' ? await readStdin() : await readFile(doc, 'utf8'));
  } catch (err) {
    return failed(doc, err instanceof DecodeError ? err.message : `cannot read it: ${err instanceof Error ? err.message : String(err)}`);
  }

  let bytes: Uint8Array;
  let size: number;
  let verdict: BootCheck | null = null;
  if (values.image) {
    const options: ImageOptions = { ...imported.imageDefaults, ...given };
    try {
      const head = encodeImageHead(encodeSavedState(imported.state), options);
      bytes = head.bytes;
      size = head.layout.imageSize;
      // A layout that moves protobuf_base away from the state's own header entry makes the boot panic: say so.
      verdict = bootCheck({ kind: 'vtl2-image', header: parseHeader(head.bytes), headerGpa: head.layout.baseGpa, decoded: imported.state, error: null, payloadUnreadable: false });
    } catch (err) {
      if (!(err instanceof DecodeError)) throw err;
      const option = OPTION_OF_CODE[err.code];
      return failed(doc, option ? `${err.message} (${sourceOf(option, given, imported)})` : err.message);
    }
  } else {
    bytes = encodeSavedState(imported.state);
    size = bytes.length;
  }

  try {
    await (output === '-' ? writeStdout(bytes, size) : writeFile(output, bytes, size));
  } catch (err) {
    return failed(output, `cannot write it: ${err instanceof Error ? err.message : String(err)}`);
  }
  for (const note of imported.notes) console.error(`note: ${doc}: ${note}`);
  if (verdict && verdict.outcome !== 'accepted') console.error(`note: ${output}: the next OpenHCL boot would not accept this image (${verdict.outcome}): ${verdict.reason}`);
  return 0;
}

/** Where a layout option's value came from, for an error about it. */
function sourceOf(option: LayoutOption, given: ImageOptions, imported: ImportedSavedState): string {
  if (given[option] !== undefined) return `given by ${FLAG_OF[option]}`;
  if (imported.imageDefaults) return `from the document's ${DOCUMENT_FIELD_OF[option]}; ${FLAG_OF[option]} overrides it`;
  return `the default; ${FLAG_OF[option]} sets it`;
}

function failed(name: string, message: string): number {
  console.error(`error: ${name}: ${message}`);
  return 1;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `bytes`, then zeros up to `size`: the file is extended (sparse where the file system can), not filled. */
async function writeFile(path: string, bytes: Uint8Array, size: number): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await handle.write(bytes);
    await handle.truncate(size);
  } finally {
    await handle.close();
  }
}

async function writeStdout(bytes: Uint8Array, size: number): Promise<void> {
  const write = (chunk: Uint8Array) => new Promise<void>((resolve, reject) => process.stdout.write(chunk, (err) => (err ? reject(err) : resolve())));
  await write(bytes);
  const zeros = new Uint8Array(Math.min(0x10_0000, size - bytes.length));
  for (let left = size - bytes.length; left > 0; left -= zeros.length) await write(zeros.subarray(0, Math.min(zeros.length, left)));
}
