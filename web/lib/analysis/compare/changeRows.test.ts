import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entriesOfSavedState, type Entry } from '../../model/entries.ts';
import { entryFilter } from '../../model/filter.ts';
import { NO_FILTERS, type Filters } from '../../model/view.ts';
import type { SavedState } from '../../model/savedState.ts';
import { VTL } from '../../model/vtlTypes.ts';
import { arbTopologyPair } from '../../testing/arbitraries.ts';
import { savedStateDoc } from '../../testing/savedStateDoc.ts';
import { attributesText, changeRows, filterChangeRows, rangesText } from './changeRows.ts';
import { compareTopologies } from './index.ts';

const someOf = (values: number[]) => fc.option(fc.subarray(values), { nil: null });

describe('changeRows', () => {
  it('lists every piece and boundary change once, memory then MMIO, by start (property)', () => {
    fc.assert(
      fc.property(arbTopologyPair, ([a, b]) => {
        const c = compareTopologies(savedStateDoc(a), savedStateDoc(b));
        const rows = changeRows(c);
        expect(rows).toHaveLength(c.memory.length + c.mmio.length + c.boundaries.length);
        expect(rows.map((r) => r.id)).toEqual(rows.map((_, i) => i));
        for (let i = 1; i < rows.length; i++) {
          const [p, q] = [rows[i - 1]!, rows[i]!];
          if (p.table === q.table) expect(p.end <= q.start).toBe(true);
          else expect([p.table, q.table]).toEqual(['memory', 'mmio']);
        }
        expect(rows.filter((r) => r.kind === 'boundary')).toHaveLength(c.boundaries.length);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a row exactly when an entry of A or B over it passes the filters (property)', () => {
    fc.assert(
      fc.property(
        arbTopologyPair.chain(([a, b]) => {
          const entries = [...entriesOfSavedState(a), ...entriesOfSavedState(b)];
          const filters: fc.Arbitrary<Filters> = fc.record({
            vtlTypes: someOf([...new Set(entries.map((e) => e.vtlType.value))]),
            vnodes: someOf([...new Set(entries.flatMap((e) => (e.vnode === null ? [] : [e.vnode])))]),
            igvmTypes: someOf([...new Set(entries.flatMap((e) => (e.igvmType ? [e.igvmType.value] : [])))]),
            address: fc.constant(''),
            addressMode: fc.constant('address' as const),
          });
          return fc.tuple(fc.constant([a, b] as const), filters);
        }),
        ([[a, b], filters]) => {
          const rows = changeRows(compareTopologies(savedStateDoc(a), savedStateDoc(b)));
          const keep = entryFilter(filters);
          // Ranges covering no bytes take no part in a comparison.
          const over = (side: Entry[], r: (typeof rows)[number]) => side.some((e) => e.ref.table === r.table && e.start < e.end && e.start < r.end && r.start < e.end && keep(e));
          const expected = rows.filter((r) => over(entriesOfSavedState(a), r) || over(entriesOfSavedState(b), r));
          expect(filterChangeRows(rows, filters).map((r) => r.id)).toEqual(expected.map((r) => r.id));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('an address filter keeps the rows it touches, on either side', () => {
    const [a, b] = pair();
    const rows = changeRows(compareTopologies(savedStateDoc(a), savedStateDoc(b)));
    expect(rows.map((r) => r.kind)).toEqual(['retyped', 'added']);
    expect(filterChangeRows(rows, NO_FILTERS)).toHaveLength(2);
    expect(filterChangeRows(rows, { ...NO_FILTERS, address: '0x9000' }).map((r) => r.kind)).toEqual(['added']);
    // Only A has VTL0 over the retyped piece: the filter keeps it by A's side, and drops the piece only B has.
    expect(filterChangeRows(rows, { ...NO_FILTERS, vtlTypes: [VTL.VTL0] }).map((r) => r.kind)).toEqual(['retyped']);
    expect(filterChangeRows(rows, { ...NO_FILTERS, vnodes: [1] }).map((r) => r.kind)).toEqual(['added']);
  });

  it('reads each side in words', () => {
    const [a, b] = pair();
    const [retyped, added] = changeRows(compareTopologies(savedStateDoc(a), savedStateDoc(b)));
    expect(attributesText(retyped!.a)).toBe('VTL0 · vnode 0 · MEMORY');
    expect(attributesText(retyped!.b)).toBe('VTL2_RAM · vnode 0 · MEMORY');
    expect(attributesText(added!.a)).toBe('—');
    expect(attributesText(added!.b, 2)).toBe('VTL2_RAM · vnode 1 · MEMORY + 2 more');
    const split = changeRows(compareTopologies(savedStateDoc(a), savedStateDoc(splitFirst(a))));
    expect(split.map((r) => r.kind)).toEqual(['boundary']);
    expect(rangesText(split[0]!.aRanges)).toBe('1 range: 0x0..0x4000');
    expect(rangesText(split[0]!.bRanges)).toBe('2 ranges: 0x0..0x1000, 0x1000..0x4000');
  });
});

const mem = (start: bigint, end: bigint, vtl: number, vnode: number) => ({
  range: { start, end },
  vnode,
  vtl_type: { value: vtl, name: vtl === VTL.VTL0 ? 'VTL0' : 'VTL2_RAM' },
  igvm_type: { value: 0, name: 'MEMORY' },
});

function pair() {
  const base = { partition_mmio: [], cpus_with_mapped_interrupts_no_io: [], cpus_with_outstanding_io: [] };
  const a = { ...base, partition_memory: [mem(0n, 0x4000n, VTL.VTL0, 0)] };
  const b = { ...base, partition_memory: [mem(0n, 0x4000n, VTL.VTL2_RAM, 0), mem(0x8000n, 0xa000n, VTL.VTL2_RAM, 1)] };
  return [a, b] as [SavedState, SavedState];
}

function splitFirst(state: SavedState): SavedState {
  const [first] = state.partition_memory;
  return { ...state, partition_memory: [{ ...first!, range: { start: 0n, end: 0x1000n } }, { ...first!, range: { start: 0x1000n, end: 0x4000n } }] };
}
