// Every parser of untrusted input, with the inputs to throw at it and what
// must hold whatever it is given. Both runners (the bounded Vitest suite and
// `npm run fuzz`) take this table: adding a parser is adding one entry.
//
// A target's `run` calls the parser and checks its invariants. It may let a
// DecodeError through only where `mayThrow` says so; any other exception, a
// broken invariant or a case over the time limit is a failure.
import fc from 'fast-check';
import { detectKind } from '../../format/detect.ts';
import { encodeSavedState } from '../../format/encodeSavedState.ts';
import { DecodeError } from '../../format/errors.ts';
import { HEADER_SIZE, parseHeader, PERSISTED_REGION_SIZE } from '../../format/header.ts';
import { parsePastedText } from '../../format/pastedText.ts';
import { decodeSavedState } from '../../format/savedState.ts';
import { arbWirePayload } from '../../format/savedStateDifferential.ts';
import { decodeSavedStateGeneric } from '../../format/savedStateGeneric.ts';
import { decodeOutcome } from '../../format/savedStateOutcome.ts';
import { MAX_SAVED_STATE_BYTES, openDocument, type OpenOptions, type TopologyDocument } from '../../document/openDocument.ts';
import { documentToJson, toBase64, toHex } from '../../document/toJson.ts';
import { parseDocumentJson } from '../../import/documentJson.ts';
import { openDocumentJson } from '../../import/openDocumentJson.ts';
import { bytesSource, type ByteSource } from '../../io/byteSource.ts';
import { toBase64Url } from '../../share/base64url.ts';
import { deflate } from '../../share/compress.ts';
import { decodeLink, encodeLink } from '../../share/link.ts';
import { openSharedParts } from '../../share/open.ts';
import { partsOfDocument } from '../../share/parts.ts';
import { DEFAULT_VIEW } from '../../share/types.ts';
import { arbHeader, arbHugeSize, arbImageLayout, arbPayload, arbU64, layoutBytes, loadSeeds, recordingSource, type ImageLayout } from './inputs.ts';
import { applyMutations, arbMutation } from './mutations.ts';

export interface FuzzTarget<T = unknown> {
  name: string;
  /** What is fuzzed, for the report. */
  what: string;
  /** Share of the cases of the long run (`npm run fuzz`). */
  weight: number;
  /** Cases in the bounded run of the normal test command. */
  boundedRuns: number;
  /** 'decode-error': the parser may throw DecodeError (and nothing else); 'nothing': it never throws. */
  mayThrow: 'decode-error' | 'nothing';
  /** Built on first use (it may load fixtures or open documents). */
  input(): Promise<fc.Arbitrary<T>>;
  run(input: T): unknown;
}

/** A broken invariant: never a DecodeError, so a runner always counts it as a failure. */
export class InvariantViolation extends Error {
  override readonly name = 'InvariantViolation';
}

export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) throw new InvariantViolation(message);
}

function define<T>(target: FuzzTarget<T>): FuzzTarget {
  return target as unknown as FuzzTarget;
}

const U64_MAX = (1n << 64n) - 1n;

/** Checks what every opened document must satisfy, whatever the input. */
function checkDocument(doc: TopologyDocument, size: number): void {
  invariant(doc.error?.code !== 'internal', `internal error (a crash caught by openDocument): ${doc.error?.message}`);
  invariant(doc.bytesRead <= size, `read ${doc.bytesRead} bytes of a ${size}-byte input`);
  if (doc.kind === 'vtl2-image' && doc.header) {
    const budget = BigInt(HEADER_SIZE) + (doc.header.protobuf_payload_len < BigInt(size) ? doc.header.protobuf_payload_len : BigInt(size));
    invariant(BigInt(doc.bytesRead) <= budget, `read ${doc.bytesRead} bytes; the header and payload hold at most ${budget}`);
  }
  const payloadCap = doc.kind === 'vtl2-image' ? PERSISTED_REGION_SIZE : MAX_SAVED_STATE_BYTES;
  invariant(doc.payload === null || doc.payload.length <= payloadCap, `kept a payload of ${doc.payload?.length} bytes`);
  invariant(['accepted', 'first-boot', 'panic', 'unknown'].includes(doc.bootCheck.outcome), `boot outcome ${doc.bootCheck.outcome}`);
  if (doc.error) invariant(doc.error.message.length > 0 && doc.error.offset >= 0, 'an error with no message or a negative offset');
  // The export must never throw either: it is what the user saves. (Node's btoa takes ~150 ms
  // for a 2 MiB payload, so the long exports are left to the round-trip tests.)
  if ((doc.payload?.length ?? 0) <= 128 * 1024) JSON.stringify(documentToJson(doc, 'fuzz.bin'));
}

const arbOptions: fc.Arbitrary<OpenOptions> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({}) },
  { weight: 1, arbitrary: fc.constantFrom<OpenOptions>({ as: 'image' }, { as: 'saved-state' }) },
  { weight: 1, arbitrary: arbU64.map((baseGpa): OpenOptions => ({ baseGpa })) },
);

/** Exported documents of the fixtures, as JSON text: the seeds of the importer's fuzzing. */
async function exportedDocuments(): Promise<string[]> {
  const { payloads, imageHeads } = loadSeeds();
  const docs = await Promise.all([...payloads, ...imageHeads].map(async (bytes) => documentToJson(await openDocument(bytesSource(bytes)), 'seed.bin')));
  return docs.map((d) => JSON.stringify(d));
}

/** Values that break a field's type, range or meaning. */
const arbHostileJsonValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, -1, 1e300, 2 ** 53, 0.5, '', '-1', '1e400', '0x10', ' 5', '18446744073709551616', U64_MAX.toString(), '9'.repeat(30), 'vtl2-image', 'saved-state', '====', 'AA', [], {}),
  arbU64.map(String),
  fc.jsonValue({ maxDepth: 2 }),
);

const DOCUMENT_KEYS = ['file', 'kind', 'size', 'header', 'payload', 'magic_hex', 'protobuf_base', 'protobuf_region_len', 'protobuf_payload_len', 'offset', 'length', 'header_gpa', 'base64'];

/** Replaces the value of `key` wherever it occurs (top level or one object down). */
function replaceKey(text: string, key: string, value: unknown): string {
  const root = JSON.parse(text) as Record<string, unknown>;
  const visit = (o: Record<string, unknown>) => {
    if (key in o) o[key] = value;
    for (const v of Object.values(o)) if (v && typeof v === 'object' && !Array.isArray(v) && v !== o) if (key in (v as object)) (v as Record<string, unknown>)[key] = value;
  };
  visit(root);
  return JSON.stringify(root);
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

export const FUZZ_TARGETS: FuzzTarget[] = [
  define<Uint8Array>({
    name: 'header',
    what: 'parseHeader: the 32-byte persisted-state header',
    weight: 1,
    boundedRuns: 3000,
    mayThrow: 'decode-error',
    input: async () => fc.oneof(arbHeader(), fc.uint8Array({ maxLength: 40 })),
    run: (bytes) => {
      const header = parseHeader(bytes);
      const view = new DataView(bytes.buffer, bytes.byteOffset, HEADER_SIZE);
      invariant(header.protobuf_base === view.getBigUint64(8, true) && header.protobuf_payload_len === view.getBigUint64(24, true), 'a header field differs from its bytes');
      invariant(header.raw.length === HEADER_SIZE, 'raw is not 32 bytes');
    },
  }),
  define<{ head: Uint8Array; size: number }>({
    name: 'detect',
    what: 'detectKind: image or saved-state, from the first 32 bytes and the size',
    weight: 1,
    boundedRuns: 3000,
    mayThrow: 'nothing',
    input: async () => fc.record({ head: fc.oneof(arbHeader(), fc.uint8Array({ maxLength: 40 })), size: fc.oneof(arbHugeSize, fc.nat({ max: 8192 })) }),
    run: ({ head, size }) => {
      const d = detectKind(head, size);
      invariant(d.kind === 'vtl2-image' || d.kind === 'saved-state', `kind ${d.kind}`);
      invariant(d.reason.length > 0, 'no reason');
    },
  }),
  define<{ bytes: Uint8Array; fileOffset: number }>({
    name: 'payload',
    what: 'decodeSavedState: the protobuf SavedState payload (mesh_protobuf rules)',
    weight: 4,
    boundedRuns: 6000,
    mayThrow: 'decode-error',
    input: async () => fc.record({ bytes: arbPayload(), fileOffset: fc.oneof(fc.constant(0), fc.constant(4096), fc.nat({ max: 2 ** 32 })) }),
    run: ({ bytes, fileOffset }) => {
      let decoded;
      try {
        decoded = decodeSavedState(bytes, fileOffset);
      } catch (err) {
        if (err instanceof DecodeError) {
          invariant(err.offset >= fileOffset && err.offset <= fileOffset + bytes.length, `error offset ${err.offset} outside the payload at ${fileOffset}+${bytes.length}`);
        }
        throw err;
      }
      for (const f of decoded.unknownFields) invariant(f.offset >= fileOffset && f.offset + f.bytes.length <= fileOffset + bytes.length, `unknown field at ${f.offset} outside the payload`);
      // Whatever decoded re-encodes to bytes that decode to the same value (u64 exact, u32/u16 narrowed once).
      const again = decodeSavedState(encodeSavedState(decoded.value)).value;
      invariant(JSON.stringify(again, bigintReplacer) === JSON.stringify(decoded.value, bigintReplacer), 'decode(encode(decoded)) differs from decoded');
    },
  }),
  define<{ bytes: Uint8Array; options: OpenOptions }>({
    name: 'openDocument',
    what: 'openDocument over bytes in memory: images (hostile headers, damaged payloads, cut short) and raw payloads',
    weight: 4,
    boundedRuns: 6000,
    mayThrow: 'nothing',
    input: async () =>
      fc.record({
        bytes: fc.oneof({ weight: 3, arbitrary: arbImageLayout().map(layoutBytes) }, { weight: 2, arbitrary: arbPayload() }, { weight: 1, arbitrary: fc.uint8Array({ maxLength: 600 }) }),
        options: arbOptions,
      }),
    run: async ({ bytes, options }) => checkDocument(await openDocument(bytesSource(bytes), options), bytes.length),
  }),
  define<{ layout: ImageLayout; size: number; options: OpenOptions }>({
    name: 'openDocument-huge',
    what: 'openDocument over a source claiming up to 2^53-1 bytes: what it reads is recorded and bounded by the header and the size',
    weight: 3,
    boundedRuns: 4000,
    mayThrow: 'nothing',
    input: async () =>
      fc.record({
        layout: arbImageLayout(),
        size: arbHugeSize,
        options: fc.oneof({ weight: 8, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: fc.constant<OpenOptions>({ as: 'image' }) }, { weight: 1, arbitrary: arbU64.map((baseGpa): OpenOptions => ({ baseGpa })) }),
      }),
    run: async ({ layout, size, options }) => {
      const source = recordingSource(size, layout, MAX_SAVED_STATE_BYTES);
      const doc = await openDocument(source, options);
      checkDocument(doc, size);
      const read = source.reads.reduce((n, r) => n + r.length, 0);
      for (const r of source.reads) invariant(r.offset >= 0 && r.offset + r.length <= size, `read ${r.length} bytes at ${r.offset} of a ${size}-byte source`);
      invariant(read === doc.bytesRead, `the source served ${read} bytes, the document says ${doc.bytesRead}`);
      if (doc.kind === 'saved-state') invariant(size <= MAX_SAVED_STATE_BYTES || read <= HEADER_SIZE, `read ${read} bytes of a ${size}-byte saved state`);
    },
  }),
  define<string>({
    name: 'pastedText',
    what: 'parsePastedText: hex, xxd, hexdump -C and base64 text',
    weight: 2,
    boundedRuns: 4000,
    mayThrow: 'decode-error',
    input: async () => {
      const { payloads } = loadSeeds();
      const texts = payloads.flatMap((p) => [toHex(p), toBase64(p), spacedHex(p), xxd(p)]);
      return fc.oneof(
        { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...texts), fc.array(arbMutation, { minLength: 1, maxLength: 4 })).map(([t, edits]) => fromUtf8.decode(applyMutations(utf8.encode(t), edits))) },
        { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
        { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEFxX:,| \n\t=+/-_|.'), maxLength: 300 }) },
        { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 100 }) },
      );
    },
    run: (text) => {
      try {
        const { bytes } = parsePastedText(text);
        // No paste yields more bytes than its characters can spell (two hex digits or 4/3 base64 characters per byte).
        invariant(bytes.length <= text.length, `${bytes.length} bytes from ${text.length} characters`);
      } catch (err) {
        if (err instanceof DecodeError) invariant(err.offset >= 0 && err.offset <= text.length, `error offset ${err.offset} outside the ${text.length}-character paste`);
        throw err;
      }
    },
  }),
  define<string>({
    name: 'shareLink',
    what: 'decodeLink + openSharedParts: a share link fragment (base64url, raw DEFLATE, envelope) re-opened',
    weight: 2,
    boundedRuns: 2000,
    mayThrow: 'decode-error',
    input: async () => {
      const { payloads, imageHeads } = loadSeeds();
      const links = await Promise.all(
        [...payloads, ...imageHeads].map(async (bytes) => {
          const doc = await openDocument(bytesSource(bytes));
          try {
            return encodeLink(partsOfDocument(doc, 'seed.bin'), DEFAULT_VIEW);
          } catch {
            return null; // not shareable (nothing read whole): no seed
          }
        }),
      );
      const seeds = links.filter((l): l is string => l !== null);
      const base64url = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), maxLength: 300 });
      return fc.oneof(
        { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...seeds), fc.array(arbMutation, { minLength: 1, maxLength: 3 })).map(([t, edits]) => fromUtf8.decode(applyMutations(utf8.encode(t), edits))) },
        { weight: 2, arbitrary: fc.tuple(fc.constantFrom('v1.', '#v1.', 'v2.', 'v01.', ''), base64url).map(([p, t]) => p + t) },
        { weight: 2, arbitrary: fc.tuple(arbPayload(), fc.constantFrom('v1.', '#v1.')).map(([bytes, p]) => p + toBase64Url(deflate(bytes))) },
        { weight: 1, arbitrary: fc.constantFrom(...seeds) },
        { weight: 1, arbitrary: fc.string({ maxLength: 100 }) },
      );
    },
    run: async (fragment) => {
      const { parts } = decodeLink(fragment);
      const doc = await openSharedParts(parts);
      checkDocument(doc, parts.size);
      const carried = (parts.header?.length ?? 0) + parts.payload.length;
      invariant(doc.bytesRead <= carried, `read ${doc.bytesRead} bytes; the link carries ${carried}`);
    },
  }),
  define<string>({
    name: 'documentJson',
    what: 'parseDocumentJson + openDocumentJson: an exported JSON document re-opened',
    weight: 2,
    boundedRuns: 2000,
    mayThrow: 'decode-error',
    input: async () => {
      const seeds = await exportedDocuments();
      return fc.oneof(
        { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...seeds), fc.constantFrom(...DOCUMENT_KEYS), arbHostileJsonValue).map(([t, key, value]) => replaceKey(t, key, value)) },
        { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...seeds), fc.array(arbMutation, { minLength: 1, maxLength: 3 })).map(([t, edits]) => fromUtf8.decode(applyMutations(utf8.encode(t), edits))) },
        { weight: 1, arbitrary: fc.constantFrom(...seeds) },
        { weight: 1, arbitrary: fc.string({ maxLength: 100 }) },
      );
    },
    run: async (text) => {
      let ok = true;
      try {
        const imported = parseDocumentJson(text);
        let served = 0;
        const source: ByteSource = { size: imported.source.size, read: async (offset, length) => {
          const bytes = await imported.source.read(offset, length);
          served += bytes.length;
          return bytes;
        } };
        const doc = await openDocument(source, imported.options);
        checkDocument(doc, imported.source.size);
        // Only bytes the JSON carries are ever served: fewer than its characters, whatever `size` it claims.
        invariant(served <= text.length, `served ${served} bytes out of a ${text.length}-character JSON document`);
      } catch (err) {
        if (!(err instanceof DecodeError)) throw err;
        ok = false;
      }
      // The app's entry point never throws, whatever parseDocumentJson made of the text.
      const { doc } = await openDocumentJson(text);
      invariant(ok || doc.error !== null, 'parseDocumentJson failed but openDocumentJson reports no error');
      invariant(doc.error?.code !== 'internal', `internal error: ${doc.error?.message}`);
    },
  }),
  define<{ bytes: Uint8Array; fileOffset: number }>({
    name: 'payload-differential',
    what: 'decodeSavedState (generated from proto/) against decodeSavedStateGeneric (the reference): the same value, unknown fields and omitted count, or the same error',
    weight: 3,
    boundedRuns: 3000,
    mayThrow: 'nothing',
    input: async () => fc.record({ bytes: fc.oneof(arbPayload(), arbWirePayload()), fileOffset: fc.oneof(fc.constant(0), fc.constant(4096), fc.nat({ max: 2 ** 32 })) }),
    run: ({ bytes, fileOffset }) => {
      const generated = decodeOutcome(decodeSavedState, bytes, fileOffset);
      const generic = decodeOutcome(decodeSavedStateGeneric, bytes, fileOffset);
      invariant(generated === generic, `the decoders differ\ngenerated: ${generated.slice(0, 400)}\ngeneric:   ${generic.slice(0, 400)}`);
    },
  }),
];

function bigintReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? `${value}n` : value;
}

function spacedHex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** An `xxd`-style dump (offsets, 16 bytes a line in 2-byte groups, no ASCII column). */
function xxd(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let at = 0; at < bytes.length; at += 16) {
    const hex = toHex(bytes.subarray(at, at + 16)).replace(/(....)/g, '$1 ').trim();
    lines.push(`${at.toString(16).padStart(8, '0')}: ${hex}`);
  }
  return lines.join('\n');
}
