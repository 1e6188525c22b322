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

/** RAM types: all but the two MMIO types (unknown numbers count as RAM, as upstream's `ram()` does). */
export function isRam(value: number): boolean {
  return value !== VTL.VTL0_MMIO && value !== VTL.VTL2_MMIO;
}

/** VTL2 types: all but VTL0 and VTL0_MMIO. */
export function isVtl2(value: number): boolean {
  return value !== VTL.VTL0 && value !== VTL.VTL0_MMIO;
}

export function isMmio(value: number): boolean {
  return !isRam(value);
}

/** The label a user sees: the variant name, or "unknown (N)". */
export function enumLabel(e: EnumValue): string {
  return e.name ?? `unknown (${e.value})`;
}
