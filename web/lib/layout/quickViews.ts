// The map's quick views: where each lands, as a GPA window (null = the whole
// space). The store sets the window; the map shows exactly it. A view with
// nothing to show (no VTL2 memory, no persisted state, no selection) is absent.
import { entryByRef, type EntryRef } from '../model/entries.ts';
import type { TopologyDocument } from '../model/topology.ts';
import type { AddressWindow } from '../model/view.ts';
import { isVtl2 } from '../model/vtlTypes.ts';
import { normalizeSpan, PAGE } from './axis.ts';
import { u64Window } from './span.ts';

export type QuickView = 'whole' | 'vtl2' | 'persisted' | 'selection';

/** A quick view's target: `window` null is the whole space. */
export interface QuickViewTarget {
  window: AddressWindow | null;
}

/** Where `view` lands for this document and selection, or null when it has nothing to show. */
export function quickViewTarget(doc: TopologyDocument, view: QuickView, selection: EntryRef | null): QuickViewTarget | null {
  switch (view) {
    case 'whole':
      return { window: null };
    case 'vtl2':
      return spanTarget(vtl2Spans(doc));
    case 'persisted':
      return spanTarget([doc.regions.persistedHeader, doc.regions.protobufRegion].filter((r) => r !== null));
    case 'selection': {
      const entry = entryByRef(doc.entries, selection);
      return entry ? spanTarget([entry]) : null;
    }
  }
}

/** VTL2 memory: the memory entries of a VTL2 type (VTL2 MMIO is elsewhere, near the top of the space). */
function vtl2Spans(doc: TopologyDocument): { start: bigint; end: bigint }[] {
  return doc.entries.filter((e) => e.ref.table === 'memory' && isVtl2(e.vtlType.value));
}

/** The smallest window holding every span; an empty or inverted one counts as the page it starts (within u64). */
function spanTarget(spans: readonly { start: bigint; end: bigint }[]): QuickViewTarget | null {
  if (spans.length === 0) return null;
  let start = 1n << 64n;
  let end = 0n;
  for (const s of spans) {
    const n = normalizeSpan(s.start, s.end);
    if (n.start < start) start = n.start;
    const e = n.end - n.start < PAGE ? n.start + PAGE : n.end;
    if (e > end) end = e;
  }
  return { window: u64Window(start, end) };
}
