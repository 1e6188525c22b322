// Where the persisted state lives in guest physical memory: the 4 KiB header
// page and the protobuf region. An image's header says where (regionsOfHeader);
// without one (a raw saved state, a device tree) the VTL2_PERSISTED_STATE_HEADER
// and _PROTOBUF memory entries do.
import type { Entry } from './entries.ts';
import type { PersistedHeader } from './persistedState.ts';
import type { NotedRegion, RegionsOfNote } from './topology.ts';
import { VTL } from './vtlTypes.ts';

const PAGE = 0x1000n;
const U64_END = 1n << 64n;

/**
 * "The" memory entry of a type, as openhcl_boot finds the persisted header and
 * protobuf entries (`partition_memory.iter().find(..)`): the first of the type,
 * empty or not. Every reader of those entries (regions, servicing) uses this.
 */
export function firstMemoryEntryOf(entries: readonly Entry[], vtlType: number): Entry | null {
  return entries.find((e) => e.ref.table === 'memory' && e.vtlType.value === vtlType) ?? null;
}

function fromEntry(entry: Entry | null): NotedRegion | null {
  return entry && { start: entry.start, end: entry.end, source: 'entry', entry: entry.ref };
}

export function regionsFromEntries(entries: readonly Entry[]): RegionsOfNote {
  return {
    persistedHeader: fromEntry(firstMemoryEntryOf(entries, VTL.VTL2_PERSISTED_STATE_HEADER)),
    protobufRegion: fromEntry(firstMemoryEntryOf(entries, VTL.VTL2_PERSISTED_STATE_PROTOBUF)),
    accepted: [],
  };
}

/** An image whose header OpenHCL would read: the header page at `headerGpa`, the region where the header says. */
export function regionsOfHeader(header: PersistedHeader, headerGpa: bigint, entries: readonly Entry[]): RegionsOfNote {
  const clamp = (v: bigint) => (v > U64_END ? U64_END : v);
  return {
    persistedHeader: { start: headerGpa, end: clamp(headerGpa + PAGE), source: 'header', entry: firstMemoryEntryOf(entries, VTL.VTL2_PERSISTED_STATE_HEADER)?.ref ?? null },
    protobufRegion: { start: header.protobuf_base, end: clamp(header.protobuf_base + header.protobuf_region_len), source: 'header', entry: firstMemoryEntryOf(entries, VTL.VTL2_PERSISTED_STATE_PROTOBUF)?.ref ?? null },
    accepted: [],
  };
}
