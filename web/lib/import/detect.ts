// Tells a VTL2 image (the persisted-state region, header page first), a device
// tree (a flattened device tree, as /sys/firmware/fdt) and a raw saved-state
// payload apart, by the first 32 bytes and the size alone. Text (a JSON
// document, hex or base64) is read whole like a saved-state payload.
import { FDT_HEADER_FIELD_OFFSETS, FDT_MAGIC, FDT_MAX_LAST_COMP_VERSION, FDT_MIN_VERSION } from '../format/fdt.ts';
import { HEADER_SIZE, PAGE_SIZE, PERSISTED_REGION_SIZE, magicDistance, magicTextOf, MAGIC, LEGACY_MAGIC } from '../format/header.ts';
import type { InputKind } from '../model/topology.ts';
import { isPrintableText } from './pastedText.ts';

export interface Detection {
  kind: InputKind;
  /** Why, in a sentence a user reads. */
  reason: string;
}

/** The big-endian u32 at `offset` of `head`, or null when `head` is shorter. */
function u32At(head: Uint8Array, offset: number): number | null {
  return head.length >= offset + 4 ? new DataView(head.buffer, head.byteOffset, head.byteLength).getUint32(offset, false) : null;
}

/** An FDT header's version 17 / last compatible version 16, as every tree OpenHCL writes. */
function fdtVersions(head: Uint8Array): boolean {
  return u32At(head, FDT_HEADER_FIELD_OFFSETS.version) === FDT_MIN_VERSION && u32At(head, FDT_HEADER_FIELD_OFFSETS.last_comp_version) === FDT_MAX_LAST_COMP_VERSION;
}

/** `head` is the input's first bytes (at least 32 when the input has them). */
export function detectKind(head: Uint8Array, size: number): Detection {
  if (u32At(head, FDT_HEADER_FIELD_OFFSETS.magic) === FDT_MAGIC) {
    return { kind: 'device-tree', reason: 'FDT magic 0xd00dfeed at offset 0: a flattened device tree' };
  }
  if (fdtVersions(head)) {
    const seen = [...head.subarray(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join('');
    return { kind: 'device-tree', reason: `an FDT header (version 17, last compatible 16) whose magic is 0x${seen}, not 0xd00dfeed` };
  }
  if (size < HEADER_SIZE) {
    return { kind: 'saved-state', reason: `only ${size} bytes: too short for a persisted-state header` };
  }
  const magic = magicTextOf(head);
  if (magic === MAGIC) return { kind: 'vtl2-image', reason: `header magic ${MAGIC} at offset 0` };
  if (magic === LEGACY_MAGIC) return { kind: 'vtl2-image', reason: `legacy header magic ${LEGACY_MAGIC} at offset 0` };
  if (size >= PAGE_SIZE && head.subarray(0, HEADER_SIZE).every((b) => b === 0)) {
    return { kind: 'vtl2-image', reason: 'an all-zero header page: a persisted-state region never written' };
  }
  if (magicDistance(head) <= 2) {
    return { kind: 'vtl2-image', reason: `header magic "${magic}" at offset 0 is ${MAGIC} with damaged bytes` };
  }
  // Before the size rule: an exported JSON document or a hex dump can be any size.
  if (opensAsJson(head)) return { kind: 'saved-state', reason: 'a JSON text at offset 0: read whole, as a document' };
  if (isPrintableText(head)) return { kind: 'saved-state', reason: 'printable text at offset 0: read whole, as hex or base64 text if it is' };
  if (size >= PERSISTED_REGION_SIZE && size % PAGE_SIZE === 0) {
    return { kind: 'vtl2-image', reason: `a page-aligned input of ${size} bytes, at least the 2 MiB persisted region, with no header magic` };
  }
  return { kind: 'saved-state', reason: 'no persisted-state header at offset 0: read as a raw SavedState payload' };
}

/**
 * Whether an input whose first bytes are `head` opens as a JSON document: the
 * first character after a byte-order mark and white space is `{`, the next one
 * after white space (if the head holds one) is `"` or `}`, and no byte of the
 * head is a control character, which no JSON text holds raw (RFC 8259 escapes
 * U+0000-U+001F). A brace then NULs, or an RTF file (`{\rtf1`), is no JSON
 * document, so a 90 MiB one is refused unread instead of read whole to fail
 * at its second byte.
 */
export function opensAsJson(head: Uint8Array): boolean {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && isJsonWhiteSpace(head[i]!)) i++;
  if (head[i] !== 0x7b) return false;
  i++;
  while (i < head.length && isJsonWhiteSpace(head[i]!)) i++;
  if (i < head.length && head[i] !== 0x22 && head[i] !== 0x7d) return false;
  for (const b of head) if (b < 0x20 && !isJsonWhiteSpace(b)) return false;
  return true;
}

const isJsonWhiteSpace = (b: number) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
