import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entriesOfSavedState, type Entry, type EntryTable } from '../../model/entries.ts';
import type { MemoryEntry, SavedState } from '../../model/savedState.ts';
import { isRam, isVtl2 } from '../../model/vtlTypes.ts';
import { arbSmallTopology, arbTopologyPair } from '../../testing/arbitraries.ts';
import { savedStateDoc } from '../../testing/savedStateDoc.ts';
import { compareTopologies, type ChangedPiece, type RangeAttributes, type TopologyComparison } from './index.ts';
import { vtl2RamGrowth } from './summary.ts';
import { compareAttributes, diffTable, MAX_LISTED } from './sweep.ts';

const keyOf = (x: RangeAttributes) => `${x.vtlType.value}/${x.vnode ?? ''}/${x.igvmType?.value ?? ''}`;
const coverKey = (cover: readonly RangeAttributes[]) => cover.map(keyOf).sort().join('|');

interface Interval {
  start: bigint;
  end: bigint;
  a: string;
  b: string;
  /** Whether a range of A (of B) starts or ends at `start`. */
  aEdge: boolean;
  bEdge: boolean;
}

/** The brute-force reading of the definitions: every elementary interval between any two boundaries, its covers computed from scratch. */
function intervals(table: EntryTable, aEntries: readonly Entry[], bEntries: readonly Entry[]): { a: Entry[]; b: Entry[]; list: Interval[] } {
  const a = aEntries.filter((e) => e.ref.table === table && e.end > e.start);
  const b = bEntries.filter((e) => e.ref.table === table && e.end > e.start);
  const points = [...new Set([...a, ...b].flatMap((e) => [e.start, e.end]))].sort((x, y) => (x < y ? -1 : 1));
  const cover = (side: Entry[], p: bigint) => [...new Set(side.filter((e) => e.start <= p && p < e.end).map(keyOf))].sort().join('|');
  const edge = (side: Entry[], p: bigint) => side.some((e) => e.start === p || e.end === p);
  const list = points.slice(0, -1).map((p, i) => ({ start: p, end: points[i + 1]!, a: cover(a, p), b: cover(b, p), aEdge: edge(a, p), bEdge: edge(b, p) }));
  return { a, b, list };
}

function oraclePieces(list: Interval[]): { start: bigint; end: bigint; a: string; b: string }[] {
  const out: { start: bigint; end: bigint; a: string; b: string }[] = [];
  for (const i of list) {
    if (i.a === i.b) continue;
    const last = out[out.length - 1];
    if (last && last.end === i.start && last.a === i.a && last.b === i.b) last.end = i.end;
    else out.push({ start: i.start, end: i.end, a: i.a, b: i.b });
  }
  return out;
}

function oracleBoundaries(list: Interval[], a: Entry[], b: Entry[]) {
  const spans: { start: bigint; end: bigint }[] = [];
  let run: { start: bigint; end: bigint; flagged: boolean } | null = null;
  const close = () => {
    if (run?.flagged) spans.push({ start: run.start, end: run.end });
    run = null;
  };
  for (const i of list) {
    if (i.a !== i.b || i.a === '') {
      close();
      continue;
    }
    if (run && run.end === i.start && !(i.aEdge && i.bEdge)) {
      run.flagged = true;
      run.end = i.end;
    } else {
      close();
      run = { start: i.start, end: i.end, flagged: false };
    }
  }
  close();
  const byStart = (side: Entry[]) => side.map((e, k) => [e, k] as const).sort(([x, k], [y, l]) => (x.start < y.start ? -1 : x.start > y.start ? 1 : k - l)).map(([e]) => e);
  const over = (side: Entry[], s: { start: bigint; end: bigint }) => byStart(side).filter((e) => e.start < s.end && s.start < e.end).map((e) => e.ref);
  return spans.map((s) => ({ ...s, a: over(a, s), b: over(b, s) }));
}

function checkAgainstOracle(aState: SavedState, bState: SavedState): void {
  const aEntries = entriesOfSavedState(aState);
  const bEntries = entriesOfSavedState(bState);
  for (const table of ['memory', 'mmio'] as const) {
    const { pieces, boundaries } = diffTable(table, aEntries, bEntries);
    const { a, b, list } = intervals(table, aEntries, bEntries);
    expect(pieces.map((p) => ({ start: p.start, end: p.end, a: coverKey(p.a), b: coverKey(p.b) }))).toEqual(oraclePieces(list));
    expect(boundaries.map((x) => ({ start: x.start, end: x.end, a: x.a.map((e) => e.ref), b: x.b.map((e) => e.ref) }))).toEqual(oracleBoundaries(list, a, b));
    expect(boundaries.every((x) => x.aMore === 0 && x.bMore === 0)).toBe(true);
    for (const p of pieces) {
      expect([p.aMore, p.bMore]).toEqual([0, 0]);
      // Covers are listed distinct and in order.
      for (const cover of [p.a, p.b]) {
        expect(cover.every((x, i) => i === 0 || compareAttributes(cover[i - 1]!, x) < 0)).toBe(true);
      }
      expect(p.table).toBe(table);
    }
    // Boundary-only changes lie where both sides agree, and cover bytes.
    for (const x of boundaries) {
      const inside = list.filter((i) => i.start >= x.start && i.end <= x.end);
      expect(inside.every((i) => i.a === i.b && i.a !== '')).toBe(true);
      expect(inside.reduce((n, i) => n + (i.end - i.start), 0n)).toBe(x.end - x.start);
    }
  }
}

const sides = (c: TopologyComparison) => ({
  memory: c.memory,
  mmio: c.mmio,
  boundaries: c.boundaries,
  lists: [c.cpus.withMappedInterruptsNoIo, c.cpus.withOutstandingIo],
});
const mirrored = (c: TopologyComparison) => ({
  memory: c.memory.map((p) => ({ ...p, a: p.b, b: p.a })),
  mmio: c.mmio.map((p) => ({ ...p, a: p.b, b: p.a })),
  boundaries: c.boundaries.map((x) => ({ ...x, a: x.b, b: x.a })),
  lists: [c.cpus.withMappedInterruptsNoIo, c.cpus.withOutstandingIo].map((l) => ({ compared: l.compared, same: l.same, a: l.b, b: l.a, onlyA: l.onlyB, onlyB: l.onlyA })),
});

describe('compareTopologies: properties', () => {
  it('pieces and boundary-only changes are exactly what a brute-force reading of the definitions finds (related pairs)', () => {
    fc.assert(fc.property(arbTopologyPair, ([a, b]) => checkAgainstOracle(a, b)), { numRuns: 400 });
  });

  it('… and for unrelated pairs, overlaps, empty and inverted ranges included', () => {
    fc.assert(fc.property(arbSmallTopology, arbSmallTopology, (a, b) => checkAgainstOracle(a, b)), { numRuns: 300 });
  });

  it('pieces are disjoint, in order, and adjacent pieces never hold the same pair', () => {
    fc.assert(
      fc.property(arbTopologyPair, ([a, b]) => {
        const c = compareTopologies(savedStateDoc(a), savedStateDoc(b));
        for (const pieces of [c.memory, c.mmio]) {
          pieces.forEach((p, i) => {
            expect(p.start < p.end).toBe(true);
            const prev = pieces[i - 1];
            if (!prev) return;
            expect(prev.end <= p.start).toBe(true);
            if (prev.end === p.start) expect(coverKey(prev.a) === coverKey(p.a) && coverKey(prev.b) === coverKey(p.b)).toBe(false);
          });
          expect(pieces.every((p) => coverKey(p.a) !== coverKey(p.b))).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('A against A is the same, in any entry order', () => {
    fc.assert(
      fc.property(arbSmallTopology, fc.nat(), (a, seed) => {
        const c = compareTopologies(savedStateDoc(a), savedStateDoc(a));
        expect([c.same, c.memory, c.mmio, c.boundaries, c.regions, c.summary.startsWith('same topology')]).toEqual([true, [], [], [], [], true]);
        const shuffled: SavedState = {
          ...a,
          partition_memory: rotate(a.partition_memory, seed),
          partition_mmio: rotate(a.partition_mmio, seed),
          cpus_with_mapped_interrupts_no_io: rotate(a.cpus_with_mapped_interrupts_no_io, seed),
          cpus_with_outstanding_io: rotate(a.cpus_with_outstanding_io, seed + 1),
        };
        const d = compareTopologies(savedStateDoc(a), savedStateDoc(shuffled));
        expect([d.memory, d.mmio, d.boundaries]).toEqual([[], [], []]);
        // MMIO ranges and CPU lists are sets to the next boot: their order is no change.
        const mmio = (x: TopologyComparison) => x.servicing.find((s) => s.id === 'mmio')!.outcome;
        expect(mmio(d)).toBe(mmio(c));
        expect([d.cpus.withMappedInterruptsNoIo.same, d.cpus.withOutstandingIo.same]).toEqual([true, true]);
      }),
      { numRuns: 200 },
    );
  });

  it('swapping A and B swaps the sides', () => {
    fc.assert(
      fc.property(arbTopologyPair, ([a, b]) => {
        const ab = compareTopologies(savedStateDoc(a), savedStateDoc(b));
        const ba = compareTopologies(savedStateDoc(b), savedStateDoc(a));
        expect(mirrored(ba)).toEqual(sides(ab));
        expect(ba.same).toBe(ab.same);
        expect(vtl2RamGrowth(ba.memory)).toBe(-vtl2RamGrowth(ab.memory));
      }),
      { numRuns: 200 },
    );
  });

  it('VTL2 RAM growth is B’s VTL2 RAM bytes minus A’s, counted byte-exactly under overlaps', () => {
    fc.assert(
      fc.property(arbTopologyPair, ([a, b]) => {
        const c = compareTopologies(savedStateDoc(a), savedStateDoc(b));
        const { list } = intervals('memory', entriesOfSavedState(a), entriesOfSavedState(b));
        const ram = (cover: string) => cover !== '' && cover.split('|').some((k) => isRam(Number(k.split('/')[0])) && isVtl2(Number(k.split('/')[0])));
        const bytes = (side: 'a' | 'b') => list.reduce((n, i) => n + (ram(i[side]) ? i.end - i.start : 0n), 0n);
        expect(vtl2RamGrowth(c.memory)).toBe(bytes('b') - bytes('a'));
      }),
      { numRuns: 200 },
    );
  });
});

function rotate<T>(list: readonly T[], by: number): T[] {
  if (list.length === 0) return [];
  const k = by % list.length;
  return [...list.slice(k), ...list.slice(0, k)].reverse();
}

// p03's topology (the fixtures' realistic x64 state, two vnodes) written out, so this test reads alone.
const vtl = (value: number, name: string) => ({ value, name });
const PROTECTABLE = { value: 3, name: 'VTL2_PROTECTABLE' };
const mem = (start: bigint, end: bigint, vnode: number, type: { value: number; name: string }, igvm = PROTECTABLE): MemoryEntry => ({ range: { start, end }, vnode, vtl_type: type, igvm_type: igvm });
const VTL0 = vtl(0, 'VTL0');
const MEMORY = { value: 0, name: 'MEMORY' };
const p03: SavedState = {
  partition_memory: [
    mem(0x0n, 0x7fe00000n, 0, VTL0, MEMORY),
    mem(0x7fe00000n, 0x80000000n, 0, VTL0, { value: 1, name: 'PLATFORM_RESERVED' }),
    mem(0x100000000n, 0x280000000n, 0, VTL0, MEMORY),
    mem(0x280000000n, 0x440000000n, 1, VTL0, MEMORY),
    mem(0x440000000n, 0x480000000n, 1, VTL0, { value: 4, name: 'SPECIFIC_PURPOSE' }),
    mem(0x480000000n, 0x480001000n, 0, vtl(11, 'VTL2_PERSISTED_STATE_HEADER')),
    mem(0x480001000n, 0x480014000n, 0, vtl(12, 'VTL2_PERSISTED_STATE_PROTOBUF')),
    mem(0x480014000n, 0x482800000n, 0, vtl(1, 'VTL2_RAM')),
    mem(0x482800000n, 0x482820000n, 0, vtl(2, 'VTL2_CONFIG')),
    mem(0x482820000n, 0x482822000n, 0, vtl(10, 'VTL2_BOOTSHIM_LOG_BUFFER')),
    mem(0x482822000n, 0x486000000n, 0, vtl(1, 'VTL2_RAM')),
    mem(0x486000000n, 0x488000000n, 0, vtl(8, 'VTL2_GPA_POOL')),
    mem(0x488000000n, 0x48a000000n, 1, vtl(1, 'VTL2_RAM')),
    mem(0x48a000000n, 0x48c000000n, 1, vtl(8, 'VTL2_GPA_POOL')),
  ],
  partition_mmio: [
    { range: { start: 0xf0000000n, end: 0xf8000000n }, vtl_type: vtl(5, 'VTL0_MMIO') },
    { range: { start: 0xfc0000000n, end: 0xfe0000000n }, vtl_type: vtl(5, 'VTL0_MMIO') },
    { range: { start: 0xfe0000000n, end: 0x1000000000n }, vtl_type: vtl(6, 'VTL2_MMIO') },
  ],
  cpus_with_mapped_interrupts_no_io: [0, 2, 5],
  cpus_with_outstanding_io: [1, 130],
};

/** p03 after a servicing that went wrong: config retyped, VTL2 RAM grown on vnode 1, a VTL0 range split, VTL2 MMIO moved. */
const serviced: SavedState = {
  ...p03,
  partition_memory: [
    ...p03.partition_memory.slice(0, 2),
    mem(0x100000000n, 0x200000000n, 0, VTL0, MEMORY),
    mem(0x200000000n, 0x280000000n, 0, VTL0, MEMORY),
    ...p03.partition_memory.slice(3, 8),
    mem(0x482800000n, 0x482820000n, 0, vtl(7, 'VTL2_RESERVED')),
    ...p03.partition_memory.slice(9),
    mem(0x48c000000n, 0x48e000000n, 1, vtl(1, 'VTL2_RAM')),
  ],
  partition_mmio: [...p03.partition_mmio.slice(0, 2), { range: { start: 0x1000000000n, end: 0x1020000000n }, vtl_type: vtl(6, 'VTL2_MMIO') }],
};

const attributes = (p: ChangedPiece) => ({ start: p.start, end: p.end, a: p.a.map(keyOf), b: p.b.map(keyOf) });

describe('compareTopologies: p03 against a servicing gone wrong', () => {
  const c = compareTopologies(savedStateDoc(p03), savedStateDoc(serviced));

  it('finds the retyped config, the added VTL2 RAM, the split and the moved MMIO, exactly', () => {
    expect(c.same).toBe(false);
    expect(c.memory.map(attributes)).toEqual([
      { start: 0x482800000n, end: 0x482820000n, a: ['2/0/3'], b: ['7/0/3'] },
      { start: 0x48c000000n, end: 0x48e000000n, a: [], b: ['1/1/3'] },
    ]);
    expect(c.mmio.map(attributes)).toEqual([
      { start: 0xfe0000000n, end: 0x1000000000n, a: ['6//'], b: [] },
      { start: 0x1000000000n, end: 0x1020000000n, a: [], b: ['6//'] },
    ]);
    expect(c.boundaries.map((x) => [x.table, x.start, x.end, x.a.map((e) => e.ref.index), x.b.map((e) => e.ref.index)])).toEqual([['memory', 0x100000000n, 0x280000000n, [2], [2, 3]]]);
    expect(c.cpus.withOutstandingIo).toEqual({ compared: true, same: true, a: [1, 130], b: [1, 130], onlyA: [], onlyB: [] });
    expect(c.cpus.vnodes).toEqual({ compared: false, changes: [] });
    expect(c.regions).toEqual([]);
    expect(vtl2RamGrowth(c.memory)).toBe(32n << 20n);
  });

  it('says it in one line', () => {
    expect(c.summary).toBe(
      '1 memory range retyped (128 KiB), 1 memory range added (32 MiB), VTL2 RAM grew by 32 MiB, 1 MMIO range moved, ranges split or merged in 1 place (attributes unchanged); servicing (current) fails: vtl2-ram, mmio',
    );
  });

  it('judges servicing: VTL2 RAM and MMIO not reused, the rest kept', () => {
    expect(c.servicing.map((s) => [s.id, s.outcome])).toEqual([
      ['boot', 'pass'],
      ['persisted-header', 'pass'],
      ['vtl2-ram', 'fail'],
      ['persisted-region', 'pass'],
      ['gpa-pool', 'pass'],
      ['mmio', 'fail'],
      ['cpu-lists', 'n/a'],
    ]);
    const ram = c.servicing.find((s) => s.id === 'vtl2-ram')!;
    expect(ram.rule).toContain('"vtl2 ram from persisted state does not match host provided ram"');
    expect(ram.detail).toBe(
      "A's persisted state rebuilds 2 VTL2 RAM ranges (192 MiB), B has 2 (224 MiB); first difference at #1: A 0x488000000..0x48c000000 vnode 1 VTL2_PROTECTABLE, B 0x488000000..0x48e000000 vnode 1 VTL2_PROTECTABLE; B's VTL2 RAM is rebuilt from B's entries the same way (RAM and VTL2 types, adjacent ranges of one IGVM type and vnode merged)",
    );
    expect(c.servicing.find((s) => s.id === 'mmio')!.detail).toBe(
      'VTL0_MMIO A 0xf0000000..0xf8000000, 0xfc0000000..0xfe0000000, B 0xf0000000..0xf8000000, 0xfc0000000..0xfe0000000; VTL2_MMIO A 0xfe0000000..0x1000000000, B 0x1000000000..0x1020000000',
    );
    expect(c.servicing.find((s) => s.id === 'cpu-lists')!.detail).toBe("B's kernel starts CPUs 0, 1, 2, 5, 130 itself; B does not say which CPUs it has");
  });

  it('by the pre-2026-04 rules, two pool ranges fail the boot and the pool check, naming them', () => {
    const pre = compareTopologies(savedStateDoc(p03), savedStateDoc(p03), { release: 'pre-2026-04' });
    expect(pre.same).toBe(true);
    expect(pre.release).toBe('pre-2026-04');
    expect(pre.servicing.map((s) => [s.id, s.outcome])).toEqual([
      ['boot', 'fail'],
      ['persisted-header', 'pass'],
      ['vtl2-ram', 'pass'],
      ['persisted-region', 'pass'],
      ['gpa-pool', 'fail'],
      ['mmio', 'pass'],
      ['cpu-lists', 'n/a'],
    ]);
    const pool = pre.servicing.find((s) => s.id === 'gpa-pool')!;
    expect(pool.rule).toContain('assert!(pool_ranges.next().is_none(), "previous instance had multiple pool ranges")');
    expect(pool.detail).toBe('previous instance had multiple pool ranges: A has 2 VTL2_GPA_POOL ranges, memory #11 0x486000000..0x488000000, memory #13 0x48a000000..0x48c000000 (release pre-2026-04 predates openvmm #3312, 2026-04-30)');
    expect(pool.entries.a).toEqual([{ table: 'memory', index: 11 }, { table: 'memory', index: 13 }]);
    expect(pre.summary).toBe('same topology; servicing (pre-2026-04) fails: boot, gpa-pool');
    expect(pre.servicing.find((s) => s.id === 'cpu-lists')!.rule).toBe('the CPU lists are decoded but do not choose which CPUs the kernel starts instead of the sidecar');
  });
});

describe('compareTopologies: overlapping entries on one side', () => {
  it('a piece covered by two entries of different attributes lists both, sorted', () => {
    const a: SavedState = { ...p03, partition_memory: [mem(0x0n, 0x3000n, 1, vtl(8, 'VTL2_GPA_POOL')), mem(0x1000n, 0x2000n, 0, VTL0, MEMORY)], partition_mmio: [] };
    const b: SavedState = { ...a, partition_memory: [mem(0x0n, 0x3000n, 1, vtl(8, 'VTL2_GPA_POOL'))] };
    const c = compareTopologies(savedStateDoc(a), savedStateDoc(b));
    expect(c.memory.map(attributes)).toEqual([{ start: 0x1000n, end: 0x2000n, a: ['0/0/0', '8/1/3'], b: ['8/1/3'] }]);
    expect(c.boundaries).toEqual([]);
    // The same entry twice is one attribute set: no piece, but the bytes agree and the boundaries do too.
    const twice = compareTopologies(savedStateDoc(b), savedStateDoc({ ...b, partition_memory: [...b.partition_memory, ...b.partition_memory] }));
    expect([twice.memory, twice.boundaries, twice.same]).toEqual([[], [], true]);
  });
});

describe('compareTopologies: 100,000 ranges a side', () => {
  it('stays a sort and a sweep', () => {
    const many = (n: number, retypeEvery: number): Entry[] =>
      Array.from({ length: n }, (_, index) => ({
        ref: { table: 'memory', index },
        start: (1n << 53n) + BigInt(index) * 0x1000n,
        end: (1n << 53n) + BigInt(index + 1) * 0x1000n,
        vnode: index % 4,
        vtlType: index % retypeEvery === 0 ? { value: 1, name: 'VTL2_RAM' } : { value: 0, name: 'VTL0' },
        igvmType: { value: 0, name: 'MEMORY' },
      }));
    const started = performance.now();
    const { pieces, boundaries } = diffTable('memory', many(100_000, 1000), many(100_000, 500));
    expect(performance.now() - started).toBeLessThan(5000);
    expect(pieces.length).toBe(100);
    expect(boundaries).toEqual([]);
  });
});

describe('compareTopologies: hostile nesting', () => {
  const nested = (depth: number, attributes: (i: number) => Pick<Entry, 'vnode' | 'vtlType' | 'igvmType'>, extra: Entry[] = []): Entry[] => [
    ...Array.from({ length: depth }, (_, index): Entry => ({ ref: { table: 'memory', index }, start: BigInt(index) * 0x1000n, end: BigInt(2 * depth - index) * 0x1000n, ...attributes(index) })),
    ...extra,
  ];
  const distinct = (i: number) => ({ vnode: i, vtlType: { value: 0, name: 'VTL0' }, igvmType: { value: 0, name: 'MEMORY' } });
  const same = () => distinct(0);

  it('lists at most MAX_LISTED attributes per side and counts the rest', () => {
    const { pieces } = diffTable('memory', nested(100, distinct), []);
    expect(pieces.length).toBe(199);
    // The innermost piece is covered by all 100.
    const inner = pieces.find((p) => p.start === 99n * 0x1000n)!;
    expect([inner.a.length, inner.aMore, inner.b.length, inner.bMore]).toEqual([MAX_LISTED, 100 - MAX_LISTED, 0, 0]);
    expect(inner.a.every((x, i) => i === 0 || compareAttributes(inner.a[i - 1]!, x) < 0)).toBe(true);
    expect(pieces.find((p) => p.start === 0n)).toMatchObject({ end: 0x1000n, aMore: 0 });
  });

  it('lists at most MAX_LISTED entries per boundary change and counts the rest', () => {
    // Both sides nest 100 ranges of one attribute set; A alone splits the innermost page.
    const split: Entry = { ref: { table: 'memory', index: 100 }, start: 99n * 0x1000n, end: 99n * 0x1000n + 0x800n, ...same() };
    const { pieces, boundaries } = diffTable('memory', nested(100, same, [split]), nested(100, same));
    expect(pieces).toEqual([]);
    expect(boundaries.map((x) => [x.start, x.end, x.a.length, x.aMore, x.b.length, x.bMore])).toEqual([[99n * 0x1000n, 101n * 0x1000n, MAX_LISTED, 101 - MAX_LISTED, MAX_LISTED, 100 - MAX_LISTED]]);
  });

  it('20,000 ranges nested, each with its own attributes, against nothing: linear, not quadratic', () => {
    const started = performance.now();
    const { pieces } = diffTable('memory', nested(20_000, distinct), []);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(pieces.length).toBe(39_999);
  });
});

describe('"the" persisted-header entry is the first of its type, as upstream finds it', () => {
  it('a state with an empty VTL2_PERSISTED_STATE_HEADER entry before the real one, compared with itself: persisted-region passes', () => {
    const memory = [...p03.partition_memory];
    memory.splice(5, 0, mem(0x480000000n, 0x480000000n, 0, vtl(11, 'VTL2_PERSISTED_STATE_HEADER')));
    const doc = savedStateDoc({ ...p03, partition_memory: memory });
    const region = compareTopologies(doc, doc).servicing.find((s) => s.id === 'persisted-region')!;
    expect(region.outcome).toBe('pass');
    // The regions and the servicing checks read the same (empty) entry, memory #5.
    expect(doc.regions.persistedHeader).toMatchObject({ start: 0x480000000n, end: 0x480000000n, entry: { table: 'memory', index: 5 } });
  });
});
