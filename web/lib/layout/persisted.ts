// Where the persisted state lives in guest physical memory: the 4 KiB header
// page and the protobuf region. For an image they come from its header (the
// header page is at payloadLocation.headerGpa, the region is
// [protobuf_base, protobuf_base + protobuf_region_len)); without a usable
// header (a raw saved-state blob) from the VTL2_PERSISTED_STATE_HEADER and
// _PROTOBUF memory entries.
import { VTL } from '../analysis/vtlTypes.ts';
import type { TopologyDocument } from '../document/openDocument.ts';
import { PAGE_SIZE } from '../format/header.ts';
import type { Span } from './axis.ts';
import { binarySize, groupedHex } from './format.ts';

const U64_END = 1n << 64n;

export interface PersistedMark extends Span {
  /** Where the location came from. */
  source: 'header' | 'entry';
  /** Short label drawn beside the marker. */
  label: string;
  /** The header fields worth reading at a glance, drawn after the label. */
  callout: string;
  /** Header fields (or the entry) behind the marker, for the callout. */
  fields: { name: string; value: string }[];
}

export interface PersistedMarkers {
  header: PersistedMark | null;
  protobuf: PersistedMark | null;
}

export function persistedMarkers(doc: TopologyDocument): PersistedMarkers {
  const h = doc.header;
  const headerGpa = doc.payloadLocation?.headerGpa ?? null;
  const usable = h !== null && (h.magicKind === 'valid' || h.magicKind === 'legacy');
  const memory = doc.decoded?.partition_memory ?? [];
  const entryOf = (type: number) => memory.find((e) => e.vtl_type.value === type && e.range.end > e.range.start) ?? null;
  let header: PersistedMark | null = null;
  let protobuf: PersistedMark | null = null;
  if (usable && headerGpa !== null) {
    header = {
      start: headerGpa,
      end: clamp(headerGpa + BigInt(PAGE_SIZE)),
      source: 'header',
      label: `header page ${groupedHex(headerGpa)}`,
      callout: `magic ${h.magicText}${h.magicKind === 'legacy' ? ' (legacy)' : ''}`,
      fields: [
        { name: 'magic', value: h.magicText },
        { name: 'protobuf_base', value: groupedHex(h.protobuf_base) },
        { name: 'protobuf_region_len', value: `${groupedHex(h.protobuf_region_len)} (${binarySize(h.protobuf_region_len)})` },
        { name: 'protobuf_payload_len', value: `${h.protobuf_payload_len} (${binarySize(h.protobuf_payload_len)})` },
      ],
    };
    protobuf = {
      start: h.protobuf_base,
      end: clamp(h.protobuf_base + h.protobuf_region_len),
      source: 'header',
      label: `protobuf region ${groupedHex(h.protobuf_base)}`,
      callout: `region_len ${binarySize(h.protobuf_region_len)} · payload_len ${binarySize(h.protobuf_payload_len)}`,
      fields: [
        { name: 'protobuf_base', value: groupedHex(h.protobuf_base) },
        { name: 'protobuf_region_len', value: binarySize(h.protobuf_region_len) },
        { name: 'protobuf_payload_len', value: binarySize(h.protobuf_payload_len) },
      ],
    };
  } else {
    const he = entryOf(VTL.VTL2_PERSISTED_STATE_HEADER);
    const pe = entryOf(VTL.VTL2_PERSISTED_STATE_PROTOBUF);
    if (he) header = fromEntry(he.range, 'header page', 'VTL2_PERSISTED_STATE_HEADER');
    if (pe) protobuf = fromEntry(pe.range, 'protobuf region', 'VTL2_PERSISTED_STATE_PROTOBUF');
  }
  return { header, protobuf };
}

function fromEntry(range: Span, what: string, type: string): PersistedMark {
  const size = range.end - range.start;
  return {
    start: range.start,
    end: range.end,
    source: 'entry',
    label: `${what} ${groupedHex(range.start)}`,
    callout: `${binarySize(size)} · from the ${type} entry`,
    fields: [
      { name: 'from entry', value: type },
      { name: 'start', value: groupedHex(range.start) },
      { name: 'size', value: binarySize(size) },
    ],
  };
}

function clamp(value: bigint): bigint {
  return value > U64_END ? U64_END : value;
}
