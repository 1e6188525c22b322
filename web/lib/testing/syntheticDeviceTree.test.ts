import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { savedStateFromDeviceTree } from '../analysis/savedStateFromDeviceTree.ts';
import { entropyNodes } from '../format/deviceTreeEntropy.ts';
import { readFdt, type Fdt } from '../format/fdt.ts';
import type { OpenhclDeviceTree } from '../format/openhclDeviceTree.ts';
import { deviceTreeToUpstreamJson } from '../format/openhclDeviceTreeJson.ts';
import { dtcOutline, fdtdumpHeader, HAS_DTC, outlineOf } from './dtcOutline.ts';
import { loadDtFixtures, readOpenhclDeviceTree } from './dtFixtures.ts';
import { expectedUpstreamParse, syntheticDeviceTree, syntheticDeviceTreeTopology, writeOpenhclDeviceTree, type DtTopology } from './syntheticDeviceTree.ts';

/** The topology of a tree openhcl_boot wrote, read back (the map in the order the nodes were written). */
function topologyOf(fdt: Fdt, dt: OpenhclDeviceTree): DtTopology {
  const written = new Map(fdt.root.children.find((c) => c.name === 'openhcl')!.children.map((c, i) => [c.offset, i]));
  const map = [...dt.partition_memory_map].sort((a, b) => written.get(a.source.offset)! - written.get(b.source.offset)!);
  const times = dt.boot_times.ok ? dt.boot_times : null;
  return {
    arch: 'x86_64',
    cpus: dt.cpus.map((c) => ({ reg: c.reg, vnode: c.vnode })),
    vtl2Memory: dt.vtl2_memory.map((m) => ({ ...m.range, vnode: m.vnode })),
    memoryMap: map.map((e) => (e.kind === 'memory' ? { kind: 'memory', ...e.range, vnode: e.vnode, vtlType: e.vtl_type.value, igvmType: e.igvm_type.value } : { kind: 'mmio', ...e.range, vtlType: e.vtl_type.value })),
    accepted: dt.accepted_ranges.map((a) => a.range),
    isolation: dt.isolation,
    allocation: dt.memory_allocation_mode.mode === 'host' ? { mode: 'host' } : { mode: 'vtl2', memorySize: dt.memory_allocation_mode.memory_size, mmioSize: dt.memory_allocation_mode.mmio_size },
    vtl0AliasMap: dt.vtl0_alias_map,
    entropy: entropyNodes(fdt.root)[0]?.properties[0]?.value.slice() ?? null,
    bootTimes: { start: times!.start!, end: times!.end!, sidecarStart: times!.sidecar_start, sidecarEnd: times!.sidecar_end },
    sidecars: dt.sidecars.map((s) => ({ control: s.control!.start, shmem: s.shared_memory! })),
    reservations: fdt.reservations.map((r) => ({ address: r.address, size: r.size })),
  };
}

describe('writeOpenhclDeviceTree', () => {
  for (const fixture of loadDtFixtures().filter((f) => ['dt01_x64_2node_host', 'dt02_snp_vtl2_alloc', 'dt07_x64_sidecar'].includes(f.name))) {
    it(`writes ${fixture.name} byte for byte from its topology (write_dt's node order, encodings and layout)`, () => {
      const fdt = readFdt(fixture.bytes);
      expect(writeOpenhclDeviceTree(topologyOf(fdt, readOpenhclDeviceTree(fixture.bytes)))).toEqual(fixture.bytes);
    });
  }
});

describe('syntheticDeviceTreeTopology', () => {
  it('write → read → parse gives back the generated topology (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          vnodes: fc.integer({ min: 1, max: 8 }),
          extra: fc.integer({ min: 0, max: 60 }),
          cpus: fc.integer({ min: 0, max: 70 }),
          arch: fc.constantFrom('x86_64' as const, 'aarch64' as const),
          base: fc.constantFrom(0n, 0x1_0000_0000n, (1n << 53n) - (1n << 26n), (1n << 62n)),
          seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        }),
        ({ vnodes, extra, cpus, arch, base, seed }) => {
          const topology = syntheticDeviceTreeTopology({ vnodes, ranges: 3 * vnodes + 8 + extra, cpus, arch, base, seed });
          const bytes = writeOpenhclDeviceTree(topology);
          const dt = readOpenhclDeviceTree(bytes);
          expect(deviceTreeToUpstreamJson(dt)).toEqual(expectedUpstreamParse(topology));
          expect(dt.partition_memory_map).toHaveLength(3 * vnodes + 8 + extra);
          expect(readFdt(bytes).reservations.map((r) => ({ address: r.address, size: r.size }))).toEqual(topology.reservations);
          expect(dt.entropy?.length).toBe(64);
          expect(dt.unknown).toEqual([]);
          const state = savedStateFromDeviceTree(dt);
          expect(state.partition_memory.length + state.partition_mmio.length).toBe(topology.memoryMap.length);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('makes 64 vnodes, 4,000 ranges and 256 CPUs', () => {
    const topology = syntheticDeviceTreeTopology({ vnodes: 64, ranges: 4000, cpus: 256 });
    const dt = readOpenhclDeviceTree(writeOpenhclDeviceTree(topology));
    expect(deviceTreeToUpstreamJson(dt)).toEqual(expectedUpstreamParse(topology));
    expect([dt.partition_memory_map.length, dt.cpus.length, new Set(dt.vtl2_memory.map((m) => m.vnode)).size, dt.private_pool_ranges.length]).toEqual([4000, 256, 64, 64]);
    expect(new Set(dt.cpus.map((c) => c.vnode)).size).toBe(64);
  });

  it('refuses a range count that cannot hold the vnodes', () => {
    expect(() => syntheticDeviceTreeTopology({ vnodes: 4, ranges: 19, cpus: 1 })).toThrow('19 ranges cannot hold 4 vnodes: at least 20');
  });

  it.skipIf(!HAS_DTC)("is read by Debian's dtc to the same outline, and fdtdump to the same header (skipped when dtc is not installed)", () => {
    const bytes = syntheticDeviceTree({ vnodes: 4, ranges: 60, cpus: 8 });
    const fdt = readFdt(bytes);
    const dtc = dtcOutline(bytes);
    expect(dtc.status).toBe(0);
    expect(dtc.outline).toEqual(outlineOf(fdt));
    expect(fdtdumpHeader(bytes)).toEqual(fdt.header);
  });
});
