// An input known only in part: what a share link or a JSON document carries.
// The bytes at offset 0 (an image's header) and the payload at its offset,
// in an input of the original size. Reading anything else is refused: the
// parts never make up bytes, so a link or a document can only ever make the
// decoder read what it carries.
import { DecodeError } from '../format/errors.ts';
import type { ByteSource } from './byteSource.ts';

export interface InputParts {
  /** The bytes at offset 0: an image's 32 header bytes; empty when only the payload is carried. */
  header: Uint8Array;
  /** Offset of `payload` in the input. */
  payloadOffset: number;
  /** The payload bytes (empty when none were read). */
  payload: Uint8Array;
  /** Size of the original input. */
  size: number;
}

/** The carried pieces as (offset, bytes), empty ones left out. */
export function piecesOf(parts: InputParts): { at: number; bytes: Uint8Array }[] {
  const pieces = [
    { at: 0, bytes: parts.header },
    { at: parts.payloadOffset, bytes: parts.payload },
  ];
  return pieces.filter((p) => p.bytes.length > 0);
}

/** Why the parts are not a consistent input (overlapping, or larger than the input), or null. */
export function partsProblem(parts: InputParts): string | null {
  const { header, payloadOffset, payload, size } = parts;
  if (!Number.isSafeInteger(payloadOffset) || payloadOffset < 0) return `a payload offset of ${payloadOffset}`;
  if (size < Math.max(header.length, payloadOffset + payload.length)) return `its input size ${size} is smaller than the bytes it carries`;
  if (header.length > 0 && payload.length > 0 && payloadOffset < header.length) {
    return `its payload (at offset ${payloadOffset}) overlaps its header (bytes 0 to ${header.length})`;
  }
  return null;
}

/** The bytes the parts hold at [offset, offset + length), or null when one piece does not hold them all. */
export function readParts(parts: InputParts, offset: number, length: number): Uint8Array | null {
  if (length === 0) return new Uint8Array(0);
  for (const piece of piecesOf(parts)) {
    if (offset >= piece.at && offset + length <= piece.at + piece.bytes.length) return piece.bytes.subarray(offset - piece.at, offset - piece.at + length);
  }
  return null;
}

/** The parts as a source: a read must lie inside one carried piece. */
export function partsSource(parts: InputParts): ByteSource {
  const problem = partsProblem(parts);
  return {
    size: parts.size,
    read: async (offset, length) => {
      if (problem) throw new DecodeError('link-format', 'consistent input parts', 0, `the parts are inconsistent: ${problem}`);
      const bytes = readParts(parts, offset, length);
      if (!bytes) throw new Error(`bytes ${offset} to ${offset + length} were not carried`);
      return bytes;
    },
  };
}
