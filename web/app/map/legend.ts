// What the legend lists: the VTL types and IGVM cues present in the document.
import { enumLabel } from '../../lib/analysis/vtlTypes.ts';
import type { SavedState } from '../../lib/model/types.ts';
import { igvmCue, vtlColor, type IgvmCue } from './palette.ts';

export interface LegendEntries {
  vtl: { value: number; label: string; color: string }[];
  igvm: { value: number; label: string; cue: IgvmCue }[];
}

export function legendEntries(state: SavedState | null): LegendEntries {
  const vtl = new Map<number, string>();
  const igvm = new Map<number, string>();
  for (const e of state?.partition_memory ?? []) {
    vtl.set(e.vtl_type.value, enumLabel(e.vtl_type));
    igvm.set(e.igvm_type.value, enumLabel(e.igvm_type));
  }
  for (const e of state?.partition_mmio ?? []) vtl.set(e.vtl_type.value, enumLabel(e.vtl_type));
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
