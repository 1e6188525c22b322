// Where an image's header says its payload is, and whether the input holds it.
// Decoder-free, so page code (share links) can use it: the page never loads
// the decoder (it runs in the worker).
import { DecodeError } from './errors.ts';
import type { PayloadLocation, PersistedHeader } from '../model/persistedState.ts';
import { HEADER_SIZE, PAGE_SIZE } from './header.ts';

/**
 * The header page's GPA as OpenHCL lays an image out: one page below
 * protobuf_base; null when protobuf_base leaves no page below it. The one rule
 * for reading an image, re-opening its JSON and writing it again (app and CLI).
 */
export function derivedHeaderGpa(protobufBase: bigint): bigint | null {
  const page = BigInt(PAGE_SIZE);
  return protobufBase >= page ? protobufBase - page : null;
}

/**
 * The header GPA an image is written back with (app and `cli encode` alike):
 * the derived one, so the image keeps its protobuf_base, else the one it was
 * read with; null when neither exists.
 */
export function writtenHeaderGpa(protobufBase: bigint, readAt: bigint | null): bigint | null {
  return derivedHeaderGpa(protobufBase) ?? readAt;
}

/**
 * Where the header says the payload is: `protobuf_base - headerGpa` bytes into
 * the image. Throws a DecodeError naming protobuf_base when it points below or
 * into the header.
 */
export function locatePayload(header: PersistedHeader, baseGpa?: bigint): PayloadLocation {
  const headerGpa = baseGpa ?? derivedHeaderGpa(header.protobuf_base);
  if (headerGpa === null) {
    throw new DecodeError('header-protobuf-base', 'protobuf_base of at least 0x1000 (the header page lies below it)', 8, `protobuf_base 0x${header.protobuf_base.toString(16)} leaves no room for the header page below it`);
  }
  const offset = header.protobuf_base - headerGpa;
  if (offset < BigInt(HEADER_SIZE)) {
    throw new DecodeError('header-protobuf-base', `protobuf_base at least 32 bytes above the header GPA 0x${headerGpa.toString(16)}`, 8, `protobuf_base 0x${header.protobuf_base.toString(16)} lies ${offset < 0n ? 'below' : 'inside'} the header (header GPA 0x${headerGpa.toString(16)})`);
  }
  return { offset, length: header.protobuf_payload_len, headerGpa, headerGpaSource: baseGpa !== undefined ? 'given' : 'derived' };
}

/** The error naming the header field that points past the end of the input, if one does. */
export function payloadOutsideInput(location: PayloadLocation, size: number): DecodeError | null {
  const total = BigInt(size);
  if (location.offset > total) {
    return new DecodeError('payload-outside-input', `protobuf_base inside the ${size}-byte input`, 8, `protobuf_base points ${location.offset} bytes past the header, beyond the end of the ${size}-byte input`);
  }
  if (location.length > total - location.offset) {
    return new DecodeError('payload-outside-input', `a payload that fits in the ${total - location.offset} bytes after protobuf_base`, 24, `protobuf_payload_len ${location.length} runs past the end of the ${size}-byte input (payload at offset ${location.offset})`);
  }
  return null;
}
