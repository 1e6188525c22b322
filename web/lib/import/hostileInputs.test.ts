// Hostile headers and sources, field by field: every u64 on its boundaries
// gives a typed error or a boot verdict that names the field, and no read is
// larger than the file holds or the header can justify. (index.test.ts has
// the first cases of openInput; these extend them.)
import { describe, expect, it } from 'vitest';
import { decodeSavedState, MAX_KEPT_UNKNOWN_FIELDS } from '../format/savedState.ts';
import { PERSISTED_REGION_SIZE } from '../format/header.ts';
import { bytesSource } from '../io/byteSource.ts';
import { loadFixtures } from '../testing/fixtures.ts';
import { recordingSource } from '../testing/fuzz/inputs.ts';
import { openDoc, persisted } from '../testing/openDoc.ts';
import type { OpenOptions } from './options.ts';

const img02 = loadFixtures().find((f) => f.name === 'img02_realistic')!;
const U64_MAX = (1n << 64n) - 1n;
const AT = { base: 8, regionLen: 16, payloadLen: 24 } as const;

/** img02's header with fields overwritten, and its payload, in a source of `size` bytes that records its reads. */
function hostile(fields: Partial<Record<keyof typeof AT, bigint>>, size = img02.bytes.length) {
  const header = img02.bytes.slice(0, 32);
  const view = new DataView(header.buffer);
  for (const [k, v] of Object.entries(fields)) view.setBigUint64(AT[k as keyof typeof AT], v, true);
  return recordingSource(size, { header, payloadOffset: 4096, payload: img02.bytes.subarray(4096, 4096 + 380) }, 4 * 1024 * 1024);
}

async function open(fields: Partial<Record<keyof typeof AT, bigint>>, size?: number, options: OpenOptions = {}) {
  const source = hostile(fields, size);
  const doc = await openDoc(source, options);
  const read = source.reads.reduce((n, r) => n + r.length, 0);
  return { doc, reads: source.reads, read };
}

describe('hostile protobuf_payload_len', () => {
  it.each([1n << 53n, (1n << 53n) + 1n, 1n << 63n, U64_MAX - 0xfffn, U64_MAX])('%s past the end of a 2 MiB image: typed error at byte 24, header read only', async (len) => {
    const { doc, read } = await open({ payloadLen: len });
    expect(doc.error).toMatchObject({ code: 'payload-outside-input', offset: 24 });
    expect(doc.error?.message).toContain('protobuf_payload_len');
    expect(read).toBe(32);
    expect(doc.bootCheck.outcome).toBe('panic'); // the header check comes first: payload_len > region_len
  });

  it.each([BigInt(PERSISTED_REGION_SIZE) + 1n, (1n << 32n) - 0x2000n, 3n << 30n])('%s inside a 4 GiB file: refused before reading it (the file holds it, the region cannot)', async (len) => {
    const { doc, reads } = await open({ payloadLen: len }, 4 * 1024 ** 3);
    expect(doc.error).toMatchObject({ code: 'header-payload-len', offset: 24 });
    expect(doc.error?.message).toContain('protobuf_payload_len');
    expect(reads).toEqual([{ offset: 0, length: 32 }]);
    expect(doc.bootCheck.outcome).toBe('panic');
    expect(doc.diagnostics.find((d) => d.code === 'header-payload-len')?.message).toContain('protobuf_payload_len');
  });

  it('a payload as long as the whole persisted region is still read and decoded', async () => {
    const { doc, read } = await open({ payloadLen: BigInt(PERSISTED_REGION_SIZE) }, 4 * 1024 ** 3);
    expect(read).toBe(32 + PERSISTED_REGION_SIZE);
    expect(doc.error?.code).not.toBe('header-payload-len');
  });
});

describe('hostile protobuf_base', () => {
  it.each([0n, 1n, 0xfffn])('%s leaves no room for the header page: typed error at byte 8', async (base) => {
    const { doc, read } = await open({ base });
    expect(doc.error).toMatchObject({ code: 'header-protobuf-base', offset: 8 });
    expect(doc.error?.message).toContain('protobuf_base');
    expect(read).toBe(32);
  });

  it.each([1n << 53n, 1n << 63n, U64_MAX - 0xfffn, U64_MAX])('%s with the image base given: points past the end, typed error at byte 8', async (base) => {
    const { doc, read } = await open({ base }, undefined, { baseGpa: 0x4_8000_0000n });
    expect(doc.error).toMatchObject({ code: 'payload-outside-input', offset: 8 });
    expect(doc.error?.message).toContain('protobuf_base');
    expect(read).toBe(32);
  });

  it('below the given image base: typed error naming protobuf_base', async () => {
    const { doc } = await open({}, undefined, { baseGpa: U64_MAX });
    expect(doc.error).toMatchObject({ code: 'header-protobuf-base', offset: 8 });
    expect(doc.error?.message).toMatch(/protobuf_base .* below the header/);
  });

  it.each([U64_MAX, U64_MAX - 0xfffn, (1n << 64n) - 0x1000n])('%s (derived header GPA): the boot panics on the region, naming the fields', async (base) => {
    const { doc, read } = await open({ base });
    expect(doc.bootCheck.outcome).toBe('panic');
    expect(doc.bootCheck.reason).toMatch(/protobuf_base|protobuf region/);
    expect(doc.diagnostics.map((d) => d.code)).toContain('header-region-wraps');
    expect(read).toBeLessThanOrEqual(32 + 380);
  });

  it('unaligned: a boot panic and a diagnostic naming protobuf_base', async () => {
    const { doc } = await open({ base: 0x4_8000_1001n });
    expect(doc.bootCheck.outcome).toBe('panic');
    expect(doc.bootCheck.reason).toContain('aligned');
    expect(doc.diagnostics.find((d) => d.code === 'header-unaligned')?.message).toContain('protobuf_base');
  });
});

describe('hostile protobuf_region_len', () => {
  it.each([U64_MAX, 1n << 63n, U64_MAX - 0xfffn])('%s: a boot panic and diagnostics naming the field', async (len) => {
    const { doc, read } = await open({ regionLen: len });
    expect(doc.bootCheck.outcome).toBe('panic');
    expect(doc.bootCheck.reason).toMatch(/protobuf_region_len|protobuf region/);
    const messages = doc.diagnostics.filter((d) => d.code.startsWith('header-')).map((d) => d.message).join('\n');
    expect(messages).toContain('protobuf_region_len');
    expect(read).toBe(32 + 380);
  });

  it('a 2^64 wrap-around of page-aligned values: a boot panic and a wrap diagnostic naming both fields', async () => {
    const { doc } = await open({ base: (1n << 64n) - 0x1000n, regionLen: 0x2000n }, undefined, { baseGpa: (1n << 64n) - 0x2000n });
    expect(doc.bootCheck.outcome).toBe('panic');
    expect(doc.bootCheck.reason).toContain('wraps past 2^64');
    const wrap = doc.diagnostics.find((d) => d.code === 'header-region-wraps');
    expect(wrap?.message).toContain('protobuf_base');
    expect(wrap?.message).toContain('protobuf_region_len');
  });

  it('unaligned: a diagnostic naming protobuf_region_len', async () => {
    const { doc } = await open({ regionLen: 0x13001n });
    expect(doc.diagnostics.find((d) => d.code === 'header-unaligned')?.message).toContain('protobuf_region_len');
  });
});

describe('hostile sources', () => {
  it.each([2 ** 53 - 1, 2 ** 53 - 4096, 4 * 1024 ** 3])('a %s-byte source with every field at 2^64-1: the header is all it reads', async (size) => {
    const { doc, reads } = await open({ base: U64_MAX, regionLen: U64_MAX, payloadLen: U64_MAX }, size);
    expect(reads).toEqual([{ offset: 0, length: 32 }]);
    expect(doc.error?.offset).toBe(24);
  });

  it('a raw saved state claiming more than 64 MiB is refused before any payload read', async () => {
    const source = recordingSource(2 ** 53 - 1, { header: new Uint8Array(32).fill(0x0a), payloadOffset: 0, payload: new Uint8Array() }, 1024);
    const doc = await openDoc(source);
    expect(doc.error?.code).toBe('input-too-large');
    expect(source.reads).toEqual([{ offset: 0, length: 32 }]);
  });
});

describe('zero-filled payloads (a region never written, or a header pointing into zeros)', () => {
  it('keep the first unknown fields and count the rest, instead of a record per two bytes', () => {
    const zeros = new Uint8Array(PERSISTED_REGION_SIZE);
    const decoded = decodeSavedState(zeros);
    expect(decoded.unknownFields).toHaveLength(MAX_KEPT_UNKNOWN_FIELDS);
    expect(decoded.unknownFieldsOmitted).toBe(PERSISTED_REGION_SIZE / 2 - MAX_KEPT_UNKNOWN_FIELDS);
    expect(decoded.unknownFields.at(-1)).toMatchObject({ field: 0, offset: 2 * (MAX_KEPT_UNKNOWN_FIELDS - 1) });
  });

  it('say in a diagnostic how many unknown fields are not listed', async () => {
    const doc = await openDoc(bytesSource(new Uint8Array(PERSISTED_REGION_SIZE)), { as: 'saved-state' });
    expect(doc.error).toBeNull();
    expect(persisted(doc).payload).toHaveLength(PERSISTED_REGION_SIZE);
    const omitted = doc.diagnostics.find((d) => d.code === 'unknown-fields-omitted');
    expect(omitted?.message).toContain(String(PERSISTED_REGION_SIZE / 2 - MAX_KEPT_UNKNOWN_FIELDS));
  });

  it('a 16 MiB zero payload stays within memory (no record per field)', () => {
    const before = process.memoryUsage().heapUsed;
    const decoded = decodeSavedState(new Uint8Array(16 * 1024 * 1024));
    // A record per field took ~1 GB of heap for 2 MiB of zeros before the cap.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 1024 * 1024);
    expect(decoded.unknownFieldsOmitted).toBe(8 * 1024 * 1024 - MAX_KEPT_UNKNOWN_FIELDS);
  });
});
