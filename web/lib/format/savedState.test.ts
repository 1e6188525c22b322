import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbSavedState } from '../testing/arbitraries.ts';
import { syntheticSavedState } from '../testing/syntheticTopology.ts';
import { loadFixtures } from '../testing/fixtures.ts';
import { encodeSavedState } from './encodeSavedState.ts';
import { DecodeError } from './errors.ts';
import { decodeSavedState } from './savedState.ts';
import { MAX_REPEATED_ELEMENTS } from './savedStateWire.ts';
import { decodeSavedStateGeneric } from '../testing/savedStateGeneric.ts';
import { decodeOutcome } from '../testing/savedStateOutcome.ts';
import { hexBytes } from '../testing/hexBytes.ts';

const decode = (text: string) => decodeSavedState(hexBytes(text)).value;
const failure = (bytes: Uint8Array, fileOffset = 0): DecodeError => {
  try {
    decodeSavedState(bytes, fileOffset);
  } catch (err) {
    if (err instanceof DecodeError) return err;
    throw err;
  }
  throw new Error('decoded without error');
};

describe('mesh_protobuf wire rules', () => {
  it('merges a nested message seen twice, field by field (protobufjs would replace it)', () => {
    // MemoryEntry { range { start: 0x1000 } range { end: 0x2000 } }
    const state = decode('0a 0a 0a 03 08 80 20 0a 03 10 80 40');
    expect(state.partition_memory[0]!.range).toEqual({ start: 0x1000n, end: 0x2000n });
  });

  it('keeps the last value of a scalar seen twice', () => {
    expect(decode('0a 04 10 01 10 07').partition_memory[0]!.vnode).toBe(7);
  });

  it('accepts wire type 6 (mesh message) with no resources as a message', () => {
    // field 1 wire 6: resources 0, length 2, MemoryEntry { vnode: 3 }
    expect(decode('0e 00 02 10 03').partition_memory[0]!.vnode).toBe(3);
  });

  it('rejects wire type 6 with resources, and wire type 7', () => {
    expect(failure(hexBytes('0e 01 02 10 03')).code).toBe('invalid-resource-range');
    expect(failure(hexBytes('0f')).code).toBe('missing-resource');
  });

  it('rejects group wire types even on unknown fields', () => {
    expect(failure(hexBytes('2b')).code).toBe('unknown-wire-type');
    expect(failure(hexBytes('2c')).code).toBe('unknown-wire-type');
  });

  it('checks the wire type of known fields', () => {
    expect(failure(hexBytes('08 01')).code).toBe('expected-message'); // partition_memory as a varint
    expect(failure(hexBytes('0a 03 12 01 00')).code).toBe('expected-varint'); // vnode as bytes
    expect(failure(hexBytes('1d 01 00 00 00')).code).toBe('expected-varint'); // cpus as fixed32
  });

  it('reads 10-byte varints, drops bits beyond 64, rejects 11 bytes', () => {
    // range.start = 10-byte varint with every bit set, and bit 64+ set in the last byte
    const state = decode('0a 0f 0a 0d 08 ff ff ff ff ff ff ff ff ff 7f 10 01');
    expect(state.partition_memory[0]!.range.start).toBe((1n << 64n) - 1n);
    expect(failure(hexBytes('0a 0e 0a 0c 08 ff ff ff ff ff ff ff ff ff ff 01')).code).toBe('varint-too-big');
  });

  it('checks a long varint that repeats the last one against its message end like any other', () => {
    // Entry 1: range.start = 2^53 (8 bytes). Entry 2: a range of 4 bytes whose start
    // holds the first 3 of the same bytes; the other 5 follow, past the range and the
    // entry. The decoder remembers the last long varint so as not to read it again:
    // it must not look past the range for the repeat.
    const x = '80 80 80 80 80 80 80 10';
    expect(failure(hexBytes(`0a 0b 0a 09 08 ${x} 0a 06 0a 04 08 ${x}`))).toMatchObject({ code: 'eof-varint', offset: 18 });
    // The same with input to spare: the Reader reads the varint whole, and its end is checked after.
    expect(failure(hexBytes(`0a 0b 0a 09 08 ${x} 0a 06 0a 04 08 ${x} 00 00 00 00`))).toMatchObject({ code: 'eof-varint', offset: 18 });
  });

  it('refuses a varint that runs past its message, with input to spare (read first, then checked)', () => {
    // range of 4 bytes: key, then a 6-byte varint whose last 3 bytes lie past the range and the entry.
    expect(failure(hexBytes('0a 06 0a 04 08 80 80 80 80 80 01 00 00 00 00 00 00'))).toMatchObject({ code: 'eof-varint', offset: 5 });
    // Ten continuation bytes with the message ending inside them: the end comes first, as mesh_protobuf checks it.
    expect(failure(hexBytes('0a 06 0a 04 08 ff ff ff ff ff ff ff ff ff ff 01 00'))).toMatchObject({ code: 'eof-varint', offset: 5 });
    expect(failure(hexBytes('0a 0d 0a 0b 08 ff ff ff ff ff ff ff ff ff ff 01'))).toMatchObject({ code: 'varint-too-big', offset: 5 });
  });

  it('refuses a varint cut by the end of the input, four continuation bytes included', () => {
    // protobufjs' Reader, near the end of its buffer, takes `80 80 80 80` as a whole varint.
    expect(failure(hexBytes('0a 07 0a 05 08 80 80 80 80'))).toMatchObject({ code: 'eof-varint', offset: 5 });
    expect(failure(hexBytes('0a 06 0a 04 08 80 80 80'))).toMatchObject({ code: 'eof-varint', offset: 5 });
  });

  it('narrows u32 and u16 fields with no range check', () => {
    // vnode = 2^32 + 5, igvm_type.value = 0x1_0003
    const state = decode('0a 0c 10 85 80 80 80 10 22 04 08 83 80 04');
    expect(state.partition_memory[0]!.vnode).toBe(5);
    expect(state.partition_memory[0]!.igvm_type).toEqual({ value: 3, name: 'VTL2_PROTECTABLE' });
    expect(decode('1a 05 ff ff ff ff 1f').cpus_with_mapped_interrupts_no_io).toEqual([0xffff_ffff]);
  });

  it('accepts packed, unpacked and mixed u32 lists', () => {
    expect(decode('18 01 1a 02 02 03 18 04').cpus_with_mapped_interrupts_no_io).toEqual([1, 2, 3, 4]);
  });

  it('reads `00 00` padding as field 0 and rejects an odd trailing 00', () => {
    expect(decodeSavedState(hexBytes('0a 00 00 00 00 00')).unknownFields.map((f) => [f.field, f.offset])).toEqual([[0, 2], [0, 4]]);
    expect(failure(hexBytes('0a 00 00 00 00')).code).toBe('eof-varint');
  });

  it('takes the field number from the low 32 bits of a 64-bit key', () => {
    // key = (2^32 + 1) << 3 | 2: field 1 after truncation
    expect(decode('8a 80 80 80 80 01 00').partition_memory).toHaveLength(1);
  });

  it('keeps unknown fields with path, wire type, file offset and bytes', () => {
    const { unknownFields } = decodeSavedState(hexBytes('0a 06 0a 02 28 2a 00 00 39 01 02 03 04 05 06 07 08'), 4096);
    expect(unknownFields).toEqual([
      { path: 'SavedState.partition_memory[0].range', field: 5, wire_type: 0, offset: 4096 + 4, bytes: hexBytes('28 2a') },
      { path: 'SavedState.partition_memory[0]', field: 0, wire_type: 0, offset: 4096 + 6, bytes: hexBytes('00 00') },
      { path: 'SavedState', field: 7, wire_type: 1, offset: 4096 + 8, bytes: hexBytes('39 01 02 03 04 05 06 07 08') },
    ]);
  });

  it('names the file offset and what was expected when it fails', () => {
    const err = failure(hexBytes('0a 08 0a 06 10 80'), 4096);
    expect(err.code).toBe('eof-byte-array');
    expect(err.offset).toBe(4096 + 2);
    expect(err.message).toContain('8 bytes');
  });

  it('checks a nested length against its enclosing message, not the input', () => {
    // MemoryEntry of 2 bytes whose range claims 3
    expect(failure(hexBytes('0a 02 0a 03 08 01 02')).code).toBe('eof-byte-array');
  });
});

describe('round trip through the project encoder', () => {
  it('re-encodes every upstream payload fixture to the same bytes', () => {
    const payloads = loadFixtures().filter((f) => f.expected.decoded !== undefined);
    expect(payloads.length).toBeGreaterThan(0);
    for (const f of payloads) expect(encodeSavedState(decodeSavedState(f.bytes).value), f.name).toEqual(f.bytes);
  });

  it('decodes any encoded SavedState back to itself, u64 above 2^53 included', () => {
    fc.assert(
      fc.property(arbSavedState, (state) => {
        const decoded = decodeSavedState(encodeSavedState(state));
        expect(decoded.value).toEqual(state);
        expect(decoded.unknownFields).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('repeated fields are capped at MAX_REPEATED_ELEMENTS', () => {
  /** `count` copies of `element` after `prefix`. */
  const repeated = (element: number[], count: number, prefix: number[] = []) => {
    const bytes = new Uint8Array(prefix.length + element.length * count);
    bytes.set(prefix);
    for (let i = 0; i < count; i++) bytes.set(element, prefix.length + i * element.length);
    return bytes;
  };
  const bothFail = (bytes: Uint8Array, fileOffset: number) => {
    const err = failure(bytes, fileOffset);
    // The generic reference decoder refuses at the same byte with the same words.
    expect(decodeOutcome(decodeSavedStateGeneric, bytes, fileOffset)).toBe(decodeOutcome(decodeSavedState, bytes, fileOffset));
    return err;
  };

  it('keeps 2^18 empty entries, and refuses the next one at its key, saying the cap', () => {
    expect(MAX_REPEATED_ELEMENTS).toBe(262_144);
    expect(decodeSavedState(repeated([0x0a, 0x00], MAX_REPEATED_ELEMENTS)).value.partition_memory).toHaveLength(MAX_REPEATED_ELEMENTS);
    // 8 MiB of `0a 00` (the OOM: one entry object per 2 bytes) stops at the first entry past the cap.
    const err = bothFail(repeated([0x0a, 0x00], 4 << 20), 4096);
    expect(err).toMatchObject({ code: 'too-many-entries', offset: 4096 + 2 * MAX_REPEATED_ELEMENTS });
    expect(err.message).toContain('at most 262,144 elements of SavedState.partition_memory');
  });

  it('caps partition_mmio alike', () => {
    const err = bothFail(repeated([0x12, 0x00], MAX_REPEATED_ELEMENTS + 5), 0);
    expect(err).toMatchObject({ code: 'too-many-entries', offset: 2 * MAX_REPEATED_ELEMENTS });
    expect(err.expected).toContain('SavedState.partition_mmio');
  });

  it('caps the CPU lists, packed (at the element\'s varint) and unpacked (at its key)', () => {
    const n = MAX_REPEATED_ELEMENTS + 1;
    // field 3 packed: key, length varint (3 bytes), n one-byte varints
    const packed = repeated([0x00], n, [0x1a, 0x80 | (n & 0x7f), 0x80 | ((n >> 7) & 0x7f), n >> 14]);
    expect(bothFail(packed, 0)).toMatchObject({ code: 'too-many-entries', offset: 4 + MAX_REPEATED_ELEMENTS });
    const unpacked = repeated([0x20, 0x01], n);
    expect(bothFail(unpacked, 0)).toMatchObject({ code: 'too-many-entries', offset: 2 * MAX_REPEATED_ELEMENTS });
    expect(decodeSavedState(unpacked.subarray(0, 2 * MAX_REPEATED_ELEMENTS)).value.cpus_with_outstanding_io).toHaveLength(MAX_REPEATED_ELEMENTS);
  });

  it('decodes the 100,000-entry synthetic sample (scripts/make-samples.ts)', () => {
    const state = syntheticSavedState({ entries: 100_000, vnodes: 64, seed: 7 });
    expect(decodeSavedState(encodeSavedState(state)).value.partition_memory).toHaveLength(100_000);
  });
});

describe('hostile bytes', () => {
  const mustOnlyThrowDecodeError = (bytes: Uint8Array) => {
    // CPU time of this process, not wall time: the bound is about the decoder, not the machine's load.
    const started = process.cpuUsage();
    try {
      decodeSavedState(bytes);
    } catch (err) {
      expect(err).toBeInstanceOf(DecodeError);
      expect((err as DecodeError).offset).toBeGreaterThanOrEqual(0);
      expect((err as DecodeError).offset).toBeLessThanOrEqual(bytes.length);
    }
    const used = process.cpuUsage(started);
    expect((used.user + used.system) / 1000).toBeLessThan(100);
  };

  it('random bytes never throw anything but DecodeError, nor take 100 ms', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 512 }), mustOnlyThrowDecodeError), { numRuns: 3000 });
  });

  it('mutated fixtures never throw anything but DecodeError, nor take 100 ms', () => {
    const seeds = loadFixtures().filter((f) => f.bytes.length > 0 && f.bytes.length < 4096).map((f) => f.bytes);
    const mutated = fc
      .tuple(fc.constantFrom(...seeds), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 })), { minLength: 1, maxLength: 8 }), fc.nat())
      .map(([seed, edits, cut]) => {
        const bytes = seed.slice(0, seed.length - (cut % 4 === 0 ? cut % seed.length : 0));
        for (const [at, value] of edits) if (bytes.length) bytes[at % bytes.length] = value;
        return bytes;
      });
    fc.assert(fc.property(mutated, mustOnlyThrowDecodeError), { numRuns: 3000 });
  });
});
