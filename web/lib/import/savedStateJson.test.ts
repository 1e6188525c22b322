// A SavedState read back from JSON: upstream's decodings (the golden fixtures'
// `decoded`) encode to OpenHCL's own bytes, decode documents give back their
// state and image layout, and every malformed field is named by its path.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDoc } from '../testing/openDoc.ts';
import { documentToJson, withBigintsAsStrings } from '../export/documentJson.ts';
import { toHex } from '../io/base64.ts';
import { encodeSavedState } from '../format/encodeSavedState.ts';
import { DecodeError } from '../format/errors.ts';
import { decodeSavedState } from '../format/savedState.ts';
import { MAX_REPEATED_ELEMENTS } from '../format/savedStateWire.ts';
import { bytesSource } from '../io/byteSource.ts';
import { arbSavedState } from '../testing/arbitraries.ts';
import { loadFixtures, type Fixture } from '../testing/fixtures.ts';
import { parseSavedStateJson, savedStateFromJson, savedStateOfDocument } from './savedStateJson.ts';

const fixtures = loadFixtures();
const fixture = (name: string) => fixtures.find((f) => f.name === name)!;

/** Upstream's decoding of a fixture, when upstream decoded it. */
function upstreamDecoded(f: Fixture): unknown {
  const e = f.expected;
  const result = e.header ? e.payload_decode_at_header_len : (e.real_mesh_protobuf_decode ?? { ok: true, decoded: e.decoded });
  return result?.ok ? result.decoded : undefined;
}

async function decodeJson(f: Fixture) {
  return JSON.parse(JSON.stringify(documentToJson(await openDoc(bytesSource(f.bytes)), f.name))) as Record<string, unknown>;
}

function jsonError(fn: () => unknown): DecodeError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DecodeError);
    expect((err as DecodeError).code).toBe('json-format');
    return err as DecodeError;
  }
  throw new Error('expected a DecodeError');
}

/** p03's upstream decoding, as a fresh JSON value to damage. */
const p03Json = () => structuredClone(fixture('p03_realistic_x64_2node').expected.decoded) as { partition_memory: Record<string, unknown>[] } & Record<string, unknown>;

describe('savedStateFromJson on upstream decodings', () => {
  it('reads every fixture upstream decoded to the state this project\'s decoder gives', () => {
    let count = 0;
    for (const f of fixtures) {
      const decoded = upstreamDecoded(f);
      if (decoded === undefined) continue;
      const payload = f.expected.header ? f.bytes.subarray(0x1000, 0x1000 + Number(f.expected.header.protobuf_payload_len)) : f.bytes;
      expect(savedStateFromJson(decoded), f.name).toEqual(decodeSavedState(payload).value);
      count++;
    }
    expect(count).toBe(11);
  });

  it('encodes every p* fixture\'s JSON to OpenHCL\'s exact bytes', () => {
    const payloads = fixtures.filter((f) => /^p\d/.test(f.name));
    expect(payloads.length).toBe(6);
    for (const f of payloads) expect(toHex(encodeSavedState(savedStateFromJson(f.expected.decoded))), f.name).toBe(toHex(f.bytes));
  });

  it('encodes the tol* fixtures as OpenHCL writes their state, not as they were crafted', () => {
    const encoded = (name: string) => toHex(encodeSavedState(savedStateFromJson(upstreamDecoded(fixture(name)))));
    // Unknown fields are not in `decoded`: p03's bytes without them.
    expect(encoded('tol01_unknown_fields_appended')).toBe(toHex(fixture('p03_realistic_x64_2node').bytes));
    // Unpacked lists written packed; explicit defaults omitted; fields in declaration order.
    expect(encoded('tol02_unpacked_cpus')).toBe('1a030002052203018201');
    expect(encoded('tol04_explicit_defaults')).toBe('0a00');
    expect(encoded('tol06_reordered_fields')).toBe('0a00120412020805220107');
  });

  it('reads any state the decoder can produce, u64 values above 2^53 and unknown enum numbers included', () => {
    fc.assert(
      fc.property(arbSavedState, (state) => {
        expect(savedStateFromJson(JSON.parse(JSON.stringify(withBigintsAsStrings(state))))).toEqual(state);
      }),
      { numRuns: 200 },
    );
  });
});

describe('savedStateFromJson: the accepted forms', () => {
  it('takes 0x hex (with _ separators), bare enum numbers, enums without name, and missing lists as empty', () => {
    const state = savedStateFromJson({
      partition_memory: [{ range: { start: '0x4_8000_0000', end: '0xFFFFFFFFFFFFFFFF' }, vnode: 4294967295, vtl_type: 11, igvm_type: { value: 65535 } }],
      partition_mmio: [{ range: { start: '18446744073709551615', end: '0' }, vtl_type: { value: 99, name: null } }],
    });
    expect(state).toEqual({
      partition_memory: [{ range: { start: 0x4_8000_0000n, end: (1n << 64n) - 1n }, vnode: 0xffff_ffff, vtl_type: { value: 11, name: 'VTL2_PERSISTED_STATE_HEADER' }, igvm_type: { value: 0xffff, name: null } }],
      partition_mmio: [{ range: { start: (1n << 64n) - 1n, end: 0n }, vtl_type: { value: 99, name: null } }],
      cpus_with_mapped_interrupts_no_io: [],
      cpus_with_outstanding_io: [],
    });
    expect(savedStateFromJson({})).toEqual({ partition_memory: [], partition_mmio: [], cpus_with_mapped_interrupts_no_io: [], cpus_with_outstanding_io: [] });
  });

  it('names the path, the expected form and what it got for every malformed field', () => {
    const cases: [(j: ReturnType<typeof p03Json>) => void, string][] = [
      [(j) => ((j.partition_memory[3]!.range as Record<string, unknown>).start = '0x12g'), 'decoded.partition_memory[3].range.start: a u64 as a decimal or 0x-hex string, got "0x12g"'],
      [(j) => ((j.partition_memory[3]!.range as Record<string, unknown>).start = 19327352832), 'decoded.partition_memory[3].range.start: a u64 as a decimal or 0x-hex string, got the number 19327352832: a JSON number loses bits above 2^53'],
      [(j) => ((j.partition_memory[0]!.range as Record<string, unknown>).end = '18446744073709551616'), 'decoded.partition_memory[0].range.end: a u64 as a decimal or 0x-hex string, got "18446744073709551616", over 2^64-1'],
      [(j) => ((j.partition_memory[0]!.range as Record<string, unknown>).end = '007'), 'decoded.partition_memory[0].range.end: a u64 as a decimal or 0x-hex string, got "007"'],
      [(j) => ((j.partition_memory[0]!.range as Record<string, unknown>).end = '1'.repeat(100)), `decoded.partition_memory[0].range.end: a u64 as a decimal or 0x-hex string, got "${'1'.repeat(39)}…`],
      [(j) => delete (j.partition_memory[1]!.range as Record<string, unknown>).end, 'decoded.partition_memory[1].range.end: a u64 as a decimal or 0x-hex string, missing'],
      [(j) => (j.partition_memory[2]!.vnode = -1), 'decoded.partition_memory[2].vnode: a u32 number (0 to 4294967295), got -1'],
      [(j) => (j.partition_memory[2]!.vnode = 2 ** 32), 'decoded.partition_memory[2].vnode: a u32 number (0 to 4294967295), got 4294967296'],
      [(j) => (j.partition_memory[2]!.vnode = '1'), 'decoded.partition_memory[2].vnode: a u32 number (0 to 4294967295), got "1"'],
      [(j) => delete j.partition_memory[2]!.vnode, 'decoded.partition_memory[2].vnode: a u32 number (0 to 4294967295), missing'],
      [(j) => (j.partition_memory[5]!.igvm_type = { value: 65536, name: null }), 'decoded.partition_memory[5].igvm_type.value: a u16 number (0 to 65535), got 65536'],
      [(j) => (j.partition_memory[5]!.vtl_type = { value: 11, name: 'VTL2_RAM' }), 'decoded.partition_memory[5].vtl_type.name: VTL2_PERSISTED_STATE_HEADER, the name of value 11, or null, got "VTL2_RAM"; edit "value", the number written'],
      [(j) => (j.partition_memory[5]!.vtl_type = 'VTL2_RAM'), 'decoded.partition_memory[5].vtl_type: a MemoryVtlType: { "value": N, "name": … } or a bare number, got "VTL2_RAM"'],
      [(j) => (j.partition_memory[5]!.vtl_type = { value: 1, label: 'x' }), 'decoded.partition_memory[5].vtl_type.label: a field of MemoryVtlType, it has value and name'],
      [(j) => (j.partition_memory[0]!.vnodes = 1), 'decoded.partition_memory[0].vnodes: a field of MemoryEntry, it has range, vnode, vtl_type, igvm_type'],
      [(j) => (j.partition_mmio = null), 'decoded.partition_mmio: a list, got null'],
      [(j) => (j.partition_memory[4] = 'x' as never), 'decoded.partition_memory[4]: a MemoryEntry object, got "x"'],
      [(j) => ((j.cpus_with_outstanding_io as unknown[])[1] = 1.5), 'decoded.cpus_with_outstanding_io[1]: a u32 number (0 to 4294967295), got 1.5'],
      [(j) => (j.cpus_with_outstanding = []), 'decoded.cpus_with_outstanding: a field of SavedState, it has partition_memory, partition_mmio, cpus_with_mapped_interrupts_no_io, cpus_with_outstanding_io; a decode document holds its state under "decoded"'],
    ];
    for (const [damage, message] of cases) {
      const json = p03Json();
      damage(json);
      expect(jsonError(() => savedStateFromJson(json)).message).toBe(message);
    }
    expect(jsonError(() => savedStateFromJson([])).message).toBe('decoded: a SavedState object, got []');
  });

  it('holds a list to the decoder\'s cap (MAX_REPEATED_ELEMENTS): a state it writes decodes again', () => {
    const at = (n: number) => ({ cpus_with_outstanding_io: new Array<number>(n).fill(1) });
    expect(savedStateFromJson(at(MAX_REPEATED_ELEMENTS)).cpus_with_outstanding_io).toHaveLength(MAX_REPEATED_ELEMENTS);
    const err = jsonError(() => savedStateFromJson(at(MAX_REPEATED_ELEMENTS + 1)));
    expect(err.message).toBe('decoded.cpus_with_outstanding_io: at most 262,144 elements of SavedState.cpus_with_outstanding_io (this decoder\'s cap; OpenHCL writes a few hundred), got 262145');
    const memory = { partition_memory: new Array(MAX_REPEATED_ELEMENTS + 1).fill({}) };
    expect(jsonError(() => savedStateFromJson(memory)).message).toContain('decoded.partition_memory: at most 262,144 elements');
  });
});

describe('savedStateOfDocument / parseSavedStateJson', () => {
  it('reads every decode document that holds a state back to it; an image\'s with its layout', async () => {
    let count = 0;
    for (const f of fixtures) {
      const doc = await openDoc(bytesSource(f.bytes));
      if (doc.decoded === null) continue;
      const imported = parseSavedStateJson(JSON.stringify(documentToJson(doc, f.name)));
      expect(imported.state, f.name).toEqual(doc.decoded);
      expect(imported.imageDefaults, f.name).toEqual(f.expected.header ? { baseGpa: 0x4_8000_0000n, regionLen: 0x13000n, imageSize: 0x20_0000n } : null);
      count++;
    }
    expect(count).toBe(11);
  });

  it('takes the state from "decoded", never from payload.base64: an edit is kept', async () => {
    const json = await decodeJson(fixture('p03_realistic_x64_2node'));
    (json.decoded as ReturnType<typeof p03Json>).partition_memory[0]!.vnode = 7;
    const { state } = savedStateOfDocument(json);
    expect(state.partition_memory[0]!.vnode).toBe(7);
    expect(toHex(encodeSavedState(state))).not.toBe(toHex(fixture('p03_realistic_x64_2node').bytes));
  });

  it('says that unknown fields are not written', async () => {
    const { notes } = savedStateOfDocument(await decodeJson(fixture('tol01_unknown_fields_appended')));
    expect(notes).toEqual([`the document's 5 unknown fields (written by a newer OpenHCL) are not written: the state comes from "decoded", which holds only the fields of proto/`]);
  });

  it('places an image read with another base GPA as OpenHCL does, and says so', async () => {
    const json = await decodeJson(fixture('img02_realistic'));
    (json.payload as Record<string, unknown>).header_gpa = String(0x4_7fff_f000);
    const imported = savedStateOfDocument(json);
    expect(imported.imageDefaults).toEqual({ baseGpa: 0x4_8000_0000n, regionLen: 0x13000n, imageSize: 0x20_0000n });
    expect(imported.notes).toEqual(['the image was read with base GPA 0x47ffff000 (payload.header_gpa), its payload at offset 0x2000; it is written as OpenHCL lays it out: header page at protobuf_base - 0x1000 = 0x480000000, payload right after it']);
    // protobuf_base below one page: only the base GPA it was read with places the header.
    (json.header as Record<string, unknown>).protobuf_base = '2048';
    (json.payload as Record<string, unknown>).header_gpa = '0';
    expect(savedStateOfDocument(json).imageDefaults).toEqual({ baseGpa: 0n, regionLen: 0x13000n, imageSize: 0x20_0000n });
    (json.payload as Record<string, unknown>).header_gpa = null;
    expect(jsonError(() => savedStateOfDocument(json)).message).toBe('header.protobuf_base: at least 0x1000, the header page lying below it, got 2048');
  });

  it('refuses a document without a state, saying why', async () => {
    const magic = await decodeJson(fixture('bad_img01_bad_magic'));
    expect(jsonError(() => savedStateOfDocument(magic)).message).toBe('decoded: a SavedState object, got null: the image\'s header magic is "OHCLPHDX", not OHCLPHDR, so its payload was not decoded and there is no state to write');
    const failed = await decodeJson(fixture('bad_p04_wire_type_3'));
    expect(jsonError(() => savedStateOfDocument(failed)).message).toBe('decoded: a SavedState object, got null: its input did not decode (unknown-wire-type: expected a wire type of 0, 1, 2, 5 or 6, not 3 at byte offset 0 (0x0)), so there is no state to write');
    const noDecoded = await decodeJson(fixture('p02_single_memory_entry'));
    delete noDecoded.decoded;
    expect(jsonError(() => savedStateOfDocument(noDecoded)).message).toBe('decoded: the document\'s SavedState, missing');
  });

  it('names the document field at fault', async () => {
    const img = await decodeJson(fixture('img02_realistic'));
    const damaged = (change: (j: Record<string, unknown>) => void) => {
      const json = structuredClone(img);
      change(json);
      return jsonError(() => savedStateOfDocument(json)).message;
    };
    expect(damaged((j) => (j.kind = 'image'))).toBe('kind: "vtl2-image", "saved-state" or "device-tree", got "image"');
    expect(damaged((j) => (j.header = null))).toBe('header: the image header (kind is "vtl2-image"), got null');
    expect(damaged((j) => ((j.header as Record<string, unknown>).protobuf_region_len = '0x'))).toBe('header.protobuf_region_len: a u64 as a decimal or 0x-hex string, got "0x"');
    expect(damaged((j) => (j.size = '2097152'))).toBe('size: the image size, a non-negative integer, got "2097152"');
    expect(damaged((j) => ((j.payload as Record<string, unknown>).header_gpa = 5))).toBe('payload.header_gpa: a u64 as a decimal or 0x-hex string, got the number 5: a JSON number loses bits above 2^53');
  });

  it('refuses text that is not JSON, or not an object', () => {
    expect(jsonError(() => parseSavedStateJson('{"decoded": '))).toMatchObject({ offset: 12, message: expect.stringMatching(/^the text: JSON, /) });
    const damaged = '{"decoded": {"partition_memory": [}]}}';
    expect(jsonError(() => parseSavedStateJson(damaged)).offset).toBe(damaged.indexOf('}'));
    expect(jsonError(() => parseSavedStateJson('[1]')).message).toBe('the JSON: a decode document or a SavedState object, got [1]');
  });
});
