// Findings about a decoded topology beyond the boot verdict: what an engineer
// should look at. Each names the entries it is about, so a view can select them.
import { PAGE_SIZE, PROTOBUF_REGION_SIZE, type PersistedHeader } from '../format/header.ts';
import type { MemoryRange, SavedState, UnknownField } from '../model/types.ts';
import { hex } from './bootCheck.ts';
import { isMmio, isRam, isVtl2, VTL, enumLabel } from './vtlTypes.ts';

export type Severity = 'error' | 'warning' | 'info';

export interface EntryRef {
  table: 'memory' | 'mmio';
  index: number;
}

export interface Diagnostic {
  severity: Severity;
  code: string;
  message: string;
  /** The entries it is about (may be empty). */
  entries: EntryRef[];
}

/** At most this many entries are named in one message; `entries` holds them all. */
const NAMED_IN_MESSAGE = 5;

export function headerDiagnostics(header: PersistedHeader): Diagnostic[] {
  const out: Diagnostic[] = [];
  const add = (severity: Severity, code: string, message: string) => out.push({ severity, code, message, entries: [] });
  switch (header.magicKind) {
    case 'zero':
      add('info', 'header-never-written', 'The header page is all zero: this persisted-state region was never written (a first boot, or state cleared).');
      return out;
    case 'damaged':
      add('warning', 'header-magic-damaged', `The header holds magic "${header.magicText}" (${hex(header.magic)}), not OHCLPHDR: OpenHCL ignores this header. The payload is not decoded.`);
      return out;
    case 'legacy':
      add('warning', 'header-magic-legacy', 'The header magic is RDHPLCHO, the byte order of an early revision (magic as the integer 0x4F48434C50484452). The payload is decoded, but today\'s OpenHCL ignores this header.');
      break;
    case 'valid':
      break;
  }
  const page = BigInt(PAGE_SIZE);
  if (header.protobuf_base + header.protobuf_region_len >= 1n << 64n) {
    add('error', 'header-region-wraps', `protobuf_base ${hex(header.protobuf_base)} + protobuf_region_len ${hex(header.protobuf_region_len)} wraps past 2^64.`);
  }
  if (header.protobuf_base % page !== 0n) add('error', 'header-unaligned', `protobuf_base ${hex(header.protobuf_base)} is not 4 KiB aligned.`);
  if (header.protobuf_region_len % page !== 0n) add('error', 'header-unaligned', `protobuf_region_len ${hex(header.protobuf_region_len)} is not a multiple of 4 KiB.`);
  if (header.protobuf_payload_len > header.protobuf_region_len) {
    add('error', 'header-payload-len', `protobuf_payload_len ${header.protobuf_payload_len} is larger than protobuf_region_len ${header.protobuf_region_len}.`);
  }
  if (header.protobuf_region_len !== BigInt(PROTOBUF_REGION_SIZE)) {
    add('info', 'header-region-size', `protobuf_region_len is ${hex(header.protobuf_region_len)}; OpenHCL lays out ${hex(BigInt(PROTOBUF_REGION_SIZE))} (19 pages).`);
  }
  return out;
}

export function topologyDiagnostics(state: SavedState, unknownFields: readonly UnknownField[], header: PersistedHeader | null): Diagnostic[] {
  const out: Diagnostic[] = [];
  const all: { ref: EntryRef; range: MemoryRange; label: string }[] = [
    ...state.partition_memory.map((e, index) => ({ ref: { table: 'memory' as const, index }, range: e.range, label: `memory #${index} (${enumLabel(e.vtl_type)})` })),
    ...state.partition_mmio.map((e, index) => ({ ref: { table: 'mmio' as const, index }, range: e.range, label: `MMIO #${index} (${enumLabel(e.vtl_type)})` })),
  ];
  const group = (severity: Severity, code: string, what: string, items: typeof all) => {
    if (items.length === 0) return;
    const named = items.slice(0, NAMED_IN_MESSAGE).map((i) => `${i.label} ${hex(i.range.start)}..${hex(i.range.end)}`).join('; ');
    const more = items.length > NAMED_IN_MESSAGE ? `; and ${items.length - NAMED_IN_MESSAGE} more` : '';
    out.push({ severity, code, message: `${items.length} ${what}: ${named}${more}.`, entries: items.map((i) => i.ref) });
  };

  group('error', 'range-inverted', 'ranges start after they end', all.filter((i) => i.range.start > i.range.end));
  group('info', 'range-empty', 'empty ranges (start = end)', all.filter((i) => i.range.start === i.range.end));
  const page = BigInt(PAGE_SIZE);
  group('warning', 'range-unaligned', 'ranges not 4 KiB aligned', all.filter((i) => i.range.start % page !== 0n || i.range.end % page !== 0n));

  out.push(...overlapDiagnostics(all));

  group('warning', 'mmio-type', 'MMIO entries with a non-MMIO VTL type', all.filter((i) => i.ref.table === 'mmio' && !isMmio(state.partition_mmio[i.ref.index]!.vtl_type.value)));
  group('warning', 'memory-mmio-type', 'memory entries with an MMIO VTL type', all.filter((i) => i.ref.table === 'memory' && isMmio(state.partition_memory[i.ref.index]!.vtl_type.value)));
  group('warning', 'unknown-vtl-type', 'entries with a VTL type number this tool does not know', all.filter((i) => (i.ref.table === 'memory' ? state.partition_memory[i.ref.index]! : state.partition_mmio[i.ref.index]!).vtl_type.name === null));
  group('warning', 'unknown-igvm-type', 'memory entries with an IGVM memory type number this tool does not know', all.filter((i) => i.ref.table === 'memory' && state.partition_memory[i.ref.index]!.igvm_type.name === null));

  const pools = all.filter((i) => i.ref.table === 'memory' && state.partition_memory[i.ref.index]!.vtl_type.value === VTL.VTL2_GPA_POOL);
  if (pools.length > 1) group('info', 'multiple-gpa-pools', 'VTL2_GPA_POOL ranges (some openhcl_boot revisions assert a single pool range)', pools);

  out.push(...vtl2RamGaps(state));

  if (header) {
    const protobufEntry = state.partition_memory.findIndex((e) => e.vtl_type.value === VTL.VTL2_PERSISTED_STATE_PROTOBUF);
    const p = protobufEntry >= 0 ? state.partition_memory[protobufEntry]! : null;
    if (p && (p.range.start !== header.protobuf_base || p.range.end !== header.protobuf_base + header.protobuf_region_len)) {
      out.push({
        severity: 'warning',
        code: 'protobuf-entry-mismatch',
        message: `The VTL2_PERSISTED_STATE_PROTOBUF entry ${hex(p.range.start)}..${hex(p.range.end)} differs from the header's region ${hex(header.protobuf_base)}..${hex(header.protobuf_base + header.protobuf_region_len)}.`,
        entries: [{ table: 'memory', index: protobufEntry }],
      });
    }
  }

  for (const f of unknownFields) {
    out.push({
      severity: 'info',
      code: 'unknown-field',
      message: `Unknown field ${f.field} (wire type ${f.wire_type}, ${f.bytes.length} bytes) in ${f.path} at byte ${f.offset}: written by a newer OpenHCL, ignored by this one.`,
      entries: [],
    });
  }
  return out;
}

/** Overlapping ranges, found with one sort and a sweep (10,000 ranges stay cheap). */
function overlapDiagnostics(all: readonly { ref: EntryRef; range: MemoryRange; label: string }[]): Diagnostic[] {
  const sorted = all.filter((i) => i.range.end > i.range.start).sort((a, b) => (a.range.start < b.range.start ? -1 : a.range.start > b.range.start ? 1 : 0));
  const out: Diagnostic[] = [];
  let reach: (typeof sorted)[number] | null = null;
  for (const item of sorted) {
    if (reach && item.range.start < reach.range.end) {
      out.push({
        severity: 'warning',
        code: 'overlap',
        message: `${reach.label} ${hex(reach.range.start)}..${hex(reach.range.end)} overlaps ${item.label} ${hex(item.range.start)}..${hex(item.range.end)}.`,
        entries: [reach.ref, item.ref],
      });
    }
    if (!reach || item.range.end > reach.range.end) reach = item;
  }
  return out;
}

/** Holes between VTL2 RAM-type ranges of one vnode, inside the span they cover. */
function vtl2RamGaps(state: SavedState): Diagnostic[] {
  const byNode = new Map<number, { index: number; range: MemoryRange }[]>();
  state.partition_memory.forEach((e, index) => {
    if (!isRam(e.vtl_type.value) || !isVtl2(e.vtl_type.value) || e.range.end <= e.range.start) return;
    const list = byNode.get(e.vnode) ?? [];
    list.push({ index, range: e.range });
    byNode.set(e.vnode, list);
  });
  const out: Diagnostic[] = [];
  for (const [vnode, list] of byNode) {
    list.sort((a, b) => (a.range.start < b.range.start ? -1 : 1));
    for (let i = 1; i < list.length; i++) {
      const prev = list[i - 1]!;
      const next = list[i]!;
      if (next.range.start > prev.range.end) {
        out.push({
          severity: 'info',
          code: 'vtl2-ram-gap',
          message: `VTL2 memory of vnode ${vnode} has a gap ${hex(prev.range.end)}..${hex(next.range.start)} (${next.range.start - prev.range.end} bytes) between memory #${prev.index} and #${next.index}.`,
          entries: [{ table: 'memory', index: prev.index }, { table: 'memory', index: next.index }],
        });
      }
    }
  }
  return out;
}
