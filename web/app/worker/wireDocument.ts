// How a decoded document crosses from the worker to the page. Structured clone
// copies every object and bigint one by one: for 100,000 ranges the SavedState
// and the entry list each took ~100 ms to rebuild on the main thread, and as
// much again in garbage collection. So:
// - the entries stay behind: they are entriesOfSavedState(decoded) by
//   construction (checked here, not assumed), and the page derives them again;
// - a large SavedState travels as columns (typed arrays, transferred, not
//   copied): starts and ends as u64, vnodes, and indexes into a table of its
//   enum values; the page builds the entries' objects from them in one pass.
// The page gets an equal document (tests compare it whole), its entries
// sharing the SavedState's values and enum objects (one per distinct value).
import type { Opened } from '../../lib/import/index.ts';
import { entriesOfSavedState, type Entry } from '../../lib/model/entries.ts';
import type { EnumValue, MemoryEntry, MmioEntry, SavedState } from '../../lib/model/savedState.ts';
import type { TopologyDocument } from '../../lib/model/topology.ts';

/** Below this many entries a SavedState is cloned as it is (columns gain nothing). */
export const PACK_FROM_ENTRIES = 2000;

interface Columns {
  starts: BigUint64Array;
  ends: BigUint64Array;
  /** Index into `enums`. */
  vtl: Uint32Array;
}

interface PackedState {
  enums: EnumValue[];
  memory: Columns & { vnodes: Uint32Array; igvm: Uint32Array };
  mmio: Columns;
}

/** An Opened as posted: its entries may be left out, its SavedState sent as columns. */
export type WireOpened = Opened & { entriesFromDecoded?: boolean; packed?: PackedState };

/** The document as the worker posts it, and the buffers to transfer with it. */
export function toWire(opened: Opened, packFrom = PACK_FROM_ENTRIES): { wire: WireOpened; transfer: ArrayBuffer[] } {
  if (!opened.ok || !entriesAreDecoded(opened.doc)) return { wire: opened, transfer: [] };
  const state = opened.doc.decoded;
  const slim = { ...opened, doc: { ...opened.doc, entries: [] }, entriesFromDecoded: true };
  if (!state || state.partition_memory.length + state.partition_mmio.length < packFrom) return { wire: slim, transfer: [] };
  const packed = pack(state);
  const wire: WireOpened = { ...slim, doc: { ...slim.doc, decoded: { ...state, partition_memory: [], partition_mmio: [] } }, packed };
  const { memory, mmio } = packed;
  return { wire, transfer: [memory.starts, memory.ends, memory.vtl, memory.vnodes, memory.igvm, mmio.starts, mmio.ends, mmio.vtl].map((a) => a.buffer as ArrayBuffer) };
}

/** The Opened the worker had. */
export function fromWire(wire: WireOpened): Opened {
  const { entriesFromDecoded, packed, ...opened } = wire;
  if (!opened.ok) return opened;
  let doc = opened.doc;
  if (packed && doc.decoded) doc = { ...doc, decoded: unpack(doc.decoded, packed) };
  if (entriesFromDecoded) doc = { ...doc, entries: entriesOfSavedState(doc.decoded) };
  return { ...opened, doc };
}

function pack(state: SavedState): PackedState {
  // One table entry per distinct value (and name): the decoder shares known values, but a state from elsewhere
  // (JSON, an edit) may hold an object per field, 200,000 for 100,000 ranges.
  const enums: EnumValue[] = [];
  const byValue = new Map<number, number[]>();
  const enumIndex = (e: EnumValue) => {
    let same = byValue.get(e.value);
    if (!same) byValue.set(e.value, (same = []));
    for (const i of same) if (enums[i]!.name === e.name) return i;
    enums.push({ value: e.value, name: e.name });
    same.push(enums.length - 1);
    return enums.length - 1;
  };
  const m = state.partition_memory;
  const memory = { starts: new BigUint64Array(m.length), ends: new BigUint64Array(m.length), vtl: new Uint32Array(m.length), vnodes: new Uint32Array(m.length), igvm: new Uint32Array(m.length) };
  m.forEach((e, i) => {
    memory.starts[i] = e.range.start;
    memory.ends[i] = e.range.end;
    memory.vnodes[i] = e.vnode;
    memory.vtl[i] = enumIndex(e.vtl_type);
    memory.igvm[i] = enumIndex(e.igvm_type);
  });
  const o = state.partition_mmio;
  const mmio = { starts: new BigUint64Array(o.length), ends: new BigUint64Array(o.length), vtl: new Uint32Array(o.length) };
  o.forEach((e, i) => {
    mmio.starts[i] = e.range.start;
    mmio.ends[i] = e.range.end;
    mmio.vtl[i] = enumIndex(e.vtl_type);
  });
  return { enums, memory, mmio };
}

function unpack(rest: SavedState, { enums, memory, mmio }: PackedState): SavedState {
  const partition_memory: MemoryEntry[] = new Array(memory.starts.length);
  for (let i = 0; i < partition_memory.length; i++) {
    partition_memory[i] = { range: { start: memory.starts[i]!, end: memory.ends[i]! }, vnode: memory.vnodes[i]!, vtl_type: enums[memory.vtl[i]!]!, igvm_type: enums[memory.igvm[i]!]! };
  }
  const partition_mmio: MmioEntry[] = new Array(mmio.starts.length);
  for (let i = 0; i < partition_mmio.length; i++) partition_mmio[i] = { range: { start: mmio.starts[i]!, end: mmio.ends[i]! }, vtl_type: enums[mmio.vtl[i]!]! };
  return { ...rest, partition_memory, partition_mmio };
}

/** Whether `doc.entries` is exactly what entriesOfSavedState(doc.decoded) makes (checked, not assumed). */
function entriesAreDecoded(doc: TopologyDocument): boolean {
  const state = doc.decoded;
  const { entries } = doc;
  if (!state) return entries.length === 0;
  if (entries.length !== state.partition_memory.length + state.partition_mmio.length) return false;
  const same = (e: Entry, table: 'memory' | 'mmio', index: number, start: bigint, end: bigint, vnode: number | null, vtl: unknown, igvm: unknown) =>
    e.ref.table === table && e.ref.index === index && e.start === start && e.end === end && e.vnode === vnode && e.vtlType === vtl && e.igvmType === igvm;
  const memory = state.partition_memory;
  for (let i = 0; i < memory.length; i++) {
    const m = memory[i]!;
    if (!same(entries[i]!, 'memory', i, m.range.start, m.range.end, m.vnode, m.vtl_type, m.igvm_type)) return false;
  }
  const mmio = state.partition_mmio;
  for (let i = 0; i < mmio.length; i++) {
    const m = mmio[i]!;
    if (!same(entries[memory.length + i]!, 'mmio', i, m.range.start, m.range.end, null, m.vtl_type, null)) return false;
  }
  return true;
}
