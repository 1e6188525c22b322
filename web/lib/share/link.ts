// Share links: a whole view (the topology's bytes and what is shown of it) in
// a URL fragment, which browsers never send to a server.
//
//   #v1.<base64url(raw DEFLATE(envelope))>
//
// `v1` is the format version. A link made by any released app keeps opening:
// v1 envelopes stay readable forever; new optional fields are added under new
// field numbers (older apps skip them); a change of meaning takes a new
// version, and the decoder then reads both.
import { DecodeError } from '../format/errors.ts';
import { partsReadProblem } from '../import/readPlan.ts';
import { toBase64Url } from '../io/base64.ts';
import type { ViewState } from '../model/view.ts';
import { fromBase64Url } from './base64url.ts';
import { deflate, inflateCapped } from './compress.ts';
import { readEnvelope, writeEnvelope, type ViewOnlyTarget } from './envelope.ts';
import type { SharedParts } from './types.ts';

export type { ViewOnlyTarget };

export const LINK_VERSION = 1;
/**
 * Most bytes a link may inflate to. A persisted-state payload OpenHCL can write
 * is at most 76 KiB (the 19-page region); past this a link is refused at once,
 * so a decompression bomb costs a few milliseconds, not gigabytes.
 */
export const MAX_ENVELOPE_BYTES = 256 * 1024;
/** Longest fragment this app writes or reads: room for a cap-sized envelope that does not compress. */
export const MAX_FRAGMENT_CHARS = 512 * 1024;

const PREFIX = `v${LINK_VERSION}.`;

/**
 * Past this many characters a link is long for browsers, chat tools and bug
 * trackers: the app then offers a view-only link beside the file's .bin, and
 * the address bar carries the view only.
 */
export const LONG_LINK_CHARS = 8000;

export interface DecodedLink {
  parts: SharedParts;
  view: ViewState;
  /** A view-only link: no bytes, the view of the input `parts.name` of `parts.input.size` bytes with this fingerprint. */
  viewOnly: ViewOnlyTarget | null;
  /** Input B of the comparison the link shows (`parts` is A), or null. */
  compareWith: SharedParts | null;
  /** In a view-only link of a comparison: the input B it names, or null. */
  compareWithViewOnly: ViewOnlyTarget | null;
}

const noBytes = (target: ViewOnlyTarget): SharedParts => ({ name: target.name, input: { header: new Uint8Array(0), payloadOffset: 0, payload: new Uint8Array(0), size: target.size }, options: {} });

/** A fragment carrying only `view` of the input `target` names (and of B, `compareWith`, in a comparison): short whatever the inputs' sizes. */
export function encodeViewLink(target: ViewOnlyTarget, view: ViewState, compareWith: ViewOnlyTarget | null = null): string {
  const b = compareWith && { parts: noBytes(compareWith), viewOnly: { fingerprint: compareWith.fingerprint } };
  return PREFIX + toBase64Url(deflate(writeEnvelope(noBytes(target), view, { fingerprint: target.fingerprint }, b)));
}

/** The fragment (without `#`) that re-opens `parts` with `view` (compared with `compareWith`). Throws `link-too-large` past the URL limit. */
export function encodeLink(parts: SharedParts, view: ViewState, compareWith: SharedParts | null = null): string {
  const envelope = writeEnvelope(parts, view, null, compareWith && { parts: compareWith, viewOnly: null });
  if (envelope.length > MAX_ENVELOPE_BYTES) {
    throw new DecodeError('link-too-large', `at most ${MAX_ENVELOPE_BYTES} bytes to share`, 0, `this input needs ${envelope.length} bytes in a link, more than ${MAX_ENVELOPE_BYTES}: share the exported .bin instead`);
  }
  const fragment = PREFIX + toBase64Url(deflate(envelope));
  if (fragment.length > MAX_FRAGMENT_CHARS) {
    throw new DecodeError('link-too-large', `a link of at most ${MAX_FRAGMENT_CHARS} characters`, 0, `this link would have ${fragment.length} characters, more than a browser accepts: share the exported .bin instead`);
  }
  return fragment;
}

/**
 * Reads a fragment (with or without `#`) back into parts and view. Throws only
 * DecodeError: `link-format` (damaged), `link-version` (made by an unknown
 * version), `link-too-large` (past the caps: refused before any big work).
 * Offsets are characters in the fragment, or bytes in the inflated envelope.
 */
export function decodeLink(fragment: string): DecodedLink {
  const text = stripHash(fragment);
  if (text.length > MAX_FRAGMENT_CHARS) {
    throw new DecodeError('link-too-large', `a link of at most ${MAX_FRAGMENT_CHARS} characters`, MAX_FRAGMENT_CHARS, `the link has ${text.length} characters, more than this app reads`);
  }
  const version = /^v(\d{1,6})\./.exec(text);
  if (!version) {
    throw new DecodeError('link-format', `"${PREFIX}" and the link data`, 0, `the address after # is not an ohcl-topology link (it should start with "${PREFIX}")`);
  }
  if (Number(version[1]) !== LINK_VERSION) {
    throw new DecodeError('link-version', `a link of format version ${LINK_VERSION}`, 1, `the link has format version ${version[1]}; this app reads version ${LINK_VERSION}. Open it with a newer ohcl-topology.`);
  }
  const start = version[0].length;
  const compressed = fromBase64Url(text.slice(start), start);
  const envelope = inflateCapped(compressed, MAX_ENVELOPE_BYTES, (byte) => start + Math.floor((byte * 4) / 3));
  const { parts, view, viewOnly, compareWith, at } = readEnvelope(envelope);
  const carries = (p: SharedParts) => p.input.header.length > 0 || p.input.payload.length > 0;
  if (viewOnly) {
    if (carries(parts)) throw new DecodeError('link-format', 'a view-only link that carries no bytes', at.parts, 'the view-only link carries bytes as well');
    let b: ViewOnlyTarget | null = null;
    if (compareWith) {
      if (!compareWith.viewOnly || carries(compareWith.parts)) throw new DecodeError('link-format', 'the input compared with named by its fingerprint, with no bytes', compareWith.at.parts, 'the view-only link carries the bytes of the input compared with, or does not name it');
      b = { name: compareWith.parts.name, size: compareWith.parts.input.size, fingerprint: compareWith.viewOnly.fingerprint };
    }
    return { parts, view, viewOnly: { name: parts.name, size: parts.input.size, fingerprint: viewOnly.fingerprint }, compareWith: null, compareWithViewOnly: b };
  }
  if (compareWith?.viewOnly) throw new DecodeError('link-format', 'the bytes of the input compared with', compareWith.at.parts, 'the link carries its first input but only names the one compared with');
  // Refused before anything is decoded: opening the parts (A's, and B's when compared) must read exactly what they carry.
  for (const [side, where] of [[parts, at], ...(compareWith ? [[compareWith.parts, compareWith.at] as const] : [])] as const) {
    const problem = partsReadProblem(side.input, side.options);
    if (problem) throw new DecodeError('link-format', 'parts that hold every byte the decoder reads, and only those', where.parts, `the link is inconsistent: ${problem}`);
  }
  return { parts, view, viewOnly: null, compareWith: compareWith?.parts ?? null, compareWithViewOnly: null };
}

function stripHash(fragment: string): string {
  return fragment.startsWith('#') ? fragment.slice(1) : fragment;
}
