// The persisted-state region's own facts (FORMAT.md §2): the header as read,
// and where its payload lies in the input. Parsed by web/lib/format/header.ts
// and payloadLocation.ts; shown by the Header panel; carried by share links.

export type MagicKind =
  /** `OHCLPHDR`: what OpenHCL writes and reads. */
  | 'valid'
  /** `RDHPLCHO`: the early revision's byte order; today's OpenHCL ignores it. */
  | 'legacy'
  /** All 32 header bytes zero: the region was never written. */
  | 'zero'
  /** Anything else. */
  | 'damaged';

export interface PersistedHeader {
  magic: bigint;
  /** The 8 magic bytes as text, non-printable bytes as `.`. */
  magicText: string;
  magicKind: MagicKind;
  protobuf_base: bigint;
  protobuf_region_len: bigint;
  protobuf_payload_len: bigint;
  /** The 32 header bytes as read. */
  raw: Uint8Array;
}

export interface PayloadLocation {
  /** Offset of the payload in the input (bigint: a hostile header can point anywhere). */
  offset: bigint;
  length: bigint;
  /** GPA of the header page, as given or derived. */
  headerGpa: bigint | null;
  headerGpaSource: 'given' | 'derived' | null;
}
