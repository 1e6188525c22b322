// Decoder of the `SavedState` payload, following mesh_protobuf (OpenHCL's own
// decoder) rule for rule; see FORMAT.md §3 and savedStateGeneric.ts, which
// lists where mesh_protobuf differs from a stock protobuf decoder.
import { decodeSavedStateGeneric } from './savedStateGeneric.ts';
import type { SavedState, UnknownField } from '../model/types.ts';

/**
 * Unknown fields kept with their bytes; past this they are only counted. A
 * zero-filled region reads as one `00 00` field per two bytes: keeping a record
 * of each would take ~1 GB for 2 MiB of zeros (the payload bytes, kept whole by
 * openDocument, still hold every one).
 */
export const MAX_KEPT_UNKNOWN_FIELDS = 1024;

export interface DecodedSavedState {
  value: SavedState;
  /** The first MAX_KEPT_UNKNOWN_FIELDS unknown fields, in input order. */
  unknownFields: UnknownField[];
  /** Unknown fields met past MAX_KEPT_UNKNOWN_FIELDS (counted, not kept). */
  unknownFieldsOmitted: number;
}

/**
 * Decodes exactly `bytes` as a SavedState. Throws only DecodeError, whose
 * offset is `fileOffset` + the position in `bytes`.
 */
export function decodeSavedState(bytes: Uint8Array, fileOffset = 0): DecodedSavedState {
  return decodeSavedStateGeneric(bytes, fileOffset);
}
