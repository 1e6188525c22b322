// The one entry list of a topology: every memory and MMIO range, whatever
// format it came from, with its attributes as full enum values. The table,
// the map, the diagnostics, the exports and the comparison all read this.
import type { EnumValue, SavedState } from './savedState.ts';
import { enumLabel } from './vtlTypes.ts';

export type EntryTable = 'memory' | 'mmio';

/** Which entry: its table and its index there (as in the SavedState's lists). */
export interface EntryRef {
  table: EntryTable;
  index: number;
}

export interface Entry {
  ref: EntryRef;
  start: bigint;
  /** Exclusive. Ranges are not validated upstream: `end < start` happens, and is reported. */
  end: bigint;
  /** NUMA vnode; null for MMIO, which has none. */
  vnode: number | null;
  vtlType: EnumValue;
  /** IGVM memory type; null for MMIO. */
  igvmType: EnumValue | null;
}

/** Memory entries first, then MMIO, each in its table's order; shares the enum objects of `state`. */
export function entriesOfSavedState(state: SavedState | null): Entry[] {
  if (!state) return [];
  const entries: Entry[] = [];
  state.partition_memory.forEach((e, index) => {
    entries.push({ ref: { table: 'memory', index }, start: e.range.start, end: e.range.end, vnode: e.vnode, vtlType: e.vtl_type, igvmType: e.igvm_type });
  });
  state.partition_mmio.forEach((e, index) => {
    entries.push({ ref: { table: 'mmio', index }, start: e.range.start, end: e.range.end, vnode: null, vtlType: e.vtl_type, igvmType: null });
  });
  return entries;
}

/** Bytes a range covers; an empty or inverted range covers none. */
export function entrySize(entry: { start: bigint; end: bigint }): bigint {
  return entry.end > entry.start ? entry.end - entry.start : 0n;
}

export function sameRef(a: EntryRef | null | undefined, b: EntryRef | null | undefined): boolean {
  return a === b || (!!a && !!b && a.table === b.table && a.index === b.index);
}

/** A stable string key (`memory:3`, `mmio:0`) for maps, sets and React keys. */
export function refKey(ref: EntryRef): string {
  return `${ref.table}:${ref.index}`;
}

/** `memory #3` / `MMIO #0`: how an entry is named in text. */
export function refLabel(ref: EntryRef): string {
  return `${ref.table === 'memory' ? 'memory' : 'MMIO'} #${ref.index}`;
}

/** `memory #3 (VTL2_RAM)`. */
export function entryLabel(entry: Entry): string {
  return `${refLabel(entry.ref)} (${enumLabel(entry.vtlType)})`;
}

const firstMmio = new WeakMap<readonly Entry[], number>();

/** The entry a ref names in a memory-first list (as every document holds), or null. */
export function entryByRef(entries: readonly Entry[], ref: EntryRef | null): Entry | null {
  if (!ref) return null;
  let mmioAt = firstMmio.get(entries);
  if (mmioAt === undefined) {
    // Memory entries come first: the first MMIO entry is found by binary search.
    let lo = 0;
    let hi = entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (entries[mid]!.ref.table === 'memory') lo = mid + 1;
      else hi = mid;
    }
    mmioAt = lo;
    firstMmio.set(entries, mmioAt);
  }
  const entry = ref.table === 'memory' ? (ref.index < mmioAt ? entries[ref.index] : undefined) : entries[mmioAt + ref.index];
  return entry && sameRef(entry.ref, ref) ? entry : null;
}
