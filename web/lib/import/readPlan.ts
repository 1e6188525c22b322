// What an input is and which of its bytes the importers read, decided from
// its first 32 bytes, its size and the options alone. openInput follows this
// plan, and a share link's parts are checked against it before anything is
// decoded: one function decides, so a link can never make the app read a
// byte it does not carry. Decoder-free: the page imports it.
import { DecodeError } from '../format/errors.ts';
import { HEADER_SIZE, PERSISTED_REGION_SIZE, parseHeader } from '../format/header.ts';
import { locatePayload, payloadOutsideInput } from '../format/payloadLocation.ts';
import type { PayloadLocation, PersistedHeader } from '../model/persistedState.ts';
import type { InputKind } from '../model/topology.ts';
import { piecesOf, partsProblem, readParts, type InputParts } from '../io/inputParts.ts';
import { detectKind, opensAsJson } from './detect.ts';
import { isPrintableText } from './pastedText.ts';
import type { OpenOptions } from './options.ts';

/** A raw payload is read whole; past this it cannot be a persisted state (the region is 76 KiB). */
export const MAX_SAVED_STATE_BYTES = 64 * 1024 * 1024;
/** 96 MiB of JSON: a 64 MiB payload in base64 and its decoding fit; more is not an export of this tool. */
export const MAX_DOCUMENT_JSON_CHARS = 96 * 1024 * 1024;
/** openhcl_boot writes its tree into a 256 KiB buffer; a large synthetic one is a few MiB. */
export const MAX_DEVICE_TREE_BYTES = 16 * 1024 * 1024;

export interface ByteRange {
  offset: number;
  length: number;
}

export interface ReadPlan {
  /**
   * `vtl2-image`: the header, then the payload it points to. `device-tree`: the
   * tree, whole. `whole`: the input is read whole and its content tells a saved
   * state, a JSON document and pasted text apart.
   */
  kind: 'vtl2-image' | 'device-tree' | 'whole';
  /** Why, in a sentence a user reads. */
  detection: string;
  /** The image header (null unless an image of at least 32 bytes). */
  header: PersistedHeader | null;
  payloadLocation: PayloadLocation | null;
  /** What is read after the head, in order. */
  reads: ByteRange[];
  /** Why reading stops short (a header that points nowhere, an input too large): the document's error. */
  error: DecodeError | null;
  /** The payload lies (partly) outside the input, so the boot's input is not in this file. */
  payloadUnreadable: boolean;
  /** The payload is read although OpenHCL ignores the header (OpenOptions.anyway). */
  decodedAnyway: boolean;
}

/** How many bytes open with: the header, or the whole input when shorter. */
export function headLength(size: number): number {
  return Math.min(HEADER_SIZE, size);
}

/** The plan for an input of `size` bytes whose first `headLength(size)` bytes are `head`. */
export function planReads(head: Uint8Array, size: number, options: OpenOptions = {}): ReadPlan {
  const detected = detectKind(head, size);
  const kind = options.as === undefined ? detected.kind : KIND_OF_OPTION[options.as];
  const detection = options.as ? `read as ${kind}, as asked` : detected.reason;
  const plan: ReadPlan = { kind: kind === 'saved-state' ? 'whole' : kind, detection, header: null, payloadLocation: null, reads: [], error: null, payloadUnreadable: false, decodedAnyway: false };
  if (detected.kind === 'device-tree' && kind !== 'device-tree') {
    // Only the device-tree importer knows where the entropy seed lies and zeroes it for links and
    // exports; read as anything else, the tree's bytes would travel with the seed in them.
    plan.error = new DecodeError('forced-kind', 'an input that is not a device tree, or no forced kind', 0, `the input is a device tree (${detected.reason}): it opens only as a device tree, which keeps its entropy seed out of links and exports, not as ${kind}`);
    return plan;
  }
  try {
    if (kind === 'vtl2-image') planImage(plan, head, size, options);
    else if (kind === 'device-tree') planDeviceTree(plan, head, size);
    else planWhole(plan, head, size, options);
  } catch (err) {
    if (!(err instanceof DecodeError)) throw err;
    plan.error = err;
  }
  return plan;
}

function planImage(plan: ReadPlan, head: Uint8Array, size: number, options: OpenOptions): void {
  plan.header = parseHeader(head);
  const read = plan.header.magicKind === 'valid' || plan.header.magicKind === 'legacy';
  if (!read && !options.anyway) return;
  if (!read && !anywayPastHeader(options.anyway!.offset)) {
    throw new DecodeError('anyway-offset', `a payload offset of at least ${HEADER_SIZE}, past the header`, Number(options.anyway!.offset), `the payload to decode anyway starts at offset ${options.anyway!.offset}, inside the ${HEADER_SIZE}-byte header`);
  }
  // A header OpenHCL ignores locates nothing: the user says where the payload is.
  const location = read ? locatePayload(plan.header, options.baseGpa) : { ...options.anyway!, headerGpa: null, headerGpaSource: null };
  plan.decodedAnyway = !read;
  plan.payloadLocation = location;
  const outside = payloadOutsideInput(location, size);
  plan.payloadUnreadable = outside !== null;
  if (outside) throw outside;
  // A header can claim gigabytes that a large file does hold: the boot panics on a payload
  // longer than the persisted region, and reading it could exhaust the tab's memory.
  if (location.length > BigInt(PERSISTED_REGION_SIZE)) {
    throw new DecodeError('header-payload-len', `a protobuf_payload_len of at most the ${PERSISTED_REGION_SIZE}-byte persisted region`, 24, `protobuf_payload_len ${location.length} is larger than the 2 MiB persisted-state region: OpenHCL never reads such a payload, and neither does this tool`);
  }
  plan.reads.push({ offset: Number(location.offset), length: Number(location.length) });
}

/**
 * Whether a decode-anyway payload at `offset` lies past the header: a link and
 * a JSON document carry the header and the payload apart, so they cannot overlap.
 */
export function anywayPastHeader(offset: bigint): boolean {
  return offset >= BigInt(HEADER_SIZE);
}

const KIND_OF_OPTION = { image: 'vtl2-image', 'saved-state': 'saved-state', 'device-tree': 'device-tree' } as const;

function planDeviceTree(plan: ReadPlan, head: Uint8Array, size: number): void {
  if (size > MAX_DEVICE_TREE_BYTES) {
    throw new DecodeError('input-too-large', `a device tree of at most ${MAX_DEVICE_TREE_BYTES} bytes`, 0, `the input is ${size} bytes, too large for a device tree`);
  }
  if (size > head.length) plan.reads.push({ offset: head.length, length: size - head.length });
}

function planWhole(plan: ReadPlan, head: Uint8Array, size: number, options: OpenOptions): void {
  // A JSON document may be larger than any payload it carries.
  if (options.as === undefined && opensAsJson(head)) {
    if (size > MAX_DOCUMENT_JSON_CHARS) throw new DecodeError('input-too-large', `a JSON document of at most ${MAX_DOCUMENT_JSON_CHARS} bytes`, 0, `the input is ${size} bytes, too large for a JSON document this tool exports`);
  } else if (size > MAX_SAVED_STATE_BYTES) {
    throw new DecodeError('input-too-large', `a saved-state payload of at most ${MAX_SAVED_STATE_BYTES} bytes`, 0, `the input is ${size} bytes, too large for a saved-state payload; open it as an image if it is one`);
  }
  if (size > head.length) plan.reads.push({ offset: head.length, length: size - head.length });
}

/**
 * The options that make opening `parts` give `kind` again: none when they are
 * recognised as it, else `as`. A saved state that reads as a JSON document or
 * as text is forced too, so a link or a document re-opens what it carried.
 */
export function optionsToKeepKind(kind: InputKind, parts: InputParts): OpenOptions {
  const head = readParts(parts, 0, headLength(parts.size)) ?? new Uint8Array(0);
  const planned = planReads(head, parts.size).kind;
  const recognised = planned === 'whole' ? 'saved-state' : planned;
  if (recognised !== kind) return { as: kind === 'vtl2-image' ? 'image' : kind };
  if (kind === 'saved-state' && (opensAsJson(head) || isPrintableText(parts.payload))) return { as: 'saved-state' };
  return {};
}

/**
 * Why opening `parts` would read a byte they do not carry, or null when every
 * read lies inside one carried piece and every piece is read: parts that
 * overlap, leave a read uncovered, or carry bytes no read wants are refused.
 */
export function partsReadProblem(parts: InputParts, options: OpenOptions): string | null {
  const problem = partsProblem(parts);
  if (problem) return problem;
  const headLen = headLength(parts.size);
  const head = readParts(parts, 0, headLen);
  if (!head) return `it does not carry the input's first ${headLen} bytes`;
  const plan = planReads(head, parts.size, options);
  const reads = [{ offset: 0, length: headLen }, ...plan.reads].filter((r) => r.length > 0);
  for (const r of reads) {
    if (!readParts(parts, r.offset, r.length)) return `opening it reads ${r.length} bytes at offset ${r.offset}, which it does not carry`;
  }
  for (const piece of piecesOf(parts)) {
    if (!coveredBy(piece.at, piece.at + piece.bytes.length, reads)) return `it carries bytes at offset ${piece.at} to ${piece.at + piece.bytes.length} that opening it never reads`;
  }
  return null;
}

/** Whether the union of `reads` (disjoint, in order) covers [from, to). */
function coveredBy(from: number, to: number, reads: readonly ByteRange[]): boolean {
  let at = from;
  for (const r of reads) {
    if (r.offset <= at && at < r.offset + r.length) at = r.offset + r.length;
    if (at >= to) return true;
  }
  return at >= to;
}
