// The one error type every parser of this project throws. It names where in the
// input decoding stopped and what was expected there, in words a user reads.

/**
 * Codes of payload errors mirror mesh_protobuf's `DecodeError` variants
 * (`EofVarInt` → `eof-varint`, …) so a failure can be compared with upstream.
 * The others are this project's checks of headers, images and inputs.
 */
export type DecodeErrorCode =
  // mesh_protobuf payload errors
  | 'eof-varint'
  | 'varint-too-big'
  | 'eof-fixed64'
  | 'eof-fixed32'
  | 'eof-byte-array'
  | 'unknown-wire-type'
  | 'invalid-resource-range'
  | 'missing-resource'
  | 'expected-message'
  | 'expected-varint'
  // inputs and images
  | 'input-too-short'
  | 'input-too-large'
  | 'header-protobuf-base'
  | 'header-payload-len'
  | 'payload-outside-input'
  | 'read-failed'
  // an input forced to a kind it may not be read as (a device tree as anything else: its seed would travel)
  | 'forced-kind'
  // OpenOptions.anyway at an offset inside the 32-byte header (readPlan.ts anywayPastHeader)
  | 'anyway-offset'
  // a repeated field of a saved state past MAX_REPEATED_ELEMENTS (savedStateWire.ts): refused, not built
  | 'too-many-entries'
  // writing a VTL2 image (encodeImage): an option or payload OpenHCL's layout cannot hold
  | 'image-base-gpa'
  | 'image-region-len'
  | 'image-size'
  | 'image-payload-len'
  | 'image-header-field'
  // share links and pasted text
  | 'link-format'
  | 'link-version'
  | 'link-too-large'
  | 'not-shareable'
  | 'paste-format'
  // a JSON document (as exported) being re-opened
  | 'json-format'
  // a flattened device tree (web/lib/format/fdt.ts): the container
  | 'fdt-header' // the 40-byte header: too short, magic, totalsize (past the input or under 40), version
  | 'fdt-memreserve' // the /memreserve/ block: off_mem_rsvmap outside, an entry or its 0,0 end entry past totalsize
  | 'fdt-structure' // the structure block: outside totalsize, unaligned, overlapping; a token, name or property that does not fit; nesting
  | 'fdt-strings' // the strings block: outside totalsize or overlapping another block
  // what OpenHCL's bootloader_fdt_parser refuses in a readable tree (web/lib/format/openhclDeviceTree.ts)
  | 'dt-semantics'
  | 'internal';

export class DecodeError extends Error {
  override readonly name = 'DecodeError';

  constructor(
    readonly code: DecodeErrorCode,
    /** What was expected at `offset`, e.g. "a varint" or "12 bytes of a nested message". */
    readonly expected: string,
    /** Byte offset in the input (the whole file, not the payload) where decoding stopped. */
    readonly offset: number,
    message?: string,
    /** The device-tree node at fault (`/openhcl/memory@…`), when the error is about one. */
    readonly node?: string,
  ) {
    super(message ?? `expected ${expected} at byte offset ${offset} (0x${offset.toString(16)})`);
  }
}

/** The plain-data form of a DecodeError, as it travels to a worker's caller or into JSON. */
export interface DecodeErrorInfo {
  code: DecodeErrorCode;
  message: string;
  offset: number;
  expected: string;
  /** The device-tree node at fault (`/openhcl/memory@…`), when the error is about one. */
  node?: string;
}

export function errorInfo(err: DecodeError): DecodeErrorInfo {
  const info: DecodeErrorInfo = { code: err.code, message: err.message, offset: err.offset, expected: err.expected };
  // Plain data, so the node survives the worker boundary (a class's fields do not survive a clone).
  if (err.node !== undefined) info.node = err.node;
  return info;
}

/** Wraps anything thrown by code that should only throw DecodeError, so no stack reaches a user. */
export function asDecodeError(err: unknown, offset: number): DecodeError {
  if (err instanceof DecodeError) return err;
  const detail = err instanceof Error ? err.message : String(err);
  return new DecodeError('internal', 'input the decoder can handle', offset, `internal decoder error: ${detail}`);
}
