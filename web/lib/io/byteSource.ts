// Random access to an input: decoders ask for the few ranges they need, so a
// 4 GiB image costs two small reads. Implementations: bytes in memory, a Blob or
// File (browser and worker), a file handle (Node, see web/cli/fileSource.ts).
import { DecodeError } from '../format/errors.ts';

export interface ByteSource {
  /** Total size in bytes. */
  readonly size: number;
  /** Reads `length` bytes at `offset`; the range must lie inside the source. */
  read(offset: number, length: number): Promise<Uint8Array>;
}

export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: async (offset, length) => bytes.subarray(offset, offset + length),
  };
}

/** A Blob or File, read with `slice`: only the requested bytes are ever loaded. */
export function blobSource(blob: Blob): ByteSource {
  return {
    size: blob.size,
    read: async (offset, length) => new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer()),
  };
}

/** Wraps a source to count what was read, for the "bytes read" figure the app shows. */
export class CountingSource implements ByteSource {
  bytesRead = 0;
  readonly reads: { offset: number; length: number }[] = [];

  constructor(private readonly inner: ByteSource) {}

  get size(): number {
    return this.inner.size;
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    if (offset < 0 || length < 0 || offset + length > this.inner.size) {
      throw new DecodeError('read-failed', `a range inside the ${this.inner.size}-byte input`, offset, `cannot read ${length} bytes at offset ${offset}: the input has ${this.inner.size} bytes`);
    }
    this.reads.push({ offset, length });
    this.bytesRead += length;
    let bytes: Uint8Array;
    try {
      bytes = await this.inner.read(offset, length);
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      throw new DecodeError('read-failed', `${length} readable bytes`, offset, `could not read ${length} bytes at offset ${offset}: ${detail}`);
    }
    if (bytes.length !== length) {
      throw new DecodeError('read-failed', `${length} bytes`, offset, `read ${bytes.length} of ${length} bytes at offset ${offset}: the input changed or ended early`);
    }
    return bytes;
  }
}

/**
 * An image rebuilt from its parts (a share link carries only these): the
 * header at offset 0, zeros, the payload at `payloadOffset`. Nothing is
 * allocated for the zeros until they are read, and only what is read.
 */
export function partsSource(parts: { header: Uint8Array; payloadOffset: number; payload: Uint8Array; size?: number }): ByteSource {
  const { header, payloadOffset, payload } = parts;
  // `size`: the original input's size (a link carries it), so the re-opened document reports it.
  const size = Math.max(parts.size ?? 0, header.length, payloadOffset + payload.length);
  return {
    size,
    read: async (offset, length) => {
      const out = new Uint8Array(length);
      const copy = (part: Uint8Array, at: number) => {
        const from = Math.max(offset, at);
        const to = Math.min(offset + length, at + part.length);
        if (from < to) out.set(part.subarray(from - at, to - at), from - offset);
      };
      copy(header, 0);
      copy(payload, payloadOffset);
      return out;
    },
  };
}
