// Starting points for a new topology, as OpenHCL lays them out: x64 with two
// vnodes in host allocation mode (the state fixture dt01's next servicing
// writes, p03's map), SNP with VTL2 self-allocated (fixture dt02's), and TDX.
// No TDX fixture exists: its template is the SNP layout with the TDX page-table
// range (VTL2_TDX_PAGE_TABLES) where SNP keeps its reserved pages (VMSA,
// CPUID, secrets). A device tree's implied state is the fourth start (the app
// offers it when one is open).
import { igvmTypeOf, vtlTypeOf } from '../model/enumNames.ts';
import type { MemoryEntry, MmioEntry, SavedState } from '../model/savedState.ts';
import { IGVM, VTL } from '../model/vtlTypes.ts';

export type TemplateId = 'x64-2node-host' | 'snp' | 'tdx';

export const TEMPLATES: readonly { id: TemplateId; label: string }[] = [
  { id: 'x64-2node-host', label: 'x64, 2 vnodes, host-allocated VTL2' },
  { id: 'snp', label: 'SNP, 1 vnode, VTL2 self-allocated' },
  { id: 'tdx', label: 'TDX, 1 vnode, VTL2 self-allocated' },
];

type VtlName = keyof typeof VTL;

const mem = (start: bigint, end: bigint, vnode: number, vtl: VtlName, igvm: keyof typeof IGVM): MemoryEntry => ({ range: { start, end }, vnode, vtl_type: vtlTypeOf(VTL[vtl]), igvm_type: igvmTypeOf(IGVM[igvm]) });
const mmio = (start: bigint, end: bigint, vtl: VtlName): MmioEntry => ({ range: { start, end }, vtl_type: vtlTypeOf(VTL[vtl]) });
const state = (partition_memory: MemoryEntry[], partition_mmio: MmioEntry[]): SavedState => ({ partition_memory, partition_mmio, cpus_with_mapped_interrupts_no_io: [], cpus_with_outstanding_io: [] });

export function templateState(id: TemplateId): SavedState {
  switch (id) {
    case 'x64-2node-host':
      return state(
        [
          mem(0x0n, 0x7fe00000n, 0, 'VTL0', 'MEMORY'),
          mem(0x7fe00000n, 0x80000000n, 0, 'VTL0', 'PLATFORM_RESERVED'),
          mem(0x100000000n, 0x280000000n, 0, 'VTL0', 'MEMORY'),
          mem(0x280000000n, 0x440000000n, 1, 'VTL0', 'MEMORY'),
          mem(0x440000000n, 0x480000000n, 1, 'VTL0', 'SPECIFIC_PURPOSE'),
          mem(0x480000000n, 0x480001000n, 0, 'VTL2_PERSISTED_STATE_HEADER', 'VTL2_PROTECTABLE'),
          mem(0x480001000n, 0x480014000n, 0, 'VTL2_PERSISTED_STATE_PROTOBUF', 'VTL2_PROTECTABLE'),
          mem(0x480014000n, 0x482800000n, 0, 'VTL2_RAM', 'VTL2_PROTECTABLE'),
          mem(0x482800000n, 0x482820000n, 0, 'VTL2_CONFIG', 'VTL2_PROTECTABLE'),
          mem(0x482820000n, 0x482822000n, 0, 'VTL2_BOOTSHIM_LOG_BUFFER', 'VTL2_PROTECTABLE'),
          mem(0x482822000n, 0x486000000n, 0, 'VTL2_RAM', 'VTL2_PROTECTABLE'),
          mem(0x486000000n, 0x488000000n, 0, 'VTL2_GPA_POOL', 'VTL2_PROTECTABLE'),
          mem(0x488000000n, 0x48a000000n, 1, 'VTL2_RAM', 'VTL2_PROTECTABLE'),
          mem(0x48a000000n, 0x48c000000n, 1, 'VTL2_GPA_POOL', 'VTL2_PROTECTABLE'),
        ],
        [
          mmio(0xf0000000n, 0xf8000000n, 'VTL0_MMIO'),
          mmio(0xfc0000000n, 0xfe0000000n, 'VTL0_MMIO'),
          mmio(0xfe0000000n, 0x1000000000n, 'VTL2_MMIO'),
        ],
      );
    case 'snp':
      return state(
        [
          mem(0x0n, 0x80000000n, 0, 'VTL0', 'MEMORY'),
          mem(0x100000000n, 0x230000000n, 0, 'VTL0', 'MEMORY'),
          mem(0x230000000n, 0x230001000n, 0, 'VTL2_PERSISTED_STATE_HEADER', 'MEMORY'),
          mem(0x230001000n, 0x230014000n, 0, 'VTL2_PERSISTED_STATE_PROTOBUF', 'MEMORY'),
          mem(0x230014000n, 0x231000000n, 0, 'VTL2_RAM', 'MEMORY'),
          mem(0x231000000n, 0x231004000n, 0, 'VTL2_RESERVED', 'MEMORY'),
          mem(0x231004000n, 0x231024000n, 0, 'VTL2_CONFIG', 'MEMORY'),
          mem(0x231024000n, 0x231026000n, 0, 'VTL2_BOOTSHIM_LOG_BUFFER', 'MEMORY'),
          mem(0x231026000n, 0x23e000000n, 0, 'VTL2_RAM', 'MEMORY'),
          mem(0x23e000000n, 0x240000000n, 0, 'VTL2_GPA_POOL', 'MEMORY'),
        ],
        [
          mmio(0xf0000000n, 0xf8000000n, 'VTL0_MMIO'),
          mmio(0xfc0000000n, 0xff8000000n, 'VTL0_MMIO'),
          mmio(0xff8000000n, 0x1000000000n, 'VTL2_MMIO'),
        ],
      );
    case 'tdx':
      return state(
        [
          mem(0x0n, 0x80000000n, 0, 'VTL0', 'MEMORY'),
          mem(0x100000000n, 0x230000000n, 0, 'VTL0', 'MEMORY'),
          mem(0x230000000n, 0x230001000n, 0, 'VTL2_PERSISTED_STATE_HEADER', 'MEMORY'),
          mem(0x230001000n, 0x230014000n, 0, 'VTL2_PERSISTED_STATE_PROTOBUF', 'MEMORY'),
          mem(0x230014000n, 0x231000000n, 0, 'VTL2_RAM', 'MEMORY'),
          mem(0x231000000n, 0x231004000n, 0, 'VTL2_TDX_PAGE_TABLES', 'MEMORY'),
          mem(0x231004000n, 0x231024000n, 0, 'VTL2_CONFIG', 'MEMORY'),
          mem(0x231024000n, 0x231026000n, 0, 'VTL2_BOOTSHIM_LOG_BUFFER', 'MEMORY'),
          mem(0x231026000n, 0x23e000000n, 0, 'VTL2_RAM', 'MEMORY'),
          mem(0x23e000000n, 0x240000000n, 0, 'VTL2_GPA_POOL', 'MEMORY'),
        ],
        [
          mmio(0xf0000000n, 0xf8000000n, 'VTL0_MMIO'),
          mmio(0xfc0000000n, 0xff8000000n, 'VTL0_MMIO'),
          mmio(0xff8000000n, 0x1000000000n, 'VTL2_MMIO'),
        ],
      );
  }
}
