// The words drawn inside a range: the longest of a few forms that fits its
// width, from `VTL2_BOOTSHIM_LOG_BUFFER · 8 KiB` down to `LOG`. The readable
// scale gives every range room for at least a short form; the tooltip and the
// table always have the full name and the exact size.
import { entrySize, type Entry } from '../model/entries.ts';
import { binarySize } from '../model/text.ts';
import { enumLabel } from '../model/vtlTypes.ts';

/** Shorter names of the known VTL types, longest first (by the type's name: a value under another name has none). */
const SHORTER: Record<string, readonly string[]> = {
  VTL2_RAM: ['RAM'],
  VTL2_CONFIG: ['CONFIG'],
  VTL2_SIDECAR_IMAGE: ['SIDECAR_IMAGE', 'SIDECAR'],
  VTL2_SIDECAR_NODE: ['SIDECAR_NODE', 'NODE'],
  VTL0_MMIO: ['MMIO'],
  VTL2_MMIO: ['MMIO'],
  VTL2_RESERVED: ['RESERVED'],
  VTL2_GPA_POOL: ['GPA_POOL', 'POOL'],
  VTL2_TDX_PAGE_TABLES: ['TDX_PAGE_TABLES', 'TDX_PT'],
  VTL2_BOOTSHIM_LOG_BUFFER: ['LOG_BUFFER', 'LOG'],
  VTL2_PERSISTED_STATE_HEADER: ['STATE_HEADER', 'HEADER', 'HDR'],
  VTL2_PERSISTED_STATE_PROTOBUF: ['PROTOBUF', 'PB'],
};

/** Every form of a range's label, in the order tried: name and size, name, then shorter names with and without the size. */
export function labelForms(entry: Entry): string[] {
  const name = enumLabel(entry.vtlType);
  const size = binarySize(entrySize(entry));
  const shorter = (entry.vtlType.name !== null && Object.hasOwn(SHORTER, entry.vtlType.name) && SHORTER[entry.vtlType.name]) || [];
  return [`${name} · ${size}`, name, ...shorter.flatMap((s) => [`${s} · ${size}`, s])];
}

/** The first form whose width (by `measure`, in pixels) fits in `room` pixels, or '' when none does. */
export function fitLabel(forms: readonly string[], room: number, measure: (text: string) => number): string {
  for (const form of forms) if (measure(form) <= room) return form;
  return '';
}
