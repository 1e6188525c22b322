import { describe, expect, it } from 'vitest';
import { partsProblem, partsSource, readParts } from './inputParts.ts';

const parts = { header: new Uint8Array([1, 2, 3]), payloadOffset: 6, payload: new Uint8Array([7, 8]), size: 10 };

describe('input parts', () => {
  it('serves a read inside one carried piece', async () => {
    const source = partsSource(parts);
    expect(source.size).toBe(10);
    expect([...(await source.read(0, 3))]).toEqual([1, 2, 3]);
    expect([...(await source.read(7, 1))]).toEqual([8]);
  });

  it('refuses any read of bytes it does not carry: it never makes up zeros', async () => {
    const source = partsSource(parts);
    await expect(source.read(0, 8)).rejects.toThrow('were not carried');
    await expect(source.read(3, 1)).rejects.toThrow('were not carried');
    await expect(source.read(8, 2)).rejects.toThrow('were not carried');
    expect(readParts(parts, 2, 5)).toBeNull();
  });

  it('calls overlapping parts, or parts past the size, inconsistent', async () => {
    expect(partsProblem(parts)).toBeNull();
    expect(partsProblem({ ...parts, payloadOffset: 2 })).toContain('overlaps its header');
    expect(partsProblem({ ...parts, size: 7 })).toContain('smaller than the bytes it carries');
    await expect(partsSource({ ...parts, payloadOffset: 0 }).read(0, 1)).rejects.toMatchObject({ code: 'link-format' });
  });
});
