import { describe, expect, it } from 'vitest';
import { encodeSavedState } from '../format/encodeSavedState.ts';
import { decodeSavedState } from '../format/savedState.ts';
import { syntheticDeviceTreeTopology, writeOpenhclDeviceTree } from '../testing/syntheticDeviceTree.ts';
import { readOpenhclDeviceTree } from '../testing/dtFixtures.ts';
import { savedStateFromDeviceTree } from './savedStateFromDeviceTree.ts';

describe('savedStateFromDeviceTree (what write_persisted_info writes)', () => {
  const topology = syntheticDeviceTreeTopology({ vnodes: 3, ranges: 40, cpus: 6, base: (1n << 53n) - (1n << 26n) });
  const state = savedStateFromDeviceTree(readOpenhclDeviceTree(writeOpenhclDeviceTree(topology)));
  const sorted = [...topology.memoryMap].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));

  it('takes the RAM entries of the map in map order (by start), then the MMIO entries, and no CPU', () => {
    const memory = sorted.filter((e) => e.kind === 'memory');
    expect(state.partition_memory.map((e) => [e.range.start, e.range.end, e.vnode, e.vtl_type.value, e.igvm_type.value])).toEqual(memory.map((e) => [e.start, e.end, e.vnode, e.vtlType, e.igvmType]));
    expect(state.partition_mmio.map((e) => [e.range.start, e.vtl_type])).toEqual(sorted.filter((e) => e.kind === 'mmio').map((e) => [e.start, { value: e.vtlType, name: e.vtlType === 5 ? 'VTL0_MMIO' : 'VTL2_MMIO' }]));
    expect(state.partition_memory.some((e) => e.range.end > 1n << 53n)).toBe(true);
    expect([state.cpus_with_mapped_interrupts_no_io, state.cpus_with_outstanding_io]).toEqual([[], []]);
  });

  it('is a SavedState OpenHCL would decode to the same value', () => {
    expect(decodeSavedState(encodeSavedState(state)).value).toEqual(state);
  });
});
