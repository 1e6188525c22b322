// From an opened document to the parts a link carries, and back to what the
// worker takes. A link carries the bytes the decoder read and nothing else: an
// image's other bytes read back as zeros, which the decoder never looks at.
//
// The page imports this module: it must not import the decoder (openDocument,
// savedState): protobufjs' reflection compiles code with eval, which the page's
// CSP forbids. Decoding runs in the worker; see open.ts for Node and tests.
import type { OpenOptions, TopologyDocument } from '../document/openDocument.ts';
import { detectKind } from '../format/detect.ts';
import { DecodeError } from '../format/errors.ts';
import { HEADER_SIZE, parseHeader } from '../format/header.ts';
import { locatePayload, payloadOutsideInput, type PayloadLocation } from '../format/payloadLocation.ts';
import type { SharedParts } from './types.ts';

const MAX_NAME = 80;

/** A file name short enough for a link: no folders, at most 80 characters (middle elided). */
export function shortName(name: string): string {
  const base = name.split(/[\\/]/).pop() || name;
  if (base.length <= MAX_NAME) return base;
  const half = (MAX_NAME - 1) / 2;
  return `${base.slice(0, Math.ceil(half))}…${base.slice(base.length - Math.floor(half))}`;
}

/**
 * What a link needs to re-open `doc` as it was opened (with `options`).
 * Throws `link-too-large` for a saved-state input that was not read whole.
 */
export function partsOfDocument(doc: TopologyDocument, name: string, options: OpenOptions = {}): SharedParts {
  const shared: SharedParts['options'] = {};
  if (options.as) shared.as = options.as;
  if (options.baseGpa !== undefined) shared.baseGpa = options.baseGpa;
  const base = { name: shortName(name), size: doc.size, options: shared };
  if (doc.kind === 'saved-state') {
    if (doc.payload === null || doc.payload.length !== doc.size) {
      throw new DecodeError('link-too-large', 'a saved-state input read whole', 0, `${name} was not read whole (${doc.size} bytes), so it cannot travel in a link`);
    }
    return { ...base, header: null, payloadOffset: 0, payload: doc.payload };
  }
  return {
    ...base,
    header: doc.header?.raw ?? null,
    payloadOffset: doc.payload && doc.payloadLocation ? Number(doc.payloadLocation.offset) : 0,
    payload: doc.payload ?? new Uint8Array(0),
  };
}

/** The parts as the input the worker (and `partsSource`) take. */
export function partsInput(parts: SharedParts): { header: Uint8Array; payloadOffset: number; payload: Uint8Array; size: number } {
  return { header: parts.header ?? new Uint8Array(0), payloadOffset: parts.payloadOffset, payload: parts.payload, size: parts.size };
}

/**
 * Refuses parts whose re-opening would read bytes the link does not carry: a
 * hostile link could otherwise claim a 1 GiB payload and have zeros allocated
 * for it. Follows openDocument's reads: the head, then either the whole input
 * (saved state) or the payload the header points to (image).
 */
export function checkPartsCoverReads(parts: SharedParts, at: { header: number; payload: number; size: number }): void {
  const { header, payloadOffset, payload, size } = parts;
  const fail = (offset: number, message: string) => {
    throw new DecodeError('link-format', 'parts that hold every byte the decoder reads', offset, `the link is inconsistent: ${message}`);
  };
  if (header && header.length !== HEADER_SIZE) fail(at.header, `its header has ${header.length} bytes, not ${HEADER_SIZE}`);
  if (size < Math.max(header?.length ?? 0, payloadOffset + payload.length)) fail(at.size, `its input size ${size} is smaller than the bytes it carries`);

  const head = new Uint8Array(Math.min(HEADER_SIZE, size));
  if (header) head.set(header.subarray(0, head.length));
  else if (payloadOffset < head.length) head.set(payload.subarray(0, head.length - payloadOffset), payloadOffset);
  const kind = parts.options.as === 'image' ? 'vtl2-image' : parts.options.as === 'saved-state' ? 'saved-state' : detectKind(head, size).kind;

  if (kind === 'saved-state') {
    // openDocument reads a saved state whole (or refuses it unread when huge; a link cannot carry that).
    if (header || payloadOffset !== 0 || payload.length !== size) fail(at.payload, `a saved-state input of ${size} bytes must be carried whole`);
    return;
  }
  if (size < HEADER_SIZE) return; // too short for a header: nothing past the head is read
  if (!header) fail(at.header, 'an image link carries no header');
  const parsed = parseHeader(head);
  if (parsed.magicKind !== 'valid' && parsed.magicKind !== 'legacy') return;
  // Where openDocument reads the payload (nothing is read when the header points nowhere).
  let location: PayloadLocation;
  try {
    location = locatePayload(parsed, parts.options.baseGpa);
  } catch {
    return;
  }
  if (payloadOutsideInput(location, size)) return;
  const { offset, length } = location;
  if (BigInt(payload.length) !== length || (payload.length > 0 && BigInt(payloadOffset) !== offset)) {
    fail(at.payload, `its header points to ${length} payload bytes at offset ${offset}, but it carries ${payload.length} at offset ${payloadOffset}`);
  }
}
