// The persisted-state pins of the map: the header page and the protobuf region
// (doc.regions), with the words drawn beside them. For an image the header's
// fields are worth reading at a glance; otherwise the entry the region comes from.
import type { PersistedHeader } from '../model/persistedState.ts';
import type { NotedRegion, Span, TopologyDocument } from '../model/topology.ts';
import { groupedHex, sizeWithExact } from '../model/text.ts';

export interface PersistedMark extends Span {
  /** Where the location came from. */
  source: 'header' | 'entry';
  /** Short label drawn beside the marker. */
  label: string;
  /** The header fields worth reading at a glance, drawn after the label. */
  callout: string;
  /** Header fields (or the entry) behind the marker, for the tooltip. */
  fields: { name: string; value: string }[];
}

export interface PersistedMarkers {
  header: PersistedMark | null;
  protobuf: PersistedMark | null;
}

/** The image's header when both regions come from it (a header OpenHCL would read), else null: the map and the diagram decide by this. */
export function headerOfRegions(doc: TopologyDocument): PersistedHeader | null {
  const { persistedHeader, protobufRegion } = doc.regions;
  const h = doc.format.kind === 'device-tree' ? null : doc.format.header;
  return h && persistedHeader?.source === 'header' && protobufRegion?.source === 'header' ? h : null;
}

export function persistedMarkers(doc: TopologyDocument): PersistedMarkers {
  const { persistedHeader, protobufRegion } = doc.regions;
  const h = headerOfRegions(doc);
  if (h && persistedHeader && protobufRegion) {
    return {
      header: {
        start: persistedHeader.start,
        end: persistedHeader.end,
        source: 'header',
        label: `header page ${groupedHex(persistedHeader.start)}`,
        callout: `magic ${h.magicText}${h.magicKind === 'legacy' ? ' (legacy)' : ''}`,
        fields: [
          { name: 'magic', value: h.magicText },
          { name: 'protobuf_base', value: groupedHex(h.protobuf_base) },
          { name: 'protobuf_region_len', value: `${groupedHex(h.protobuf_region_len)} (${sizeWithExact(h.protobuf_region_len)})` },
          { name: 'protobuf_payload_len', value: `${h.protobuf_payload_len} (${sizeWithExact(h.protobuf_payload_len)})` },
        ],
      },
      protobuf: {
        start: protobufRegion.start,
        end: protobufRegion.end,
        source: 'header',
        label: `protobuf region ${groupedHex(protobufRegion.start)}`,
        // Exact bytes where units would hide a difference (a payload one byte over its region).
        callout: `region_len ${sizeWithExact(h.protobuf_region_len)} · payload_len ${sizeWithExact(h.protobuf_payload_len)}`,
        fields: [
          { name: 'protobuf_base', value: groupedHex(h.protobuf_base) },
          { name: 'protobuf_region_len', value: sizeWithExact(h.protobuf_region_len) },
          { name: 'protobuf_payload_len', value: sizeWithExact(h.protobuf_payload_len) },
        ],
      },
    };
  }
  return {
    header: persistedHeader && fromEntry(persistedHeader, 'header page', 'VTL2_PERSISTED_STATE_HEADER'),
    protobuf: protobufRegion && fromEntry(protobufRegion, 'protobuf region', 'VTL2_PERSISTED_STATE_PROTOBUF'),
  };
}

function fromEntry(region: NotedRegion, what: string, type: string): PersistedMark {
  // The entry is the first of its type, as upstream takes it: it may be empty or inverted.
  const size = region.end > region.start ? region.end - region.start : 0n;
  return {
    start: region.start,
    end: region.end,
    source: 'entry',
    label: `${what} ${groupedHex(region.start)}`,
    callout: `${sizeWithExact(size)} · from the ${type} entry`,
    fields: [
      { name: 'from entry', value: type },
      { name: 'start', value: groupedHex(region.start) },
      { name: 'size', value: sizeWithExact(size) },
    ],
  };
}
