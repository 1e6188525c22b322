// Colours of the map. VTL types use the app's one palette (widgets/vtlColors.ts,
// d3-scale-chromatic's Tableau10), so the map, the table swatches and the NUMA bars
// agree. The same fills read on light and dark backgrounds; strokes and chrome
// follow the theme. IGVM types are a secondary cue: an overlay pattern.
import type { Theme } from '../../lib/model/view.ts';

import { hsl } from 'd3';
import { vtlColor } from '../widgets/vtlColors.ts';
import { CHROME } from '../../lib/diagram/colors.ts';

export { vtlColor };

export interface ThemeColors {
  bg: string;
  fg: string;
  muted: string;
  grid: string;
  laneBg: string;
  gapStroke: string;
  rangeStroke: string;
  accent: string;
  selection: string;
  patternInk: string;
  brushFill: string;
  tooltipBg: string;
  /** The accepted-memory strip. */
  accepted: string;
}

/** The chrome shared with the diagram comes from lib (CHROME); the rest is the map's own. */
export function themeColors(theme: Theme): ThemeColors {
  const own =
    theme === 'dark'
      ? { grid: '#30363d', rangeStroke: 'rgba(0,0,0,0.55)', selection: '#f0f6fc', patternInk: 'rgba(0,0,0,0.5)', brushFill: '#21262d', tooltipBg: '#1c2128', accepted: '#3fb950' }
      : { grid: '#d8dee4', rangeStroke: 'rgba(0,0,0,0.35)', selection: '#1f2328', patternInk: 'rgba(0,0,0,0.45)', brushFill: '#eef1f4', tooltipBg: '#ffffff', accepted: '#2da44e' };
  return { ...CHROME[theme], ...own };
}

/** Text that reads on a VTL type's fill: dark on a light one, white on a dark one (parsed once per type). */
export function labelInk(vtlType: number): string {
  let ink = inks.get(vtlType);
  if (ink === undefined) inks.set(vtlType, (ink = hsl(vtlColor(vtlType)).l > 0.6 ? '#111827' : '#ffffff'));
  return ink;
}
const inks = new Map<number, string>();

/** The IGVM cue: an SVG pattern drawn over the VTL colour (none for plain MEMORY). */
export interface IgvmCue {
  id: string;
  label: string;
  /** Path drawn in an 8x8 tile (empty: dashed outline instead of a pattern). */
  path: string;
}

const IGVM_CUES: Record<number, IgvmCue> = {
  1: { id: 'igvm-1', label: 'PLATFORM_RESERVED', path: 'M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4' },
  2: { id: 'igvm-2', label: 'PERSISTENT', path: 'M3,3 h2 v2 h-2 z' },
  3: { id: 'igvm-3', label: 'VTL2_PROTECTABLE', path: 'M0,1 h8' },
  4: { id: 'igvm-4', label: 'SPECIFIC_PURPOSE', path: 'M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4 M-2,6 l4,4 M0,0 l8,8 M6,-2 l4,4' },
  5: { id: 'igvm-5', label: 'HIDDEN', path: 'M0,0 h8 M0,4 h8 M0,0 v8 M4,0 v8' },
};

/** The cue for an IGVM type; null for MEMORY (0) and for MMIO; unknown numbers get a dashed outline. */
export function igvmCue(type: number | null): IgvmCue | null {
  if (type === null || type === 0) return null;
  return IGVM_CUES[type] ?? { id: 'igvm-unknown', label: `unknown (${type})`, path: '' };
}

export const IGVM_PATTERNS = Object.values(IGVM_CUES);

/** The cue for an IGVM type by its label (a drawn range's data-igvm-type): a known name, or "unknown (N)". */
export function igvmCueOfLabel(label: string): IgvmCue | null {
  const unknown = /^unknown \((\d+)\)$/.exec(label);
  if (unknown) return igvmCue(Number(unknown[1]));
  return IGVM_PATTERNS.find((cue) => cue.label === label) ?? null;
}

export const MONO = 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';
export const SANS = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
