// Device trees as openhcl_boot's `write_dt` writes them (node order, property
// order and encodings of the fixtures in ../shared/fixtures/dt; strings block
// before the structure block), for any topology: tests, fuzz seeds, samples.
// `syntheticDeviceTreeTopology` makes a plausible one of N vnodes, M address
// ranges and K CPUs; `expectedUpstreamParse` says what upstream's parser must
// make of it.
import type { EnumValue } from '../model/savedState.ts';
import type { UpstreamParseJson } from '../format/openhclDeviceTreeJson.ts';
import { VTL_TYPE_NAMES, IGVM_TYPE_NAMES } from '../model/enumNames.ts';
import { FdtWriter } from './fdtWriter.ts';

export interface DtTopologyRange {
  start: bigint;
  /** Exclusive. */
  end: bigint;
}

export type DtTopologyMapEntry =
  | { kind: 'memory'; start: bigint; end: bigint; vnode: number; vtlType: number; igvmType: number }
  | { kind: 'mmio'; start: bigint; end: bigint; vtlType: number };

export interface DtTopology {
  arch: 'x86_64' | 'aarch64';
  /** In VP order; `reg` is the APIC id (x64) or MPIDR (aarch64). */
  cpus: { reg: bigint; vnode: number }[];
  /** Root `memory@` nodes (VTL2 RAM), in write order. */
  vtl2Memory: (DtTopologyRange & { vnode: number })[];
  /** `/openhcl/memory@` nodes in write order: RAM in address order, then MMIO. */
  memoryMap: DtTopologyMapEntry[];
  accepted: DtTopologyRange[];
  isolation: string;
  allocation: { mode: 'host' } | { mode: 'vtl2'; memorySize: bigint | null; mmioSize: bigint | null };
  vtl0AliasMap: bigint | null;
  /** The host's RNG seed (`/openhcl/entropy` reg), or none. */
  entropy: Uint8Array | null;
  bootTimes: { start: bigint; end: bigint; sidecarStart: bigint | null; sidecarEnd: bigint | null };
  /** `/bus/sidecar@…` nodes: control page and shared memory, one per node running the sidecar. */
  sidecars: { control: bigint; shmem: DtTopologyRange }[];
  reservations: { address: bigint; size: bigint }[];
}

/** The strings openvmm's builder is given first, in its order (the fixtures' strings blocks start so). */
const PREREGISTERED_STRINGS = [
  '#address-cells', '#size-cells', 'reg', 'reg-names', 'device_type', 'status', 'compatible', 'ranges', 'numa-node-id',
  'reftime_boot_start', 'reftime_boot_end', 'reftime_sidecar_start', 'reftime_sidecar_end', 'microsoft,vtl',
  'microsoft,message-connection-id', 'dma-coherent', 'microsoft,igvm-type', 'openhcl,memory-type', 'interrupt-parent',
  'interrupts', 'enable-method', 'current-speed', 'isolation-type', 'memory-allocation-mode',
];

const hex = (v: bigint) => v.toString(16);

/** The DTB write_dt would write for `t`. */
export function writeOpenhclDeviceTree(t: DtTopology): Uint8Array {
  const w = new FdtWriter({ reservations: t.reservations, bootCpuidPhys: Number(t.cpus[0]?.reg ?? 0n) & 0xffff_ffff });
  for (const s of PREREGISTERED_STRINGS) w.string(s);
  w.beginNode('').u32('#address-cells', 2).u32('#size-cells', 2).str('compatible', 'microsoft,openvmm');
  w.u64('reftime_boot_start', t.bootTimes.start).u64('reftime_boot_end', t.bootTimes.end);
  if (t.bootTimes.sidecarStart !== null) w.u64('reftime_sidecar_start', t.bootTimes.sidecarStart);
  if (t.bootTimes.sidecarEnd !== null) w.u64('reftime_sidecar_end', t.bootTimes.sidecarEnd);
  w.beginNode('hypervisor').str('compatible', 'microsoft,hyperv').endNode();

  const aarch64 = t.arch === 'aarch64';
  w.beginNode('cpus').u32('#address-cells', aarch64 ? 2 : 1).u32('#size-cells', 0);
  t.cpus.forEach((cpu, i) => {
    w.beginNode(`cpu@${i + 1}`).str('device_type', 'cpu').u32('numa-node-id', cpu.vnode);
    if (aarch64) w.u64('reg', cpu.reg).str('compatible', 'arm,arm-v8').str('enable-method', 'psci');
    else w.u32('reg', Number(cpu.reg));
    w.str('status', i === 0 || !aarch64 ? 'okay' : 'disabled').endNode();
  });
  w.endNode();

  for (const m of t.vtl2Memory) {
    w.beginNode(`memory@${hex(m.start)}`).str('device_type', 'memory').u64('reg', m.start, m.end - m.start).u32('numa-node-id', m.vnode).endNode();
  }

  w.beginNode('bus').str('compatible', 'simple-bus').u32('#address-cells', 2).u32('#size-cells', 2).empty('ranges');
  const vtl2Mmio = t.memoryMap.find((e) => e.kind === 'mmio' && e.vtlType === 6);
  w.beginNode('vmbus').u32('#address-cells', 2).u32('#size-cells', 2).empty('dma-coherent').str('compatible', 'microsoft,vmbus').u32('microsoft,vtl', 2).u32('microsoft,message-connection-id', 4);
  if (vtl2Mmio) w.u64('ranges', vtl2Mmio.start, vtl2Mmio.start, vtl2Mmio.end - vtl2Mmio.start);
  w.endNode();
  for (const s of t.sidecars) {
    w.beginNode(`sidecar@${hex(s.control)}`).str('compatible', 'microsoft,openhcl-sidecar').u64('reg', s.control, 0x1000n, s.shmem.start, s.shmem.end - s.shmem.start).str('reg-names', 'ctrl', 'shmem').endNode();
  }
  w.endNode();

  w.beginNode('openhcl').str('isolation-type', t.isolation);
  if (t.allocation.mode === 'host') w.str('memory-allocation-mode', 'host');
  else {
    w.str('memory-allocation-mode', 'vtl2');
    if (t.allocation.memorySize !== null) w.u64('memory-size', t.allocation.memorySize);
    if (t.allocation.mmioSize !== null) w.u64('mmio-size', t.allocation.mmioSize);
  }
  if (t.vtl0AliasMap !== null) w.u64('vtl0-alias-map', t.vtl0AliasMap);
  for (const e of t.memoryMap) {
    w.beginNode(`memory@${hex(e.start)}`).str('device_type', 'memory-openhcl').u64('reg', e.start, e.end - e.start);
    if (e.kind === 'memory') w.u32('numa-node-id', e.vnode).u32('microsoft,igvm-type', e.igvmType);
    w.u32('openhcl,memory-type', e.vtlType).endNode();
  }
  for (const a of t.accepted) w.beginNode(`accepted-memory@${hex(a.start)}`).u64('reg', a.start, a.end - a.start).endNode();
  if (t.entropy) w.beginNode('entropy').prop('reg', t.entropy).endNode();
  w.endNode();
  return w.endNode().finish();
}

export interface SyntheticDeviceTreeOptions {
  vnodes: number;
  /** Entries of the unified memory map (memory and MMIO): at least 3 * vnodes + 8 (each vnode has VTL0 RAM, VTL2 RAM and a pool). */
  ranges: number;
  cpus: number;
  arch?: 'x86_64' | 'aarch64';
  /** Where partition RAM starts (page aligned); set it near 2^53 to test exactness. */
  base?: bigint;
  seed?: number;
}

const PAGE = 0x1000n;
const MIB = 0x10_0000n;

const alignUp = (v: bigint, to: bigint) => ((v + to - 1n) / to) * to;

/**
 * A deterministic, valid topology: VTL0 RAM in pieces over the vnodes (with a
 * low VTL0 MMIO range in a hole), a VTL2 region per vnode (node 0: persisted
 * header and protobuf region, VTL2 RAM, config, log buffer; every node: VTL2 RAM
 * and a GPA pool), VTL0 and VTL2 MMIO above, accepted memory, entropy.
 */
export function syntheticDeviceTreeTopology({ vnodes, ranges, cpus, arch = 'x86_64', base = 0n, seed = 1 }: SyntheticDeviceTreeOptions): DtTopology {
  const vtl2Count = 7 + 2 * (vnodes - 1);
  const vtl0Count = ranges - vtl2Count - 3;
  if (vnodes < 1 || vtl0Count < vnodes) throw new Error(`${ranges} ranges cannot hold ${vnodes} vnodes: at least ${vtl2Count + 3 + vnodes}`);
  let state = seed >>> 0 || 1;
  const random = () => {
    // xorshift32: a repeatable stream, no dependency.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
  const pages = (max: number) => BigInt(1 + Math.floor(random() * max)) * PAGE;

  const memory: Extract<DtTopologyMapEntry, { kind: 'memory' }>[] = [];
  const mmio: Extract<DtTopologyMapEntry, { kind: 'mmio' }>[] = [];
  let cursor = base;
  const holeAt = Math.floor(vtl0Count / 3);
  for (let i = 0; i < vtl0Count; i++) {
    if (i === holeAt) {
      // The low MMIO hole, as below 4 GiB on a real VM.
      cursor = alignUp(cursor, 256n * MIB);
      mmio.push({ kind: 'mmio', start: cursor, end: cursor + 128n * MIB, vtlType: 5 });
      cursor += 256n * MIB;
    } else if (random() < 0.05) cursor += pages(100_000);
    const size = pages(4096);
    const igvmType = random() < 0.9 ? 0 : 1 + Math.floor(random() * 4);
    memory.push({ kind: 'memory', start: cursor, end: cursor + size, vnode: Math.floor((i * vnodes) / vtl0Count), vtlType: 0, igvmType });
    cursor += size;
  }

  const vtl2Memory: DtTopology['vtl2Memory'] = [];
  const reservations: DtTopology['reservations'] = [];
  cursor = alignUp(cursor, 2n * MIB);
  const vtl2 = (vnode: number, vtlType: number, size: bigint) => {
    memory.push({ kind: 'memory', start: cursor, end: cursor + size, vnode, vtlType, igvmType: 3 });
    if (vtlType !== 1) reservations.push({ address: cursor, size });
    cursor += size;
  };
  const accepted: DtTopologyRange[] = [];
  for (let v = 0; v < vnodes; v++) {
    const start = cursor;
    if (v === 0) {
      vtl2(0, 11, PAGE);
      vtl2(0, 12, 0x13000n);
      accepted.push({ start: cursor + 0x1000n, end: cursor + 0x3000n });
      vtl2(0, 1, 2n * MIB - 0x14000n);
      vtl2(0, 2, 0x20000n);
      vtl2(0, 10, 0x2000n);
    }
    vtl2(v, 1, 2n * MIB + pages(256));
    vtl2(v, 8, 2n * MIB);
    vtl2Memory.push({ start, end: cursor, vnode: v });
  }

  const high = alignUp(cursor + 1n, 1n << 30n);
  mmio.push({ kind: 'mmio', start: high, end: high + 512n * MIB, vtlType: 5 }, { kind: 'mmio', start: high + 512n * MIB, end: high + 1024n * MIB, vtlType: 6 });

  const entropy = new Uint8Array(64).map(() => Math.floor(random() * 256));
  return {
    arch,
    cpus: Array.from({ length: cpus }, (_, i) => ({
      reg: arch === 'aarch64' ? BigInt(i % 256) | (BigInt(Math.floor(i / 256)) << 8n) | (i >= 512 ? 1n << 32n : 0n) : BigInt(i),
      vnode: Math.floor((i * vnodes) / cpus),
    })),
    vtl2Memory,
    memoryMap: [...memory, ...mmio],
    accepted,
    isolation: 'none',
    allocation: { mode: 'host' },
    vtl0AliasMap: null,
    entropy,
    bootTimes: { start: 5_000_000_000n, end: 5_020_000_000n, sidecarStart: null, sidecarEnd: null },
    sidecars: [],
    reservations,
  };
}

/** A synthetic tree's bytes: `writeOpenhclDeviceTree(syntheticDeviceTreeTopology(options))`. */
export function syntheticDeviceTree(options: SyntheticDeviceTreeOptions): Uint8Array {
  return writeOpenhclDeviceTree(syntheticDeviceTreeTopology(options));
}

const vtlNames = VTL_TYPE_NAMES;
const igvmNames = IGVM_TYPE_NAMES;
const vtl = (value: number): EnumValue => ({ value, name: vtlNames.get(value) ?? null });
const igvm = (value: number): EnumValue => ({ value: value & 0xffff, name: igvmNames.get(value & 0xffff) ?? null });

/** What upstream's parser makes of a valid topology's tree, in the fixtures' JSON shape (written from the topology, not the parser). */
export function expectedUpstreamParse(t: DtTopology): UpstreamParseJson {
  const byStart = <T extends { start: bigint }>(list: readonly T[]) => [...list].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const r = (x: DtTopologyRange) => ({ start: x.start.toString(), end: x.end.toString() });
  const map = byStart(t.memoryMap);
  const one = (type: number) => map.find((e) => e.vtlType === type) ?? { start: 0n, end: 0n };
  return {
    cpus: t.cpus.map((c) => ({ reg: c.reg.toString(), vnode: c.vnode })),
    vtl2_memory: byStart(t.vtl2Memory).map((m) => ({ ...r(m), vnode: m.vnode })),
    partition_memory_map: map.map((e) => (e.kind === 'memory' ? { kind: 'memory', ...r(e), vnode: e.vnode, vtl_type: vtl(e.vtlType), igvm_type: igvm(e.igvmType) } : { kind: 'mmio', ...r(e), vtl_type: vtl(e.vtlType) })),
    vtl0_mmio: map.filter((e) => e.kind === 'mmio' && e.vtlType === 5).map(r),
    config_ranges: map.filter((e) => e.vtlType === 2).map(r),
    vtl2_reserved_range: r(one(7)),
    vtl2_persisted_header: r(one(11)),
    vtl2_persisted_protobuf_region: r(one(12)),
    accepted_ranges: byStart(t.accepted).map(r),
    memory_allocation_mode:
      t.allocation.mode === 'host'
        ? { mode: 'host', memory_size: null, mmio_size: null }
        : { mode: 'vtl2', memory_size: t.allocation.memorySize?.toString() ?? null, mmio_size: t.allocation.mmioSize?.toString() ?? null },
    isolation: t.isolation,
    private_pool_ranges: map.filter((e) => e.kind === 'memory' && e.vtlType === 8).map((e) => ({ ...r(e), vnode: (e as { vnode: number }).vnode })),
    vtl0_alias_map: t.vtl0AliasMap?.toString() ?? null,
    gic: null,
  };
}
