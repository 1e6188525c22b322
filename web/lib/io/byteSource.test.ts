import { describe, expect, it } from 'vitest';
import { partsSource } from './byteSource.ts';

describe('partsSource', () => {
  it('reads header, zeros and payload as one image', async () => {
    const source = partsSource({ header: new Uint8Array([1, 2, 3]), payloadOffset: 6, payload: new Uint8Array([7, 8]) });
    expect(source.size).toBe(8);
    expect([...(await source.read(0, 8))]).toEqual([1, 2, 3, 0, 0, 0, 7, 8]);
    expect([...(await source.read(2, 5))]).toEqual([3, 0, 0, 0, 7]);
  });
});
