// Importer of a JSON document as exported (`cli decode`, the app's JSON
// download): the header fields and the exact payload bytes (base64) it
// carries are laid back where they were, and the same importers run on them,
// so the re-opened document equals the original. The text is hostile like any
// input: every field is checked and named in a DecodeError 'json-format', and
// only the bytes the JSON itself carries can ever be read (the parts refuse
// any other read; nothing is allocated for a `size` it claims).
import { HEADER_SIZE, parseHeader } from '../format/header.ts';
import { derivedHeaderGpa } from '../format/payloadLocation.ts';
import { fromBase64 } from '../io/base64.ts';
import type { ByteSource } from '../io/byteSource.ts';
import { partsSource, type InputParts } from '../io/inputParts.ts';
import type { InputKind } from '../model/topology.ts';
import { isObject, jsonFail as fail, parseJson, safeIntegerValue, u64Value, type Json } from './json.ts';
import { short } from '../model/text.ts';
import type { OpenOptions } from './options.ts';
import { optionsToKeepKind } from './readPlan.ts';

export interface ImportedDocument {
  /** The `file` the document names. */
  file: string;
  kind: InputKind;
  /** The original input's carried bytes: its size, with the header and payload where they were. */
  parts: InputParts;
  /** The same, as a source that refuses any read of bytes the document does not carry. */
  source: ByteSource;
  /** What makes opening the parts give the document's kind again. */
  options: OpenOptions;
}

function objectAt(parent: Json, key: string, path: string): Json | null {
  const v = parent[key];
  if (v === null) return null;
  if (!isObject(v)) fail(path, 'an object or null', `got ${short(v)}`);
  return v as Json;
}

function base64Bytes(text: string, path: string): Uint8Array {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) fail(path, 'standard base64 (A-Z a-z 0-9 + /, padded)');
  return fromBase64(text);
}

/** Parses and checks the JSON text; throws only DecodeError. */
export function importDocumentJson(text: string): ImportedDocument {
  const root = parseJson(text);
  if (!isObject(root)) return fail('the document', 'a JSON object', `got ${short(root)}`);
  const file = typeof root.file === 'string' ? root.file : 'document.json';
  const kind = root.kind;
  if (kind !== 'vtl2-image' && kind !== 'saved-state' && kind !== 'device-tree') return fail('kind', '"vtl2-image", "saved-state" or "device-tree"', `got ${short(kind)}`);
  const size = safeIntegerValue(root.size, 'size');
  const payloadJson = objectAt(root, 'payload', 'payload');
  let payload: Uint8Array | null = null;
  if (payloadJson && payloadJson.base64 !== null) {
    if (typeof payloadJson.base64 !== 'string') fail('payload.base64', 'a base64 string or null', `got ${short(payloadJson.base64)}`);
    payload = base64Bytes(payloadJson.base64 as string, 'payload.base64');
    if (BigInt(payload.length) !== u64Value(payloadJson.length, 'payload.length')) fail('payload.length', `the length of payload.base64 (${payload.length} bytes)`);
  }

  // A saved state is its payload; a device tree travels whole (its entropy seed zeroed).
  if (kind === 'saved-state' || kind === 'device-tree') {
    if (!payload) return fail('payload.base64', 'the payload bytes (this document was exported without them, so it cannot be re-opened)');
    if (size !== payload.length) fail('size', `the payload's length ${payload.length} for a ${kind} document`, `got ${size}`);
    return imported(file, kind, { header: new Uint8Array(0), payloadOffset: 0, payload, size }, {});
  }

  const headerJson = objectAt(root, 'header', 'header');
  if (!headerJson) return fail('header', 'the image header (this image was too short to hold one, so it cannot be re-opened)');
  const magicHex = headerJson.magic_hex;
  if (typeof magicHex !== 'string' || !/^0x[0-9a-fA-F]{16}$/.test(magicHex)) fail('header.magic_hex', 'a 0x-prefixed 16-digit hex u64', `got ${short(magicHex)}`);
  const header = new Uint8Array(HEADER_SIZE);
  const view = new DataView(header.buffer);
  view.setBigUint64(0, BigInt(magicHex as string), true);
  const base = u64Value(headerJson.protobuf_base, 'header.protobuf_base');
  view.setBigUint64(8, base, true);
  view.setBigUint64(16, u64Value(headerJson.protobuf_region_len, 'header.protobuf_region_len'), true);
  view.setBigUint64(24, u64Value(headerJson.protobuf_payload_len, 'header.protobuf_payload_len'), true);
  if (size < HEADER_SIZE) fail('size', `at least ${HEADER_SIZE} for an image with a header`, `got ${size}`);

  const parts: InputParts = { header, payloadOffset: 0, payload: new Uint8Array(0), size };
  const options: OpenOptions = {};
  if (payloadJson) {
    const headerGpa = payloadJson.header_gpa === null ? null : u64Value(payloadJson.header_gpa, 'payload.header_gpa');
    // A header GPA other than the derived one was given when the image was opened: give it again.
    if (headerGpa !== null && headerGpa !== derivedHeaderGpa(base)) options.baseGpa = headerGpa;
    if (payload) {
      const offset = u64Value(payloadJson.offset, 'payload.offset');
      if (offset < BigInt(HEADER_SIZE) || offset + BigInt(payload.length) > BigInt(size)) {
        fail('payload.offset', `an offset past the header where the payload fits in the ${size}-byte input`, `got ${offset}`);
      }
      parts.payloadOffset = Number(offset);
      parts.payload = payload;
      // A payload behind a header OpenHCL ignores was decoded anyway: ask for that again.
      const { magicKind } = parseHeader(header);
      if (magicKind !== 'valid' && magicKind !== 'legacy') options.anyway = { offset, length: BigInt(payload.length) };
    }
  }
  return imported(file, kind, parts, options);
}

function imported(file: string, kind: InputKind, parts: InputParts, options: OpenOptions): ImportedDocument {
  return { file, kind, parts, source: partsSource(parts), options: { ...options, ...optionsToKeepKind(kind, parts) } };
}
