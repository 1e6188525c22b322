import { describe, expect, it } from 'vitest';
import { entriesOfSavedState, type Entry } from './entries.ts';
import { filterEntries, sortEntries } from './filter.ts';
import type { SavedState } from './savedState.ts';
import { NO_FILTERS } from './view.ts';

const big = (1n << 60n) + 0x1000n;
const state: SavedState = {
  partition_memory: [
    { range: { start: 0x1000n, end: 0x3000n }, vnode: 1, vtl_type: { value: 1, name: 'VTL2_RAM' }, igvm_type: { value: 3, name: 'VTL2_PROTECTABLE' } },
    { range: { start: 0n, end: 0x1000n }, vnode: 0, vtl_type: { value: 0, name: 'VTL0' }, igvm_type: { value: 0, name: 'MEMORY' } },
    { range: { start: big, end: big + 0x10_0000n }, vnode: 0, vtl_type: { value: 99, name: null }, igvm_type: { value: 0, name: 'MEMORY' } },
  ],
  partition_mmio: [{ range: { start: 0xf000_0000n, end: 0xf800_0000n }, vtl_type: { value: 5, name: 'VTL0_MMIO' } }],
  cpus_with_mapped_interrupts_no_io: [],
  cpus_with_outstanding_io: [],
};
const entries = entriesOfSavedState(state);
const refs = (list: readonly Entry[]) => list.map((e) => `${e.ref.table}:${e.ref.index}`);

describe('the entry list', () => {
  it('is memory then MMIO, MMIO without vnode or IGVM type', () => {
    expect(refs(entries)).toEqual(['memory:0', 'memory:1', 'memory:2', 'mmio:0']);
    expect(entries[3]).toMatchObject({ vnode: null, igvmType: null, start: 0xf000_0000n });
  });
});

describe('the one filter', () => {
  it('by VTL type, vnode and IGVM type: MMIO has no vnode or IGVM type, so those filters hide it', () => {
    expect(refs(filterEntries(entries, { ...NO_FILTERS, vtlTypes: [5, 99] }))).toEqual(['memory:2', 'mmio:0']);
    expect(refs(filterEntries(entries, { ...NO_FILTERS, vnodes: [0] }))).toEqual(['memory:1', 'memory:2']);
    expect(refs(filterEntries(entries, { ...NO_FILTERS, igvmTypes: [3] }))).toEqual(['memory:0']);
    expect(filterEntries(entries, { ...NO_FILTERS, vtlTypes: [] })).toEqual([]);
  });

  it('by address: a point (end exclusive), a range; exact above 2^53', () => {
    expect(refs(filterEntries(entries, { ...NO_FILTERS, address: '0x1000' }))).toEqual(['memory:0']);
    expect(refs(filterEntries(entries, { ...NO_FILTERS, address: '0x800..0x1001' }))).toEqual(['memory:0', 'memory:1']);
    expect(refs(filterEntries(entries, { ...NO_FILTERS, address: `0x${(big + 0xfffffn).toString(16)}` }))).toEqual(['memory:2']);
    expect(refs(filterEntries(entries, { ...NO_FILTERS, address: `0x${(big + 0x100000n).toString(16)}` }))).toEqual([]);
    expect(filterEntries(entries, { ...NO_FILTERS, address: 'not an address' })).toEqual([]);
  });

  it('by hex text, in text mode: digits found in a start or end', () => {
    expect(refs(filterEntries(entries, { ...NO_FILTERS, address: 'fff', addressMode: 'text' }))).toEqual([]);
    expect(refs(filterEntries(entries, { ...NO_FILTERS, address: 'f8', addressMode: 'text' }))).toEqual(['mmio:0']);
    expect(refs(filterEntries(entries, { ...NO_FILTERS, address: '3000', addressMode: 'text' }))).toEqual(['memory:0']);
    // The address box reads "1000" as 0x1000; as text it finds every start or end holding "1000".
    expect(refs(filterEntries(entries, { ...NO_FILTERS, address: '1000', addressMode: 'text' }))).toEqual(['memory:0', 'memory:1', 'memory:2']);
  });
});

describe('sorting', () => {
  it('by a column, ties in table order, descending reverses', () => {
    expect(refs(sortEntries(entries, { key: 'start', descending: false }))).toEqual(['memory:1', 'memory:0', 'mmio:0', 'memory:2']);
    expect(refs(sortEntries(entries, { key: 'size', descending: true }))).toEqual(['mmio:0', 'memory:2', 'memory:0', 'memory:1']);
    expect(refs(sortEntries(entries, { key: 'vnode', descending: false }))).toEqual(['memory:1', 'memory:2', 'memory:0', 'mmio:0']);
  });
});

describe('hex text search finds digits anywhere in an address', () => {
  it('"91c000" finds 0x1ffff80091c000 in text mode; in address mode it is the address 0x91c000', () => {
    const far: SavedState = {
      partition_memory: [{ range: { start: 0x1ffff80091c000n, end: 0x1ffff80091d000n }, vnode: 0, vtl_type: { value: 0, name: 'VTL0' }, igvm_type: { value: 0, name: 'MEMORY' } }],
      partition_mmio: [],
      cpus_with_mapped_interrupts_no_io: [],
      cpus_with_outstanding_io: [],
    };
    const list = entriesOfSavedState(far);
    expect(filterEntries(list, { ...NO_FILTERS, address: '91c000', addressMode: 'text' })).toHaveLength(1);
    expect(filterEntries(list, { ...NO_FILTERS, address: '91c000' })).toHaveLength(0);
  });
});
