// Raw DEFLATE (fflate) for link envelopes, with a hard cap on what inflating
// may produce: a hostile link of a few kilobytes cannot expand to gigabytes.
import { deflateSync, Inflate } from 'fflate';
import { DecodeError } from '../format/errors.ts';

/** Compressed bytes are fed this many at a time; DEFLATE expands at most ~1032×, so one step yields ≤ ~264 KiB. */
const STEP = 256;

export function deflate(bytes: Uint8Array): Uint8Array {
  return deflateSync(bytes, { level: 9, mem: 8 });
}

class OverCap extends Error {}

/**
 * Inflates `compressed`, refusing with `link-too-large` as soon as the output
 * passes `cap` bytes. `charOffset(i)` maps a compressed byte offset to the
 * fragment character that holds it, for error offsets.
 */
export function inflateCapped(compressed: Uint8Array, cap: number, charOffset: (byteOffset: number) => number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > cap) throw new OverCap();
    chunks.push(chunk);
    ended = final;
  });
  let at = 0;
  try {
    for (; at < compressed.length || at === 0; at += STEP) {
      const end = Math.min(compressed.length, at + STEP);
      inflater.push(compressed.subarray(at, end), end === compressed.length);
      if (end === compressed.length) break;
    }
  } catch (err) {
    if (err instanceof OverCap) {
      throw new DecodeError('link-too-large', `a link that expands to at most ${cap} bytes`, charOffset(at), `the link expands to more than ${cap} bytes (a decompression bomb, or not a link this app made); refused`);
    }
    const detail = err instanceof Error ? err.message : String(err);
    throw new DecodeError('link-format', 'DEFLATE-compressed data', charOffset(at), `the link's data does not decompress (${detail}): was it cut or altered?`);
  }
  if (!ended) throw new DecodeError('link-format', 'the end of the DEFLATE stream', charOffset(compressed.length), 'the link\'s data ends early: it was cut short');
  const out = new Uint8Array(total);
  let pos = 0;
  for (const c of chunks) {
    out.set(c, pos);
    pos += c.length;
  }
  return out;
}
