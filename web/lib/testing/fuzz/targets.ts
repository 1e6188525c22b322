// Every parser of untrusted input, with the inputs to throw at it and what
// must hold whatever it is given. Both runners (the bounded Vitest suite and
// `npm run fuzz`) take this table: adding a parser is adding one entry.
//
// A target's `run` calls the parser and checks its invariants. It may let a
// DecodeError through only where `mayThrow` says so; any other exception, a
// broken invariant or a case over the time limit is a failure.
import fc from 'fast-check';
import { compareTopologies } from '../../analysis/compare/index.ts';
import { savedStateFromDeviceTree } from '../../analysis/savedStateFromDeviceTree.ts';
import { documentToJson, withBigintsAsStrings } from '../../export/documentJson.ts';
import { entropyNodes, redactDeviceTreeEntropy } from '../../format/deviceTreeEntropy.ts';
import { encodeImageHead } from '../../format/encodeImage.ts';
import { encodeSavedState } from '../../format/encodeSavedState.ts';
import { DecodeError } from '../../format/errors.ts';
import { readFdt, type Fdt, type FdtNode } from '../../format/fdt.ts';
import { HEADER_SIZE, parseHeader, PERSISTED_REGION_SIZE } from '../../format/header.ts';
import { DtSemanticsError, parseOpenhclDeviceTree } from '../../format/openhclDeviceTree.ts';
import { deviceTreeToUpstreamJson } from '../../format/openhclDeviceTreeJson.ts';
import { decodeSavedState } from '../../format/savedState.ts';
import { detectKind } from '../../import/detect.ts';
import { importDocumentJson } from '../../import/documentJson.ts';
import { openInput, type Opened } from '../../import/index.ts';
import type { OpenOptions } from '../../import/options.ts';
import { parsePastedText } from '../../import/pastedText.ts';
import { opensAsJson } from '../../import/detect.ts';
import { MAX_DEVICE_TREE_BYTES, MAX_SAVED_STATE_BYTES, headLength } from '../../import/readPlan.ts';
import { parseSavedStateJson } from '../../import/savedStateJson.ts';
import { toBase64, toBase64Url, toHex } from '../../io/base64.ts';
import { arbWirePayload } from '../savedStateDifferential.ts';
import { decodeSavedStateGeneric } from '../savedStateGeneric.ts';
import { decodeOutcome } from '../savedStateOutcome.ts';
import { bytesSource, type ByteSource } from '../../io/byteSource.ts';
import { partsSource, piecesOf, type InputParts } from '../../io/inputParts.ts';
import type { TopologyDocument } from '../../model/topology.ts';
import { DEFAULT_VIEW } from '../../model/view.ts';
import { deflate } from '../../share/compress.ts';
import { writeEnvelope } from '../../share/envelope.ts';
import { decodeLink, encodeLink } from '../../share/link.ts';
import { partsOfDocument } from '../../share/parts.ts';
import type { SharedParts } from '../../share/types.ts';
import { openDoc } from '../openDoc.ts';
import { arbDeviceTree } from './deviceTreeInputs.ts';
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
/** What every opening must satisfy: a document that passes checkDocument, or a typed error. */
/** Opens a link's parts, checking that every read lies inside one piece the link carries. */
async function openCovered(parts: SharedParts): Promise<TopologyDocument | null> {
  const pieces = piecesOf(parts.input);
  const inner = partsSource(parts.input);
  const reads: { offset: number; length: number }[] = [];
  const source: ByteSource = { size: inner.size, read: (offset, length) => (reads.push({ offset, length }), inner.read(offset, length)) };
  const doc = checkOpened(await openInput(source, { name: parts.name, options: parts.options }), parts.input.size);
  for (const r of reads) {
    invariant(r.length === 0 || pieces.some((p) => r.offset >= p.at && r.offset + r.length <= p.at + p.bytes.length), `read ${r.length} bytes at ${r.offset}, which the link does not carry`);
  }
  return doc;
}

/** Two hostile documents compare without a crash, into disjoint sorted pieces (compare(A, A) is the same: a property test). */
function checkComparison(a: TopologyDocument, b: TopologyDocument): void {
  const c = compareTopologies(a, b);
  for (const list of [c.memory, c.mmio]) {
    list.forEach((p, i) => {
      invariant(p.start < p.end, `empty piece ${p.start}..${p.end}`);
      invariant(i === 0 || list[i - 1]!.end <= p.start, `pieces overlap or are out of order at ${p.start}`);
    });
  }
}

/** How a JSON text may open (RFC 8259): a byte-order mark, white space, `{`, white space, then `"` or `}` (or the head's end), and no raw control character. */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const JSON_TEXT_HEAD = /^(\xef\xbb\xbf)?[ \t\r\n]*\{[ \t\r\n]*(["}][^\x00-\x08\x0b\x0c\x0e-\x1f]*)?$/;
const latin1 = new TextDecoder('latin1');

function checkOpened(opened: Opened, size: number): TopologyDocument | null {
  if (!opened.ok) {
    invariant(opened.error.code !== 'internal', `internal error (a crash caught by openInput): ${opened.error.message}`);
    return null;
  }
  checkDocument(opened.doc, size);
  return opened.doc;
}

function checkDocument(doc: TopologyDocument, size: number): void {
  invariant(doc.error?.code !== 'internal', `internal error (a crash caught by openInput): ${doc.error?.message}`);
  invariant(doc.source.bytesRead <= size, `read ${doc.source.bytesRead} bytes of a ${size}-byte input`);
  const { format } = doc;
  if (format.kind === 'vtl2-image' && format.header) {
    const budget = BigInt(HEADER_SIZE) + (format.header.protobuf_payload_len < BigInt(size) ? format.header.protobuf_payload_len : BigInt(size));
    invariant(BigInt(doc.source.bytesRead) <= budget, `read ${doc.source.bytesRead} bytes; the header and payload hold at most ${budget}`);
  }
  const kept = format.kind === 'device-tree' ? format.redacted : format.payload;
  const cap = { 'vtl2-image': PERSISTED_REGION_SIZE, 'saved-state': MAX_SAVED_STATE_BYTES, 'device-tree': MAX_DEVICE_TREE_BYTES }[format.kind];
  invariant(kept === null || kept.length <= cap, `kept ${kept?.length} bytes of the input`);
  invariant(['accepted', 'first-boot', 'panic', 'unknown'].includes(doc.bootCheck.outcome), `boot outcome ${doc.bootCheck.outcome}`);
  if (doc.error) invariant(doc.error.message.length > 0 && doc.error.offset >= 0, 'an error with no message or a negative offset');
  // The export must never throw either: it is what the user saves. (Node's btoa takes ~150 ms
  // for a 2 MiB payload, so the long exports are left to the round-trip tests.)
  if ((kept?.length ?? 0) <= 128 * 1024) JSON.stringify(documentToJson(doc, 'fuzz.bin'));
}

const arbOptions: fc.Arbitrary<OpenOptions> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({}) },
  { weight: 1, arbitrary: fc.constantFrom<OpenOptions>({ as: 'image' }, { as: 'saved-state' }) },
  { weight: 1, arbitrary: arbU64.map((baseGpa): OpenOptions => ({ baseGpa })) },
);

/** Exported documents of the fixtures, as JSON text: the seeds of the importer's fuzzing. */
async function exportedDocuments(): Promise<string[]> {
  const { payloads, imageHeads } = loadSeeds();
  const docs = await Promise.all([...payloads, ...imageHeads].map(async (bytes) => documentToJson(await openDoc(bytesSource(bytes)), 'seed.bin')));
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
    name: 'openInput',
    what: 'openInput over bytes in memory: images (hostile headers, damaged payloads, cut short), raw payloads, and the same as pasted text',
    weight: 4,
    boundedRuns: 6000,
    mayThrow: 'nothing',
    input: async () =>
      fc.record({
        bytes: fc.oneof({ weight: 3, arbitrary: arbImageLayout().map(layoutBytes) }, { weight: 2, arbitrary: arbPayload() }, { weight: 1, arbitrary: fc.uint8Array({ maxLength: 600 }) }),
        options: arbOptions,
      }),
    run: async ({ bytes, options }) => {
      const direct = await openInput(bytesSource(bytes), { name: 'fuzz.bin', options });
      checkOpened(direct, bytes.length);
      // The same bytes pasted as hex or base64 open to the same document, through the text importer.
      if (bytes.length > 0 && bytes.length <= 4096) {
        // Base64 that reads as hex (hex digits, after a `0x` or `0X` perhaps) is hex, as the paste
        // format says: then paste spaced hex.
        const base64 = toBase64(bytes);
        const text = utf8.encode(bytes.length % 2 === 0 ? toHex(bytes) : /^(0[xX])?[0-9a-fA-F]*$/.test(base64) ? spacedHex(bytes) : base64);
        const pasted = await openInput(bytesSource(text), { name: 'fuzz.bin', options, pasted: true });
        invariant(pasted.ok === direct.ok, `pasted: ${pasted.ok ? 'opened' : pasted.error.message}; direct: ${direct.ok ? 'opened' : direct.error.message}`);
        if (pasted.ok && direct.ok) invariant(JSON.stringify(documentToJson(pasted.doc, 'x')) === JSON.stringify(documentToJson(direct.doc, 'x')), 'pasted text opened to another document than its bytes');
      }
    },
  }),
  define<{ layout: ImageLayout; size: number; options: OpenOptions }>({
    name: 'openInput-huge',
    what: 'openInput over a source claiming up to 2^53-1 bytes: what it reads is recorded and bounded by the header and the size',
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
      const opened = await openInput(source, { name: 'fuzz.bin', options });
      const read = source.reads.reduce((n, r) => n + r.length, 0);
      // Only a JSON document is read past a saved state's cap (a brace then zeros was read whole, 64 MiB, to fail at its second byte).
      const head = await recordingSource(size, layout, HEADER_SIZE).read(0, headLength(size));
      invariant(read <= MAX_SAVED_STATE_BYTES || (options.as === undefined && JSON_TEXT_HEAD.test(latin1.decode(head))), `read ${read} bytes of an input whose head is no JSON text`);
      const doc = checkOpened(opened, size);
      if (!doc) return;
      for (const r of source.reads) invariant(r.offset >= 0 && r.offset + r.length <= size, `read ${r.length} bytes at ${r.offset} of a ${size}-byte source`);
      invariant(read === doc.source.bytesRead, `the source served ${read} bytes, the document says ${doc.source.bytesRead}`);
      if (doc.format.kind === 'saved-state') invariant(size <= MAX_SAVED_STATE_BYTES || read <= HEADER_SIZE, `read ${read} bytes of a ${size}-byte saved state`);
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
    what: 'decodeLink + openInput (+ compareTopologies): a share link fragment (base64url, raw DEFLATE, envelope) re-opened, both inputs of a comparison link; every read lies in the bytes the link carries',
    weight: 3,
    boundedRuns: 3000,
    mayThrow: 'decode-error',
    input: async () => {
      const { payloads, imageHeads } = loadSeeds();
      const links = await Promise.all(
        [...payloads, ...imageHeads].map(async (bytes) => {
          const doc = await openDoc(bytesSource(bytes));
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
        // Well-formed envelopes around hostile parts: what byte mutations of compressed text almost never reach.
        { weight: 4, arbitrary: arbHostileParts().map(([input, options]) => `v1.${toBase64Url(deflate(writeEnvelope({ name: 'fuzz.bin', input, options }, DEFAULT_VIEW)))}`) },
        // A comparison's link: B's parts as hostile as A's, nested in A's envelope.
        {
          weight: 2,
          // Either side may claim to be view-only (a fingerprint), with bytes or without.
          arbitrary: fc.tuple(arbHostileParts(), arbHostileParts(), fc.boolean(), fc.boolean()).map(([[a, oa], [b, ob], aNamed, bNamed]) => {
            const named = { fingerprint: '00112233445566778899aabbccddeeff' };
            const envelope = writeEnvelope({ name: 'a.bin', input: a, options: oa }, DEFAULT_VIEW, aNamed ? named : null, { parts: { name: 'b.bin', input: b, options: ob }, viewOnly: bNamed ? named : null });
            return `v1.${toBase64Url(deflate(envelope))}`;
          }),
        },
        { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...seeds), fc.array(arbMutation, { minLength: 1, maxLength: 3 })).map(([t, edits]) => fromUtf8.decode(applyMutations(utf8.encode(t), edits))) },
        { weight: 2, arbitrary: fc.tuple(fc.constantFrom('v1.', '#v1.', 'v2.', 'v01.', ''), base64url).map(([p, t]) => p + t) },
        { weight: 2, arbitrary: fc.tuple(arbPayload(), fc.constantFrom('v1.', '#v1.')).map(([bytes, p]) => p + toBase64Url(deflate(bytes))) },
        { weight: 1, arbitrary: fc.constantFrom(...seeds) },
        { weight: 1, arbitrary: fc.string({ maxLength: 100 }) },
      );
    },
    run: async (fragment) => {
      const { parts, compareWith, viewOnly } = decodeLink(fragment);
      // A view-only link carries no bytes: the app opens nothing from it (it waits for the file it names).
      if (viewOnly) return;
      const a = await openCovered(parts);
      if (!compareWith) return;
      const b = await openCovered(compareWith);
      if (a && b) checkComparison(a, b);
    },
  }),
  define<string>({
    name: 'documentJson',
    what: 'importDocumentJson + openInput: an exported JSON document re-opened',
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
        const imported = importDocumentJson(text);
        let served = 0;
        const source: ByteSource = { size: imported.source.size, read: async (offset, length) => {
          const bytes = await imported.source.read(offset, length);
          served += bytes.length;
          return bytes;
        } };
        checkOpened(await openInput(source, { name: imported.file, options: imported.options }), imported.source.size);
        // Only bytes the JSON carries are ever served: fewer than its characters, whatever `size` it claims.
        invariant(served <= text.length, `served ${served} bytes out of a ${text.length}-character JSON document`);
      } catch (err) {
        if (!(err instanceof DecodeError)) throw err;
        ok = false;
      }
      // The app's entry point never throws, whatever the importer made of the text.
      const opened = await openInput(bytesSource(utf8.encode(text)), { name: 'document.json' });
      checkOpened(opened, Number.MAX_SAFE_INTEGER);
      invariant(ok || !opened.ok || opened.doc.error !== null || !opensAsJson(utf8.encode(text).subarray(0, HEADER_SIZE)), 'importDocumentJson failed but openInput reports no error');
    },
  }),
  define<string>({
    name: 'savedStateJson',
    what: 'parseSavedStateJson + the writers (cli encode): a document or decoded object written back',
    weight: 1,
    boundedRuns: 1000,
    mayThrow: 'decode-error',
    input: async () => {
      const documents = await exportedDocuments();
      const bare = documents.map((t) => JSON.parse(t) as { decoded: unknown }).filter((d) => d.decoded !== null).map((d) => JSON.stringify(d.decoded));
      const seeds = [...documents, ...bare];
      return fc.oneof(
        { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...seeds), fc.nat(), fc.oneof(arbHostileJsonValue, arbWidthEdge)).map(([t, at, value]) => replaceAnyValue(t, at, value)) },
        { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...seeds), fc.array(arbMutation, { minLength: 1, maxLength: 3 })).map(([t, edits]) => fromUtf8.decode(applyMutations(utf8.encode(t), edits))) },
        { weight: 1, arbitrary: fc.constantFrom(...seeds) },
        { weight: 1, arbitrary: fc.string({ maxLength: 100 }) },
      );
    },
    run: (text) => {
      const { state, imageDefaults } = parseSavedStateJson(text);
      // What is written decodes to what was read: no value is narrowed or dropped on the way.
      const payload = encodeSavedState(state);
      const again = decodeSavedState(payload).value;
      invariant(JSON.stringify(again, bigintReplacer) === JSON.stringify(state, bigintReplacer), 'the written payload decodes to another state');
      const { layout, bytes } = encodeImageHead(payload, imageDefaults ?? {});
      const header = parseHeader(bytes);
      invariant(header.magicKind === 'valid' && header.protobuf_base === layout.protobufBase && header.protobuf_payload_len === BigInt(payload.length), 'the written header does not say where the payload is');
    },
  }),
  define<Uint8Array>({
    name: 'fdt',
    what: 'readFdt: a flattened device tree (header, /memreserve/, structure and strings blocks)',
    weight: 2,
    boundedRuns: 2000,
    mayThrow: 'decode-error',
    input: async () => arbDeviceTree(),
    run: (bytes) => {
      let fdt: Fdt;
      try {
        fdt = readFdt(bytes);
      } catch (err) {
        if (err instanceof DecodeError) invariant(err.offset >= 0 && err.offset <= bytes.length && err.code.startsWith('fdt-'), `error ${err.code} at ${err.offset} of a ${bytes.length}-byte input`);
        throw err;
      }
      checkFdt(fdt, bytes);
    },
  }),
  define<Uint8Array>({
    name: 'openhclDeviceTree',
    what: "parseOpenhclDeviceTree + its JSON, implied SavedState and entropy redaction: upstream bootloader_fdt_parser's rules",
    weight: 2,
    boundedRuns: 2000,
    mayThrow: 'decode-error',
    input: async () => arbDeviceTree(),
    run: (bytes) => {
      const fdt = readFdt(bytes);
      const outcome = deviceTreeOutcome(fdt, bytes);
      // Nothing of the seed reaches the output: zeroing it changes nothing the library says.
      const redacted = redactDeviceTreeEntropy(bytes);
      invariant(redacted.length === bytes.length, 'redaction changed the length');
      const again = readFdt(redacted);
      for (const node of entropyNodes(again.root)) {
        invariant(node.properties.every((p) => p.value.every((b) => b === 0)), `${node.path} keeps non-zero bytes after redaction`);
      }
      invariant(redacted.subarray(fdt.header.totalsize).every((b) => b === 0), 'bytes past totalsize survive redaction');
      invariant(deviceTreeOutcome(again, redacted) === outcome, 'the output depends on the entropy bytes');
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

/** Values on the edges of u16, u32 and u64, as numbers and as strings, and enum forms. */
const arbWidthEdge: fc.Arbitrary<unknown> = fc.constantFrom(0xffff, 0x1_0000, 0xffff_ffff, 2 ** 32, '0xffffffffffffffff', '0x1_0000_0000_0000_0000', '0x', { value: 0x1_0000 }, { value: 1, name: 'VTL0' }, { value: 99, name: 'X' });

/** Replaces the `at`-th value (counting every object member and array element, depth first) with `value`. */
function replaceAnyValue(text: string, at: number, value: unknown): string {
  const root = JSON.parse(text) as unknown;
  const slots: [Record<string, unknown> | unknown[], string | number][] = [];
  const visit = (v: unknown) => {
    if (Array.isArray(v)) {
      v.forEach((e, i) => {
        slots.push([v, i]);
        visit(e);
      });
    } else if (v && typeof v === 'object') {
      for (const [k, e] of Object.entries(v)) {
        slots.push([v as Record<string, unknown>, k]);
        visit(e);
      }
    }
  };
  visit(root);
  if (slots.length === 0) return JSON.stringify(value);
  const [parent, key] = slots[at % slots.length]!;
  (parent as Record<string | number, unknown>)[key] = value;
  return JSON.stringify(root);
}

/** What must hold of any tree readFdt returns: every offset inside its block, every value a view of the input. */
function checkFdt(fdt: Fdt, bytes: Uint8Array): void {
  const { header, blocks } = fdt;
  invariant(header.totalsize <= bytes.length, `totalsize ${header.totalsize} past the ${bytes.length}-byte input`);
  for (const [name, b] of Object.entries(blocks)) invariant(b.offset >= 40 && b.offset + b.length <= header.totalsize, `${name} block [${b.offset}, +${b.length}) outside totalsize ${header.totalsize}`);
  for (const r of fdt.reservations) invariant(r.offset >= blocks.memReserve.offset && r.offset + 16 <= blocks.memReserve.offset + blocks.memReserve.length, `reservation at ${r.offset} outside its block`);
  const structEnd = blocks.structure.offset + blocks.structure.length;
  let nodes = 0;
  const stack: FdtNode[] = [fdt.root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    nodes++;
    invariant(n.offset >= blocks.structure.offset && n.offset < n.end && n.end <= structEnd, `${n.path} at [${n.offset}, ${n.end}) outside the structure block`);
    for (const p of n.properties) {
      invariant(p.value.buffer === bytes.buffer && p.value.byteOffset === bytes.byteOffset + p.valueOffset, `${n.path} ${p.name}: the value is not a view of the input`);
      invariant(p.offset > n.offset && p.valueOffset + p.value.length <= n.end, `${n.path} ${p.name} outside its node`);
      invariant((p.name === null) !== (p.nameProblem === null), `${n.path}: a name and a problem, or neither`);
    }
    for (const c of n.children) invariant(c.offset > n.offset && c.end < n.end, `${c.path} outside ${n.path}`);
    for (const c of n.children) stack.push(c);
  }
  // No tree holds more nodes than 8-byte BEGIN_NODE+END_NODE pairs fit in its block.
  invariant(nodes * 8 <= blocks.structure.length, `${nodes} nodes in a ${blocks.structure.length}-byte structure block`);
}

/** The parse of a readable tree, as the text of everything the library reports (or of its refusal). */
function deviceTreeOutcome(fdt: Fdt, bytes: Uint8Array): string {
  try {
    const dt = parseOpenhclDeviceTree(fdt);
    for (let i = 1; i < dt.partition_memory_map.length; i++) invariant(dt.partition_memory_map[i - 1]!.range.start <= dt.partition_memory_map[i]!.range.start, 'the map is not sorted by start');
    const state = savedStateFromDeviceTree(dt);
    invariant(state.partition_memory.length + state.partition_mmio.length === dt.partition_memory_map.length, 'the implied SavedState lost entries');
    invariant((dt.entropy === null) === (entropyNodes(fdt.root).length === 0), 'the entropy seed is reported where there is no entropy node, or missed where there is');
    for (const u of dt.unknown) invariant(u.offset >= 0 && u.offset + u.size <= bytes.length, `unknown ${u.path} outside the input`);
    return JSON.stringify([deviceTreeToUpstreamJson(dt), withBigintsAsStrings(dt), withBigintsAsStrings(state)]);
  } catch (err) {
    if (!(err instanceof DtSemanticsError)) throw err;
    invariant(err.offset >= fdt.header.off_dt_struct && err.offset < bytes.length && err.path.startsWith('/'), `error at ${err.offset} (${err.path}) outside the structure block`);
    return `error ${JSON.stringify([err.path, err.property, err.offset, err.expected, err.message])}`;
  }
}

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

/**
 * Parts a hostile link may carry: headers of every kind (valid, damaged, zero,
 * legacy), payloads anywhere (overlapping the header, past the size, at 0),
 * sizes that do or do not match, forced kinds.
 */
function arbHostileParts(): fc.Arbitrary<[InputParts, OpenOptions]> {
  const { payloads } = loadSeeds();
  const header = fc.oneof(arbHeader(), fc.uint8Array({ maxLength: 40 }), fc.constant(new Uint8Array(0)));
  const payload = fc.oneof(fc.constantFrom(...payloads), fc.uint8Array({ maxLength: 64 }), fc.constant(new Uint8Array(0)));
  const offset = fc.oneof(fc.constantFrom(0, 4, 16, 31, 32, 4096), fc.nat({ max: 8192 }));
  const size = fc.oneof(fc.nat({ max: 10_000 }), fc.constantFrom(0, 32, 4096, 4540, 0x20_0000), arbHugeSize);
  const options = fc.oneof({ weight: 4, arbitrary: fc.constant<OpenOptions>({}) }, { weight: 1, arbitrary: fc.constantFrom<OpenOptions>({ as: 'image' }, { as: 'saved-state' }) }, { weight: 1, arbitrary: arbU64.map((baseGpa): OpenOptions => ({ baseGpa })) });
  return fc.tuple(fc.record({ header, payloadOffset: offset, payload, size, fit: fc.boolean() }), options).map(([p, o]) => {
    // Half the time the size fits the pieces exactly, as an honest link's does.
    const size = p.fit ? Math.max(p.header.length, p.payloadOffset + p.payload.length) : p.size;
    return [{ header: p.header, payloadOffset: p.payloadOffset, payload: p.payload, size }, o];
  });
}
