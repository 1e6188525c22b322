// Findings about a decoded topology beyond the boot verdict: what an engineer
// should look at. Each names the entries it is about, so a view can select them.
import { PAGE_SIZE, PROTOBUF_REGION_SIZE } from '../format/header.ts';
import { entryLabel, refLabel, type Entry } from '../model/entries.ts';
import type { Diagnostic, Severity } from '../model/findings.ts';
import { compareBigint } from '../model/order.ts';
import type { PersistedHeader } from '../model/persistedState.ts';
import type { UnknownField } from '../model/savedState.ts';
import { exactBytes, groupedDecimal, hex } from '../model/text.ts';
import { isMmio, isRam, isVtl2, VTL } from '../model/vtlTypes.ts';
import { releasesWith, ruleById } from './releases.ts';

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
      add('warning', 'header-magic-damaged', `The header holds magic "${header.magicText}" (${hex(header.magic)}), not OHCLPHDR: OpenHCL ignores this header. The payload is not decoded unless you ask ("decode anyway").`);
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
    const over = header.protobuf_payload_len - header.protobuf_region_len;
    add('error', 'header-payload-len', `protobuf_payload_len ${groupedDecimal(header.protobuf_payload_len)} is larger than protobuf_region_len ${groupedDecimal(header.protobuf_region_len)} (by ${exactBytes(over)}): OpenHCL asserts protobuf_payload_len <= protobuf_region_len, so its next boot panics here.`);
  }
  if (header.protobuf_region_len !== BigInt(PROTOBUF_REGION_SIZE)) {
    add('info', 'header-region-size', `protobuf_region_len is ${hex(header.protobuf_region_len)}; OpenHCL lays out ${hex(BigInt(PROTOBUF_REGION_SIZE))} (19 pages).`);
  }
  return out;
}

export function topologyDiagnostics(entries: readonly Entry[], unknownFields: readonly UnknownField[], header: PersistedHeader | null): Diagnostic[] {
  const out: Diagnostic[] = [];
  const group = (severity: Severity, code: string, what: string, items: readonly Entry[]) => {
    if (items.length === 0) return;
    const named = items.slice(0, NAMED_IN_MESSAGE).map((e) => `${entryLabel(e)} ${hex(e.start)}..${hex(e.end)}`).join('; ');
    const more = items.length > NAMED_IN_MESSAGE ? `; and ${items.length - NAMED_IN_MESSAGE} more` : '';
    out.push({ severity, code, message: `${items.length} ${what}: ${named}${more}.`, entries: items.map((e) => e.ref) });
  };
  const memory = entries.filter((e) => e.ref.table === 'memory');
  const mmio = entries.filter((e) => e.ref.table === 'mmio');

  group('error', 'range-inverted', 'ranges start after they end', entries.filter((e) => e.start > e.end));
  group('info', 'range-empty', 'empty ranges (start = end)', entries.filter((e) => e.start === e.end));
  const page = BigInt(PAGE_SIZE);
  group('warning', 'range-unaligned', 'ranges not 4 KiB aligned', entries.filter((e) => e.start % page !== 0n || e.end % page !== 0n));

  // One by one, not spread as arguments: there may be one per range.
  for (const d of overlapDiagnostics(entries)) out.push(d);

  group('warning', 'mmio-type', 'MMIO entries with a non-MMIO VTL type', mmio.filter((e) => !isMmio(e.vtlType.value)));
  group('warning', 'memory-mmio-type', 'memory entries with an MMIO VTL type', memory.filter((e) => isMmio(e.vtlType.value)));
  group('warning', 'unknown-vtl-type', 'entries with a VTL type number this tool does not know', entries.filter((e) => e.vtlType.name === null));
  group('warning', 'unknown-igvm-type', 'memory entries with an IGVM memory type number this tool does not know', memory.filter((e) => e.igvmType?.name === null));

  const pools = memory.filter((e) => e.vtlType.value === VTL.VTL2_GPA_POOL);
  if (pools.length > 1) group('info', 'multiple-gpa-pools', `VTL2_GPA_POOL ranges (${multiplePoolsNote()})`, pools);

  for (const d of vtl2RamGaps(memory)) out.push(d);

  if (header) {
    const p = memory.find((e) => e.vtlType.value === VTL.VTL2_PERSISTED_STATE_PROTOBUF);
    if (p && (p.start !== header.protobuf_base || p.end !== header.protobuf_base + header.protobuf_region_len)) {
      out.push({
        severity: 'warning',
        code: 'protobuf-entry-mismatch',
        message: `The VTL2_PERSISTED_STATE_PROTOBUF entry ${hex(p.start)}..${hex(p.end)} differs from the header's region ${hex(header.protobuf_base)}..${hex(header.protobuf_base + header.protobuf_region_len)}.`,
        entries: [p.ref],
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

/** Which releases panic on several pool ranges, from the release table. */
function multiplePoolsNote(): string {
  const rule = ruleById('single-gpa-pool');
  const panicking = releasesWith('single-gpa-pool').map((r) => r.id);
  if (panicking.length === 0) return 'every release modelled accepts several pool ranges';
  return `OpenHCL releases ${panicking.join(', ')} panic on this: "${rule.upstream}"; openvmm #${rule.until!.pr} (${rule.until!.date}) allows one per NUMA node`;
}

/** Overlapping ranges, found with one sort and a sweep (10,000 ranges stay cheap). */
function overlapDiagnostics(entries: readonly Entry[]): Diagnostic[] {
  const sorted = entries.filter((e) => e.end > e.start).sort((a, b) => compareBigint(a.start, b.start));
  const out: Diagnostic[] = [];
  let reach: Entry | null = null;
  for (const item of sorted) {
    if (reach && item.start < reach.end) {
      out.push({
        severity: 'warning',
        code: 'overlap',
        message: `${entryLabel(reach)} ${hex(reach.start)}..${hex(reach.end)} overlaps ${entryLabel(item)} ${hex(item.start)}..${hex(item.end)}.`,
        entries: [reach.ref, item.ref],
      });
    }
    if (!reach || item.end > reach.end) reach = item;
  }
  return out;
}

/** Holes between VTL2 RAM-type ranges of one vnode, inside the span they cover. */
function vtl2RamGaps(memory: readonly Entry[]): Diagnostic[] {
  const byNode = new Map<number, Entry[]>();
  for (const e of memory) {
    if (!isRam(e.vtlType.value) || !isVtl2(e.vtlType.value) || e.end <= e.start || e.vnode === null) continue;
    const list = byNode.get(e.vnode) ?? [];
    list.push(e);
    byNode.set(e.vnode, list);
  }
  const out: Diagnostic[] = [];
  for (const [vnode, list] of byNode) {
    list.sort((a, b) => compareBigint(a.start, b.start));
    for (let i = 1; i < list.length; i++) {
      const prev = list[i - 1]!;
      const next = list[i]!;
      if (next.start > prev.end) {
        out.push({
          severity: 'info',
          code: 'vtl2-ram-gap',
          message: `VTL2 memory of vnode ${vnode} has a gap ${hex(prev.end)}..${hex(next.start)} (${next.start - prev.end} bytes) between ${refLabel(prev.ref)} and #${next.ref.index}.`,
          entries: [prev.ref, next.ref],
        });
      }
    }
  }
  return out;
}
