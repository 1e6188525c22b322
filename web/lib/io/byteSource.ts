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

  constructor(private readonly inner: ByteSource) {}

  get size(): number {
    return this.inner.size;
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    if (offset < 0 || length < 0 || offset + length > this.inner.size) {
      throw new DecodeError('read-failed', `a range inside the ${this.inner.size}-byte input`, offset, `cannot read ${length} bytes at offset ${offset}: the input has ${this.inner.size} bytes`);
    }
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
