import { describe, expect, it } from 'vitest';
import { specNode, specOfFdt, stringListBytes, u32Bytes, u64Bytes, writeFdtSpec, type FdtNodeSpec } from '../testing/fdtWriter.ts';
import { expectedUpstreamParse, syntheticDeviceTreeTopology, writeOpenhclDeviceTree } from '../testing/syntheticDeviceTree.ts';
import { readFdt, type FdtNode } from './fdt.ts';
import { DtSemanticsError } from './openhclDeviceTree.ts';
import { readOpenhclDeviceTree } from '../testing/dtFixtures.ts';
import { deviceTreeToUpstreamJson } from './openhclDeviceTreeJson.ts';

// 2 vnodes, 20 map entries, 4 CPUs: VTL0 RAM, a low VTL0 MMIO hole, VTL2 ranges, high MMIO.
const topology = syntheticDeviceTreeTopology({ vnodes: 2, ranges: 20, cpus: 4 });
const base = writeOpenhclDeviceTree(topology);
const { root: baseSpec, reservations } = specOfFdt(readFdt(base));

/** The base tree with `edit` applied to a copy of its spec. */
function variant(edit: (root: FdtNodeSpec) => void): Uint8Array {
  const root = structuredClone(baseSpec);
  edit(root);
  return writeFdtSpec(root, { reservations });
}

function nodeAt(bytes: Uint8Array, path: string): FdtNode {
  const found = [readFdt(bytes).root];
  for (const name of path.split('/').filter(Boolean)) found.unshift(found[0]!.children.find((c) => c.name === name)!);
  return found[0]!;
}

function parseError(bytes: Uint8Array): DtSemanticsError {
  try {
    readOpenhclDeviceTree(bytes);
  } catch (err) {
    if (err instanceof DtSemanticsError) return err;
    throw err;
  }
  throw new Error('expected a DtSemanticsError');
}

/** The fault names `path`, `property` and the byte offset of the node (a missing property) or of the property. */
function expectFault(bytes: Uint8Array, path: string, property: string | null, at: 'node' | 'property', message: string): void {
  const err = parseError(bytes);
  const node = nodeAt(bytes, path);
  const offset = at === 'node' ? node.offset : node.properties.find((p) => p.name === property)!.offset;
  expect({ code: err.code, path: err.path, property: err.property, offset: err.offset, message: err.message }).toEqual({ code: 'dt-semantics', path, property, offset, message });
}

const setProp = (node: FdtNodeSpec, name: string, value: Uint8Array) => {
  const p = node.properties.find(([n]) => n === name);
  if (p) p[1] = value;
  else node.properties.push([name, value]);
};
const dropProp = (node: FdtNodeSpec, name: string) => {
  node.properties = node.properties.filter(([n]) => n !== name);
};
/** The /openhcl memory@ node of the map entry of that type (the first). */
const mapNode = (root: FdtNodeSpec, vtlType: number) => {
  const e = topology.memoryMap.find((m) => m.vtlType === vtlType)!;
  return specNode(root, `/openhcl/memory@${e.start.toString(16)}`);
};
const pathOfType = (vtlType: number) => `/openhcl/memory@${topology.memoryMap.find((m) => m.vtlType === vtlType)!.start.toString(16)}`;
const VTL0_RAM = pathOfType(0);

describe('parseOpenhclDeviceTree on a valid tree', () => {
  it('gives what upstream gives, and where each entry was read', () => {
    const dt = readOpenhclDeviceTree(base);
    expect(deviceTreeToUpstreamJson(dt)).toEqual(expectedUpstreamParse(topology));
    const header = dt.partition_memory_map.find((e) => e.vtl_type.value === 11)!;
    expect(header.source).toEqual({ path: pathOfType(11), offset: nodeAt(base, pathOfType(11)).offset });
    expect(dt.cpus[3]!.source.path).toBe('/cpus/cpu@4');
    expect(dt.unknown).toEqual([]);
  });

  it('keeps upstream defaults without /openhcl and without /cpus', () => {
    const dt = readOpenhclDeviceTree(variant((root) => (root.children = root.children.filter((c) => c.name !== 'openhcl' && c.name !== 'cpus'))));
    expect(deviceTreeToUpstreamJson(dt)).toMatchObject({
      cpus: [],
      partition_memory_map: [],
      vtl2_persisted_header: { start: '0', end: '0' },
      memory_allocation_mode: { mode: 'host', memory_size: null, mmio_size: null },
      isolation: 'none',
      vtl0_alias_map: null,
    });
    expect(dt.entropy).toBeNull();
  });

  it('reads a u32 reg from the first cell of a longer value, as read_u32(0) does', () => {
    const dt = readOpenhclDeviceTree(variant((root) => setProp(specNode(root, '/cpus/cpu@2'), 'reg', u32Bytes(7, 9))));
    expect(dt.cpus[1]!.reg).toBe(7n);
  });

  it('takes #address-cells 0 when /cpus has no CPU', () => {
    const dt = readOpenhclDeviceTree(variant((root) => {
      const cpus = specNode(root, '/cpus');
      setProp(cpus, '#address-cells', u32Bytes(0));
      cpus.children = [];
    }));
    expect(dt.cpus).toEqual([]);
  });

  it('reads vtl2 allocation mode with and without sizes', () => {
    const withSizes = readOpenhclDeviceTree(variant((root) => {
      const o = specNode(root, '/openhcl');
      setProp(o, 'memory-allocation-mode', stringListBytes('vtl2'));
      setProp(o, 'memory-size', u64Bytes(0x1000_0000n));
    }));
    expect(withSizes.memory_allocation_mode).toEqual({ mode: 'vtl2', memory_size: 0x1000_0000n, mmio_size: null });
  });

  it('keeps the low 16 bits of microsoft,igvm-type', () => {
    const dt = readOpenhclDeviceTree(variant((root) => setProp(specNode(root, VTL0_RAM), 'microsoft,igvm-type', u32Bytes(0x0003_0005))));
    expect(dt.partition_memory_map.find((e) => e.source.path === VTL0_RAM)).toMatchObject({ igvm_type: { value: 5, name: 'HIDDEN' } });
  });

  it('reads a property whose name does not resolve as absent only for the properties after it', () => {
    // The broken property is the node's last: every lookup finds its property first (see the refusals for the other side).
    const bytes = breakName(variant((root) => specNode(root, VTL0_RAM).properties.push(['?', u32Bytes(1)])), VTL0_RAM, '?');
    const dt = readOpenhclDeviceTree(bytes);
    expect(deviceTreeToUpstreamJson(dt)).toEqual(expectedUpstreamParse(topology));
    expect(dt.unknown).toEqual([{ kind: 'property', path: VTL0_RAM, name: null, offset: nodeAt(bytes, VTL0_RAM).properties.at(-1)!.offset, size: 4, problem: `nameoff is past the ${readFdt(bytes).header.size_dt_strings}-byte strings block` }]);
  });

  it('lists nodes and properties write_dt does not write, by offset', () => {
    const bytes = variant((root) => {
      specNode(root, '/openhcl').children.push({ name: 'future@0', properties: [['x', u32Bytes(1)]], children: [] });
      specNode(root, '/cpus/cpu@1').properties.push(['new-prop', u32Bytes(1, 2)]);
    });
    const cpu = nodeAt(bytes, '/cpus/cpu@1');
    const future = nodeAt(bytes, '/openhcl/future@0');
    expect(readOpenhclDeviceTree(bytes).unknown).toEqual([
      { kind: 'property', path: '/cpus/cpu@1', name: 'new-prop', offset: cpu.properties.at(-1)!.offset, size: 8, problem: null },
      { kind: 'node', path: '/openhcl/future@0', name: null, offset: future.offset, size: future.end - future.offset, problem: null },
    ]);
  });
});

/** The tree with the nameoff of `name` in the node at `path` set past the strings block. */
function breakName(bytes: Uint8Array, path: string, name: string): Uint8Array {
  const prop = nodeAt(bytes, path).properties.find((p) => p.name === name)!;
  const out = bytes.slice();
  new DataView(out.buffer).setUint32(prop.offset + 8, 0xffff_0000, false);
  return out;
}

describe('parseOpenhclDeviceTree refuses what upstream refuses, naming node, property and offset', () => {
  it('/cpus without #address-cells', () => expectFault(variant((root) => dropProp(specNode(root, '/cpus'), '#address-cells')), '/cpus', '#address-cells', 'node', '/cpus: missing #address-cells'));
  it('/cpus #address-cells 3', () => expectFault(variant((root) => setProp(specNode(root, '/cpus'), '#address-cells', u32Bytes(3))), '/cpus', '#address-cells', 'property', '/cpus: #address-cells 3 > 2 unexpected'));
  it('/cpus #address-cells 0 with CPUs (upstream panics)', () =>
    expectFault(variant((root) => setProp(specNode(root, '/cpus'), '#address-cells', u32Bytes(0))), '/cpus', '#address-cells', 'property', '/cpus: #address-cells 0: upstream reaches unreachable!() (a panic) at the first CPU'));
  it('a CPU whose reg is 6 bytes', () => expectFault(variant((root) => setProp(specNode(root, '/cpus/cpu@2'), 'reg', new Uint8Array(6))), '/cpus/cpu@2', 'reg', 'property', '/cpus/cpu@2: reg is not a u32 (6 bytes)'));
  it('a CPU without numa-node-id', () => expectFault(variant((root) => dropProp(specNode(root, '/cpus/cpu@3'), 'numa-node-id')), '/cpus/cpu@3', 'numa-node-id', 'node', '/cpus/cpu@3: missing numa-node-id'));

  const vtl2Node = `/memory@${topology.vtl2Memory[1]!.start.toString(16)}`;
  it('a VTL2 memory node without numa-node-id', () => expectFault(variant((root) => dropProp(specNode(root, vtl2Node), 'numa-node-id')), vtl2Node, 'numa-node-id', 'node', `${vtl2Node}: missing numa-node-id`));
  it('a VTL2 memory node not 4 KiB aligned', () => {
    const m = topology.vtl2Memory[1]!;
    const bytes = variant((root) => setProp(specNode(root, vtl2Node), 'reg', u64Bytes(m.start + 0x10n, m.end - m.start)));
    expectFault(bytes, vtl2Node, 'reg', 'property', `${vtl2Node}: invalid memory range: 0x${(m.start + 0x10n).toString(16)}..0x${(m.end + 0x10n).toString(16)} is not 4 KiB aligned`);
  });

  it('an /openhcl memory node without openhcl,memory-type', () => expectFault(variant((root) => dropProp(specNode(root, VTL0_RAM), 'openhcl,memory-type')), VTL0_RAM, 'openhcl,memory-type', 'node', `${VTL0_RAM}: missing openhcl,memory-type`));
  it('a property whose name does not resolve, before openhcl,memory-type, hides it', () => {
    const bytes = breakName(variant((root) => specNode(root, VTL0_RAM).properties.unshift(['?', u32Bytes(1)])), VTL0_RAM, '?');
    const err = parseError(bytes);
    expect([err.path, err.property, err.offset, err.message]).toEqual([VTL0_RAM, 'openhcl,memory-type', nodeAt(bytes, VTL0_RAM).offset, `${VTL0_RAM}: missing openhcl,memory-type`]);
  });
  it('a RAM node whose reg is 3 u64s', () => {
    const bytes = variant((root) => setProp(specNode(root, VTL0_RAM), 'reg', u64Bytes(0n, 0x1000n, 0n)));
    expectFault(bytes, VTL0_RAM, 'reg', 'property', `${VTL0_RAM}: memory node ${VTL0_RAM.split('/')[2]} does not have 2 u64s (reg has 3)`);
  });
  it('a RAM node whose reg is not a list of u64s', () => expectFault(variant((root) => setProp(specNode(root, VTL0_RAM), 'reg', new Uint8Array(12))), VTL0_RAM, 'reg', 'property', `${VTL0_RAM}: reg is not a list of u64s (12 bytes)`));
  it('a RAM node without microsoft,igvm-type', () => expectFault(variant((root) => dropProp(specNode(root, VTL0_RAM), 'microsoft,igvm-type')), VTL0_RAM, 'microsoft,igvm-type', 'node', `${VTL0_RAM}: missing microsoft,igvm-type`));
  it('a range ending past 2^64', () => {
    const bytes = variant((root) => setProp(specNode(root, VTL0_RAM), 'reg', u64Bytes((1n << 64n) - 0x1000n, 0x2000n)));
    expectFault(bytes, VTL0_RAM, 'reg', 'property', `${VTL0_RAM}: invalid memory range: base 0xfffffffffffff000 + length 0x2000 is past 2^64`);
  });

  const MMIO = pathOfType(5);
  for (const type of [13, 99, 0xffff_ffff]) {
    it(`memory type ${type}: read as MMIO, and refused`, () => {
      const name = MMIO.split('/')[2];
      expectFault(variant((root) => setProp(mapNode(root, 5), 'openhcl,memory-type', u32Bytes(type))), MMIO, 'openhcl,memory-type', 'property', `${MMIO}: invalid vtl_usage ${type} type for mmio node ${name}`);
    });
  }
  it('an MMIO node not 4 KiB aligned', () => {
    const e = topology.memoryMap.find((m) => m.vtlType === 5)!;
    const bytes = variant((root) => setProp(mapNode(root, 5), 'reg', u64Bytes(e.start, 0x800n)));
    expectFault(bytes, MMIO, 'reg', 'property', `${MMIO}: invalid mmio range: 0x${e.start.toString(16)}..0x${(e.start + 0x800n).toString(16)} is not 4 KiB aligned`);
  });

  const ACCEPTED = `/openhcl/accepted-memory@${topology.accepted[0]!.start.toString(16)}`;
  it('an accepted-memory node whose reg is 1 u64', () => expectFault(variant((root) => setProp(specNode(root, ACCEPTED), 'reg', u64Bytes(0x1000n))), ACCEPTED, 'reg', 'property', `${ACCEPTED}: accepted memory node ${ACCEPTED.split('/')[2]} does not have 2 u64s (reg has 1)`));

  it('isolation-type cca (aarch64 writes it; upstream refuses it)', () => expectFault(variant((root) => setProp(specNode(root, '/openhcl'), 'isolation-type', stringListBytes('cca'))), '/openhcl', 'isolation-type', 'property', '/openhcl: invalid isolation-type "cca"'));
  it('isolation-type without NUL', () => expectFault(variant((root) => setProp(specNode(root, '/openhcl'), 'isolation-type', new TextEncoder().encode('none'))), '/openhcl', 'isolation-type', 'property', '/openhcl: isolation-type is not a string'));
  it('no isolation-type', () => expectFault(variant((root) => dropProp(specNode(root, '/openhcl'), 'isolation-type')), '/openhcl', 'isolation-type', 'node', '/openhcl: missing isolation-type'));
  it('memory-allocation-mode guest', () => expectFault(variant((root) => setProp(specNode(root, '/openhcl'), 'memory-allocation-mode', stringListBytes('guest'))), '/openhcl', 'memory-allocation-mode', 'property', '/openhcl: invalid memory-allocation-mode "guest"'));
  it('a 4-byte memory-size in vtl2 mode', () => {
    const bytes = variant((root) => {
      const o = specNode(root, '/openhcl');
      setProp(o, 'memory-allocation-mode', stringListBytes('vtl2'));
      setProp(o, 'memory-size', u32Bytes(1));
    });
    expectFault(bytes, '/openhcl', 'memory-size', 'property', '/openhcl: memory-size is not a u64 (4 bytes)');
  });
  it('a 4-byte vtl0-alias-map', () => expectFault(variant((root) => setProp(specNode(root, '/openhcl'), 'vtl0-alias-map', u32Bytes(1))), '/openhcl', 'vtl0-alias-map', 'property', '/openhcl: vtl0-alias-map is not a u64 (4 bytes)'));

  it('no VTL2_PERSISTED_STATE_HEADER', () => {
    const bytes = variant((root) => setProp(mapNode(root, 11), 'openhcl,memory-type', u32Bytes(1)));
    expectFault(bytes, '/openhcl', null, 'node', '/openhcl: no VTL2 persisted header (VTL2_PERSISTED_STATE_HEADER) range found');
  });
  it('two VTL2_PERSISTED_STATE_PROTOBUF ranges: the second is named', () => {
    const cfg = pathOfType(2);
    const bytes = variant((root) => setProp(mapNode(root, 2), 'openhcl,memory-type', u32Bytes(12)));
    const err = parseError(bytes);
    expect([err.path, err.property, err.offset, err.message]).toEqual(['/openhcl', null, nodeAt(bytes, cfg).offset, `/openhcl: multiple VTL2 persisted protobuf region (VTL2_PERSISTED_STATE_PROTOBUF) ranges found (${pathOfType(12)}, ${cfg})`]);
  });
  it('two VTL2_RESERVED ranges', () => {
    const bytes = variant((root) => {
      setProp(mapNode(root, 2), 'openhcl,memory-type', u32Bytes(7));
      setProp(mapNode(root, 10), 'openhcl,memory-type', u32Bytes(7));
    });
    expect(parseError(bytes).message).toBe(`/openhcl: multiple VTL2 reserved (VTL2_RESERVED) ranges found (${pathOfType(2)}, ${pathOfType(10)})`);
  });

  it('a message does not grow with the input: 3 duplicate paths and a count, echoed values cut at 40 characters', () => {
    const types = topology.memoryMap.map((m) => m.vtlType).filter((t) => t !== 11 && t !== 12 && t !== 7);
    const five = [...new Set(types)].slice(0, 5);
    expect(five).toHaveLength(5);
    const bytes = variant((root) => {
      for (const t of five) setProp(mapNode(root, t), 'openhcl,memory-type', u32Bytes(7));
    });
    const message = parseError(bytes).message;
    expect(message).toMatch(/^\/openhcl: multiple VTL2 reserved \(VTL2_RESERVED\) ranges found \(\/openhcl\/memory@\w+, \/openhcl\/memory@\w+, \/openhcl\/memory@\w+ and 2 more\)$/);
    for (const [name, what] of [['isolation-type', 'invalid isolation-type'], ['memory-allocation-mode', 'invalid memory-allocation-mode']] as const) {
      const long = variant((root) => setProp(specNode(root, '/openhcl'), name, stringListBytes('x'.repeat(5000))));
      expect(parseError(long).message).toBe(`/openhcl: ${what} "${'x'.repeat(39)}…`);
    }
  });

  it('the first fault in tree order: /cpus before /openhcl', () => {
    const bytes = variant((root) => {
      dropProp(specNode(root, '/cpus/cpu@1'), 'reg');
      dropProp(specNode(root, '/openhcl'), 'isolation-type');
    });
    expect(parseError(bytes).path).toBe('/cpus/cpu@1');
  });

  it('a gic node whose reg is 3 u64s', () => {
    const bytes = variant((root) => root.children.push({ name: 'intc@ffff0000', properties: [['reg', u64Bytes(1n, 2n, 3n)]], children: [] }));
    expectFault(bytes, '/intc@ffff0000', 'reg', 'property', '/intc@ffff0000: gic node intc@ffff0000 does not have 4 u64s (reg has 3)');
  });
  it('a pmu interrupt that is not a PPI', () => {
    const bytes = variant((root) => root.children.push({ name: 'pmu', properties: [['interrupts', u32Bytes(0, 7, 4)]], children: [] }));
    expectFault(bytes, '/pmu', 'interrupts', 'property', '/pmu: pmu node has unexpected interrupt type 0');
  });
});

describe('what upstream reads apart from the topology', () => {
  it('a boot time that is not a u64 fails only the boot times', () => {
    const bytes = variant((root) => setProp(root, 'reftime_boot_end', u32Bytes(1)));
    const dt = readOpenhclDeviceTree(bytes);
    expect(dt.boot_times).toEqual({ ok: false, message: '/: reftime_boot_end is not a u64 (4 bytes)', path: '/', property: 'reftime_boot_end', offset: nodeAt(bytes, '/').properties.find((p) => p.name === 'reftime_boot_end')!.offset });
    expect(dt.partition_memory_map).toHaveLength(20);
  });

  it('reads sidecar nodes, and keeps a malformed one as a problem, not an error', () => {
    const bytes = variant((root) => {
      specNode(root, '/bus').children.push(
        { name: 'sidecar@701300000', properties: [['reg', u64Bytes(0x7_0130_0000n, 0x1000n, 0x7_0130_1000n, 0x20000n)]], children: [] },
        { name: 'sidecar@1', properties: [['reg', u64Bytes(1n)]], children: [] },
      );
    });
    const dt = readOpenhclDeviceTree(bytes);
    expect(dt.sidecars).toEqual([
      { source: { path: '/bus/sidecar@701300000', offset: nodeAt(bytes, '/bus/sidecar@701300000').offset }, control: { start: 0x7_0130_0000n, end: 0x7_0130_1000n }, shared_memory: { start: 0x7_0130_1000n, end: 0x7_0132_1000n }, problem: null },
      { source: { path: '/bus/sidecar@1', offset: nodeAt(bytes, '/bus/sidecar@1').offset }, control: null, shared_memory: null, problem: 'reg is not 4 u64s (8 bytes)' },
    ]);
  });

  it('records where the entropy seed lies and its length, never its bytes', () => {
    const dt = readOpenhclDeviceTree(base);
    expect(dt.entropy).toEqual({ source: { path: '/openhcl/entropy', offset: nodeAt(base, '/openhcl/entropy').offset }, length: 64 });
    expect(Object.values(dt).some((v) => v instanceof Uint8Array)).toBe(false);
  });

  it('gic from an aarch64 controller, pmu and timer', () => {
    const bytes = variant((root) => {
      root.children.push(
        { name: 'intc@4294901760', properties: [['compatible', stringListBytes('arm,gic-v3')], ['reg', u64Bytes(0xffff_0000n, 0x1_0000n, 0xeffe_e000n, 0x8_0000n)]], children: [{ name: 'msi', properties: [['compatible', stringListBytes('arm,gic-v2m-frame')]], children: [] }] },
        { name: 'timer', properties: [['interrupt-names', stringListBytes('virt')], ['interrupts', u32Bytes(1, 4, 8)]], children: [] },
        { name: 'pmu', properties: [['interrupts', u32Bytes(1, 7, 4)]], children: [] },
      );
    });
    expect(readOpenhclDeviceTree(bytes).gic).toEqual({
      gic_distributor_base: 0xffff_0000n,
      gic_version: 'v3',
      gic_redistributors_base: 0xeffe_e000n,
      gic_msi: 'v2m',
      pmu_gsiv: 23,
      virt_timer_ppi: 20,
      gic_nr_irqs: 992,
      source: { path: '/intc@4294901760', offset: nodeAt(bytes, '/intc@4294901760').offset },
    });
  });
});
