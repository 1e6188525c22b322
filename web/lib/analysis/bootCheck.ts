// "What would the next OpenHCL boot do with this?" — openhcl_boot's
// `read_persisted_region_header` and `topology_from_persisted_state`
// (openhcl/openhcl_boot/src/host_params/dt/mod.rs), step by step, on what the
// input holds, by the rules of one OpenHCL release (releases.ts). A saved
// state or an image has no host's view, so its cross-checks against the host's
// device tree are not made here; the host-mode VTL2 RAM assert is here as one
// rule (hostVtl2Ram, firstVtl2RamDifference) that a device tree's own verdict
// (deviceTreeChecks.ts, against its root memory@ nodes) and the comparison's
// servicing check (compare/servicing.ts, against B) both apply. Address-space
// init is simulated nowhere.
import type { DecodeErrorInfo } from '../format/errors.ts';
import { PAGE_SIZE, PERSISTED_REGION_SIZE, PROTOBUF_REGION_SIZE } from '../format/header.ts';
import type { BootCheck } from '../model/findings.ts';
import type { PersistedHeader } from '../model/persistedState.ts';
import type { MemoryEntry, MemoryRange, SavedState } from '../model/savedState.ts';
import { igvmTypeOf } from '../model/enumNames.ts';
import { hex } from '../model/text.ts';
import { enumLabel, IGVM, isRam, isVtl2, VTL } from '../model/vtlTypes.ts';
import { hasRule, ruleById } from './releases.ts';
import { DEFAULT_RELEASE, type OpenhclRelease } from '../model/view.ts';

/** openhcl_boot collects VTL2 RAM into an ArrayVec of this capacity. */
const MAX_VTL2_RAM_RANGES = 64;
/** openhcl_boot keeps at most this many VTL0 and VTL2 MMIO ranges each. */
export const MAX_MMIO_RANGES_PER_VTL = 2;
/** Since openvmm #3312 the pool may be split, one range per NUMA node: at most this many (FORMAT.md §6). */
export const MAX_POOL_RANGES = 64;

const U64_END = 1n << 64n;

export interface BootCheckInput {
  kind: 'vtl2-image' | 'saved-state';
  header: PersistedHeader | null;
  /** GPA of the header page (the start of the persisted region). */
  headerGpa: bigint | null;
  decoded: SavedState | null;
  error: DecodeErrorInfo | null;
  /** The payload lay (partly) outside the input, so nothing could be decoded. */
  payloadUnreadable: boolean;
  /** A raw saved state's byte count (an image's header gives its own); omitted: not checked. */
  payloadLength?: number;
}

/** The verdict of the next boot by `release`'s rules; it names the release. */
export function bootCheck(input: BootCheckInput, release: OpenhclRelease = DEFAULT_RELEASE): BootCheck {
  return { ...verdict(input, release), release };
}

/** A verdict before it names the release whose rules gave it. */
export type Verdict = Omit<BootCheck, 'release'>;

function verdict(input: BootCheckInput, release: OpenhclRelease): Verdict {
  const { header } = input;
  if (input.kind === 'vtl2-image') {
    if (!header) return { outcome: 'unknown', step: 'read_persisted_region_header', reason: 'the image is too short to hold the 32-byte header' };
    const headerVerdict = checkHeader(header, input.headerGpa);
    if (headerVerdict) return headerVerdict;
  }
  if (input.payloadUnreadable) {
    return { outcome: 'unknown', step: 'mesh_protobuf::decode', reason: 'the header passes, but the image ends before the payload it points to, so what the boot would decode is not in this file' };
  }
  if (input.error || !input.decoded) {
    const detail = input.error ? `${input.error.message}` : 'no payload';
    return { outcome: 'panic', step: 'mesh_protobuf::decode(..).expect("failed to decode protobuf")', reason: `failed to decode protobuf: ${detail}` };
  }
  const image = input.kind === 'vtl2-image';
  const stateVerdict = checkSavedState(input.decoded, image ? header : null, release, image ? null : (input.payloadLength ?? null));
  if (stateVerdict) return stateVerdict;
  return input.kind === 'vtl2-image'
    ? { outcome: 'accepted', step: 'all header and payload checks', reason: 'the next OpenHCL boot would accept this persisted state and rebuild its topology from it (host device-tree cross-checks not simulated)' }
    : { outcome: 'accepted', step: 'all payload checks', reason: 'the payload would be accepted by the next OpenHCL boot; as a raw payload it has no header to check' };
}

function checkHeader(header: PersistedHeader, headerGpa: bigint | null): Verdict | null {
  const step = 'read_persisted_region_header';
  switch (header.magicKind) {
    case 'zero':
      return { outcome: 'first-boot', step, reason: 'the header is all zero (the region was never written): no persisted state, so OpenHCL takes the first-boot path and reads the topology from the host device tree' };
    case 'legacy':
      return { outcome: 'first-boot', step, reason: 'the header magic is the legacy byte order RDHPLCHO, which today\'s OpenHCL does not recognise: it takes the first-boot path' };
    case 'damaged':
      return { outcome: 'first-boot', step, reason: `the header magic is "${header.magicText}", not OHCLPHDR: magic mismatch, so OpenHCL takes the first-boot path (no panic)` };
    case 'valid':
      break;
  }
  const base = header.protobuf_base;
  const len = header.protobuf_region_len;
  const regionStep = 'MemoryRange::new(protobuf_base..protobuf_base + protobuf_region_len)';
  if (base + len >= U64_END) {
    return { outcome: 'panic', step: regionStep, reason: `protobuf_base + protobuf_region_len (${hex(base)} + ${hex(len)}) wraps past 2^64` };
  }
  if (base % BigInt(PAGE_SIZE) !== 0n || len % BigInt(PAGE_SIZE) !== 0n) {
    return { outcome: 'panic', step: regionStep, reason: `the protobuf region ${hex(base)}..${hex(base + len)} is not 4 KiB aligned` };
  }
  if (headerGpa !== null) {
    const regionEnd = headerGpa + BigInt(PERSISTED_REGION_SIZE);
    if (base < headerGpa || base + len > regionEnd) {
      return {
        outcome: 'panic',
        step: 'assert!(params.persisted_state.contains(&protobuf_region))',
        reason: `protobuf region ${hex(base)}..${hex(base + len)} is not contained within the persisted state region ${hex(headerGpa)}..${hex(regionEnd)}`,
      };
    }
  }
  if (header.protobuf_payload_len > len) {
    return {
      outcome: 'panic',
      step: 'assert!(protobuf_payload_len <= protobuf_region_len)',
      reason: `protobuf payload len ${header.protobuf_payload_len} is larger than region len ${len}`,
    };
  }
  return null;
}

/**
 * The payload checks of topology_from_persisted_state on a decoded state
 * (`header`: the image's, when there is one), by `release`'s rules; null when
 * they pass. `payloadLength`: the bytes OpenHCL would write for it when no
 * header says (a raw payload, a device tree's implied state), checked against
 * the protobuf region the state records.
 */
export function checkSavedState(state: SavedState, header: PersistedHeader | null, release: OpenhclRelease = DEFAULT_RELEASE, payloadLength: number | null = null): Verdict | null {
  const memory = state.partition_memory;
  const fit = payloadLength === null ? null : payloadFit(memory, payloadLength);
  if (fit) return fit;
  const vtl2Ram = vtl2RamFromPersisted(memory).length;
  if (vtl2Ram > MAX_VTL2_RAM_RANGES) {
    return { outcome: 'panic', step: 'vtl2_ram.extend(..) into ArrayVec<_, MAX_VTL2_RAM_RANGES>', reason: `${vtl2Ram} VTL2 RAM ranges after merging adjacent ones, more than the ${MAX_VTL2_RAM_RANGES} openhcl_boot can hold` };
  }
  const headerEntry = firstOfType(memory, VTL.VTL2_PERSISTED_STATE_HEADER);
  if (!headerEntry) {
    return { outcome: 'panic', step: '.expect("persisted state header missing")', reason: 'persisted state header missing: no VTL2_PERSISTED_STATE_HEADER memory entry' };
  }
  const protobufEntry = firstOfType(memory, VTL.VTL2_PERSISTED_STATE_PROTOBUF);
  if (!protobufEntry) {
    return { outcome: 'panic', step: '.expect("persisted state protobuf region missing")', reason: 'persisted state protobuf region missing: no VTL2_PERSISTED_STATE_PROTOBUF memory entry' };
  }
  if (header && headerEntry.range.end !== header.protobuf_base) {
    return { outcome: 'panic', step: 'assert_eq!(persisted_header.range.end(), protobuf_region.start())', reason: `the VTL2_PERSISTED_STATE_HEADER entry ends at ${hex(headerEntry.range.end)}, not at protobuf_base ${hex(header.protobuf_base)}` };
  }
  const persisted: MemoryRange = { start: headerEntry.range.start, end: protobufEntry.range.end };
  if (persisted.start > persisted.end || !aligned(persisted.start) || !aligned(persisted.end)) {
    return { outcome: 'panic', step: 'MemoryRange::new(persisted_header.start..persisted_protobuf.end)', reason: `the persisted state region ${hex(persisted.start)}..${hex(persisted.end)} (header entry start to protobuf entry end) is not a valid 4 KiB-aligned range` };
  }
  const pools = poolRanges(memory);
  if (pools.length > 1 && hasRule(release, 'single-gpa-pool')) {
    const rule = ruleById('single-gpa-pool');
    return {
      outcome: 'panic',
      step: `assert!(pool_ranges.next().is_none(), "${rule.upstream}")`,
      reason: `${rule.upstream}: ${pools.length} VTL2_GPA_POOL ranges, ${pools.map(({ index, entry }) => `memory #${index} ${hex(entry.range.start)}..${hex(entry.range.end)}`).join(', ')} (this release predates openvmm #${rule.until!.pr}, ${rule.until!.date}, which allows one per NUMA node)`,
    };
  }
  if (pools.length > MAX_POOL_RANGES && !hasRule(release, 'single-gpa-pool')) {
    const rule = ruleById('single-gpa-pool');
    return {
      outcome: 'panic',
      step: `pool ranges: at most ${MAX_POOL_RANGES}, one per NUMA node (openvmm #${rule.until!.pr}, ${rule.until!.date})`,
      reason: `${pools.length} VTL2_GPA_POOL ranges, more than the ${MAX_POOL_RANGES} (one per NUMA node) openhcl_boot takes since openvmm #${rule.until!.pr}`,
    };
  }
  for (const [vtl, name] of [[VTL.VTL0_MMIO, 'VTL0_MMIO'], [VTL.VTL2_MMIO, 'VTL2_MMIO']] as const) {
    const count = state.partition_mmio.filter((e) => e.vtl_type.value === vtl).length;
    if (count > MAX_MMIO_RANGES_PER_VTL) {
      return { outcome: 'panic', step: 'collect::<ArrayVec<MemoryRange, 2>>()', reason: `${count} ${name} ranges, more than the ${MAX_MMIO_RANGES_PER_VTL} openhcl_boot keeps` };
    }
  }
  return null;
}

/**
 * write_persisted_info writes the encoded state at offset 0 of the
 * VTL2_PERSISTED_STATE_PROTOBUF range (19 pages as openhcl_boot sizes it) and
 * records that range's length as protobuf_region_len: a longer payload fails
 * the write, and a header claiming it fails the boot's
 * `assert!(protobuf_payload_len <= protobuf_region_len)`. No entry: the
 * missing-entry panic below says so.
 */
function payloadFit(memory: readonly MemoryEntry[], payloadLength: number): Verdict | null {
  const region = firstOfType(memory, VTL.VTL2_PERSISTED_STATE_PROTOBUF)?.range;
  if (!region) return null;
  const regionLen = region.end > region.start ? region.end - region.start : 0n;
  if (BigInt(payloadLength) <= regionLen) return null;
  return {
    outcome: 'panic',
    step: 'assert!(protobuf_payload_len <= protobuf_region_len)',
    reason: `protobuf payload len ${payloadLength} is larger than region len ${regionLen} (the VTL2_PERSISTED_STATE_PROTOBUF range ${hex(region.start)}..${hex(region.end)}, which openhcl_boot sizes at 19 pages, ${PROTOBUF_REGION_SIZE} bytes): OpenHCL's write_persisted_info cannot write this state into it`,
  };
}

export interface Vtl2RamRange extends MemoryRange {
  vnode: number;
  igvmType: number;
}

/**
 * VTL2 RAM as openhcl_boot rebuilds it from a persisted state: the entries
 * whose type is both RAM and VTL2, in order, each merged into the one before
 * it when adjacent with the same IGVM type and vnode.
 */
export function vtl2RamFromPersisted(memory: readonly MemoryEntry[]): Vtl2RamRange[] {
  const out: Vtl2RamRange[] = [];
  for (const entry of memory) {
    if (!isRam(entry.vtl_type.value) || !isVtl2(entry.vtl_type.value)) continue;
    const last = out.at(-1);
    if (last && last.end === entry.range.start && last.igvmType === entry.igvm_type.value && last.vnode === entry.vnode) last.end = entry.range.end;
    else out.push({ start: entry.range.start, end: entry.range.end, vnode: entry.vnode, igvmType: entry.igvm_type.value });
  }
  return out;
}

/**
 * The host's VTL2 RAM as openhcl_boot's `parse_host_vtl2_ram` returns it: the
 * host's memory entries of type VTL2_PROTECTABLE, which a device tree's root
 * memory@ nodes hold (the IGVM type is not written there: it is that one).
 */
export function hostVtl2Ram(ranges: readonly { range: MemoryRange; vnode: number }[]): Vtl2RamRange[] {
  return ranges.map((r) => ({ start: r.range.start, end: r.range.end, vnode: r.vnode, igvmType: IGVM.VTL2_PROTECTABLE }));
}

/**
 * `assert_eq!(vtl2_ram, host_vtl2_ram, "vtl2 ram from persisted state does not
 * match host provided ram")` (host allocation mode): whole MemoryEntry values
 * (range, IGVM type, vnode), in order. The index of the first difference (a
 * missing range included), or -1 when they are equal.
 */
export function firstVtl2RamDifference(persisted: readonly Vtl2RamRange[], host: readonly Vtl2RamRange[]): number {
  const length = Math.max(persisted.length, host.length);
  for (let i = 0; i < length; i++) {
    const x = persisted[i];
    const y = host[i];
    if (!x || !y || x.start !== y.start || x.end !== y.end || x.igvmType !== y.igvmType || x.vnode !== y.vnode) return i;
  }
  return -1;
}

/** A VTL2 RAM range as findings name it: `0x…..0x… vnode N VTL2_PROTECTABLE`. */
export function vtl2RamLabel(r: Vtl2RamRange): string {
  return `${hex(r.start)}..${hex(r.end)} vnode ${r.vnode} ${enumLabel(igvmTypeOf(r.igvmType))}`;
}

/** The VTL2_GPA_POOL entries openhcl_boot reuses as the private pool, with their index in `memory`. */
export function poolRanges(memory: readonly MemoryEntry[]): { index: number; entry: MemoryEntry }[] {
  const out: { index: number; entry: MemoryEntry }[] = [];
  memory.forEach((entry, index) => {
    if (entry.vtl_type.value === VTL.VTL2_GPA_POOL) out.push({ index, entry });
  });
  return out;
}

/** `partition_memory.iter().find(..)`: the first entry of the type, empty or not (model/regions.ts's firstMemoryEntryOf on entries). */
function firstOfType(memory: readonly MemoryEntry[], vtlType: number): MemoryEntry | undefined {
  return memory.find((e) => e.vtl_type.value === vtlType);
}

function aligned(value: bigint): boolean {
  return value % BigInt(PAGE_SIZE) === 0n;
}
