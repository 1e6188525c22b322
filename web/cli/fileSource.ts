// A ByteSource over a file on disk: reads only the ranges asked for.
import { open } from 'node:fs/promises';
import type { ByteSource } from '../lib/io/byteSource.ts';

export async function withFileSource<T>(path: string, consume: (source: ByteSource) => Promise<T>): Promise<T> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const source: ByteSource = {
      size,
      async read(offset, length) {
        const bytes = new Uint8Array(length);
        let done = 0;
        while (done < length) {
          const { bytesRead } = await handle.read(bytes, done, length - done, offset + done);
          if (bytesRead === 0) break;
          done += bytesRead;
        }
        return bytes.subarray(0, done);
      },
    };
    return await consume(source);
  } finally {
    await handle.close();
  }
}
