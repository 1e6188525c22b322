// Inputs for fuzzing the device-tree reader and the OpenHCL parse: the
// fixtures of ../shared/fixtures/dt and synthetic write_dt trees, mutated;
// their header fields set to hostile values (0, 2^31, 2^32-1, past the input,
// onto another block); deep nesting; random bytes behind a valid magic.
import fc from 'fast-check';
import { FDT_HEADER_FIELD_OFFSETS, FDT_MAGIC, MAX_FDT_DEPTH, type FdtHeader } from '../../format/fdt.ts';
import { loadDtFixtures } from '../dtFixtures.ts';
import { FdtWriter } from '../fdtWriter.ts';
import { syntheticDeviceTree } from '../syntheticDeviceTree.ts';
import { applyMutations, arbCrossover, arbMutated, arbMutation } from './mutations.ts';

let cachedSeeds: Uint8Array[] | null = null;

/** Every fixture tree (bad ones too) and a few small synthetic ones, x64 and aarch64. */
export function deviceTreeSeeds(): Uint8Array[] {
  cachedSeeds ??= [
    ...loadDtFixtures().map((f) => f.bytes),
    syntheticDeviceTree({ vnodes: 1, ranges: 12, cpus: 2 }),
    syntheticDeviceTree({ vnodes: 3, ranges: 24, cpus: 5, arch: 'aarch64', base: (1n << 53n) - (1n << 26n), seed: 7 }),
  ];
  return cachedSeeds;
}

type HeaderField = Exclude<keyof FdtHeader, 'magic' | 'boot_cpuid_phys'>;
const FIELDS: readonly HeaderField[] = ['totalsize', 'off_dt_struct', 'off_dt_strings', 'off_mem_rsvmap', 'version', 'last_comp_version', 'size_dt_strings', 'size_dt_struct'];

/** A header field set to a value, or to another field's value (± a few bytes): blocks overlapping, strings inside the structure. */
type HeaderEdit = { field: HeaderField; value: number } | { field: HeaderField; like: HeaderField; delta: number } | { field: HeaderField; inputLength: number };

const arbHeaderEdit: fc.Arbitrary<HeaderEdit> = fc.oneof(
  fc.record({ field: fc.constantFrom(...FIELDS), value: fc.oneof(fc.constantFrom(0, 1, 4, 16, 17, 18, 39, 40, 41, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1), fc.nat({ max: 0xffff }), fc.nat()) }),
  fc.record({ field: fc.constantFrom(...FIELDS), like: fc.constantFrom(...FIELDS), delta: fc.constantFrom(-16, -8, -4, -1, 0, 1, 4, 8, 16) }),
  fc.record({ field: fc.constantFrom(...FIELDS), inputLength: fc.integer({ min: -8, max: 8 }) }),
);

function applyHeaderEdits(seed: Uint8Array, edits: readonly HeaderEdit[]): Uint8Array {
  const out = seed.slice();
  if (out.length < 40) return out;
  const view = new DataView(out.buffer);
  const at = (f: HeaderField) => FDT_HEADER_FIELD_OFFSETS[f];
  for (const e of edits) {
    const value = 'value' in e ? e.value : 'like' in e ? view.getUint32(at(e.like), false) + e.delta : out.length + e.inputLength;
    view.setUint32(at(e.field), value >>> 0, false);
  }
  return out;
}

/** Nested nodes around MAX_FDT_DEPTH, some with properties. */
const arbDeepTree: fc.Arbitrary<Uint8Array> = fc.record({ depth: fc.integer({ min: MAX_FDT_DEPTH - 4, max: MAX_FDT_DEPTH + 8 }), withProps: fc.boolean() }).map(({ depth, withProps }) => {
  const w = new FdtWriter();
  for (let i = 0; i < depth; i++) {
    w.beginNode(i === 0 ? '' : `n${i}`);
    if (withProps) w.u32('reg', i);
  }
  for (let i = 0; i < depth; i++) w.endNode();
  return w.finish();
});

/** Random bytes behind a header with the right magic and version: the walker's worst case. */
const arbMagicSoup: fc.Arbitrary<Uint8Array> = fc.uint8Array({ minLength: 40, maxLength: 400 }).map((bytes) => {
  const view = new DataView(bytes.buffer);
  view.setUint32(0, FDT_MAGIC, false);
  view.setUint32(4, Math.min(view.getUint32(4, false), bytes.length), false);
  view.setUint32(20, 17, false);
  view.setUint32(24, 16, false);
  return bytes;
});

/** Small synthetic trees (valid by construction), then damaged. */
const arbDamagedSynthetic: fc.Arbitrary<Uint8Array> = fc
  .tuple(
    fc.record({ vnodes: fc.integer({ min: 1, max: 3 }), extra: fc.nat({ max: 16 }), cpus: fc.nat({ max: 8 }), arch: fc.constantFrom('x86_64' as const, 'aarch64' as const), seed: fc.integer({ min: 1, max: 1000 }) }),
    fc.array(arbMutation, { maxLength: 4 }),
  )
  .map(([o, edits]) => applyMutations(syntheticDeviceTree({ vnodes: o.vnodes, ranges: 3 * o.vnodes + 8 + o.extra, cpus: o.cpus, arch: o.arch, seed: o.seed }), edits));

/**
 * Words of the structure block set in place (the length and header kept): tokens,
 * property lengths and name offsets, memory types, NUMA ids, reg cells.
 */
const arbStructureWords = (seeds: readonly Uint8Array[]) => fc.record({
  seed: fc.constantFrom(...seeds),
  words: fc.array(fc.record({ at: fc.nat(), value: fc.oneof(fc.constantFrom(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 99, 0x1000, 0x0001_0004, 2 ** 31, 2 ** 32 - 1), fc.nat()) }), { minLength: 1, maxLength: 3 }),
});

function setStructureWords({ seed, words }: { seed: Uint8Array; words: { at: number; value: number }[] }): Uint8Array {
  const out = seed.slice();
  if (out.length < 40) return out;
  const view = new DataView(out.buffer);
  const start = view.getUint32(FDT_HEADER_FIELD_OFFSETS.off_dt_struct, false);
  const length = Math.min(view.getUint32(FDT_HEADER_FIELD_OFFSETS.size_dt_struct, false), out.length - start);
  if (start % 4 !== 0 || length < 8) return out;
  for (const w of words) view.setUint32(start + 4 * (w.at % Math.floor(length / 4 - 1)), w.value >>> 0, false);
  return out;
}

/** DTBs: mutated trees, hostile headers, damaged synthetic trees, deep nesting, soup, random bytes. */
export function arbDeviceTree(): fc.Arbitrary<Uint8Array> {
  const seeds = deviceTreeSeeds();
  return fc.oneof(
    { weight: 4, arbitrary: arbMutated(seeds, 4) },
    { weight: 3, arbitrary: arbStructureWords(seeds).map(setStructureWords) },
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...seeds), fc.array(arbHeaderEdit, { minLength: 1, maxLength: 3 })).map(([seed, edits]) => applyHeaderEdits(seed, edits)) },
    { weight: 2, arbitrary: arbDamagedSynthetic },
    { weight: 1, arbitrary: fc.constantFrom(...seeds) },
    { weight: 1, arbitrary: arbCrossover(seeds) },
    { weight: 1, arbitrary: arbDeepTree },
    { weight: 1, arbitrary: arbMagicSoup },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }) },
  );
}
