// The SavedState that underhill_core's `write_persisted_info` writes from the
// device tree at servicing (FORMAT.md §5): the unified memory map's RAM entries
// in map order, then its MMIO entries; the CPU lists are run-time state the
// tree does not hold, so they are empty.
import type { OpenhclDeviceTree } from '../format/openhclDeviceTree.ts';
import type { MemoryEntry, MmioEntry, SavedState } from '../model/savedState.ts';

export function savedStateFromDeviceTree(dt: OpenhclDeviceTree): SavedState {
  const partition_memory: MemoryEntry[] = [];
  const partition_mmio: MmioEntry[] = [];
  for (const e of dt.partition_memory_map) {
    const range = { start: e.range.start, end: e.range.end };
    if (e.kind === 'memory') partition_memory.push({ range, vnode: e.vnode, vtl_type: { ...e.vtl_type }, igvm_type: { ...e.igvm_type } });
    else partition_mmio.push({ range, vtl_type: { ...e.vtl_type } });
  }
  return { partition_memory, partition_mmio, cpus_with_mapped_interrupts_no_io: [], cpus_with_outstanding_io: [] };
}
