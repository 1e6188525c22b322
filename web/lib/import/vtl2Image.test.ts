// The image importer alone: given the plan, it reads the payload the header
// points to and nothing else, and the document says what that read came to.
import { describe, expect, it } from 'vitest';
import { bytesSource, CountingSource, type ByteSource } from '../io/byteSource.ts';
import type { OpenhclRelease } from '../model/view.ts';
import { loadFixtures } from '../testing/fixtures.ts';
import { persisted } from '../testing/openDoc.ts';
import { headLength, planReads } from './readPlan.ts';
import { importVtl2Image } from './vtl2Image.ts';

const fixtures = loadFixtures();
const bytesOf = (name: string) => fixtures.find((f) => f.name === name)!.bytes;
const img02 = bytesOf('img02_realistic');

/** What openInput does before it hands an image over: the head read through the counting source, then the plan. */
async function importImage(input: ByteSource, release?: OpenhclRelease) {
  const source = new CountingSource(input);
  const head = await source.read(0, headLength(source.size));
  return importVtl2Image(source, planReads(head, source.size), release);
}

/** img02 with `payload` where its own lies (offset 4096). */
function img02With(payload: Uint8Array): Uint8Array {
  const bytes = img02.slice();
  bytes.set(payload, 4096);
  return bytes;
}

describe('importVtl2Image', () => {
  it('reads the header and exactly the payload it points to, and decodes it', async () => {
    const doc = await importImage(bytesSource(img02));
    expect(doc.source.bytesRead).toBe(32 + 380);
    const format = persisted(doc);
    expect(format.payloadLocation).toMatchObject({ offset: 4096n, length: 380n });
    expect(format.payload).toEqual(bytesOf('p03_realistic_x64_2node'));
    expect(doc.error).toBeNull();
    expect(doc.decoded?.partition_memory).toHaveLength(14);
    expect(doc.bootCheck).toMatchObject({ outcome: 'accepted', release: 'current' });
  });

  it('names decode errors by their offset in the image, not in the payload', async () => {
    const doc = await importImage(bytesSource(img02With(bytesOf('bad_p04_wire_type_3'))));
    expect(doc.error).toMatchObject({ code: 'unknown-wire-type', offset: 4096 });
    expect(doc.decoded).toBeNull();
  });

  it('a payload read that fails is the document\'s error at the payload\'s offset', async () => {
    const failing: ByteSource = { size: img02.length, read: (offset, length) => (offset === 0 ? Promise.resolve(img02.subarray(0, length)) : Promise.reject(new Error('EIO'))) };
    const doc = await importImage(failing);
    expect(doc.error).toMatchObject({ code: 'read-failed', offset: 4096 });
    expect(doc.error?.message).toContain('EIO');
    expect(persisted(doc).payload).toBeNull();
    expect(doc.decoded).toBeNull();
  });

  it('reads nothing past the header when the plan refuses the payload', async () => {
    // The image cut before its payload ends: the header points past the end.
    const doc = await importImage(bytesSource(img02.subarray(0, 4096 + 100)));
    expect(doc.error?.code).toBe('payload-outside-input');
    expect(doc.source.bytesRead).toBe(32);
    expect(persisted(doc).payload).toBeNull();
  });

  it('judges the boot by the release it is given', async () => {
    // img02 has two VTL2_GPA_POOL ranges: releases before April 2026 panic on them.
    expect((await importImage(bytesSource(img02), 'pre-2026-04')).bootCheck).toMatchObject({ outcome: 'panic', release: 'pre-2026-04' });
  });
});
