// Semantics of MemoryVtlType values (FORMAT.md §3, openvmm loader_defs).
import type { EnumValue } from './savedState.ts';

export const VTL = {
  VTL0: 0,
  VTL2_RAM: 1,
  VTL2_CONFIG: 2,
  VTL2_SIDECAR_IMAGE: 3,
  VTL2_SIDECAR_NODE: 4,
  VTL0_MMIO: 5,
  VTL2_MMIO: 6,
  VTL2_RESERVED: 7,
  VTL2_GPA_POOL: 8,
  VTL2_TDX_PAGE_TABLES: 9,
  VTL2_BOOTSHIM_LOG_BUFFER: 10,
  VTL2_PERSISTED_STATE_HEADER: 11,
  VTL2_PERSISTED_STATE_PROTOBUF: 12,
} as const;

/** IGVM memory types (IgvmMemoryType, loader_defs' MemoryMapEntryType) the rules name. */
export const IGVM = {
  MEMORY: 0,
  PLATFORM_RESERVED: 1,
  PERSISTENT: 2,
  VTL2_PROTECTABLE: 3,
  SPECIFIC_PURPOSE: 4,
  HIDDEN: 5,
} as const;

// loader_defs' `MemoryVtlType::ram()` and `vtl2()` (vm/loader/loader_defs/src/shim.rs)
// match the known variants only: an unknown number is neither RAM nor VTL2 (nor
// MMIO), so openhcl_boot leaves it out of the VTL2 RAM it rebuilds, and
// bootloader_fdt_parser refuses it as an MMIO type (fixture bad_dt12).

/** `ram()`: VTL0, VTL2_RAM … VTL2_SIDECAR_NODE (0–4) and VTL2_RESERVED … VTL2_PERSISTED_STATE_PROTOBUF (7–12). */
export function isRam(value: number): boolean {
  return (value >= VTL.VTL0 && value <= VTL.VTL2_SIDECAR_NODE) || (value >= VTL.VTL2_RESERVED && value <= VTL.VTL2_PERSISTED_STATE_PROTOBUF);
}

/** `vtl2()`: every known type but VTL0 and VTL0_MMIO (1–4, 6–12). */
export function isVtl2(value: number): boolean {
  return value >= VTL.VTL2_RAM && value <= VTL.VTL2_PERSISTED_STATE_PROTOBUF && value !== VTL.VTL0_MMIO;
}

/** The two MMIO types (VTL0_MMIO, VTL2_MMIO); an unknown number is not one. */
export function isMmio(value: number): boolean {
  return value === VTL.VTL0_MMIO || value === VTL.VTL2_MMIO;
}

/** The label a user sees: the variant name, or "unknown (N)". */
export function enumLabel(e: EnumValue): string {
  return e.name ?? `unknown (${e.value})`;
}
