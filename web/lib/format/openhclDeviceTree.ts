// What OpenHCL's usermode makes of the device tree openhcl_boot wrote
// (`/sys/firmware/fdt`): upstream's `bootloader_fdt_parser`
// (`ParsedBootDtInfo::new_from_raw`, FORMAT.md §5), step by step and in the
// same order, so the first fault found is the one upstream reports. Where
// upstream fails, this throws DtSemanticsError naming the node path, the
// property and its byte offset.
//
// Upstream rules kept exactly:
// - a property is looked up by scanning the node's properties in order; one
//   whose name does not resolve ends the scan as "absent" (try_find_property);
// - u32/u64 cells must fill the value exactly (read_u32/read_u64/as_64_list);
// - ranges are base + length, 4 KiB aligned (MemoryRange::try_new);
// - `/openhcl` children by name prefix; `ram()` types (0–4, 7–12) are memory,
//   every other number is MMIO and must be VTL0_MMIO or VTL2_MMIO;
// - the map and accepted ranges are stably sorted by start.
// Beyond ParsedBootDtInfo this also reads the boot times (upstream's
// BootTimes, which fails on its own), the sidecar nodes under /bus, where the
// entropy seed lies (never its bytes) and what write_dt would not write.
import type { EnumValue } from '../model/savedState.ts';
import { igvmTypeOf, vtlTypeOf } from '../model/enumNames.ts';
import { short } from '../model/text.ts';
import { isMmio, isRam, VTL } from '../model/vtlTypes.ts';
import { entropyNodes } from './deviceTreeEntropy.ts';
import { unknownDeviceTreeItems, type DtUnknownItem } from './deviceTreeVocabulary.ts';
import { DecodeError } from './errors.ts';
import { shownNodeName, type Fdt, type FdtNode, type FdtProperty } from './fdt.ts';
import { propString, propStringList, propU32, propU64, propU64List } from './fdtValues.ts';

/** A failure of the parse: the node (path and BEGIN_NODE offset, or the property's PROP offset) and property at fault. */
export class DtSemanticsError extends DecodeError {
  constructor(
    /** Path of the node at fault, e.g. `/openhcl/memory@480000000`. */
    readonly path: string,
    /** The property at fault, or null when the node itself (or a set of nodes) is. */
    readonly property: string | null,
    expected: string,
    offset: number,
    message: string,
  ) {
    super('dt-semantics', expected, offset, message, path);
  }
}

/** Where a value was read: the node's path and the byte offset of its BEGIN_NODE token. */
export interface DtSource {
  path: string;
  offset: number;
}

export interface DtRange {
  start: bigint;
  /** Exclusive. */
  end: bigint;
}

export interface DtCpu {
  /** APIC id (x64) or MPIDR (aarch64). The CPU's index in `cpus` is its VP index. */
  reg: bigint;
  vnode: number;
  source: DtSource;
}

export interface DtNodeRange {
  range: DtRange;
  vnode: number;
  source: DtSource;
}

export interface DtMemoryRange {
  kind: 'memory';
  range: DtRange;
  vnode: number;
  vtl_type: EnumValue;
  /** `microsoft,igvm-type`, low 16 bits kept. */
  igvm_type: EnumValue;
  source: DtSource;
}

export interface DtMmioRange {
  kind: 'mmio';
  range: DtRange;
  /** VTL0_MMIO or VTL2_MMIO. */
  vtl_type: EnumValue;
  source: DtSource;
}

export type DtAddressRange = DtMemoryRange | DtMmioRange;

export type DtMemoryAllocationMode = { mode: 'host' } | { mode: 'vtl2'; memory_size: bigint | null; mmio_size: bigint | null };

export type DtIsolation = 'none' | 'vbs' | 'snp' | 'tdx';

/** aarch64 interrupt setup (root `intc@…`, `pmu`, `timer`). */
export interface DtGic {
  gic_distributor_base: bigint;
  /** From `compatible`: `arm,gic-v3` → v3, `arm,gic-400` / `arm,cortex-a15-gic` → v2; null for anything else. */
  gic_version: 'v2' | 'v3' | null;
  gic_redistributors_base: bigint;
  /** From the controller's children: a `arm,gic-v2m-frame` → v2m, a `arm,gic-v3-its` → its. */
  gic_msi: 'none' | 'v2m' | 'its';
  /** The PMU's interrupt as a GIC INTID (16 + PPI), null without a `pmu` node. */
  pmu_gsiv: number | null;
  /** The virtual timer's INTID from `/timer`, or openvmm's default 20. */
  virt_timer_ppi: number;
  /** Total GIC interrupts: the tree carries no count, so openvmm's default 992. */
  gic_nr_irqs: number;
  source: DtSource;
}

/** Upstream's BootTimes (root `reftime_*`, u64), read apart: a bad one fails only these. */
export type DtBootTimes =
  | { ok: true; start: bigint | null; end: bigint | null; sidecar_start: bigint | null; sidecar_end: bigint | null }
  | { ok: false; message: string; path: string; property: string; offset: number };

/** A `/bus/sidecar@…` node: the sidecar kernel's control page and shared memory for one NUMA node. */
export interface DtSidecar {
  source: DtSource;
  control: DtRange | null;
  shared_memory: DtRange | null;
  /** Why the ranges are null (upstream does not read these nodes, so a bad one is no error). */
  problem: string | null;
}

/** The host's RNG seed: a secret, so only its node and length are kept (redactDeviceTreeEntropy finds the bytes by the entropy nodes). */
export interface DtEntropy {
  source: DtSource;
  /** Bytes in `reg`: the seed's length. */
  length: number;
}

export interface OpenhclDeviceTree {
  // ParsedBootDtInfo, field for field.
  cpus: DtCpu[];
  /** Root `memory@` nodes: the VTL2 RAM the kernel was given, sorted by start. */
  vtl2_memory: DtNodeRange[];
  /** `/openhcl/memory@` nodes: the partition's unified memory map, stably sorted by start. */
  partition_memory_map: DtAddressRange[];
  vtl0_mmio: DtRange[];
  config_ranges: DtRange[];
  /** The VTL2_RESERVED range; 0..0 when there is none. */
  vtl2_reserved_range: DtRange;
  /** 0..0 only when there is no /openhcl node. */
  vtl2_persisted_header: DtRange;
  vtl2_persisted_protobuf_region: DtRange;
  accepted_ranges: { range: DtRange; source: DtSource }[];
  memory_allocation_mode: DtMemoryAllocationMode;
  isolation: DtIsolation;
  private_pool_ranges: DtNodeRange[];
  vtl0_alias_map: bigint | null;
  gic: DtGic | null;
  // Beyond it.
  boot_times: DtBootTimes;
  sidecars: DtSidecar[];
  entropy: DtEntropy | null;
  /** Nodes and properties write_dt does not write, by offset: the first MAX_KEPT_UNKNOWN_ITEMS. */
  unknown: DtUnknownItem[];
  /** Unknown items past those, counted only. */
  unknown_omitted: number;
}

const PAGE_SIZE = 0x1000n;
const U64_MAX = (1n << 64n) - 1n;
const EMPTY_RANGE: DtRange = { start: 0n, end: 0n };

/** openvmm's defaults for what an aarch64 tree does not state. */
const DEFAULT_VIRT_TIMER_PPI = 20;
const DEFAULT_GIC_NR_IRQS = 992;
const GIC_PPI = 1;
const PPI_BASE = 16;

/** What bootloader_fdt_parser makes of a readable tree. Throws DtSemanticsError where it fails. */
export function parseOpenhclDeviceTree(fdt: Fdt): OpenhclDeviceTree {
  let cpus: DtCpu[] = [];
  const vtl2Memory: DtNodeRange[] = [];
  let gicBase: { node: FdtNode; distributor: bigint; redistributors: bigint } | null = null;
  let pmuGsiv: number | null = null;
  let openhcl: OpenhclInfo | null = null;
  for (const child of fdt.root.children) {
    // The order of upstream's `match child.name`.
    if (child.name === 'cpus') cpus = parseCpus(child);
    else if (child.name === 'openhcl') openhcl = parseOpenhcl(child);
    else if (child.name.startsWith('memory@')) vtl2Memory.push(parseMemory(child));
    else if (child.name.startsWith('intc@')) gicBase = parseGic(child);
    else if (child.name.startsWith('pmu')) pmuGsiv = parsePmu(child);
  }
  vtl2Memory.sort((a, b) => compare(a.range.start, b.range.start));
  const info = openhcl ?? EMPTY_OPENHCL;
  const unknown = unknownDeviceTreeItems(fdt.root);
  return {
    cpus,
    vtl2_memory: vtl2Memory,
    ...info,
    gic: gicBase && gicOf(fdt.root, gicBase, pmuGsiv),
    boot_times: deviceTreeBootTimes(fdt),
    sidecars: sidecars(fdt.root),
    entropy: entropy(fdt.root),
    unknown: unknown.items,
    unknown_omitted: unknown.omitted,
  };
}

type OpenhclInfo = Pick<
  OpenhclDeviceTree,
  | 'partition_memory_map'
  | 'vtl0_mmio'
  | 'config_ranges'
  | 'vtl2_reserved_range'
  | 'vtl2_persisted_header'
  | 'vtl2_persisted_protobuf_region'
  | 'accepted_ranges'
  | 'memory_allocation_mode'
  | 'isolation'
  | 'private_pool_ranges'
  | 'vtl0_alias_map'
>;

/** Upstream's defaults when the tree has no /openhcl node (no error). */
const EMPTY_OPENHCL: OpenhclInfo = {
  partition_memory_map: [],
  vtl0_mmio: [],
  config_ranges: [],
  vtl2_reserved_range: EMPTY_RANGE,
  vtl2_persisted_header: EMPTY_RANGE,
  vtl2_persisted_protobuf_region: EMPTY_RANGE,
  accepted_ranges: [],
  memory_allocation_mode: { mode: 'host' },
  isolation: 'none',
  private_pool_ranges: [],
  vtl0_alias_map: null,
};

function compare(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function source(node: FdtNode): DtSource {
  return { path: node.path, offset: node.offset };
}

/** `try_find_property`: the first property of that name, scanning in order; a name that does not resolve ends the scan. */
function findProperty(node: FdtNode, name: string): FdtProperty | null {
  for (const p of node.properties) {
    if (p.name === null) return null;
    if (p.name === name) return p;
  }
  return null;
}

function fault(node: FdtNode, property: string | null, offset: number, expected: string, what: string): never {
  throw new DtSemanticsError(node.path, property, expected, offset, `${node.path}: ${what}`);
}

/** The property, or a fault naming it as missing (a property whose name fails to resolve reads as missing, as upstream). */
function required(node: FdtNode, name: string, kind: string): FdtProperty {
  return findProperty(node, name) ?? fault(node, name, node.offset, `a ${name} property (${kind}) on ${node.path}`, `missing ${name}`);
}

function u32Of(node: FdtNode, prop: FdtProperty, index = 0): number {
  const value = propU32(prop, index);
  if (value === null) fault(node, prop.name, prop.offset, `${prop.name} as u32 cells (at least ${index + 1})`, `${prop.name} is not ${index === 0 ? 'a u32' : `${index + 1} u32 cells`} (${prop.value.length} bytes)`);
  return value;
}

function u64Of(node: FdtNode, prop: FdtProperty): bigint {
  const value = propU64(prop, 0);
  if (value === null) fault(node, prop.name, prop.offset, `${prop.name} as a u64`, `${prop.name} is not a u64 (${prop.value.length} bytes)`);
  return value;
}

function stringOf(node: FdtNode, prop: FdtProperty): string {
  const value = propString(prop);
  if (value === null) fault(node, prop.name, prop.offset, `${prop.name} as a NUL-terminated UTF-8 string`, `${prop.name} is not a string`);
  return value;
}

/** `property_to_u64_vec` + the length check every caller makes: `reg` as exactly `count` u64s. */
function regOf(node: FdtNode, count: number, what: string): { reg: FdtProperty; cells: bigint[] } {
  const reg = required(node, 'reg', `${count} u64s`);
  const cells = propU64List(reg);
  if (cells === null) fault(node, 'reg', reg.offset, 'reg as a list of u64s', `reg is not a list of u64s (${reg.value.length} bytes)`);
  if (cells.length !== count) fault(node, 'reg', reg.offset, `reg of exactly ${count} u64s`, `${what} ${shownNodeName(node.name)} does not have ${count} u64s (reg has ${cells.length})`);
  return { reg, cells };
}

/** `MemoryRange::try_new(base..base + len)` of a 2-u64 `reg`: 4 KiB aligned; an end past 2^64 is refused too (upstream would overflow). */
function rangeOf(node: FdtNode, { reg, cells }: { reg: FdtProperty; cells: bigint[] }, what: string): DtRange {
  const [base, len] = cells as [bigint, bigint];
  const end = base + len;
  const at = reg.offset;
  if (end > U64_MAX) fault(node, 'reg', at, 'a range ending at most at 2^64', `${what}: base 0x${base.toString(16)} + length 0x${len.toString(16)} is past 2^64`);
  if (base % PAGE_SIZE !== 0n || end % PAGE_SIZE !== 0n) {
    fault(node, 'reg', at, 'a 4 KiB aligned range', `${what}: 0x${base.toString(16)}..0x${end.toString(16)} is not 4 KiB aligned`);
  }
  return { start: base, end };
}

function parseCpus(node: FdtNode): DtCpu[] {
  const cellsProp = required(node, '#address-cells', 'a u32');
  const cells = u32Of(node, cellsProp);
  if (cells > 2) fault(node, '#address-cells', cellsProp.offset, '#address-cells of at most 2', `#address-cells ${cells} > 2 unexpected`);
  return node.children.map((cpu) => {
    const regProp = required(cpu, 'reg', cells === 2 ? 'a u64' : 'a u32');
    // Upstream's `match address_cells { 1, 2, _ => unreachable!() }`: 0 panics.
    if (cells === 0) fault(node, '#address-cells', cellsProp.offset, '#address-cells 1 or 2 when there are CPUs', '#address-cells 0: upstream reaches unreachable!() (a panic) at the first CPU');
    const reg = cells === 1 ? BigInt(u32Of(cpu, regProp)) : u64Of(cpu, regProp);
    const vnode = u32Of(cpu, required(cpu, 'numa-node-id', 'a u32'));
    return { reg, vnode, source: source(cpu) };
  });
}

/** `parse_memory`: a root `memory@` node, or a RAM node of /openhcl. */
function parseMemory(node: FdtNode): DtNodeRange {
  const reg = regOf(node, 2, 'memory node');
  // Upstream reads numa-node-id before it checks the range.
  const vnode = u32Of(node, required(node, 'numa-node-id', 'a u32'));
  return { range: rangeOf(node, reg, 'invalid memory range'), vnode, source: source(node) };
}

function parseMemoryOpenhcl(node: FdtNode): DtAddressRange {
  const typeProp = required(node, 'openhcl,memory-type', 'a u32');
  const type = u32Of(node, typeProp);
  // `ram()` knows the known RAM types only: an unknown number is read as MMIO and refused (fixture bad_dt12).
  if (isRam(type)) {
    const { range, vnode } = parseMemory(node);
    const igvm = u32Of(node, required(node, 'microsoft,igvm-type', 'a u32')) & 0xffff;
    return { kind: 'memory', range, vnode, vtl_type: vtlTypeOf(type), igvm_type: igvmTypeOf(igvm), source: source(node) };
  }
  const range = rangeOf(node, regOf(node, 2, 'mmio node'), 'invalid mmio range');
  if (!isMmio(type)) {
    fault(node, 'openhcl,memory-type', typeProp.offset, 'a RAM type, VTL0_MMIO (5) or VTL2_MMIO (6)', `invalid vtl_usage ${type} type for mmio node ${shownNodeName(node.name)}`);
  }
  return { kind: 'mmio', range, vtl_type: vtlTypeOf(type), source: source(node) };
}

function parseAccepted(node: FdtNode): { range: DtRange; source: DtSource } {
  return { range: rangeOf(node, regOf(node, 2, 'accepted memory node'), 'invalid preaccepted memory'), source: source(node) };
}

/** The first 3 ranges' node paths and how many more: a message does not grow with the tree. */
function namedPaths(ranges: readonly DtAddressRange[]): string {
  const first = ranges.slice(0, 3).map((e) => e.source.path).join(', ');
  return ranges.length > 3 ? `${first} and ${ranges.length - 3} more` : first;
}

const ISOLATION_TYPES: readonly DtIsolation[] = ['none', 'vbs', 'snp', 'tdx'];

function parseOpenhcl(node: FdtNode): OpenhclInfo {
  const memory: DtAddressRange[] = [];
  const accepted: { range: DtRange; source: DtSource }[] = [];
  for (const child of node.children) {
    if (child.name.startsWith('memory@')) memory.push(parseMemoryOpenhcl(child));
    else if (child.name.startsWith('accepted-memory@')) accepted.push(parseAccepted(child));
  }

  const isolationProp = required(node, 'isolation-type', 'a string');
  const isolationText = stringOf(node, isolationProp);
  const isolation = ISOLATION_TYPES.find((t) => t === isolationText);
  if (!isolation) fault(node, 'isolation-type', isolationProp.offset, 'isolation-type none, vbs, snp or tdx', `invalid isolation-type ${short(isolationText)}`);

  const modeProp = required(node, 'memory-allocation-mode', 'a string');
  const modeText = stringOf(node, modeProp);
  let mode: DtMemoryAllocationMode;
  if (modeText === 'host') mode = { mode: 'host' };
  else if (modeText === 'vtl2') {
    const optionalU64 = (name: string) => {
      const p = findProperty(node, name);
      return p && u64Of(node, p);
    };
    mode = { mode: 'vtl2', memory_size: optionalU64('memory-size'), mmio_size: optionalU64('mmio-size') };
  } else fault(node, 'memory-allocation-mode', modeProp.offset, 'memory-allocation-mode host or vtl2', `invalid memory-allocation-mode ${short(modeText)}`);

  // Array.prototype.sort is stable, as Rust's sort_by_key.
  memory.sort((a, b) => compare(a.range.start, b.range.start));
  accepted.sort((a, b) => compare(a.range.start, b.range.start));

  const ofType = (value: number) => memory.filter((e) => e.vtl_type.value === value);
  const atMostOne = (value: number, what: string): DtAddressRange | null => {
    const found = ofType(value);
    const second = found[1];
    if (second) fault(node, null, second.source.offset, `at most one ${what} range`, `multiple ${what} ranges found (${namedPaths(found)})`);
    return found[0] ?? null;
  };
  const exactlyOne = (value: number, what: string): DtRange => {
    const found = atMostOne(value, what);
    if (!found) fault(node, null, node.offset, `a memory@ node of type ${vtlTypeOf(value).name} (${value})`, `no ${what} range found`);
    return found.range;
  };
  const reserved = atMostOne(VTL.VTL2_RESERVED, 'VTL2 reserved (VTL2_RESERVED)');
  const header = exactlyOne(VTL.VTL2_PERSISTED_STATE_HEADER, 'VTL2 persisted header (VTL2_PERSISTED_STATE_HEADER)');
  const protobuf = exactlyOne(VTL.VTL2_PERSISTED_STATE_PROTOBUF, 'VTL2 persisted protobuf region (VTL2_PERSISTED_STATE_PROTOBUF)');
  const aliasProp = findProperty(node, 'vtl0-alias-map');

  return {
    partition_memory_map: memory,
    vtl0_mmio: memory.filter((e) => e.kind === 'mmio' && e.vtl_type.value === VTL.VTL0_MMIO).map((e) => e.range),
    config_ranges: ofType(VTL.VTL2_CONFIG).map((e) => e.range),
    vtl2_reserved_range: reserved?.range ?? EMPTY_RANGE,
    vtl2_persisted_header: header,
    vtl2_persisted_protobuf_region: protobuf,
    accepted_ranges: accepted,
    memory_allocation_mode: mode,
    isolation,
    private_pool_ranges: memory.filter((e): e is DtMemoryRange => e.kind === 'memory' && e.vtl_type.value === VTL.VTL2_GPA_POOL).map((e) => ({ range: e.range, vnode: e.vnode, source: e.source })),
    vtl0_alias_map: aliasProp && u64Of(node, aliasProp),
  };
}

function parseGic(node: FdtNode): { node: FdtNode; distributor: bigint; redistributors: bigint } {
  const { cells } = regOf(node, 4, 'gic node');
  return { node, distributor: cells[0]!, redistributors: cells[2]! };
}

/** Upstream's `parse_pmu`: `interrupts` = <GIC_PPI, index < 16, flags> → INTID 16 + index. */
function parsePmu(node: FdtNode): number {
  const interrupts = required(node, 'interrupts', 'u32 cells');
  const type = u32Of(node, interrupts, 0);
  const index = u32Of(node, interrupts, 1);
  if (type !== GIC_PPI) fault(node, 'interrupts', interrupts.offset, 'a PPI interrupt (type 1)', `pmu node has unexpected interrupt type ${type}`);
  if (index >= 16) fault(node, 'interrupts', interrupts.offset, 'a PPI index below 16', `pmu node has unexpected interrupt index ${index}`);
  return PPI_BASE + index;
}

// The GIC version, MSI controller and virtual timer are not in the upstream
// revisions at hand; what follows is read off openvmm's aarch64 writer (one
// fixture, dt04) and never fails: a tree it cannot place gets the defaults.
function gicOf(root: FdtNode, base: { node: FdtNode; distributor: bigint; redistributors: bigint }, pmuGsiv: number | null): DtGic {
  const compatible = compatibleOf(base.node);
  const version = compatible.includes('arm,gic-v3') ? 'v3' : compatible.some((c) => c === 'arm,gic-400' || c === 'arm,cortex-a15-gic') ? 'v2' : null;
  const childCompatible = base.node.children.flatMap(compatibleOf);
  const msi = childCompatible.includes('arm,gic-v3-its') ? 'its' : childCompatible.includes('arm,gic-v2m-frame') ? 'v2m' : 'none';
  return {
    gic_distributor_base: base.distributor,
    gic_version: version,
    gic_redistributors_base: base.redistributors,
    gic_msi: msi,
    pmu_gsiv: pmuGsiv,
    virt_timer_ppi: virtTimerPpi(root) ?? DEFAULT_VIRT_TIMER_PPI,
    gic_nr_irqs: DEFAULT_GIC_NR_IRQS,
    source: source(base.node),
  };
}

function compatibleOf(node: FdtNode): string[] {
  const p = findProperty(node, 'compatible');
  return (p && propStringList(p)) ?? [];
}

/** `/timer`'s virtual timer PPI: the `virt` entry of `interrupt-names`, else the binding's third entry (or the only one). */
function virtTimerPpi(root: FdtNode): number | null {
  const timer = root.children.find((c) => c.name === 'timer');
  const interrupts = timer && findProperty(timer, 'interrupts');
  if (!timer || !interrupts) return null;
  const namesProp = findProperty(timer, 'interrupt-names');
  const names = namesProp && propStringList(namesProp);
  const entries = interrupts.value.length / 12;
  const index = names ? names.indexOf('virt') : entries >= 3 ? 2 : 0;
  if (index < 0) return null;
  const type = propU32(interrupts, index * 3);
  const ppi = propU32(interrupts, index * 3 + 1);
  return type === GIC_PPI && ppi !== null && ppi < 16 ? PPI_BASE + ppi : null;
}

/** Upstream's `BootTimes::new_from_raw`: apart from the topology, so a tree whose topology fails still has them. */
export function deviceTreeBootTimes(fdt: Fdt): DtBootTimes {
  const root = fdt.root;
  const read = (name: string): bigint | null => {
    const p = findProperty(root, name);
    return p && u64Of(root, p);
  };
  try {
    return { ok: true, start: read('reftime_boot_start'), end: read('reftime_boot_end'), sidecar_start: read('reftime_sidecar_start'), sidecar_end: read('reftime_sidecar_end') };
  } catch (err) {
    if (!(err instanceof DtSemanticsError)) throw err;
    return { ok: false, message: err.message, path: err.path, property: err.property ?? '', offset: err.offset };
  }
}

function sidecars(root: FdtNode): DtSidecar[] {
  const bus = root.children.find((c) => c.name === 'bus');
  return (bus?.children ?? [])
    .filter((c) => c.name.startsWith('sidecar@'))
    .map((node) => {
      const reg = findProperty(node, 'reg');
      const list = reg && propU64List(reg);
      const problem = !reg ? 'no reg property' : !list || list.length !== 4 ? `reg is not 4 u64s (${reg.value.length} bytes)` : list[0]! + list[1]! > U64_MAX || list[2]! + list[3]! > U64_MAX ? 'a range in reg ends past 2^64' : null;
      if (problem !== null || !list) return { source: source(node), control: null, shared_memory: null, problem };
      const [control, controlLen, shared, sharedLen] = list as [bigint, bigint, bigint, bigint];
      return { source: source(node), control: { start: control, end: control + controlLen }, shared_memory: { start: shared, end: shared + sharedLen }, problem: null };
    });
}

function entropy(root: FdtNode): DtEntropy | null {
  const first = entropyNodes(root)[0];
  if (!first) return null;
  const reg = first.properties.find((p) => p.name === 'reg');
  return { source: source(first), length: reg?.value.length ?? 0 };
}
