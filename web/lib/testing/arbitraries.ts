// fast-check generators of SavedState values, u64 values above 2^53 included.
import fc from 'fast-check';
import { VTL_TYPE_NAMES, IGVM_TYPE_NAMES } from '../model/enumNames.ts';
import type { EnumValue, MemoryEntry, MmioEntry, SavedState } from '../model/savedState.ts';

const vtlNames = VTL_TYPE_NAMES;
const igvmNames = IGVM_TYPE_NAMES;

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

// Small topologies for comparisons: addresses on a grid of a few pages (so
// ranges meet, overlap, nest and repeat), few attribute values (so neighbours
// often agree), empty and inverted ranges now and then, and everything
// shifted above 2^53 half the time.
const GRID_PAGES = 12;
const PAGE = 0x1000n;
const gridVtl = fc.constantFrom(0, 1, 1, 2, 8, 5, 6, 99).map((value): EnumValue => ({ value, name: vtlNames.get(value) ?? null }));
const gridIgvm = fc.constantFrom(0, 3).map((value): EnumValue => ({ value, name: igvmNames.get(value) ?? null }));
const gridRange = (base: bigint) =>
  fc
    .tuple(fc.nat({ max: GRID_PAGES }), fc.nat({ max: GRID_PAGES }), fc.nat({ max: 9 }))
    .map(([x, y, shape]) => {
      // Mostly start < end; sometimes empty or inverted, which covers no byte.
      const [lo, hi] = shape === 0 ? [y, x] : shape === 1 ? [x, x] : [Math.min(x, y), Math.max(x, y) + (x === y ? 1 : 0)];
      return { start: base + BigInt(lo) * PAGE, end: base + BigInt(hi) * PAGE };
    });

/** Memory laid end to end with holes, no overlap: what a real state holds. */
const tiledMemory = (base: bigint): fc.Arbitrary<MemoryEntry[]> =>
  fc.array(fc.record({ pages: fc.integer({ min: 1, max: 4 }), hole: fc.nat({ max: 4 }), vnode: fc.nat({ max: 1 }), vtl_type: gridVtl, igvm_type: gridIgvm }), { maxLength: 8 }).map((items) => {
    let at = base;
    return items.map(({ pages, hole, vnode, vtl_type, igvm_type }) => {
      if (hole === 0) at += PAGE;
      const range = { start: at, end: at + BigInt(pages) * PAGE };
      at = range.end;
      return { range, vnode, vtl_type, igvm_type };
    });
  });

const smallState = (base: bigint): fc.Arbitrary<SavedState> =>
  fc.record({
    partition_memory: fc.oneof(fc.array(fc.record({ range: gridRange(base), vnode: fc.nat({ max: 1 }), vtl_type: gridVtl, igvm_type: gridIgvm }), { maxLength: 10 }), tiledMemory(base)),
    partition_mmio: fc.array(fc.record({ range: gridRange(base), vtl_type: gridVtl }), { maxLength: 4 }),
    cpus_with_mapped_interrupts_no_io: fc.array(fc.nat({ max: 6 }), { maxLength: 4 }),
    cpus_with_outstanding_io: fc.array(fc.nat({ max: 6 }), { maxLength: 3 }),
  });

const gridBase = fc.constantFrom(0n, (1n << 60n) + (1n << 53n));

/** One small topology on the grid. */
export const arbSmallTopology: fc.Arbitrary<SavedState> = gridBase.chain(smallState);

/** Edits that turn A into a related B: a range retyped, split in two, merged with the next, dropped, or one added. */
type Edit = { kind: 'retype' | 'split' | 'merge' | 'drop' | 'vnode'; at: number; vtl: EnumValue } | { kind: 'add'; entry: MemoryEntry };

function applyEdit(memory: MemoryEntry[], edit: Edit): MemoryEntry[] {
  if (edit.kind === 'add') return [...memory, edit.entry];
  if (memory.length === 0) return memory;
  const i = edit.at % memory.length;
  const e = memory[i]!;
  const out = [...memory];
  switch (edit.kind) {
    case 'retype':
      out[i] = { ...e, vtl_type: edit.vtl };
      return out;
    case 'vnode':
      out[i] = { ...e, vnode: 1 - Math.min(e.vnode, 1) };
      return out;
    case 'split': {
      const pages = (e.range.end - e.range.start) / PAGE;
      if (pages < 2n) return out;
      const mid = e.range.start + (pages / 2n) * PAGE;
      out.splice(i, 1, { ...e, range: { start: e.range.start, end: mid } }, { ...e, range: { start: mid, end: e.range.end } });
      return out;
    }
    case 'merge': {
      const next = memory.findIndex((n) => n.range.start === e.range.end && n.range.end > n.range.start);
      if (next < 0 || next === i) return out;
      out[i] = { ...e, range: { start: e.range.start, end: memory[next]!.range.end } };
      out.splice(next, 1);
      return out;
    }
    case 'drop':
      out.splice(i, 1);
      return out;
  }
}

/** A, and B made from A by a few edits: pairs that share most ranges, as two versions of one topology do. */
export const arbTopologyPair: fc.Arbitrary<[SavedState, SavedState]> = gridBase.chain((base) =>
  fc.tuple(
    smallState(base),
    fc.array(
      fc.oneof(
        fc.record({ kind: fc.constantFrom('retype' as const, 'split' as const, 'split' as const, 'split' as const, 'merge' as const, 'drop' as const, 'vnode' as const), at: fc.nat({ max: 20 }), vtl: gridVtl }),
        fc.record({ kind: fc.constant('add' as const), entry: fc.record({ range: gridRange(base), vnode: fc.nat({ max: 1 }), vtl_type: gridVtl, igvm_type: gridIgvm }) }),
      ),
      { maxLength: 4 },
    ),
    smallState(base),
    fc.boolean(),
    fc.boolean(),
  ).map(([a, edits, other, keepMmio, keepCpus]): [SavedState, SavedState] => {
    const b: SavedState = {
      partition_memory: edits.reduce(applyEdit, a.partition_memory),
      partition_mmio: keepMmio ? a.partition_mmio : other.partition_mmio,
      cpus_with_mapped_interrupts_no_io: keepCpus ? a.cpus_with_mapped_interrupts_no_io : other.cpus_with_mapped_interrupts_no_io,
      cpus_with_outstanding_io: keepCpus ? a.cpus_with_outstanding_io : other.cpus_with_outstanding_io,
    };
    return [a, b];
  }),
);
