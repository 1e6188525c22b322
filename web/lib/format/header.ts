// The persisted-state header: the first 32 bytes of the header page, four
// little-endian u64 (FORMAT.md §2). Parsing never fails on content: a wrong
// magic is a finding about the image, reported through `magicKind`.
import type { MagicKind, PersistedHeader } from '../model/persistedState.ts';
import { DecodeError } from './errors.ts';

export const HEADER_SIZE = 32;
export const PAGE_SIZE = 0x1000;
/** The IGVM loader reserves the first 2 MiB of VTL2 memory for persisted state. */
export const PERSISTED_REGION_SIZE = 0x20_0000;
/** The 19-page protobuf region openhcl_boot lays out on a first boot. */
export const PROTOBUF_REGION_SIZE = 0x13000;

/** The magic as bytes in memory: the u64 0x524448504C43484F, little-endian. */
export const MAGIC = 'OHCLPHDR';
/** An early revision defined the magic as the integer 0x4F48434C50484452 (bytes `RDHPLCHO`). */
export const LEGACY_MAGIC = 'RDHPLCHO';

/** Header fields with their byte offset, for annotating the raw bytes. */
export const HEADER_FIELDS = [
  { name: 'magic', offset: 0x00 },
  { name: 'protobuf_base', offset: 0x08 },
  { name: 'protobuf_region_len', offset: 0x10 },
  { name: 'protobuf_payload_len', offset: 0x18 },
] as const;

export type HeaderFieldName = (typeof HEADER_FIELDS)[number]['name'];

export function parseHeader(bytes: Uint8Array): PersistedHeader {
  if (bytes.length < HEADER_SIZE) {
    throw new DecodeError('input-too-short', `a ${HEADER_SIZE}-byte persisted-state header, but the input has ${bytes.length} bytes`, bytes.length);
  }
  const raw = bytes.slice(0, HEADER_SIZE);
  const view = new DataView(raw.buffer);
  const magicText = magicTextOf(raw);
  return {
    magic: view.getBigUint64(0, true),
    magicText,
    magicKind: magicKindOf(raw, magicText),
    protobuf_base: view.getBigUint64(8, true),
    protobuf_region_len: view.getBigUint64(16, true),
    protobuf_payload_len: view.getBigUint64(24, true),
    raw,
  };
}

/** The 8 magic bytes as text, non-printable bytes as `.`. */
export function magicTextOf(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < 8 && i < bytes.length; i++) {
    const b = bytes[i]!;
    text += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
  }
  return text;
}

function magicKindOf(raw: Uint8Array, magicText: string): MagicKind {
  if (magicText === MAGIC) return 'valid';
  if (magicText === LEGACY_MAGIC) return 'legacy';
  if (raw.every((b) => b === 0)) return 'zero';
  return 'damaged';
}

/** How many of the 8 magic bytes differ from the nearest known magic. */
export function magicDistance(bytes: Uint8Array): number {
  const distance = (magic: string) => {
    let d = 0;
    for (let i = 0; i < 8; i++) if (bytes[i] !== magic.charCodeAt(i)) d++;
    return d;
  };
  return Math.min(distance(MAGIC), distance(LEGACY_MAGIC));
}
