// What a SavedState decode came to, as comparable text: the differential test
// and fuzz target compare the generated decoder with the generic one through
// it. No dependency but the decoder's own types and io's hex, so it also runs
// in a bundle (format/noEval.test.ts).
import { DecodeError } from '../format/errors.ts';
import type { DecodedSavedState } from '../format/savedState.ts';
import { toHex } from '../io/base64.ts';

export type Decoder = (bytes: Uint8Array, fileOffset: number) => DecodedSavedState;

/**
 * What decoding `bytes` came to, as text that differs whenever anything does:
 * the value (key order, bigint or number), every unknown field (path, number,
 * wire type, offset, bytes) and the omitted count; or the error's code, offset,
 * expected text and message. Anything thrown but a DecodeError propagates.
 */
export function decodeOutcome(decode: Decoder, bytes: Uint8Array, fileOffset: number): string {
  let decoded: DecodedSavedState;
  try {
    decoded = decode(bytes, fileOffset);
  } catch (err) {
    if (!(err instanceof DecodeError)) throw err;
    return JSON.stringify({ error: { code: err.code, offset: err.offset, expected: err.expected, message: err.message } });
  }
  return JSON.stringify(decoded, (_key, value: unknown) => {
    if (typeof value === 'bigint') return `${value}n`;
    if (value instanceof Uint8Array) return `bytes:${toHex(value)}`;
    return value;
  });
}
