// fast-check generators of SavedState values, u64 values above 2^53 included.
import fc from 'fast-check';
import { knownValueNames } from '../schema/schema.ts';
import type { EnumValue, MemoryEntry, MmioEntry, SavedState } from '../model/savedState.ts';

const vtlNames = knownValueNames('openhcl.openhcl_boot.MemoryVtlType');
const igvmNames = knownValueNames('openhcl.openhcl_boot.IgvmMemoryType');

const u64 = fc.oneof(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), fc.bigInt({ min: (1n << 53n) - 2n, max: (1n << 53n) + 2n }), fc.constant(0n));
const u32 = fc.oneof(fc.nat({ max: 0xffff_ffff }), fc.nat({ max: 200 }));

const enumOf = (names: ReadonlyMap<number, string>, max: number) =>
  fc.oneof(fc.nat({ max: 12 }), fc.nat({ max })).map((value): EnumValue => ({ value, name: names.get(value) ?? null }));

export const arbMemoryEntry: fc.Arbitrary<MemoryEntry> = fc.record({
  range: fc.record({ start: u64, end: u64 }),
  vnode: u32,
  vtl_type: enumOf(vtlNames, 0xffff_ffff),
  igvm_type: enumOf(igvmNames, 0xffff),
});

export const arbMmioEntry: fc.Arbitrary<MmioEntry> = fc.record({
  range: fc.record({ start: u64, end: u64 }),
  vtl_type: enumOf(vtlNames, 0xffff_ffff),
});

export const arbSavedState: fc.Arbitrary<SavedState> = fc.record({
  partition_memory: fc.array(arbMemoryEntry, { maxLength: 40 }),
  partition_mmio: fc.array(arbMmioEntry, { maxLength: 8 }),
  cpus_with_mapped_interrupts_no_io: fc.array(u32, { maxLength: 20 }),
  cpus_with_outstanding_io: fc.array(u32, { maxLength: 20 }),
});
