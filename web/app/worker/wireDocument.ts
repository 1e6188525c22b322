// How a decoded document crosses from the worker to the page. Structured clone
// copies every object and bigint: for 100,000 ranges the SavedState and the
// entry list each take ~100 ms to rebuild on the main thread. The entries are
// entriesOfSavedState(decoded) by construction (every importer makes them so),
// so they stay behind and the page derives them again in ~10 ms, sharing the
// SavedState's values and enum objects as the worker's copy did.
import type { Opened } from '../../lib/import/index.ts';
import { entriesOfSavedState, type Entry } from '../../lib/model/entries.ts';
import type { TopologyDocument } from '../../lib/model/topology.ts';

/** An Opened as posted: a document's entries may be left out (`entriesFromDecoded`). */
export type WireOpened = Opened & { entriesFromDecoded?: boolean };

/** Leaves the entries out when the page can derive them exactly. */
export function toWire(opened: Opened): WireOpened {
  if (!opened.ok || !entriesAreDecoded(opened.doc)) return opened;
  return { ...opened, doc: { ...opened.doc, entries: [] }, entriesFromDecoded: true };
}

/** The Opened the worker had. */
export function fromWire(wire: WireOpened): Opened {
  const { entriesFromDecoded, ...opened } = wire;
  if (!entriesFromDecoded || !opened.ok) return opened;
  return { ...opened, doc: { ...opened.doc, entries: entriesOfSavedState(opened.doc.decoded) } };
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
