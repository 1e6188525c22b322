// The document of a persisted state, image or raw payload, from what was read:
// decode the payload, judge the boot, collect the findings, and lay out the
// model every view reads (entries, regions of note, CPUs). Never throws.
import { bootCheck } from '../analysis/bootCheck.ts';
import type { OpenhclRelease } from '../model/view.ts';
import { headerDiagnostics, topologyDiagnostics } from '../analysis/diagnostics.ts';
import { asDecodeError, errorInfo, type DecodeError } from '../format/errors.ts';
import { decodeSavedState, MAX_KEPT_UNKNOWN_FIELDS } from '../format/savedState.ts';
import { entriesOfSavedState } from '../model/entries.ts';
import type { Diagnostic } from '../model/findings.ts';
import type { PayloadLocation, PersistedHeader } from '../model/persistedState.ts';
import { regionsFromEntries, regionsOfHeader } from '../model/regions.ts';
import type { SavedState, UnknownField } from '../model/savedState.ts';
import type { TopologyDocument } from '../model/topology.ts';
import { exactBytes, hex } from '../model/text.ts';

export interface PersistedRead {
  kind: 'vtl2-image' | 'saved-state';
  detection: string;
  size: number;
  bytesRead: number;
  header: PersistedHeader | null;
  payloadLocation: PayloadLocation | null;
  /** The payload bytes read, and their offset in the input; null when none were. */
  payload: { bytes: Uint8Array; offset: number } | null;
  /** What stopped the reading, if anything did. */
  failure: DecodeError | null;
  /** The payload lies (partly) outside the input. */
  payloadUnreadable: boolean;
  /** Findings of the importer itself (how a container was read), listed last. */
  notes?: Diagnostic[];
  /** The payload was read although OpenHCL ignores the header. */
  decodedAnyway?: boolean;
  /** Whose boot rules judge it; default the current release. */
  release?: OpenhclRelease;
}

export function persistedDocument(read: PersistedRead): TopologyDocument {
  const { kind, header } = read;
  const diagnostics: Diagnostic[] = kind === 'vtl2-image' && header ? headerDiagnostics(header) : [];
  let failure = read.failure;
  let decoded: SavedState | null = null;
  let unknownFields: UnknownField[] = [];
  let unknownFieldsOmitted = 0;
  if (!failure && read.payload) {
    try {
      const result = decodeSavedState(read.payload.bytes, read.payload.offset);
      decoded = result.value;
      unknownFields = result.unknownFields;
      unknownFieldsOmitted = result.unknownFieldsOmitted;
    } catch (err) {
      failure = asDecodeError(err, read.payload.offset);
    }
  }
  const entries = entriesOfSavedState(decoded);
  // One by one, not spread as arguments: there may be one finding per range.
  if (decoded) for (const d of topologyDiagnostics(entries, unknownFields, kind === 'vtl2-image' ? header : null)) diagnostics.push(d);
  if (unknownFieldsOmitted > 0) {
    diagnostics.push({ severity: 'warning', code: 'unknown-fields-omitted', message: `${unknownFieldsOmitted} more unknown fields (zero padding, or a damaged payload) are not listed: only the first ${MAX_KEPT_UNKNOWN_FIELDS} are kept. The payload bytes hold them all.`, entries: [] });
  }
  const error = failure && errorInfo(failure);
  if (error) diagnostics.unshift({ severity: 'error', code: `decode-${error.code}`, message: error.message, entries: [] });
  if (read.decodedAnyway && read.payload) {
    diagnostics.push({ severity: 'warning', code: 'decoded-anyway', message: `Decoded anyway, as asked: ${exactBytes(read.payload.bytes.length)} at offset ${hex(BigInt(read.payload.offset))}. OpenHCL ignores this header, so it would never read them: what is shown is what they would mean, not what the next boot does.`, entries: [] });
  }
  diagnostics.push(...(read.notes ?? []));

  const headerGpa = read.payloadLocation?.headerGpa ?? null;
  const usableHeader = header !== null && (header.magicKind === 'valid' || header.magicKind === 'legacy') && headerGpa !== null;
  return {
    source: { detection: read.detection, size: read.size, bytesRead: read.bytesRead },
    format: { kind, header, payloadLocation: read.payloadLocation, payload: read.payload?.bytes ?? null, unknownFields },
    entries,
    regions: usableHeader ? regionsOfHeader(header, headerGpa, entries) : regionsFromEntries(entries),
    cpus: { cpus: null, withMappedInterruptsNoIo: decoded?.cpus_with_mapped_interrupts_no_io ?? [], withOutstandingIo: decoded?.cpus_with_outstanding_io ?? [] },
    decoded,
    error,
    bootCheck: bootCheck({ kind, header, headerGpa, decoded, error, payloadUnreadable: read.payloadUnreadable, payloadLength: read.payload?.bytes.length }, read.release),
    diagnostics,
  };
}
