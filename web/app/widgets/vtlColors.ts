// One colour per MemoryVtlType, the same in the table swatches and the NUMA
// bars: VTL0 RAM calm blue, VTL2 kinds warm, MMIO grey-violet, unknown red.
import { schemeTableau10 } from 'd3-scale-chromatic';

const BY_VALUE: Record<number, string> = {
  0: schemeTableau10[0]!, // VTL0: blue
  1: schemeTableau10[1]!, // VTL2_RAM: orange
  2: schemeTableau10[5]!, // VTL2_CONFIG: yellow
  3: schemeTableau10[3]!, // VTL2_SIDECAR_IMAGE: teal
  4: '#86bcb6', // VTL2_SIDECAR_NODE: light teal
  5: schemeTableau10[9]!, // VTL0_MMIO: grey
  6: schemeTableau10[6]!, // VTL2_MMIO: violet
  7: schemeTableau10[8]!, // VTL2_RESERVED: brown
  8: schemeTableau10[4]!, // VTL2_GPA_POOL: green
  9: schemeTableau10[7]!, // VTL2_TDX_PAGE_TABLES: pink
  10: '#d4a6c8', // VTL2_BOOTSHIM_LOG_BUFFER
  11: '#f1ce63', // VTL2_PERSISTED_STATE_HEADER
  12: '#ffbe7d', // VTL2_PERSISTED_STATE_PROTOBUF
};

export function vtlColor(value: number): string {
  return BY_VALUE[value] ?? schemeTableau10[2]!; // unknown: red
}
