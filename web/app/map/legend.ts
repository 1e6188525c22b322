// What the legend lists: the VTL types and IGVM cues present in the document.
import { enumLabel } from '../../lib/model/vtlTypes.ts';
import type { Entry } from '../../lib/model/entries.ts';
import { igvmCue, vtlColor, type IgvmCue } from './palette.ts';

export interface LegendEntries {
  vtl: { value: number; label: string; color: string }[];
  igvm: { value: number; label: string; cue: IgvmCue }[];
}

/** Per document's entries (never changed once made): the header and the renderer both ask. */
const known = new WeakMap<readonly Entry[], LegendEntries>();

export function legendEntries(entries: readonly Entry[]): LegendEntries {
  let legend = known.get(entries);
  if (!legend) known.set(entries, (legend = listed(entries)));
  return legend;
}

/** VTL type value → the label the document gives it (name, or "unknown (N)"): the legend's. */
export function vtlLabels(entries: readonly Entry[]): Map<number, string> {
  return new Map(legendEntries(entries).vtl.map((e) => [e.value, e.label]));
}

function listed(entries: readonly Entry[]): LegendEntries {
  const vtl = new Map<number, string>();
  const igvm = new Map<number, string>();
  // Entries share their enum objects (one per value for a large document): each object is looked at once.
  const seen = new Set<object>();
  for (const e of entries) {
    if (!seen.has(e.vtlType)) {
      seen.add(e.vtlType);
      vtl.set(e.vtlType.value, enumLabel(e.vtlType));
    }
    if (e.igvmType && !seen.has(e.igvmType)) {
      seen.add(e.igvmType);
      igvm.set(e.igvmType.value, enumLabel(e.igvmType));
    }
  }
  return {
    vtl: [...vtl].sort((a, b) => a[0] - b[0]).map(([value, label]) => ({ value, label, color: vtlColor(value) })),
    igvm: [...igvm]
      .sort((a, b) => a[0] - b[0])
      .flatMap(([value, label]) => {
        const cue = igvmCue(value);
        return cue ? [{ value, label, cue }] : [];
      }),
  };
}
