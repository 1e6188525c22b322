// Edits of a SavedState, each a pure function returning a new state (the
// store keeps the history; nothing is mutated). Each refuses what cannot be
// done at all (a split point outside the range, a merge with nothing) with an
// EditError; what can be done but would not boot (overlaps, inverted ranges, a
// missing persisted-state entry) is allowed, and the document's findings say so:
// negative tests need such states.
import type { EntryRef } from '../model/entries.ts';
import { igvmTypeOf, vtlTypeOf } from '../model/enumNames.ts';
import type { MemoryEntry, MmioEntry, SavedState } from '../model/savedState.ts';
import { hex } from '../model/text.ts';

export class EditError extends Error {
  override readonly name = 'EditError';
}

/** What a new range or a change of one says; types are enum numbers (named from the schema). */
export interface RangeFields {
  start: bigint;
  end: bigint;
  vtlType: number;
  /** Memory only. */
  vnode?: number;
  /** Memory only. */
  igvmType?: number;
}

const U64_MAX = (1n << 64n) - 1n;

function checkU64(value: bigint, what: string): void {
  if (value < 0n || value > U64_MAX) throw new EditError(`${what} ${value} is not a u64`);
}

function checkU32(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff_ffff) throw new EditError(`${what} ${value} is not a u32`);
}

/** The IGVM type is a u16 on the wire (upstream keeps the low 16 bits of the tree's u32). */
function checkIgvmType(value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff) throw new EditError(`IGVM type ${value} is not a u16`);
}

function memoryEntry(f: RangeFields): MemoryEntry {
  checkU64(f.start, 'start');
  checkU64(f.end, 'end');
  checkU32(f.vnode ?? 0, 'vnode');
  checkU32(f.vtlType, 'VTL type');
  checkIgvmType(f.igvmType ?? 0);
  return { range: { start: f.start, end: f.end }, vnode: f.vnode ?? 0, vtl_type: vtlTypeOf(f.vtlType), igvm_type: igvmTypeOf(f.igvmType ?? 0) };
}

function mmioEntry(f: RangeFields): MmioEntry {
  checkU64(f.start, 'start');
  checkU64(f.end, 'end');
  checkU32(f.vtlType, 'VTL type');
  return { range: { start: f.start, end: f.end }, vtl_type: vtlTypeOf(f.vtlType) };
}

/** Inserts in order of start (OpenHCL writes its map sorted), after any entry of the same start. */
function insertSorted<T extends { range: { start: bigint } }>(list: readonly T[], entry: T): T[] {
  const at = list.findIndex((e) => e.range.start > entry.range.start);
  return at < 0 ? [...list, entry] : [...list.slice(0, at), entry, ...list.slice(at)];
}

function entryAt(state: SavedState, ref: EntryRef): MemoryEntry | MmioEntry {
  const entry = ref.table === 'memory' ? state.partition_memory[ref.index] : state.partition_mmio[ref.index];
  if (!entry) throw new EditError(`there is no ${ref.table} entry #${ref.index}`);
  return entry;
}

/** The state with `count` entries from `ref` on replaced by `entries`. */
function replaced(state: SavedState, ref: EntryRef, entries: (MemoryEntry | MmioEntry)[], count = 1): SavedState {
  if (ref.table === 'memory') {
    const list = state.partition_memory;
    return { ...state, partition_memory: [...list.slice(0, ref.index), ...(entries as MemoryEntry[]), ...list.slice(ref.index + count)] };
  }
  const list = state.partition_mmio;
  return { ...state, partition_mmio: [...list.slice(0, ref.index), ...(entries as MmioEntry[]), ...list.slice(ref.index + count)] };
}

export function addMemory(state: SavedState, fields: RangeFields): SavedState {
  return { ...state, partition_memory: insertSorted(state.partition_memory, memoryEntry(fields)) };
}

export function addMmio(state: SavedState, fields: RangeFields): SavedState {
  return { ...state, partition_mmio: insertSorted(state.partition_mmio, mmioEntry(fields)) };
}

export function remove(state: SavedState, ref: EntryRef): SavedState {
  entryAt(state, ref);
  return replaced(state, ref, []);
}

/** Two entries of the same attributes, [start, at) and [at, end). */
export function split(state: SavedState, ref: EntryRef, at: bigint): SavedState {
  const e = entryAt(state, ref);
  if (!(e.range.start < at && at < e.range.end)) throw new EditError(`the split point ${hex(at)} is not inside ${hex(e.range.start)}..${hex(e.range.end)}`);
  return replaced(state, ref, [
    { ...e, range: { start: e.range.start, end: at } },
    { ...e, range: { start: at, end: e.range.end } },
  ]);
}

/** The entry and the next one of its table as one range: they must touch; the first one's attributes stay. */
export function mergeWithNext(state: SavedState, ref: EntryRef): SavedState {
  const e = entryAt(state, ref);
  const next = entryAt(state, { table: ref.table, index: ref.index + 1 });
  if (e.range.end !== next.range.start) throw new EditError(`${ref.table} #${ref.index} ends at ${hex(e.range.end)}, not where #${ref.index + 1} starts (${hex(next.range.start)})`);
  return replaced(state, ref, [{ ...e, range: { start: e.range.start, end: next.range.end } }], 2);
}

/** New bounds (an empty or inverted range is allowed: its finding says so). */
export function resize(state: SavedState, ref: EntryRef, start: bigint, end: bigint): SavedState {
  checkU64(start, 'start');
  checkU64(end, 'end');
  const e = entryAt(state, ref);
  return replaced(state, ref, [{ ...e, range: { start, end } }]);
}

/** The same size at another start. */
export function move(state: SavedState, ref: EntryRef, start: bigint): SavedState {
  const e = entryAt(state, ref);
  const size = e.range.end - e.range.start;
  // An end is a u64 too: 2^64 itself is past it.
  if (start + size > U64_MAX) throw new EditError(`moved to ${hex(start)}, the range would end at ${hex(start + size)}, past 2^64-1`);
  return resize(state, ref, start, start + size);
}

/** VTL type, and for memory vnode and IGVM type. */
export function setAttributes(state: SavedState, ref: EntryRef, change: { vtlType?: number; vnode?: number; igvmType?: number }): SavedState {
  const e = entryAt(state, ref);
  if (ref.table === 'mmio' && (change.vnode !== undefined || change.igvmType !== undefined)) throw new EditError('an MMIO entry has no vnode and no IGVM type');
  if (change.vtlType !== undefined) checkU32(change.vtlType, 'VTL type');
  const vtl_type = change.vtlType === undefined ? e.vtl_type : vtlTypeOf(change.vtlType);
  if (ref.table === 'mmio') return replaced(state, ref, [{ ...e, vtl_type }]);
  const m = e as MemoryEntry;
  if (change.vnode !== undefined) checkU32(change.vnode, 'vnode');
  if (change.igvmType !== undefined) checkIgvmType(change.igvmType);
  return replaced(state, ref, [{ ...m, vtl_type, vnode: change.vnode ?? m.vnode, igvm_type: change.igvmType === undefined ? m.igvm_type : igvmTypeOf(change.igvmType) }]);
}

export function setCpuLists(state: SavedState, lists: { withMappedInterruptsNoIo: number[]; withOutstandingIo: number[] }): SavedState {
  for (const cpu of [...lists.withMappedInterruptsNoIo, ...lists.withOutstandingIo]) checkU32(cpu, 'CPU');
  return { ...state, cpus_with_mapped_interrupts_no_io: [...lists.withMappedInterruptsNoIo], cpus_with_outstanding_io: [...lists.withOutstandingIo] };
}
