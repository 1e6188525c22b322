import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../io/byteSource.ts';
import { entriesOfSavedState } from '../model/entries.ts';
import type { MemoryEntry, SavedState } from '../model/savedState.ts';
import { arbSavedState } from '../testing/arbitraries.ts';
import { loadFixtures } from '../testing/fixtures.ts';
import { openDoc } from '../testing/openDoc.ts';
import { summarizeNuma as summarizeEntries } from './numa.ts';

/** The summary of a saved state, as a document of it has it. */
const summarizeNuma = (s: SavedState) => summarizeEntries(entriesOfSavedState(s), { cpus: null, withMappedInterruptsNoIo: s.cpus_with_mapped_interrupts_no_io, withOutstandingIo: s.cpus_with_outstanding_io });

const entry = (start: bigint, end: bigint, vnode: number, vtl: number, name: string | null = null): MemoryEntry => ({
  range: { start, end },
  vnode,
  vtl_type: { value: vtl, name },
  igvm_type: { value: 0, name: 'MEMORY' },
});

const state = (memory: MemoryEntry[]): SavedState => ({ partition_memory: memory, partition_mmio: [], cpus_with_mapped_interrupts_no_io: [3, 1], cpus_with_outstanding_io: [] });

describe('summarizeNuma', () => {
  it('groups ranges by vnode and sums bytes per VTL type exactly, above 2^53', () => {
    const big = 1n << 60n;
    const summary = summarizeNuma(state([
      entry(big, big + 0x3000n, 1, 0, 'VTL0'),
      entry(0x1000n, 0x2000n, 0, 1, 'VTL2_RAM'),
      entry(big + 0x3000n, big + (1n << 54n) + 1n, 1, 0, 'VTL0'),
      entry(0x2000n, 0x5000n, 0, 0, 'VTL0'),
      entry(0x9000n, 0xa000n, 0, 1, 'VTL2_RAM'),
    ]));
    expect(summary.vnodes.map((n) => n.vnode)).toEqual([0, 1]);
    const [n0, n1] = summary.vnodes;
    expect(n0!.memoryIndices).toEqual([1, 3, 4]);
    expect(n0!.byVtlType.map((t) => [t.vtlType.value, t.bytes, t.ranges])).toEqual([[0, 0x3000n, 1], [1, 0x2000n, 2]]);
    expect(n0!.span).toEqual({ start: 0x1000n, end: 0xa000n });
    expect(n1!.totalBytes).toBe((1n << 54n) + 1n);
    expect(n1!.byVtlType).toHaveLength(1);
    expect(summary.totalBytes).toBe(0x5000n + (1n << 54n) + 1n);
    expect(summary.cpusWithMappedInterruptsNoIo).toEqual([3, 1]);
  });

  it('counts an inverted range as zero bytes but still lists it', () => {
    const summary = summarizeNuma(state([entry(0x5000n, 0x1000n, 2, 7)]));
    expect(summary.vnodes[0]!.memoryIndices).toEqual([0]);
    expect(summary.vnodes[0]!.totalBytes).toBe(0n);
    expect(summary.vnodes[0]!.byVtlType[0]!.ranges).toBe(1);
  });

  it('has no vnodes for an MMIO-only state', () => {
    const s = state([]);
    s.partition_mmio.push({ range: { start: 0n, end: 0x1000n }, vtl_type: { value: 5, name: 'VTL0_MMIO' } });
    expect(summarizeNuma(s)).toMatchObject({ vnodes: [], totalBytes: 0n });
  });

  it('matches the realistic fixture: two vnodes covering every memory entry once', async () => {
    const fixture = loadFixtures().find((f) => f.name === 'p03_realistic_x64_2node')!;
    const doc = await openDoc(bytesSource(fixture.bytes));
    const summary = summarizeEntries(doc.entries, doc.cpus);
    expect(summary.vnodes.map((n) => n.vnode)).toEqual([0, 1]);
    const indices = summary.vnodes.flatMap((n) => n.memoryIndices).sort((a, b) => a - b);
    expect(indices).toEqual(doc.decoded!.partition_memory.map((_, i) => i));
  });

  it('per-node totals add up to the whole, and every entry is in exactly one node (property)', () => {
    fc.assert(
      fc.property(arbSavedState, (s) => {
        const summary = summarizeNuma(s);
        const sumNodes = summary.vnodes.reduce((a, n) => a + n.totalBytes, 0n);
        expect(sumNodes).toBe(summary.totalBytes);
        for (const n of summary.vnodes) {
          expect(n.byVtlType.reduce((a, t) => a + t.bytes, 0n)).toBe(n.totalBytes);
          for (const i of n.memoryIndices) expect(s.partition_memory[i]!.vnode).toBe(n.vnode);
        }
        expect(summary.vnodes.reduce((a, n) => a + n.memoryIndices.length, 0)).toBe(s.partition_memory.length);
      }),
    );
  });
});

describe('CPUs per vnode', () => {
  it('lists each CPU under its vnode when the input maps them, and a vnode with CPUs but no memory', () => {
    const entries = entriesOfSavedState(state([entry(0x1000n, 0x2000n, 0, 1, 'VTL2_RAM')]));
    const cpus = [{ index: 0, reg: 0n, vnode: 0 }, { index: 1, reg: 2n, vnode: 1 }, { index: 2, reg: 4n, vnode: 0 }];
    const summary = summarizeEntries(entries, { cpus, withMappedInterruptsNoIo: [], withOutstandingIo: [] });
    expect(summary.cpusPerVnode).toBe(true);
    expect(summary.vnodes.map((n) => [n.vnode, n.cpus?.map((c) => c.index), n.memoryIndices])).toEqual([[0, [0, 2], [0]], [1, [1], []]]);
  });

  it('says it does not know them for a saved state', () => {
    const summary = summarizeNuma(state([entry(0x1000n, 0x2000n, 0, 1, 'VTL2_RAM')]));
    expect(summary.cpusPerVnode).toBe(false);
    expect(summary.vnodes[0]!.cpus).toBeNull();
  });
});
