// The generated decoder (decodeSavedState) against its source and its reference:
// it is what scripts/gen-decoder.ts writes from proto/ today, its types are the
// model's, and on every input it gives exactly what the generic decoder
// (decodeSavedStateGeneric) gives: the same value, unknown fields and omitted
// count, or the same error (code, offset, expected text).
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { DECODER_PATH, decoderSourceFromSchema } from '../../../scripts/decoderFromSchema.ts';
import { arbSavedState } from '../testing/arbitraries.ts';
import { loadFixtures } from '../testing/fixtures.ts';
import { arbCrossover, arbMutated, arbMutation, applyMutations, arbVarintSoup } from '../testing/fuzz/mutations.ts';
import { loadSeeds } from '../testing/fuzz/inputs.ts';
import { syntheticSavedState } from '../testing/syntheticTopology.ts';
import type * as Model from '../model/savedState.ts';
import { encodeSavedState } from './encodeSavedState.ts';
import type * as Generated from './savedState.generated.ts';
import { decodeSavedState, MAX_KEPT_UNKNOWN_FIELDS } from './savedState.ts';
import { arbWirePayload } from '../testing/savedStateDifferential.ts';
import { decodeOutcome } from '../testing/savedStateOutcome.ts';
import { decodeSavedStateGeneric } from '../testing/savedStateGeneric.ts';
import { hexBytes } from '../testing/hexBytes.ts';

const arbFileOffset = fc.oneof(fc.constant(0), fc.constant(4096), fc.nat({ max: 2 ** 32 }));

/** Both decoders on `bytes` at `fileOffset` must come to the same thing. */
const same = (bytes: Uint8Array, fileOffset = 0) => {
  expect(decodeOutcome(decodeSavedState, bytes, fileOffset)).toBe(decodeOutcome(decodeSavedStateGeneric, bytes, fileOffset));
};

describe('generated decoder', () => {
  it('is what scripts/gen-decoder.ts writes from proto/ (run `npm run gen:schema` after editing proto/)', () => {
    expect(readFileSync(DECODER_PATH, 'utf8')).toBe(decoderSourceFromSchema());
  });

  it('declares the model types, field for field', () => {
    expectTypeOf<Generated.SavedState>().toEqualTypeOf<Model.SavedState>();
    expectTypeOf<Generated.MemoryEntry>().toEqualTypeOf<Model.MemoryEntry>();
    expectTypeOf<Generated.MmioEntry>().toEqualTypeOf<Model.MmioEntry>();
    expectTypeOf<Generated.MemoryRange>().toEqualTypeOf<Model.MemoryRange>();
    expectTypeOf<Generated.MemoryVtlType>().toEqualTypeOf<Model.EnumValue>();
    expectTypeOf<Generated.IgvmMemoryType>().toEqualTypeOf<Model.EnumValue>();
  });

  it('takes the u16 width of IgvmMemoryType.value from the schema table, not from its proto type', () => {
    const source = readFileSync(DECODER_PATH, 'utf8');
    expect(source).toContain('$value = w.lo & 0xffff;');
    expect(decodeSavedState(Uint8Array.from([0x0a, 0x06, 0x22, 0x04, 0x08, 0x83, 0x80, 0x04])).value.partition_memory[0]!.igvm_type).toEqual({ value: 3, name: 'VTL2_PROTECTABLE' });
  });
});

describe('generated decoder: shared enum values', () => {
  const entries = (text: string) => decodeSavedState(hexBytes(text)).value.partition_memory;

  it('gives every entry with the same known value one frozen object, an absent one included', () => {
    // vtl_type 2, vtl_type 2, vtl_type 0, no vtl_type (the default, 0)
    const [a, b, zero, absent] = entries('0a 04 1a 02 08 02 0a 04 1a 02 08 02 0a 04 1a 02 08 00 0a 00');
    expect(a!.vtl_type).toEqual({ value: 2, name: 'VTL2_CONFIG' });
    expect(b!.vtl_type).toBe(a!.vtl_type);
    expect(absent!.vtl_type).toBe(zero!.vtl_type);
    expect(absent!.igvm_type).toEqual({ value: 0, name: 'MEMORY' });
    expect(Object.isFrozen(a!.vtl_type) && Object.isFrozen(absent!.igvm_type)).toBe(true);
    expect(() => Object.assign(a!.vtl_type, { name: 'changed' })).toThrow(TypeError);
  });

  it('gives an unknown value an object of its own, with no name, frozen like the shared ones', () => {
    const [a, b] = entries('0a 04 1a 02 08 63 0a 04 1a 02 08 63');
    expect(a!.vtl_type).toEqual({ value: 99, name: null });
    expect(b!.vtl_type).not.toBe(a!.vtl_type);
    expect(Object.isFrozen(a!.vtl_type)).toBe(true);
  });
});

describe('generated decoder = generic decoder (differential)', () => {
  it('on every golden fixture payload, and the 10,000-entry benchmark payload', () => {
    const { payloads, imagePayloads } = loadSeeds();
    const all = [...loadFixtures().map((f) => f.bytes), ...payloads, ...imagePayloads];
    expect(all.length).toBeGreaterThan(20);
    for (const bytes of all) same(bytes, 4096);
    same(encodeSavedState(syntheticSavedState({ entries: 10_000, vnodes: 64 })));
  });

  it('on payloads built from the schema: merges, wrong wire types, wire types 6 and 7, 64-bit keys, 11-byte varints (5,000 cases)', () => {
    fc.assert(fc.property(arbWirePayload(), arbFileOffset, same), { numRuns: 5000 });
  });

  it('on encoded random SavedStates, intact and damaged (3,000 cases)', () => {
    const damaged = fc.tuple(arbSavedState.map(encodeSavedState), fc.array(arbMutation, { maxLength: 4 })).map(([bytes, edits]) => applyMutations(bytes, edits));
    fc.assert(fc.property(damaged, arbFileOffset, same), { numRuns: 3000 });
  });

  it('on mutated fixtures, crossovers and varint soup (3,000 cases)', () => {
    const { payloads, imagePayloads } = loadSeeds();
    const seeds = [...payloads, ...imagePayloads];
    fc.assert(fc.property(fc.oneof(arbMutated(seeds), arbCrossover(seeds), arbVarintSoup), arbFileOffset, same), { numRuns: 3000 });
  });

  it('on random bytes (3,000 cases)', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 512 }), arbFileOffset, same), { numRuns: 3000 });
  });

  it('past the kept maximum of unknown fields: the same kept fields and the same omitted count', () => {
    const bytes = new Uint8Array(2 * (MAX_KEPT_UNKNOWN_FIELDS + 300));
    same(bytes, 4096);
    const decoded = decodeSavedState(bytes, 4096);
    expect(decoded.unknownFields).toHaveLength(MAX_KEPT_UNKNOWN_FIELDS);
    expect(decoded.unknownFields[MAX_KEPT_UNKNOWN_FIELDS - 1]).toEqual({ path: 'SavedState', field: 0, wire_type: 0, offset: 4096 + 2 * (MAX_KEPT_UNKNOWN_FIELDS - 1), bytes: new Uint8Array(2) });
    expect(decoded.unknownFieldsOmitted).toBe(300);
  });
});
