import { describe, expect, it } from 'vitest';
import { encodeSavedState } from '../format/encodeSavedState.ts';
import { openInput } from './index.ts';
import { MAX_PASTE_CHARS } from './pastedText.ts';
import { opensAsJson } from './detect.ts';
import { anywayPastHeader, headLength, MAX_DOCUMENT_JSON_CHARS, MAX_SAVED_STATE_BYTES, optionsToKeepKind, partsReadProblem, planReads } from './readPlan.ts';
import { jsonExport } from '../export/exports.ts';
import { partsOfDocument } from '../share/parts.ts';
import { bytesSource, type ByteSource } from '../io/byteSource.ts';
import { loadFixtures } from '../testing/fixtures.ts';
import { openDoc, persisted } from '../testing/openDoc.ts';

const img02 = loadFixtures().find((f) => f.name === 'img02_realistic')!;

/** img02 with header fields overwritten. */
function imageWith(fields: Partial<Record<'magic' | 'base' | 'regionLen' | 'payloadLen', bigint>>, size = img02.bytes.length): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set(img02.bytes.subarray(0, Math.min(size, img02.bytes.length)));
  const view = new DataView(bytes.buffer);
  const at = { magic: 0, base: 8, regionLen: 16, payloadLen: 24 } as const;
  for (const [k, v] of Object.entries(fields)) view.setBigUint64(at[k as keyof typeof at], v, true);
  return bytes;
}

describe('openInput on images', () => {
  it('reads only the header and the payload of a 4 GiB image', async () => {
    const reads: [number, number][] = [];
    const sparse: ByteSource = {
      size: 4 * 1024 ** 3,
      read: async (offset, length) => {
        reads.push([offset, length]);
        const out = new Uint8Array(length);
        out.set(img02.bytes.subarray(offset, offset + length));
        return out;
      },
    };
    const doc = await openDoc(sparse);
    expect(doc.bootCheck.outcome).toBe('accepted');
    expect(reads).toEqual([[0, 32], [4096, 380]]);
    expect(doc.source.bytesRead).toBe(32 + 380);
  });

  it('uses a given base GPA instead of deriving it', async () => {
    const doc = await openDoc(bytesSource(img02.bytes), { baseGpa: 0x4_8000_0000n - 0x1000n });
    // The payload now lies a page later, where the region holds zeros: `00 00` pairs, then an odd 00.
    expect(persisted(doc).payloadLocation?.offset).toBe(0x2000n);
    expect(doc.decoded?.partition_memory ?? []).toEqual([]);
  });

  it('reports the legacy magic, decodes, and says the boot would ignore it', async () => {
    const doc = await openDoc(bytesSource(imageWith({ magic: 0x4f48434c50484452n })));
    expect(persisted(doc).header?.magicKind).toBe('legacy');
    expect(doc.decoded?.partition_memory).toHaveLength(14);
    expect(doc.bootCheck.outcome).toBe('first-boot');
    expect(doc.diagnostics.map((d) => d.code)).toContain('header-magic-legacy');
  });

  it('reports an all-zero header page as a region never written', async () => {
    const doc = await openDoc(bytesSource(new Uint8Array(0x20_0000)));
    expect(doc.format.kind).toBe('vtl2-image');
    expect(persisted(doc).header?.magicKind).toBe('zero');
    expect(doc.error).toBeNull();
    expect(doc.bootCheck.outcome).toBe('first-boot');
  });

  it.each([
    ['payload_len 2^64-1', { payloadLen: (1n << 64n) - 1n }, {}, 'payload-outside-input', 24],
    ['protobuf_base below the header', { base: 0x10n }, {}, 'header-protobuf-base', 8],
    ['protobuf_base past the end', { base: 0xffff_ffff_ffff_f000n }, { baseGpa: 0x4_8000_0000n }, 'payload-outside-input', 8],
  ] as const)('fails with a typed error naming the field: %s', async (_, fields, options, code, offset) => {
    const doc = await openDoc(bytesSource(imageWith(fields)), options);
    expect(doc.error?.code).toBe(code);
    expect(doc.error?.offset).toBe(offset);
    expect(doc.source.bytesRead).toBe(32);
  });

  it('panics the boot on region_len 2^64-1 and on a 2^64 wrap-around', async () => {
    for (const fields of [{ regionLen: (1n << 64n) - 1n }, { base: 0xffff_ffff_ffff_f000n, regionLen: 0x2000n }]) {
      const doc = await openDoc(bytesSource(imageWith(fields)), { baseGpa: 0xffff_ffff_ffff_e000n });
      expect(doc.bootCheck.outcome).toBe('panic');
    }
  });

  it('panics the boot on an unaligned protobuf region', async () => {
    const doc = await openDoc(bytesSource(imageWith({ regionLen: 0x13001n })));
    expect(doc.bootCheck.outcome).toBe('panic');
    expect(doc.bootCheck.reason).toContain('aligned');
  });

  it('decodes anyway only past the 32-byte header, as a link and a JSON document can carry it', async () => {
    const damaged = imageWith({ magic: 0x1234n });
    const inside = await openDoc(bytesSource(damaged), { anyway: { offset: 16n, length: 380n } });
    expect(inside.error).toMatchObject({ code: 'anyway-offset', offset: 16 });
    expect(inside.error?.message).toContain('inside the 32-byte header');
    expect(inside.source.bytesRead).toBe(32);
    expect(anywayPastHeader(31n)).toBe(false);
    expect(anywayPastHeader(32n)).toBe(true);
    const past = await openDoc(bytesSource(damaged), { anyway: { offset: 4096n, length: 380n } });
    expect(past.error).toBeNull();
    expect(past.decoded?.partition_memory).toHaveLength(14);
    // What it opened, a link can carry.
    const parts = partsOfDocument(past, 'img.bin', { anyway: { offset: 4096n, length: 380n } });
    expect(partsReadProblem(parts.input, parts.options)).toBeNull();
  });

  it('says "unknown" when the image ends before its payload', async () => {
    const doc = await openDoc(bytesSource(img02.bytes.subarray(0, 4096 + 100)));
    expect(doc.error?.code).toBe('payload-outside-input');
    expect(doc.bootCheck.outcome).toBe('unknown');
  });
});

describe('openInput on payloads', () => {
  const realistic = loadFixtures().find((f) => f.name === 'p03_realistic_x64_2node')!;

  it('reads a raw payload once, and accepts it', async () => {
    const doc = await openDoc(bytesSource(realistic.bytes));
    expect(doc.format.kind).toBe('saved-state');
    expect(doc.source.bytesRead).toBe(380);
    expect(doc.bootCheck.outcome).toBe('accepted');
  });

  it('panics the boot without a header entry or with three VTL0 MMIO ranges', async () => {
    const state = (await openDoc(bytesSource(realistic.bytes))).decoded!;
    const noHeader = { ...state, partition_memory: state.partition_memory.filter((e) => e.vtl_type.value !== 11) };
    expect((await openDoc(bytesSource(encodeSavedState(noHeader)))).bootCheck.reason).toContain('persisted state header missing');
    const mmio = { ...state, partition_mmio: [...state.partition_mmio, state.partition_mmio[0]!] };
    expect((await openDoc(bytesSource(encodeSavedState(mmio)))).bootCheck.outcome).toBe('panic');
  });

  it('can be forced to read an image as a payload', async () => {
    const doc = await openDoc(bytesSource(img02.bytes), { as: 'saved-state' });
    expect(doc.format.kind).toBe('saved-state');
    expect(doc.error).not.toBeNull();
  });
});

describe('text of 2 MiB or more in whole pages is no headerless image', () => {
  const THREE_MIB = 3 * 1024 * 1024;
  const padded = (text: string) => new TextEncoder().encode(text.padEnd(THREE_MIB, ' '));

  it('img02\'s JSON export padded to 3,145,728 bytes re-opens as img02, and the plan, kept kind and parts agree', async () => {
    const original = await openDoc(bytesSource(img02.bytes), {}, 'img02.bin');
    const json = padded(jsonExport(original, 'img02.bin').content as string);
    expect(json.length).toBe(THREE_MIB);
    const head = json.subarray(0, headLength(json.length));
    expect(planReads(head, json.length).kind).toBe('whole');
    const doc = await openDoc(bytesSource(json), {}, 'img02.topology.json');
    expect(doc.format.kind).toBe('vtl2-image');
    expect(doc.decoded).toEqual(original.decoded);
    // Carried whole as a saved state's bytes, opening it reads exactly them.
    const parts = { header: new Uint8Array(0), payloadOffset: 0, payload: json, size: json.length };
    const options = optionsToKeepKind('saved-state', parts);
    expect(options).toEqual({ as: 'saved-state' });
    expect(partsReadProblem(parts, {})).toBeNull();
    expect(partsReadProblem(parts, options)).toBeNull();
  });

  it('hex text padded to 3 MiB opens as the payload it spells', async () => {
    const p03 = loadFixtures().find((f) => f.name === 'p03_realistic_x64_2node')!.bytes;
    const doc = await openDoc(bytesSource(padded(Buffer.from(p03).toString('hex'))), {}, 'p03.txt');
    expect(doc.format.kind).toBe('saved-state');
    expect(persisted(doc).payload).toEqual(p03);
  });
});

describe('openInput on a source that fails', () => {
  it('a failed read of the header is read-failed, naming the cause, not an empty header', async () => {
    const failing: ByteSource = { size: 4096, read: () => Promise.reject(new Error('EIO: the disk went away')) };
    const opened = await openInput(failing, { name: 'gone.bin' });
    expect(opened).toMatchObject({ ok: false, name: 'gone.bin', error: { code: 'read-failed', offset: 0 } });
    expect(opened.ok ? '' : opened.error.message).toContain('EIO: the disk went away');
  });

  it('a paste past the cap is refused by its size, never read', async () => {
    let reads = 0;
    const huge: ByteSource = { size: MAX_PASTE_CHARS + 1, read: () => (reads++, Promise.reject(new Error('not to be read'))) };
    const opened = await openInput(huge, { name: 'pasted text', pasted: true });
    expect(opened).toMatchObject({ ok: false, error: { code: 'paste-format', offset: MAX_PASTE_CHARS } });
    expect(reads).toBe(0);
  });
});

describe('openInput on inputs past their cap', () => {
  /** `size` bytes that open with `head`, never read past it. */
  const opening = (head: string, size: number): ByteSource => ({ size, read: async (offset, length) => new TextEncoder().encode(head.padEnd(offset + length, ' ')).subarray(offset, offset + length) });

  it('names the cap it applied: a JSON document\'s, or a saved state\'s', async () => {
    const json = (await openDoc(opening('{"kind": "saved-state"', MAX_DOCUMENT_JSON_CHARS + 1))).error;
    expect(json).toMatchObject({ code: 'input-too-large', expected: `a JSON document of at most ${MAX_DOCUMENT_JSON_CHARS} bytes` });
    expect(json?.message).toContain('too large for a JSON document');
    const raw = (await openDoc(opening('0a12', MAX_SAVED_STATE_BYTES + 1))).error;
    expect(raw).toMatchObject({ code: 'input-too-large', expected: `a saved-state payload of at most ${MAX_SAVED_STATE_BYTES} bytes` });
  });

  it('a brace then a control byte is no JSON document: past a saved state\'s cap it is refused unread', async () => {
    let read = 0;
    const braceThenNuls: ByteSource = { size: MAX_SAVED_STATE_BYTES + 1, read: async (_offset, length) => ((read += length), Uint8Array.from({ length }, (_, i) => (i === 0 ? 0x7b : 0))) };
    const error = (await openDoc(braceThenNuls)).error;
    expect(error).toMatchObject({ code: 'input-too-large', expected: `a saved-state payload of at most ${MAX_SAVED_STATE_BYTES} bytes` });
    expect(read).toBe(32); // the head only
    // Nor is a brace then anything but `"` or `}`: a 64 MiB RTF file is refused unread too.
    let rtfRead = 0;
    const rtf: ByteSource = { size: MAX_SAVED_STATE_BYTES + 1, read: async (offset, length) => ((rtfRead += length), new TextEncoder().encode('{\\rtf1\\ansi'.padEnd(offset + length, 'x')).subarray(offset, offset + length)) };
    expect((await openDoc(rtf)).error).toMatchObject({ code: 'input-too-large', expected: `a saved-state payload of at most ${MAX_SAVED_STATE_BYTES} bytes` });
    expect(rtfRead).toBe(32);
    // Forced as a saved state, a brace-led input takes a saved state's cap too.
    const forced = (await openDoc(opening('{"kind": "saved-state"', MAX_SAVED_STATE_BYTES + 1), { as: 'saved-state' })).error;
    expect(forced).toMatchObject({ code: 'input-too-large', expected: `a saved-state payload of at most ${MAX_SAVED_STATE_BYTES} bytes` });
  });
});

describe('opensAsJson', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  it('a brace after a byte-order mark and JSON white space, then `"` or `}` (or the head\'s end), with no raw control byte in the head', () => {
    expect(opensAsJson(bytes('{"file": "vm.bin"'))).toBe(true);
    expect(opensAsJson(bytes('\ufeff \r\n\t{\n  "file"'))).toBe(true);
    expect(opensAsJson(bytes('{ }'))).toBe(true);
    expect(opensAsJson(bytes('{ \n'))).toBe(true);
    expect(opensAsJson(bytes('{\\rtf1\\ansi\\deff0'))).toBe(false); // an RTF file
    expect(opensAsJson(bytes('{ x'))).toBe(false);
    expect(opensAsJson(bytes('{1}'))).toBe(false);
    expect(opensAsJson(bytes('[{}]'))).toBe(false);
    expect(opensAsJson(bytes('x{'))).toBe(false);
    expect(opensAsJson(Uint8Array.of(0x7b, 0x00, 0x22))).toBe(false);
    expect(opensAsJson(Uint8Array.of(0x0c, 0x7b))).toBe(false); // form feed is no JSON white space
    expect(opensAsJson(new Uint8Array(0))).toBe(false);
  });
});
