// The JSON document of one opened input: what `cli decode` prints and what the
// app exports. u64 values are decimal strings, enums `{ value, name }`, as in
// the golden fixtures; no value passes through a JS number on the way.
import { releaseRuleStatements } from '../analysis/releases.ts';
import type { OpenhclRelease } from '../model/view.ts';
import type { DecodeErrorCode } from '../format/errors.ts';
import { bootTimesToUpstreamJson, deviceTreeToUpstreamJson, type UpstreamBootTimesJson, type UpstreamParseJson } from '../format/openhclDeviceTreeJson.ts';
import { toBase64, toHex } from '../io/base64.ts';
import type { BootOutcome, Severity } from '../model/findings.ts';
import type { DeviceTreeDetails, InputKind, PersistedStateDetails, TopologyDocument } from '../model/topology.ts';

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
  /** Where the payload was, and its exact bytes (base64), so the document re-opens losslessly. A device tree's: the tree, its entropy seed zeroed. */
  payload: null | { offset: string; length: string; header_gpa: string | null; base64: string | null };
  /** A device tree's container: header fields and /memreserve/ entries. */
  fdt?: null | { version: number; last_comp_version: number; totalsize: number; boot_cpuid_phys: number; memory_reservations: { address: string; size: string }[] };
  /** A device tree as OpenHCL's usermode parser reads it, in the shape of the fixtures' `upstream_parse.parsed`. */
  device_tree?: UpstreamParseJson | null;
  /** What a device tree holds beyond that parse (the entropy seed: its length only). */
  device_tree_details?: null | {
    boot_times: UpstreamBootTimesJson;
    sidecars: { node: string; control: { start: string; end: string } | null; shared_memory: { start: string; end: string } | null }[];
    entropy: { node: string; length: number } | null;
    unknown: { kind: 'node' | 'property'; path: string; offset: number; size: number }[];
    /** Unknown nodes and properties past the first 1024, counted only. */
    unknown_omitted: number;
  };
  /** A saved state's, or for a device tree the one its next servicing would write. */
  decoded: unknown;
  unknown_fields: { path: string; field: number; wire_type: number; offset: number; bytes_hex: string }[];
  /** `release`: whose rules judged; `release_rules`: those rules, one sentence each. */
  boot_check: { outcome: BootOutcome; reason: string; step: string; release: OpenhclRelease; release_rules: string[] };
  diagnostics: { severity: Severity; code: string; message: string }[];
  error?: { code: DecodeErrorCode; message: string; offset: number; expected: string; node?: string };
}

export function documentToJson(doc: TopologyDocument, file: string): DocumentJson {
  const { format } = doc;
  const json: DocumentJson = {
    file,
    ok: doc.error === null,
    kind: format.kind,
    size: doc.source.size,
    bytes_read: doc.source.bytesRead,
    ...(format.kind === 'device-tree' ? deviceTreeJson(format) : persistedJson(format)),
    decoded: doc.decoded === null ? null : withBigintsAsStrings(doc.decoded),
    unknown_fields: format.kind === 'device-tree' ? [] : format.unknownFields.map((f) => ({ path: f.path, field: f.field, wire_type: f.wire_type, offset: f.offset, bytes_hex: toHex(f.bytes) })),
    boot_check: {
      outcome: doc.bootCheck.outcome,
      reason: doc.bootCheck.reason,
      step: doc.bootCheck.step,
      release: doc.bootCheck.release,
      release_rules: releaseRuleStatements(doc.bootCheck.release),
    },
    diagnostics: doc.diagnostics.map((d) => ({ severity: d.severity, code: d.code, message: d.message })),
  };
  if (doc.error) json.error = { ...doc.error };
  return json;
}

function persistedJson(format: PersistedStateDetails): Pick<DocumentJson, 'header' | 'payload'> {
  const h = format.header;
  const location = format.payloadLocation;
  return {
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
  };
}

/** Only the seed-free forms of the tree: the redacted bytes, the parse, the seed's length. */
function deviceTreeJson(format: DeviceTreeDetails): Pick<DocumentJson, 'header' | 'payload' | 'fdt' | 'device_tree' | 'device_tree_details'> {
  const { fdt, deviceTree: dt, redacted } = format;
  const range = (r: { start: bigint; end: bigint } | null) => r && { start: r.start.toString(), end: r.end.toString() };
  return {
    header: null,
    payload: redacted && { offset: '0', length: String(redacted.length), header_gpa: null, base64: toBase64(redacted) },
    fdt: fdt && {
      version: fdt.version,
      last_comp_version: fdt.lastCompVersion,
      totalsize: fdt.totalsize,
      boot_cpuid_phys: fdt.bootCpuidPhys,
      memory_reservations: fdt.memoryReservations.map((r) => ({ address: r.address.toString(), size: r.size.toString() })),
    },
    device_tree: dt && deviceTreeToUpstreamJson(dt),
    device_tree_details: dt && {
      boot_times: bootTimesToUpstreamJson(dt.boot_times),
      sidecars: dt.sidecars.map((s) => ({ node: s.source.path, control: range(s.control), shared_memory: range(s.shared_memory) })),
      entropy: dt.entropy && { node: dt.entropy.source.path, length: dt.entropy.length },
      unknown: dt.unknown.map((u) => ({ kind: u.kind, path: u.path, offset: u.offset, size: u.size })),
      unknown_omitted: dt.unknown_omitted,
    },
  };
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
