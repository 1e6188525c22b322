// Servicing: B boots from the state A persisted. openhcl_boot's
// `topology_from_persisted_state` (FORMAT.md §4, §6) step by step, each rule
// judged on A (what it persisted) and B (the topology the next instance has):
// pass, fail, or n/a when the inputs do not hold what the rule reads. A device
// tree stands for the state its next servicing would write (as A), or for the
// host's view of the next instance (as B: its VTL2 RAM, CPUs, isolation).
import type { Entry, EntryRef } from '../../model/entries.ts';
import { refLabel } from '../../model/entries.ts';
import { firstMemoryEntryOf } from '../../model/regions.ts';
import type { MemoryRange } from '../../model/savedState.ts';
import { binarySize, hex } from '../../model/text.ts';
import type { Span, TopologyDocument } from '../../model/topology.ts';
import { VTL } from '../../model/vtlTypes.ts';
import { firstVtl2RamDifference, hostVtl2Ram, MAX_MMIO_RANGES_PER_VTL, poolRanges, vtl2RamFromPersisted, vtl2RamLabel, type Vtl2RamRange } from '../bootCheck.ts';
import { bootCheckOfDocument } from '../bootCheckOfDocument.ts';
import { hasRule, ruleById, type OpenhclRelease } from '../releases.ts';
import { cpusKeptOffSidecar } from './cpus.ts';
import type { CheckOutcome, ServicingCheck, ServicingCheckId } from './types.ts';

/** At most this many ranges are named in one detail. */
const NAMED_IN_DETAIL = 4;

const NO_STATE = 'A holds no persisted state to read';

function check(id: ServicingCheckId, rule: string, outcome: CheckOutcome, detail: string, a: EntryRef[] = [], b: EntryRef[] = []): ServicingCheck {
  return { id, rule, outcome, detail, entries: { a, b } };
}

const span = (s: { start: bigint; end: bigint }) => `${hex(s.start)}..${hex(s.end)}`;
const sameSpan = (x: Span, y: Span) => x.start === y.start && x.end === y.end;
/** By start, then end: what the next instance receives as a set is compared in one order. */
const bySpan = (x: Span, y: Span) => (x.start !== y.start ? (x.start < y.start ? -1 : 1) : x.end !== y.end ? (x.end < y.end ? -1 : 1) : 0);
const named = (e: Entry) => `${refLabel(e.ref)} ${span(e)}`;

function list<T>(items: readonly T[], name: (item: T) => string): string {
  if (items.length === 0) return 'none';
  const shown = items.slice(0, NAMED_IN_DETAIL).map(name).join(', ');
  return items.length > NAMED_IN_DETAIL ? `${shown} and ${items.length - NAMED_IN_DETAIL} more` : shown;
}

const memoryEntry = (doc: TopologyDocument, vtlType: number) => firstMemoryEntryOf(doc.entries, vtlType);

export function servicingChecks(a: TopologyDocument, b: TopologyDocument, release: OpenhclRelease): ServicingCheck[] {
  // A's persisted state only: B's host VTL2 RAM is the vtl2-ram check's, not A's own host's.
  const verdict = bootCheckOfDocument(a, release, { ownHost: false });
  const boot = check(
    'boot',
    `read_persisted_region_header, then topology_from_persisted_state (release ${release} rules)`,
    verdict.outcome === 'accepted' ? 'pass' : verdict.outcome === 'panic' ? 'fail' : 'n/a',
    `${verdict.step}: ${verdict.reason}`,
  );
  const rest = [persistedHeader(a), vtl2Ram(a, b), persistedRegion(a, b), gpaPool(a, b, release), mmio(a, b), cpuLists(a, b, release)];
  // An isolated next instance never reads the header: nothing of A is read.
  const isolation = b.format.kind === 'device-tree' ? b.format.deviceTree?.isolation : undefined;
  if (isolation === 'snp' || isolation === 'tdx') {
    const detail = `B is isolated (${isolation.toUpperCase()}): read_persisted_region_header returns None there, so B takes the first-boot path`;
    return [boot, ...rest].map((c) => ({ ...c, outcome: 'n/a' as const, detail }));
  }
  // A header the boot does not read (never written, legacy or damaged magic, cut short): no rule after it applies.
  if (verdict.outcome === 'first-boot' || verdict.outcome === 'unknown') {
    return [boot, ...rest.map((c) => ({ ...c, outcome: 'n/a' as const, detail: `the next boot does not read A's persisted state (${verdict.outcome})` }))];
  }
  return [boot, ...rest];
}

const HEADER_RULE = 'persisted_header (.expect("persisted state header missing")), persisted_protobuf (.expect("persisted state protobuf region missing")); assert_eq!(persisted_header.range.end(), protobuf_region.start())';

function persistedHeader(a: TopologyDocument): ServicingCheck {
  if (!a.decoded) return check('persisted-header', HEADER_RULE, 'n/a', NO_STATE);
  const header = memoryEntry(a, VTL.VTL2_PERSISTED_STATE_HEADER);
  const protobuf = memoryEntry(a, VTL.VTL2_PERSISTED_STATE_PROTOBUF);
  if (!header) return check('persisted-header', HEADER_RULE, 'fail', 'persisted state header missing: A has no VTL2_PERSISTED_STATE_HEADER memory entry');
  if (!protobuf) return check('persisted-header', HEADER_RULE, 'fail', 'persisted state protobuf region missing: A has no VTL2_PERSISTED_STATE_PROTOBUF memory entry', [header.ref]);
  // The header OpenHCL reads is A's image header; a raw state's (or a device tree's) is written pointing at its protobuf entry.
  const imageHeader = a.format.kind === 'device-tree' ? null : a.format.header;
  const fromHeader = imageHeader?.magicKind === 'valid';
  const regionStart = imageHeader && fromHeader ? imageHeader.protobuf_base : protobuf.start;
  const source = fromHeader ? "A's header protobuf_base" : "A's VTL2_PERSISTED_STATE_PROTOBUF entry";
  const refs = [header.ref, protobuf.ref];
  return header.end === regionStart
    ? check('persisted-header', HEADER_RULE, 'pass', `${named(header)} (VTL2_PERSISTED_STATE_HEADER) ends at ${hex(header.end)}, where the protobuf region starts (${source})`, refs)
    : check('persisted-header', HEADER_RULE, 'fail', `${named(header)} (VTL2_PERSISTED_STATE_HEADER) ends at ${hex(header.end)}, but the protobuf region starts at ${hex(regionStart)} (${source})`, refs);
}

const RAM_RULE = 'assert_eq!(vtl2_ram.as_slice(), host_vtl2_ram.as_ref(), "vtl2 ram from persisted state does not match host provided ram") (host allocation mode)';

/** B's VTL2 RAM as the assert sees it, and how it was found; a string when the assert does not apply to B. */
function vtl2RamOfB(b: TopologyDocument): { ranges: Vtl2RamRange[]; how: string } | string {
  if (b.format.kind === 'device-tree' && b.format.deviceTree) {
    const dt = b.format.deviceTree;
    if (dt.memory_allocation_mode.mode !== 'host') return "B allocates its own VTL2 RAM (memory-allocation-mode vtl2): the assert applies in host allocation mode only";
    // parse_host_vtl2_ram: the host's VTL2_PROTECTABLE ranges, which the root memory@ nodes hold.
    return { ranges: hostVtl2Ram(dt.vtl2_memory), how: "B's VTL2 RAM is the host's (the tree's root memory@ nodes, VTL2_PROTECTABLE)" };
  }
  if (!b.decoded) return 'B holds no topology to hold VTL2 RAM';
  return { ranges: vtl2RamFromPersisted(b.decoded.partition_memory), how: "B's VTL2 RAM is rebuilt from B's entries the same way (RAM and VTL2 types, adjacent ranges of one IGVM type and vnode merged)" };
}

function vtl2Ram(a: TopologyDocument, b: TopologyDocument): ServicingCheck {
  if (!a.decoded) return check('vtl2-ram', RAM_RULE, 'n/a', NO_STATE);
  const found = vtl2RamOfB(b);
  if (typeof found === 'string') return check('vtl2-ram', RAM_RULE, 'n/a', found);
  const fromA = vtl2RamFromPersisted(a.decoded.partition_memory);
  const { ranges: ofB, how } = found;
  const total = (list: Vtl2RamRange[]) => binarySize(list.reduce((n, r) => n + (r.end > r.start ? r.end - r.start : 0n), 0n));
  const firstDifference = firstVtl2RamDifference(fromA, ofB);
  if (firstDifference < 0) {
    return check('vtl2-ram', RAM_RULE, 'pass', `A's persisted state rebuilds ${fromA.length} VTL2 RAM ranges (${total(fromA)}), equal to B's: ${list(fromA, vtl2RamLabel)}; ${how}`);
  }
  const side = (l: Vtl2RamRange[]) => (l[firstDifference] ? vtl2RamLabel(l[firstDifference]) : 'nothing');
  return check(
    'vtl2-ram',
    RAM_RULE,
    'fail',
    `A's persisted state rebuilds ${fromA.length} VTL2 RAM ranges (${total(fromA)}), B has ${ofB.length} (${total(ofB)}); first difference at #${firstDifference}: A ${side(fromA)}, B ${side(ofB)}; ${how}`,
  );
}

const REGION_RULE = 'persisted_state_region = MemoryRange::new(persisted_header.range.start()..persisted_protobuf.range.end()): the next instance keeps the persisted region where A recorded it';

function persistedRegion(a: TopologyDocument, b: TopologyDocument): ServicingCheck {
  if (!a.decoded) return check('persisted-region', REGION_RULE, 'n/a', NO_STATE);
  const header = memoryEntry(a, VTL.VTL2_PERSISTED_STATE_HEADER);
  const protobuf = memoryEntry(a, VTL.VTL2_PERSISTED_STATE_PROTOBUF);
  if (!header || !protobuf) return check('persisted-region', REGION_RULE, 'n/a', 'A does not record both persisted-state entries (see persisted-header)');
  const { persistedHeader: bHeader, protobufRegion: bProtobuf } = b.regions;
  if (!bHeader || !bProtobuf) return check('persisted-region', REGION_RULE, 'n/a', 'B does not say where its persisted header and protobuf region lie');
  const refs = [header.ref, protobuf.ref];
  const bRefs = [bHeader.entry, bProtobuf.entry].filter((r): r is EntryRef => r !== null);
  const detail = `A records the header page ${span(header)} and protobuf region ${span(protobuf)}; B has them at ${span(bHeader)} and ${span(bProtobuf)}`;
  return check('persisted-region', REGION_RULE, sameSpan(header, bHeader) && sameSpan(protobuf, bProtobuf) ? 'pass' : 'fail', detail, refs, bRefs);
}

function gpaPool(a: TopologyDocument, b: TopologyDocument, release: OpenhclRelease): ServicingCheck {
  const single = hasRule(release, 'single-gpa-pool');
  const rule = ruleById('single-gpa-pool');
  const text = single
    ? `assert!(pool_ranges.next().is_none(), "${rule.upstream}"), then address_space_builder.with_pool_range(pool_range): A's one pool range is reused as the VTL2 private pool`
    : `every VTL2_GPA_POOL range of A is reused as the VTL2 private pool (openvmm #${rule.until!.pr}, ${rule.until!.date}: one range per NUMA node)`;
  if (!a.decoded) return check('gpa-pool', text, 'n/a', NO_STATE);
  const ref = (index: number): EntryRef => ({ table: 'memory', index });
  const fromA = poolRanges(a.decoded.partition_memory);
  const aRefs = fromA.map((p) => ref(p.index));
  const pool = (p: { index: number; entry: { range: MemoryRange } }) => `memory #${p.index} ${span(p.entry.range)}`;
  if (single && fromA.length > 1) {
    return check('gpa-pool', text, 'fail', `${rule.upstream}: A has ${fromA.length} VTL2_GPA_POOL ranges, ${list(fromA, pool)} (release ${release} predates openvmm #${rule.until!.pr}, ${rule.until!.date})`, aRefs);
  }
  if (!b.decoded) return check('gpa-pool', text, 'n/a', 'B holds no topology to hold a pool', aRefs);
  const ofB = poolRanges(b.decoded.partition_memory);
  const bRefs = ofB.map((p) => ref(p.index));
  if (fromA.length === 0 && ofB.length === 0) return check('gpa-pool', text, 'n/a', 'neither A nor B has a VTL2_GPA_POOL range');
  const byStart = (l: typeof fromA) => [...l].sort((x, y) => bySpan(x.entry.range, y.entry.range));
  const sa = byStart(fromA);
  const sb = byStart(ofB);
  const same = sa.length === sb.length && sa.every((p, i) => sameSpan(p.entry.range, sb[i]!.entry.range));
  return check('gpa-pool', text, same ? 'pass' : 'fail', `A's pool: ${list(fromA, pool)}; B's: ${list(ofB, pool)}`, aRefs, bRefs);
}

const MMIO_RULE = `vtl0_mmio / vtl2_mmio = partition_mmio entries of type VTL0_MMIO / VTL2_MMIO, .collect::<ArrayVec<MemoryRange, ${MAX_MMIO_RANGES_PER_VTL}>>(): A's MMIO ranges are the next instance's, at most ${MAX_MMIO_RANGES_PER_VTL} of each`;

function mmio(a: TopologyDocument, b: TopologyDocument): ServicingCheck {
  if (!a.decoded) return check('mmio', MMIO_RULE, 'n/a', NO_STATE);
  const mmioOf = new Map([a, b].map((doc) => [doc, doc.entries.filter((e) => e.ref.table === 'mmio')]));
  // Sorted: A's ranges in another order than B's are still B's ranges.
  const of = (doc: TopologyDocument, vtlType: number) => mmioOf.get(doc)!.filter((e) => e.vtlType.value === vtlType).sort(bySpan);
  const types = [
    [VTL.VTL0_MMIO, 'VTL0_MMIO'],
    [VTL.VTL2_MMIO, 'VTL2_MMIO'],
  ] as const;
  const aRefs = types.flatMap(([t]) => of(a, t).map((e) => e.ref));
  for (const [t, name] of types) {
    const ranges = of(a, t);
    if (ranges.length > MAX_MMIO_RANGES_PER_VTL) {
      return check('mmio', MMIO_RULE, 'fail', `A has ${ranges.length} ${name} ranges, more than the ${MAX_MMIO_RANGES_PER_VTL} openhcl_boot keeps: ${list(ranges, named)}`, aRefs);
    }
  }
  if (!b.decoded) return check('mmio', MMIO_RULE, 'n/a', 'B holds no topology to hold MMIO', aRefs);
  const bRefs = types.flatMap(([t]) => of(b, t).map((e) => e.ref));
  const differing = types.filter(([t]) => {
    const x = of(a, t);
    const y = of(b, t);
    return x.length !== y.length || x.some((e, i) => !sameSpan(e, y[i]!));
  });
  const described = types.map(([t, name]) => `${name} A ${list(of(a, t), (e) => span(e))}, B ${list(of(b, t), (e) => span(e))}`).join('; ');
  return check('mmio', MMIO_RULE, differing.length === 0 ? 'pass' : 'fail', described, aRefs, bRefs);
}

function cpuLists(a: TopologyDocument, b: TopologyDocument, release: OpenhclRelease): ServicingCheck {
  const rule = ruleById('cpu-lists-off-sidecar');
  if (!hasRule(release, 'cpu-lists-off-sidecar')) return check('cpu-lists', rule.notInForce, 'n/a', `release ${release} predates openvmm #${rule.since[0]!.pr} (${rule.since[0]!.date})`);
  const text = `${rule.inForce} (openvmm ${rule.since.map((c) => `#${c.pr}`).join(', ')})`;
  if (!a.decoded) return check('cpu-lists', text, 'n/a', NO_STATE);
  if (a.format.kind === 'device-tree') return check('cpu-lists', text, 'n/a', 'A is a device tree: the CPU lists are run-time state it does not hold');
  const kept = cpusKeptOffSidecar(a.cpus);
  if (kept.length === 0) return check('cpu-lists', text, 'n/a', 'A lists no CPU: the sidecar starts CPUs as on a first boot');
  const named = `B's kernel starts CPUs ${kept.join(', ')} itself`;
  if (!b.cpus.cpus) return check('cpu-lists', text, 'n/a', `${named}; B does not say which CPUs it has`);
  const count = b.cpus.cpus.length;
  const missing = kept.filter((cpu) => cpu >= count);
  if (missing.length === 0) return check('cpu-lists', text, 'pass', `${named}; B has all of them (${count} CPUs)`);
  // Not a failure: openhcl_boot's read_from_dt has no assert on a listed CPU B lacks. It clears
  // that index in its per-CPU sidecar table, or turns the sidecar off when an index passes the table.
  return check('cpu-lists', text, 'pass', `${named}; note: B has ${count} CPUs, so CPU ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not B's. openhcl_boot does not check this (no assert): a listed CPU B lacks is simply not started`);
}
