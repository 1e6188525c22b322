// The app's one palette of MemoryVtlType colours, DOM-free and d3-free so the
// diagram (Node CLI, SVG export) and the app (table swatches, NUMA bars, map)
// share it: VTL0 RAM calm blue, VTL2 kinds warm, MMIO grey-violet, unknown red.
// The values are d3-scale-chromatic's Tableau10 (a test in web/app checks
// them against d3), plus three tints for the small VTL2 kinds.
import type { Theme } from '../model/view.ts';

/** A concrete colour, `#rrggbb`. */
export type HexColor = `#${string}`;

/** d3-scale-chromatic's schemeTableau10, by index. */
const TABLEAU10: readonly HexColor[] = ['#4e79a7', '#f28e2c', '#e15759', '#76b7b2', '#59a14f', '#edc949', '#af7aa1', '#ff9da7', '#9c755f', '#bab0ab'];

const BY_VALUE: Record<number, HexColor> = {
  0: TABLEAU10[0]!, // VTL0: blue
  1: TABLEAU10[1]!, // VTL2_RAM: orange
  2: TABLEAU10[5]!, // VTL2_CONFIG: yellow
  3: TABLEAU10[3]!, // VTL2_SIDECAR_IMAGE: teal
  4: '#86bcb6', // VTL2_SIDECAR_NODE: light teal
  5: TABLEAU10[9]!, // VTL0_MMIO: grey
  6: TABLEAU10[6]!, // VTL2_MMIO: violet
  7: TABLEAU10[8]!, // VTL2_RESERVED: brown
  8: TABLEAU10[4]!, // VTL2_GPA_POOL: green
  9: TABLEAU10[7]!, // VTL2_TDX_PAGE_TABLES: pink
  10: '#d4a6c8', // VTL2_BOOTSHIM_LOG_BUFFER
  11: '#f1ce63', // VTL2_PERSISTED_STATE_HEADER
  12: '#ffbe7d', // VTL2_PERSISTED_STATE_PROTOBUF
};

export function vtlColor(value: number): HexColor {
  return BY_VALUE[value] ?? TABLEAU10[2]!; // unknown: red
}

/** What the diagram's chrome is painted with; VTL fills are the same in both themes. */
export interface DiagramPalette {
  bg: string;
  fg: string;
  muted: string;
  /** Text on a VTL-coloured block: dark in both themes, the fills are mid-tones. */
  ink: string;
  /** A column's background, where it holds no range. */
  lane: string;
  line: string;
  /** A collapsed gap. */
  gap: string;
  /** Callout and detail boxes. */
  panel: string;
  accent: string;
}

/** The chrome colours the map (web/app/map/palette.ts) and the diagram share: one source, so they cannot drift. */
export interface ChromeColors {
  bg: string;
  fg: string;
  muted: string;
  /** A lane's (a column's) background where it holds no range. */
  laneBg: string;
  /** Gap marks and rules. */
  gapStroke: string;
  accent: string;
}

export const CHROME: Record<Theme, ChromeColors> = {
  dark: { bg: '#0d1117', fg: '#e6edf3', muted: '#8d96a0', laneBg: '#161b22', gapStroke: '#6e7681', accent: '#58a6ff' },
  light: { bg: '#ffffff', fg: '#1f2328', muted: '#59636e', laneBg: '#f6f8fa', gapStroke: '#8c959f', accent: '#0969da' },
};

/** The map's chrome (CHROME), plus what only the diagram paints. */
export function diagramPalette(theme: Theme): DiagramPalette {
  const { bg, fg, muted, laneBg, gapStroke, accent } = CHROME[theme];
  const shared = { bg, fg, muted, lane: laneBg, line: gapStroke, accent, ink: '#1f2328' };
  return theme === 'dark' ? { ...shared, gap: '#1c2128', panel: '#161b22' } : { ...shared, gap: '#eef1f4', panel: '#ffffff' };
}
