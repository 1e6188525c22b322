// Nothing lost: a document exported as JSON (or its payload as .bin) re-opens
// to the same document, unknown fields and unknown enum numbers included; and
// a damaged JSON document fails with an error naming the field.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentToJson } from '../export/documentJson.ts';
import { encodeSavedState } from '../format/encodeSavedState.ts';
import { DecodeError } from '../format/errors.ts';
import { MAGIC } from '../format/header.ts';
import { decodeSavedState } from '../format/savedState.ts';
import { bytesSource } from '../io/byteSource.ts';
import { partsSource } from '../io/inputParts.ts';
import type { SavedState } from '../model/savedState.ts';
import type { TopologyDocument } from '../model/topology.ts';
import { arbSavedState } from '../testing/arbitraries.ts';
import { loadFixtures } from '../testing/fixtures.ts';
import { openDoc, persisted } from '../testing/openDoc.ts';
import { importDocumentJson } from './documentJson.ts';
import { openInput } from './index.ts';

const utf8 = new TextEncoder();

/** Export to JSON text and re-open it, as a user saving and dropping the file does. */
async function reopenJson(doc: TopologyDocument): Promise<TopologyDocument> {
  const text = JSON.stringify(documentToJson(doc, 'x.bin'), null, 2);
  const opened = await openInput(bytesSource(utf8.encode(text)), { name: 'x.topology.json' });
  if (!opened.ok) throw new Error(opened.error.message);
  expect(opened.name).toBe('x.bin');
  return opened.doc;
}

/** Everything a document holds; `detection` only when the kind was not forced the second time. */
function comparable(doc: TopologyDocument) {
  return {
    kind: doc.format.kind,
    size: doc.source.size,
    bytesRead: doc.source.bytesRead,
    header: persisted(doc).header,
    payloadLocation: persisted(doc).payloadLocation,
    payload: persisted(doc).payload,
    decoded: doc.decoded,
    unknownFields: persisted(doc).unknownFields,
    error: doc.error,
    bootCheck: doc.bootCheck,
    diagnostics: doc.diagnostics,
  };
}

/** An image: header page, payload at 4096 (what OpenHCL writes), in a 2 MiB region. */
function image(payload: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(0x20_0000);
  bytes.set([...MAGIC].map((c) => c.charCodeAt(0)));
  const view = new DataView(bytes.buffer);
  view.setBigUint64(8, 0x4_8000_1000n, true);
  view.setBigUint64(16, 0x13000n, true);
  view.setBigUint64(24, BigInt(payload.length), true);
  bytes.set(payload, 0x1000);
  return bytes;
}

/** A state with VTL and IGVM type numbers no OpenHCL release defines. */
function unknownEnums(): SavedState {
  const state = decodeSavedState(loadFixtures().find((f) => f.name === 'p03_realistic_x64_2node')!.bytes).value;
  state.partition_memory[2] = { ...state.partition_memory[2]!, vtl_type: { value: 99, name: null }, igvm_type: { value: 0xfffe, name: null } };
  state.partition_mmio[0] = { ...state.partition_mmio[0]!, vtl_type: { value: 0xffff_ffff, name: null } };
  return state;
}

describe('JSON export → re-open', () => {
  it.each(loadFixtures().map((f) => [f.name, f] as const))('%s re-opens identically', async (_, fixture) => {
    const doc = await openDoc(bytesSource(fixture.bytes));
    const again = await reopenJson(doc);
    expect(comparable(again)).toEqual(comparable(doc));
    expect(again.source.detection).toBe(doc.source.detection);
  });

  it.each(loadFixtures().map((f) => [f.name, f] as const))('%s re-opens identically from the parts a worker takes', async (_, fixture) => {
    const doc = await openDoc(bytesSource(fixture.bytes));
    const imported = importDocumentJson(JSON.stringify(documentToJson(doc, 'x.bin')));
    expect(comparable(await openDoc(partsSource(imported.parts), imported.options))).toEqual(comparable(doc));
  });

  it('keeps unknown fields (tol01) with their paths, offsets and bytes', async () => {
    const tol01 = loadFixtures().find((f) => f.name === 'tol01_unknown_fields_appended')!;
    const doc = await openDoc(bytesSource(tol01.bytes));
    expect(persisted(doc).unknownFields.length).toBeGreaterThan(0);
    expect(persisted(await reopenJson(doc)).unknownFields).toEqual(persisted(doc).unknownFields);
  });

  it('keeps unknown enum numbers, as a payload and inside an image', async () => {
    const payload = encodeSavedState(unknownEnums());
    for (const bytes of [payload, image(payload)]) {
      const doc = await openDoc(bytesSource(bytes));
      expect(doc.decoded?.partition_memory[2]?.vtl_type).toEqual({ value: 99, name: null });
      expect(doc.decoded?.partition_mmio[0]?.vtl_type).toEqual({ value: 0xffff_ffff, name: null });
      expect(comparable(await reopenJson(doc))).toEqual(comparable(doc));
    }
  });

  it('keeps a given image base GPA', async () => {
    const img02 = loadFixtures().find((f) => f.name === 'img02_realistic')!;
    const doc = await openDoc(bytesSource(img02.bytes), { baseGpa: 0x4_8000_0000n - 0x1000n });
    const again = await reopenJson(doc);
    expect(comparable(again)).toEqual(comparable(doc));
  });

  it('any encoded state, unknown fields appended, in an image or not (property)', async () => {
    const unknownTail = fc.constantFrom(new Uint8Array(), new Uint8Array([0x28, 0x2a]), new Uint8Array([0x39, 1, 2, 3, 4, 5, 6, 7, 8]), new Uint8Array([0x52, 2, 0xab, 0xcd]));
    await fc.assert(
      fc.asyncProperty(arbSavedState, unknownTail, fc.boolean(), async (state, tail, asImage) => {
        const encoded = encodeSavedState(state);
        const payload = new Uint8Array(encoded.length + tail.length);
        payload.set(encoded);
        payload.set(tail, encoded.length);
        const source = asImage ? partsSource({ header: image(payload).subarray(0, 32), payloadOffset: 0x1000, payload, size: 0x1000 + payload.length }) : bytesSource(payload);
        const doc = await openDoc(source);
        expect(comparable(await reopenJson(doc))).toEqual(comparable(doc));
      }),
      { numRuns: 150 },
    );
  });
});

describe('.bin export (the payload alone) → re-open', () => {
  it.each(loadFixtures().map((f) => [f.name, f] as const))('%s: same decoded state and unknown fields', async (_, fixture) => {
    const doc = await openDoc(bytesSource(fixture.bytes));
    if (!persisted(doc).payload || !doc.decoded) return; // nothing decoded, nothing to export
    const offset = Number(persisted(doc).payloadLocation!.offset);
    const again = await openDoc(bytesSource(persisted(doc).payload!.slice()), { as: 'saved-state' });
    expect(again.decoded).toEqual(doc.decoded);
    // Unknown-field offsets are file offsets: the .bin starts where the payload started.
    expect(persisted(again).unknownFields).toEqual(persisted(doc).unknownFields.map((f) => ({ ...f, offset: f.offset - offset })));
  });

  it('keeps unknown enum numbers', async () => {
    const doc = await openDoc(bytesSource(image(encodeSavedState(unknownEnums()))));
    const again = await openDoc(bytesSource(persisted(doc).payload!.slice()), { as: 'saved-state' });
    expect(again.decoded).toEqual(doc.decoded);
    expect(again.decoded?.partition_memory[2]?.igvm_type).toEqual({ value: 0xfffe, name: null });
  });
});

describe('damaged JSON documents', () => {
  const exported = async () => {
    const img02 = loadFixtures().find((f) => f.name === 'img02_realistic')!;
    return documentToJson(await openDoc(bytesSource(img02.bytes)), 'img02.bin') as unknown as Record<string, Record<string, unknown>>;
  };
  const failure = (text: string): DecodeError => {
    try {
      importDocumentJson(text);
    } catch (err) {
      if (err instanceof DecodeError) return err;
      throw err;
    }
    throw new Error('parsed without error');
  };

  it.each([
    ['not JSON', () => '{"kind": ', 'the text'],
    ['a JSON array', () => '[]', 'the document'],
    ['an unknown kind', (d: Record<string, Record<string, unknown>>) => JSON.stringify({ ...d, kind: 'elf' }), 'kind'],
    ['a negative size', (d: Record<string, Record<string, unknown>>) => JSON.stringify({ ...d, size: -1 }), 'size'],
    ['a u64 past 2^64-1', (d: Record<string, Record<string, unknown>>) => JSON.stringify({ ...d, header: { ...d.header, protobuf_base: '18446744073709551616' } }), 'header.protobuf_base'],
    ['a u64 as a JSON number', (d: Record<string, Record<string, unknown>>) => JSON.stringify({ ...d, header: { ...d.header, protobuf_payload_len: 380 } }), 'header.protobuf_payload_len'],
    ['bad base64', (d: Record<string, Record<string, unknown>>) => JSON.stringify({ ...d, payload: { ...d.payload, base64: 'not base64!' } }), 'payload.base64'],
    ['a length that is not the payload\'s', (d: Record<string, Record<string, unknown>>) => JSON.stringify({ ...d, payload: { ...d.payload, length: '381' } }), 'payload.length'],
    ['a payload past the claimed size', (d: Record<string, Record<string, unknown>>) => JSON.stringify({ ...d, size: 4096 }), 'payload.offset'],
  ] as const)('%s: a json-format error naming the field', async (_, make, field) => {
    const err = failure(make(await exported()));
    expect(err.code).toBe('json-format');
    expect(err.message).toContain(field);
  });

  it('names the character where the text stops being JSON', () => {
    const text = '{"kind": "saved-state", "size": @, "file": "x.bin"}';
    expect(failure(text)).toMatchObject({ code: 'json-format', offset: text.indexOf('@') });
    expect(failure('{"kind": ')).toMatchObject({ code: 'json-format', offset: 9 });
  });

  it('never reads bytes the JSON does not carry, whatever size it claims', async () => {
    const d = await exported();
    // A header pointing at a 1 MiB payload in a claimed 4 GiB file, with no payload bytes.
    const text = JSON.stringify({ ...d, size: 4 * 1024 ** 3, header: { ...d.header, protobuf_payload_len: String(1 << 20) }, payload: { ...d.payload, base64: null } });
    const opened = await openInput(bytesSource(utf8.encode(text)), { name: 'x.json' });
    expect(opened.ok && opened.doc.error?.code).toBe('read-failed');
    expect(opened.ok && persisted(opened.doc).payload).toBeNull();
  });

  it('openInput turns a bad document into a typed error naming it, never a throw', async () => {
    const opened = await openInput(bytesSource(utf8.encode('{"kind": ')), { name: 'x.json' });
    expect(opened).toMatchObject({ ok: false, name: 'x.json', error: { code: 'json-format' } });
  });
});
