// The parse as JSON in the golden fixtures' shape (`upstream_parse.parsed`,
// `upstream_boot_times` of ../shared/fixtures/dt): u64 as decimal strings,
// enums as `{ value, name }`, no source offsets. The seed's bytes are never
// part of an OpenhclDeviceTree, so none of this can carry them.
import type { EnumValue } from '../model/savedState.ts';
import type { DtAddressRange, DtBootTimes, DtRange, OpenhclDeviceTree } from './openhclDeviceTree.ts';

export interface DtRangeJson {
  start: string;
  end: string;
}

export interface DtNodeRangeJson extends DtRangeJson {
  vnode: number;
}

export type DtAddressRangeJson =
  | { kind: 'memory'; start: string; end: string; vnode: number; vtl_type: EnumValue; igvm_type: EnumValue }
  | { kind: 'mmio'; start: string; end: string; vtl_type: EnumValue };

/** `upstream_parse.parsed` of a fixture. */
export interface UpstreamParseJson {
  cpus: { reg: string; vnode: number }[];
  vtl2_memory: DtNodeRangeJson[];
  partition_memory_map: DtAddressRangeJson[];
  vtl0_mmio: DtRangeJson[];
  config_ranges: DtRangeJson[];
  vtl2_reserved_range: DtRangeJson;
  vtl2_persisted_header: DtRangeJson;
  vtl2_persisted_protobuf_region: DtRangeJson;
  accepted_ranges: DtRangeJson[];
  memory_allocation_mode: { mode: 'host' | 'vtl2'; memory_size: string | null; mmio_size: string | null };
  isolation: string;
  private_pool_ranges: DtNodeRangeJson[];
  vtl0_alias_map: string | null;
  gic: null | {
    gic_distributor_base: string;
    gic_version: string | null;
    gic_redistributors_base: string;
    gic_msi: string;
    pmu_gsiv: number | null;
    virt_timer_ppi: number;
    gic_nr_irqs: number;
  };
}

/** `upstream_boot_times` of a fixture (an error is `{ ok: false, error }`). */
export type UpstreamBootTimesJson =
  | { ok: true; start: string | null; end: string | null; sidecar_start: string | null; sidecar_end: string | null }
  | { ok: false; error: string };

const range = (r: DtRange): DtRangeJson => ({ start: r.start.toString(), end: r.end.toString() });
const optional = (v: bigint | null): string | null => (v === null ? null : v.toString());

function addressRange(e: DtAddressRange): DtAddressRangeJson {
  return e.kind === 'memory'
    ? { kind: 'memory', ...range(e.range), vnode: e.vnode, vtl_type: { ...e.vtl_type }, igvm_type: { ...e.igvm_type } }
    : { kind: 'mmio', ...range(e.range), vtl_type: { ...e.vtl_type } };
}

/** The parse in the shape of a fixture's `upstream_parse.parsed`. */
export function deviceTreeToUpstreamJson(dt: OpenhclDeviceTree): UpstreamParseJson {
  const mode = dt.memory_allocation_mode;
  return {
    cpus: dt.cpus.map((c) => ({ reg: c.reg.toString(), vnode: c.vnode })),
    vtl2_memory: dt.vtl2_memory.map((m) => ({ ...range(m.range), vnode: m.vnode })),
    partition_memory_map: dt.partition_memory_map.map(addressRange),
    vtl0_mmio: dt.vtl0_mmio.map(range),
    config_ranges: dt.config_ranges.map(range),
    vtl2_reserved_range: range(dt.vtl2_reserved_range),
    vtl2_persisted_header: range(dt.vtl2_persisted_header),
    vtl2_persisted_protobuf_region: range(dt.vtl2_persisted_protobuf_region),
    accepted_ranges: dt.accepted_ranges.map((a) => range(a.range)),
    memory_allocation_mode:
      mode.mode === 'host' ? { mode: 'host', memory_size: null, mmio_size: null } : { mode: 'vtl2', memory_size: optional(mode.memory_size), mmio_size: optional(mode.mmio_size) },
    isolation: dt.isolation,
    private_pool_ranges: dt.private_pool_ranges.map((p) => ({ ...range(p.range), vnode: p.vnode })),
    vtl0_alias_map: optional(dt.vtl0_alias_map),
    gic: dt.gic && {
      gic_distributor_base: dt.gic.gic_distributor_base.toString(),
      gic_version: dt.gic.gic_version,
      gic_redistributors_base: dt.gic.gic_redistributors_base.toString(),
      gic_msi: dt.gic.gic_msi,
      pmu_gsiv: dt.gic.pmu_gsiv,
      virt_timer_ppi: dt.gic.virt_timer_ppi,
      gic_nr_irqs: dt.gic.gic_nr_irqs,
    },
  };
}

/** The boot times in the shape of a fixture's `upstream_boot_times`. */
export function bootTimesToUpstreamJson(times: DtBootTimes): UpstreamBootTimesJson {
  if (!times.ok) return { ok: false, error: times.message };
  return { ok: true, start: optional(times.start), end: optional(times.end), sidecar_start: optional(times.sidecar_start), sidecar_end: optional(times.sidecar_end) };
}
