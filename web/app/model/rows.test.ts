import { describe, expect, it } from 'vitest';
import type { SavedState } from '../../lib/model/types.ts';
import { NO_FILTERS } from '../store/viewState.ts';
import { buildRows, filterRows, parseAddressQuery, sortRows } from './rows.ts';
import { binarySize, exactBytes, groupedHex, hex, parseAddress } from './units.ts';

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
const rows = buildRows(state);
const refs = (list: typeof rows) => list.map((r) => `${r.ref.table}:${r.ref.index}`);

describe('entry table rows', () => {
  it('lists memory then MMIO, MMIO without vnode or IGVM type', () => {
    expect(refs(rows)).toEqual(['memory:0', 'memory:1', 'memory:2', 'mmio:0']);
    expect(rows[3]).toMatchObject({ vnode: null, igvmType: null, size: 0x800_0000n });
  });

  it('filters by VTL type, vnode (hiding MMIO), IGVM type', () => {
    expect(refs(filterRows(rows, { ...NO_FILTERS, vtlTypes: [5, 99] }))).toEqual(['memory:2', 'mmio:0']);
    expect(refs(filterRows(rows, { ...NO_FILTERS, vnodes: [0] }))).toEqual(['memory:1', 'memory:2']);
    expect(refs(filterRows(rows, { ...NO_FILTERS, igvmTypes: [3] }))).toEqual(['memory:0']);
    expect(filterRows(rows, { ...NO_FILTERS, vtlTypes: [] })).toEqual([]);
  });

  it('filters by address: a point (end exclusive), a range, hex text; exact above 2^53', () => {
    expect(refs(filterRows(rows, { ...NO_FILTERS, address: '0x1000' }))).toEqual(['memory:0']);
    expect(refs(filterRows(rows, { ...NO_FILTERS, address: 'fff' }))).toEqual(['memory:1']);
    expect(refs(filterRows(rows, { ...NO_FILTERS, address: '0x800..0x1001' }))).toEqual(['memory:0', 'memory:1']);
    expect(refs(filterRows(rows, { ...NO_FILTERS, address: `0x${(big + 0xfffffn).toString(16)}` }))).toEqual(['memory:2']);
    expect(refs(filterRows(rows, { ...NO_FILTERS, address: `0x${(big + 0x100000n).toString(16)}` }))).toEqual([]);
    expect(parseAddressQuery('f8000')).toEqual({ kind: 'point', at: 0xf8000n });
    expect(parseAddressQuery('VTL')).toEqual({ kind: 'text', text: 'vtl' });
  });

  it('sorts by a column, ties in table order, descending reverses', () => {
    expect(refs(sortRows(rows, { key: 'start', descending: false }))).toEqual(['memory:1', 'memory:0', 'mmio:0', 'memory:2']);
    expect(refs(sortRows(rows, { key: 'size', descending: true }))).toEqual(['mmio:0', 'memory:2', 'memory:0', 'memory:1']);
    expect(refs(sortRows(rows, { key: 'vnode', descending: false }))).toEqual(['memory:1', 'memory:2', 'memory:0', 'mmio:0']);
  });
});

describe('units', () => {
  it('writes addresses in hex and sizes in binary units and exact bytes', () => {
    expect(hex(big)).toBe('0x1000000000001000');
    expect(groupedHex(0x4_8000_1000n)).toBe('0x4_8000_1000');
    expect(binarySize(0n)).toBe('0 B');
    expect(binarySize(1023n)).toBe('1023 B');
    expect(binarySize(0x13000n)).toBe('76 KiB');
    expect(binarySize(2145386496n)).toBe('1.99 GiB'); // 1.998 GiB: truncated, never claims bytes it lacks
    expect(binarySize(0x1_8000_0000n)).toBe('6 GiB');
    expect(binarySize(0x1_4000_0000n)).toBe('5 GiB');
    expect(binarySize((200n << 30n) - 1n)).toBe('199 GiB');
    expect(binarySize(0x280_0000n + 0x5000n)).toBe('40.01 MiB');
    expect(binarySize(1n << 63n)).toBe('8 EiB');
    expect(exactBytes(1073741824n)).toBe('1,073,741,824 bytes');
    expect(exactBytes(1n << 64n)).toBe('18,446,744,073,709,551,616 bytes');
  });

  it('parses typed addresses as hex, 0x optional, up to 64 bits', () => {
    expect(parseAddress(' 0x4_8000_0000 ')).toBe(0x4_8000_0000n);
    expect(parseAddress('ffffffffffffffff')).toBe((1n << 64n) - 1n);
    expect(parseAddress('1ffffffffffffffff')).toBeNull();
    expect(parseAddress('0xg')).toBeNull();
    expect(parseAddress('')).toBeNull();
  });
});
