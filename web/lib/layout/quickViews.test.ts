import { describe, expect, it } from 'vitest';
import { encodeSavedState } from '../format/encodeSavedState.ts';
import { bytesSource } from '../io/byteSource.ts';
import { loadFixtures } from '../testing/fixtures.ts';
import { openDoc } from '../testing/openDoc.ts';
import { syntheticSavedState } from '../testing/syntheticTopology.ts';
import { quickViewTarget } from './quickViews.ts';

const fixture = (name: string) => loadFixtures().find((f) => f.name === name)!;
const open = (name: string) => openDoc(bytesSource(fixture(name).bytes));

describe('quickViewTarget', () => {
  it('the realistic image: whole, VTL2 memory, the persisted region, the selection', async () => {
    const doc = await open('img02_realistic');
    expect(quickViewTarget(doc, 'whole', null)).toEqual({ window: null });
    // VTL2 memory only: VTL2_MMIO near 64 GiB is not part of it.
    expect(quickViewTarget(doc, 'vtl2', null)).toEqual({ window: { start: 0x4_8000_0000n, end: 0x4_8c00_0000n } });
    expect(quickViewTarget(doc, 'persisted', null)).toEqual({ window: { start: 0x4_8000_0000n, end: 0x4_8001_4000n } });
    expect(quickViewTarget(doc, 'selection', { table: 'memory', index: 9 })).toEqual({ window: { start: 0x4_8282_0000n, end: 0x4_8282_2000n } });
    expect(quickViewTarget(doc, 'selection', { table: 'mmio', index: 2 })).toEqual({ window: { start: 0xf_e000_0000n, end: 0x10_0000_0000n } });
  });

  it('is absent when there is nothing to show', async () => {
    const doc = await open('p08_mmio_only');
    expect(quickViewTarget(doc, 'vtl2', null)).toBeNull();
    expect(quickViewTarget(doc, 'persisted', null)).toBeNull();
    expect(quickViewTarget(doc, 'selection', null)).toBeNull();
    expect(quickViewTarget(doc, 'selection', { table: 'memory', index: 40 })).toBeNull();
  });

  it('a raw saved state takes the persisted region from its entries', async () => {
    const doc = await open('p03_realistic_x64_2node');
    expect(quickViewTarget(doc, 'persisted', null)).toEqual({ window: { start: 0x4_8000_0000n, end: 0x4_8001_4000n } });
  });
});

describe('quick views stay within u64', () => {
  it('an empty range at 2^64 - 1: its page, ending one byte short of 2^64', async () => {
    const state = syntheticSavedState({ entries: 6, vnodes: 1 });
    const top = (1n << 64n) - 1n;
    state.partition_memory.push({ ...state.partition_memory[1]!, range: { start: top, end: top } });
    const doc = await openDoc(bytesSource(encodeSavedState(state)));
    const index = state.partition_memory.length - 1;
    expect(quickViewTarget(doc, 'selection', { table: 'memory', index })).toEqual({ window: { start: top + 1n - 0x1000n, end: top } });
  });
});
