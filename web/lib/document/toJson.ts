// The JSON document of one opened input: what `cli decode` prints and what the
// app exports. u64 values are decimal strings, enums `{ value, name }`, as in
// the golden fixtures; no value passes through a JS number on the way.
import type { BootOutcome } from '../analysis/bootCheck.ts';
import type { Severity } from '../analysis/diagnostics.ts';
import type { DecodeErrorCode } from '../format/errors.ts';
import type { InputKind } from '../format/detect.ts';
import type { TopologyDocument } from './openDocument.ts';

export interface DocumentJson {
  file: string;
  ok: boolean;
  kind: InputKind;
  size: number;
  bytes_read: number;
  header: null | {
    offset: string;
    magic: string;
    magic_hex: string;
    protobuf_base: string;
    protobuf_region_len: string;
    protobuf_payload_len: string;
  };
  /** Where the payload was, and its exact bytes (base64), so the document re-opens losslessly. */
  payload: null | { offset: string; length: string; header_gpa: string | null; base64: string | null };
  decoded: unknown;
  unknown_fields: { path: string; field: number; wire_type: number; offset: number; bytes_hex: string }[];
  boot_check: { outcome: BootOutcome; reason: string; step: string };
  diagnostics: { severity: Severity; code: string; message: string }[];
  error?: { code: DecodeErrorCode; message: string; offset: number; expected: string };
}

export function documentToJson(doc: TopologyDocument, file: string): DocumentJson {
  const h = doc.header;
  const json: DocumentJson = {
    file,
    ok: doc.error === null,
    kind: doc.kind,
    size: doc.size,
    bytes_read: doc.bytesRead,
    header: h && {
      offset: '0',
      magic: h.magicText,
      magic_hex: `0x${h.magic.toString(16).padStart(16, '0')}`,
      protobuf_base: h.protobuf_base.toString(),
      protobuf_region_len: h.protobuf_region_len.toString(),
      protobuf_payload_len: h.protobuf_payload_len.toString(),
    },
    payload: doc.payloadLocation && {
      offset: doc.payloadLocation.offset.toString(),
      length: doc.payloadLocation.length.toString(),
      header_gpa: doc.payloadLocation.headerGpa?.toString() ?? null,
      base64: doc.payload && toBase64(doc.payload),
    },
    decoded: doc.decoded === null ? null : withBigintsAsStrings(doc.decoded),
    unknown_fields: doc.unknownFields.map((f) => ({ path: f.path, field: f.field, wire_type: f.wire_type, offset: f.offset, bytes_hex: toHex(f.bytes) })),
    boot_check: { outcome: doc.bootCheck.outcome, reason: doc.bootCheck.reason, step: doc.bootCheck.step },
    diagnostics: doc.diagnostics.map((d) => ({ severity: d.severity, code: d.code, message: d.message })),
  };
  if (doc.error) json.error = { code: doc.error.code, message: doc.error.message, offset: doc.error.offset, expected: doc.error.expected };
  return json;
}

/** A deep copy with every bigint as its decimal string. */
export function withBigintsAsStrings(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(withBigintsAsStrings);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withBigintsAsStrings(v)]));
  }
  return value;
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}
