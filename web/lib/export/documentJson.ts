// The JSON document of one opened input: what `cli decode` prints and what the
// app exports. u64 values are decimal strings, enums `{ value, name }`, as in
// the golden fixtures; no value passes through a JS number on the way.
import { releaseRuleStatements, type OpenhclRelease } from '../analysis/releases.ts';
import type { DecodeErrorCode } from '../format/errors.ts';
import { toBase64, toHex } from '../io/base64.ts';
import type { BootOutcome, Severity } from '../model/findings.ts';
import type { InputKind, TopologyDocument } from '../model/topology.ts';

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
  /** `release`: whose rules judged; `release_rules`: those rules, one sentence each. */
  boot_check: { outcome: BootOutcome; reason: string; step: string; release: OpenhclRelease; release_rules: string[] };
  diagnostics: { severity: Severity; code: string; message: string }[];
  error?: { code: DecodeErrorCode; message: string; offset: number; expected: string };
}

export function documentToJson(doc: TopologyDocument, file: string): DocumentJson {
  const { format } = doc;
  const h = format.header;
  const location = format.payloadLocation;
  const json: DocumentJson = {
    file,
    ok: doc.error === null,
    kind: format.kind,
    size: doc.source.size,
    bytes_read: doc.source.bytesRead,
    header: h && {
      offset: '0',
      magic: h.magicText,
      magic_hex: `0x${h.magic.toString(16).padStart(16, '0')}`,
      protobuf_base: h.protobuf_base.toString(),
      protobuf_region_len: h.protobuf_region_len.toString(),
      protobuf_payload_len: h.protobuf_payload_len.toString(),
    },
    payload: location && {
      offset: location.offset.toString(),
      length: location.length.toString(),
      header_gpa: location.headerGpa?.toString() ?? null,
      base64: format.payload && toBase64(format.payload),
    },
    decoded: doc.decoded === null ? null : withBigintsAsStrings(doc.decoded),
    unknown_fields: format.unknownFields.map((f) => ({ path: f.path, field: f.field, wire_type: f.wire_type, offset: f.offset, bytes_hex: toHex(f.bytes) })),
    boot_check: {
      outcome: doc.bootCheck.outcome,
      reason: doc.bootCheck.reason,
      step: doc.bootCheck.step,
      release: doc.bootCheck.release,
      release_rules: releaseRuleStatements(doc.bootCheck.release),
    },
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
