// One colour per MemoryVtlType, the same in the map, the table swatches and
// the NUMA bars: VTL0 RAM calm blue, VTL2 kinds warm, MMIO grey-violet,
// unknown red. The colours are Tableau 10 and Tableau 20 (Tableau Software;
// d3-scale-chromatic's schemeTableau10 holds the same ten), written out as
// data: importing d3-scale-chromatic computes every one of its colour ramps on
// load, 12 KB of first-load JS for ten constants.
const TABLEAU10 = {
  blue: '#4e79a7',
  orange: '#f28e2c',
  red: '#e15759',
  teal: '#76b7b2',
  green: '#59a14f',
  yellow: '#edc949',
  purple: '#af7aa1',
  pink: '#ff9da7',
  brown: '#9c755f',
  grey: '#bab0ab',
} as const;

const BY_VALUE: Record<number, string> = {
  0: TABLEAU10.blue, // VTL0
  1: TABLEAU10.orange, // VTL2_RAM
  2: TABLEAU10.yellow, // VTL2_CONFIG
  3: TABLEAU10.teal, // VTL2_SIDECAR_IMAGE
  4: '#86bcb6', // VTL2_SIDECAR_NODE: Tableau 20 light teal
  5: TABLEAU10.grey, // VTL0_MMIO
  6: TABLEAU10.purple, // VTL2_MMIO
  7: TABLEAU10.brown, // VTL2_RESERVED
  8: TABLEAU10.green, // VTL2_GPA_POOL
  9: TABLEAU10.pink, // VTL2_TDX_PAGE_TABLES
  10: '#d4a6c8', // VTL2_BOOTSHIM_LOG_BUFFER: Tableau 20 light purple
  11: '#f1ce63', // VTL2_PERSISTED_STATE_HEADER: Tableau 20 light yellow
  12: '#ffbe7d', // VTL2_PERSISTED_STATE_PROTOBUF: Tableau 20 light orange
};

export function vtlColor(value: number): string {
  return BY_VALUE[value] ?? TABLEAU10.red; // unknown
}
