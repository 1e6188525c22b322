// Decoder of the `SavedState` payload, following mesh_protobuf (OpenHCL's own
// decoder) rule for rule; see FORMAT.md §3. The decoder is generated from
// proto/ at build time (savedState.generated.ts, by scripts/gen-decoder.ts: one
// read function per message) over a hand-written wire layer (savedStateWire.ts);
// testing/savedStateGeneric.ts, which walks the same schema tables at run time, is its
// reference and lists where mesh_protobuf differs from a stock protobuf decoder.
import { readSavedState } from './savedState.generated.ts';
import { Wire } from './savedStateWire.ts';
import type { SavedState, UnknownField } from '../model/savedState.ts';

/**
 * Unknown fields kept with their bytes; past this they are only counted. A
 * zero-filled region reads as one `00 00` field per two bytes: keeping a record
 * of each would take ~1 GB for 2 MiB of zeros (the payload bytes, kept whole by
 * openInput, still hold every one).
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
  const wire = new Wire(bytes, fileOffset, MAX_KEPT_UNKNOWN_FIELDS);
  // The generated types are proto/'s; this assignment checks they fit the model's.
  const value: SavedState = readSavedState(wire, bytes.length, null, 0);
  return { value, unknownFields: wire.unknownFields, unknownFieldsOmitted: wire.unknownFieldsOmitted };
}
