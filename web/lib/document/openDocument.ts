// Opens one input end to end: detect its kind, read the header and exactly the
// payload bytes it points to, decode, judge the boot, collect diagnostics. Never
// throws: every failure lands in `error` as plain data, next to whatever was
// read before it. Runs the same in Node, a Web Worker and a test.
import { bootCheck, type BootCheck } from '../analysis/bootCheck.ts';
import { headerDiagnostics, topologyDiagnostics, type Diagnostic } from '../analysis/diagnostics.ts';
import { detectKind, type InputKind } from '../format/detect.ts';
import { asDecodeError, DecodeError, errorInfo, type DecodeErrorInfo } from '../format/errors.ts';
import { HEADER_SIZE, PERSISTED_REGION_SIZE, parseHeader, type PersistedHeader } from '../format/header.ts';
import { decodeSavedState, MAX_KEPT_UNKNOWN_FIELDS } from '../format/savedState.ts';
import { CountingSource, type ByteSource } from '../io/byteSource.ts';
import { locatePayload, payloadOutsideInput, type PayloadLocation } from '../format/payloadLocation.ts';
import type { SavedState, UnknownField } from '../model/types.ts';

/** A raw payload is read whole; past this it cannot be a persisted state (the region is 76 KiB). */
export const MAX_SAVED_STATE_BYTES = 64 * 1024 * 1024;

export interface OpenOptions {
  /** Force the input kind instead of detecting it. */
  as?: 'image' | 'saved-state';
  /** GPA of the image's first byte (the header page). Default: protobuf_base - 0x1000. */
  baseGpa?: bigint;
}


export interface TopologyDocument {
  kind: InputKind;
  /** Why the kind was chosen. */
  detection: string;
  size: number;
  bytesRead: number;
  header: PersistedHeader | null;
  payloadLocation: PayloadLocation | null;
  /** The exact payload bytes that were decoded (for exports and links). */
  payload: Uint8Array | null;
  decoded: SavedState | null;
  unknownFields: UnknownField[];
  error: DecodeErrorInfo | null;
  bootCheck: BootCheck;
  diagnostics: Diagnostic[];
}

export type { PayloadLocation };

/** A document with nothing read yet, for `openDocument` to fill in (or an importer to fail). */
export function emptyDocument(kind: InputKind, detection: string, size: number): TopologyDocument {
  return {
    kind,
    detection,
    size,
    bytesRead: 0,
    header: null,
    payloadLocation: null,
    payload: null,
    decoded: null,
    unknownFields: [],
    error: null,
    bootCheck: { outcome: 'unknown', step: '', reason: '' },
    diagnostics: [],
  };
}

export async function openDocument(input: ByteSource, options: OpenOptions = {}): Promise<TopologyDocument> {
  const source = new CountingSource(input);
  const head = await source.read(0, Math.min(HEADER_SIZE, source.size)).catch(() => new Uint8Array());
  const detected = detectKind(head, source.size);
  const kind: InputKind = options.as === 'image' ? 'vtl2-image' : options.as === 'saved-state' ? 'saved-state' : detected.kind;
  const doc = emptyDocument(kind, options.as ? `read as ${kind}, as asked` : detected.reason, source.size);
  let payloadUnreadable = false;
  try {
    if (kind === 'vtl2-image') {
      doc.header = parseHeader(head);
      doc.diagnostics.push(...headerDiagnostics(doc.header));
      if (doc.header.magicKind === 'valid' || doc.header.magicKind === 'legacy') {
        const location = locatePayload(doc.header, options.baseGpa);
        doc.payloadLocation = location;
        const outside = payloadOutsideInput(location, source.size);
        payloadUnreadable = outside !== null;
        if (outside) throw outside;
        // A header can claim gigabytes that a large file does hold: the boot panics on a payload
        // longer than the persisted region, and reading it could exhaust the tab's memory.
        if (location.length > BigInt(PERSISTED_REGION_SIZE)) {
          throw new DecodeError('header-payload-len', `a protobuf_payload_len of at most the ${PERSISTED_REGION_SIZE}-byte persisted region`, 24, `protobuf_payload_len ${location.length} is larger than the 2 MiB persisted-state region: OpenHCL never reads such a payload, and neither does this tool`);
        }
        const offset = Number(location.offset);
        decodePayload(doc, await source.read(offset, Number(location.length)), offset);
      }
    } else {
      if (source.size > MAX_SAVED_STATE_BYTES) {
        throw new DecodeError('input-too-large', `a saved-state payload of at most ${MAX_SAVED_STATE_BYTES} bytes`, 0, `the input is ${source.size} bytes, too large for a saved-state payload; open it as an image if it is one`);
      }
      const location: PayloadLocation = { offset: 0n, length: BigInt(source.size), headerGpa: null, headerGpaSource: null };
      doc.payloadLocation = location;
      // The whole input is the payload; its first bytes were read already.
      const payload = new Uint8Array(source.size);
      payload.set(head);
      if (source.size > head.length) payload.set(await source.read(head.length, source.size - head.length), head.length);
      decodePayload(doc, payload, 0);
    }
  } catch (err) {
    doc.error = errorInfo(asDecodeError(err, 0));
    doc.diagnostics.unshift({ severity: 'error', code: `decode-${doc.error.code}`, message: doc.error.message, entries: [] });
  }
  doc.bytesRead = source.bytesRead;
  doc.bootCheck = bootCheck({
    kind,
    header: doc.header,
    headerGpa: doc.payloadLocation?.headerGpa ?? null,
    decoded: doc.decoded,
    error: doc.error,
    payloadUnreadable,
  });
  return doc;
}

function decodePayload(doc: TopologyDocument, payload: Uint8Array, offset: number): void {
  doc.payload = payload;
  const decoded = decodeSavedState(payload, offset);
  doc.decoded = decoded.value;
  doc.unknownFields = decoded.unknownFields;
  doc.diagnostics.push(...topologyDiagnostics(decoded.value, decoded.unknownFields, doc.kind === 'vtl2-image' ? doc.header : null));
  if (decoded.unknownFieldsOmitted > 0) {
    doc.diagnostics.push({ severity: 'warning', code: 'unknown-fields-omitted', message: `${decoded.unknownFieldsOmitted} more unknown fields (zero padding, or a damaged payload) are not listed: only the first ${MAX_KEPT_UNKNOWN_FIELDS} are kept. The payload bytes hold them all.`, entries: [] });
  }
}
