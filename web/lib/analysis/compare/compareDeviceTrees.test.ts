import { describe, expect, it } from 'vitest';
import { encodeSavedState } from '../../format/encodeSavedState.ts';
import { savedStateFromJson } from '../../import/savedStateJson.ts';
import { bytesSource } from '../../io/byteSource.ts';
import { loadDtFixtures } from '../../testing/dtFixtures.ts';
import { loadFixtures } from '../../testing/fixtures.ts';
import { specNode, specOfFdt, u32Bytes, u64Bytes, writeFdtSpec } from '../../testing/fdtWriter.ts';
import { readFdt } from '../../format/fdt.ts';
import { isVtl2 } from '../../model/vtlTypes.ts';
import { openDoc } from '../../testing/openDoc.ts';
import { syntheticDeviceTreeTopology, writeOpenhclDeviceTree } from '../../testing/syntheticDeviceTree.ts';
import { compareTopologies } from './index.ts';

const trees = loadDtFixtures();
const tree = (name: string) => openDoc(bytesSource(trees.find((t) => t.name === name)!.bytes), {}, `${name}.dtb`);
const p03 = () => openDoc(bytesSource(loadFixtures().find((f) => f.name === 'p03_realistic_x64_2node')!.bytes));
const outcomes = (c: ReturnType<typeof compareTopologies>) => Object.fromEntries(c.servicing.map((s) => [s.id, s.outcome]));

describe('comparing device trees', () => {
  it('every tree upstream parses is the same as the saved state it implies (the fixture’s saved_state_from_dt, encoded)', async () => {
    const valid = trees.filter((t) => t.expected.upstream_parse.ok);
    expect(valid.map((t) => t.name)).toEqual(['dt01_x64_2node_host', 'dt02_snp_vtl2_alloc', 'dt04_arm64_1node', 'dt07_x64_sidecar', 'tol_dt01_nop_tokens', 'tol_dt02_igvm_type_high_bits']);
    for (const t of valid) {
      const dt = await tree(t.name);
      const state = await openDoc(bytesSource(encodeSavedState(savedStateFromJson(t.expected.saved_state_from_dt))));
      for (const c of [compareTopologies(dt, state), compareTopologies(state, dt)]) {
        expect([t.name, c.same, c.summary.split(';')[0]]).toEqual([t.name, true, 'same topology']);
        // A tree holds no CPU lists: they are not compared; a saved state no CPU → vnode map.
        expect([c.cpus.withMappedInterruptsNoIo.compared, c.cpus.vnodes.compared]).toEqual([false, false]);
      }
      expect(compareTopologies(dt, dt).same).toBe(true);
    }
  });

  it('dt01 holds the same map as p03; servicing p03 into dt01 checks VTL2 RAM against the host’s and notes the listed CPUs dt01 lacks', async () => {
    const c = compareTopologies(await p03(), await tree('dt01_x64_2node_host'));
    expect(c.same).toBe(true);
    expect(c.regions).toEqual([]); // accepted memory is compared only between two trees
    expect(outcomes(c)).toEqual({ boot: 'pass', 'persisted-header': 'pass', 'vtl2-ram': 'pass', 'persisted-region': 'pass', 'gpa-pool': 'pass', mmio: 'pass', 'cpu-lists': 'pass' });
    expect(c.servicing.find((s) => s.id === 'vtl2-ram')!.detail).toBe(
      "A's persisted state rebuilds 2 VTL2 RAM ranges (192 MiB), equal to B's: 0x480000000..0x488000000 vnode 0 VTL2_PROTECTABLE, 0x488000000..0x48c000000 vnode 1 VTL2_PROTECTABLE; B's VTL2 RAM is the host's (the tree's root memory@ nodes, VTL2_PROTECTABLE)",
    );
    // Upstream has no assert on a listed CPU the next instance lacks: a note, not a failure.
    expect(c.servicing.find((s) => s.id === 'cpu-lists')!.detail).toBe("B's kernel starts CPUs 0, 1, 2, 5, 130 itself; note: B has 4 CPUs, so CPU 5, 130 are not B's. openhcl_boot does not check this (no assert): a listed CPU B lacks is simply not started");
    expect(c.summary).toBe('same topology');
    // From the tree: its CPU lists are run-time state it does not hold.
    const back = compareTopologies(await tree('dt01_x64_2node_host'), await p03());
    expect(back.servicing.find((s) => s.id === 'cpu-lists')).toMatchObject({ outcome: 'n/a', detail: 'A is a device tree: the CPU lists are run-time state it does not hold' });
  });

  it('two trees: CPU → vnode and accepted memory are compared', async () => {
    const c = compareTopologies(await tree('dt01_x64_2node_host'), await tree('dt07_x64_sidecar'));
    expect(c.cpus.vnodes.compared).toBe(true);
    expect(c.cpus.vnodes.changes.length).toBe(62); // CPUs 2 and 3 sit on vnode 0 in dt07; 60 more only in dt07
    expect(c.cpus.vnodes.changes.slice(0, 2)).toEqual([
      { index: 2, a: { index: 2, reg: 2n, vnode: 1 }, b: { index: 2, reg: 2n, vnode: 0 } },
      { index: 3, a: { index: 3, reg: 3n, vnode: 1 }, b: { index: 3, reg: 3n, vnode: 0 } },
    ]);
    expect(c.regions.find((r) => r.region === 'accepted')).toEqual({ region: 'accepted', a: [{ start: 0x4_8020_0000n, end: 0x4_8100_0000n }], b: [] });
    expect(c.summary).toContain('2 CPUs on another vnode or reg, 60 CPUs added');
  });

  it('an isolated next instance reads nothing of A', async () => {
    const c = compareTopologies(await p03(), await tree('dt02_snp_vtl2_alloc'));
    expect(c.servicing.every((s) => s.outcome === 'n/a' && s.detail === 'B is isolated (SNP): read_persisted_region_header returns None there, so B takes the first-boot path')).toBe(true);
  });

  it('the VTL2 RAM assert holds in host allocation mode only', async () => {
    const topology = syntheticDeviceTreeTopology({ vnodes: 2, ranges: 40, cpus: 4 });
    const host = await openDoc(bytesSource(writeOpenhclDeviceTree(topology)));
    const self = await openDoc(bytesSource(writeOpenhclDeviceTree({ ...topology, allocation: { mode: 'vtl2', memorySize: null, mmioSize: null } })));
    const implied = await openDoc(bytesSource(encodeSavedState(host.decoded!)));
    expect(outcomes(compareTopologies(implied, host))['vtl2-ram']).toBe('pass');
    expect(compareTopologies(implied, self).servicing.find((s) => s.id === 'vtl2-ram')).toMatchObject({
      outcome: 'n/a',
      detail: 'B allocates its own VTL2 RAM (memory-allocation-mode vtl2): the assert applies in host allocation mode only',
    });
  });

  it('a tree opened under one release is re-judged under the comparison’s', async () => {
    const dt01 = await tree('dt01_x64_2node_host');
    expect(dt01.bootCheck).toMatchObject({ outcome: 'accepted', release: 'current' });
    const pre = compareTopologies(dt01, dt01, { release: 'pre-2026-04' });
    expect(pre.servicing[0]).toMatchObject({ outcome: 'fail' });
    expect(pre.servicing[0]!.detail).toContain('previous instance had multiple pool ranges');
    const openedPre = await openDoc(bytesSource(trees.find((t) => t.name === 'dt01_x64_2node_host')!.bytes), { release: 'pre-2026-04' });
    expect(openedPre.bootCheck).toMatchObject({ outcome: 'panic', release: 'pre-2026-04' });
  });

  it('a tree compared with itself fails vtl2-ram exactly when its own verdict is that panic: never when it is accepted', async () => {
    // dt01 with its VTL2 entries' IGVM type 0 (MEMORY): the rebuilt VTL2 RAM is MEMORY, the host's VTL2_PROTECTABLE.
    const bytes = trees.find((t) => t.name === 'dt01_x64_2node_host')!.bytes;
    const { root, reservations } = specOfFdt(readFdt(bytes));
    for (const node of specNode(root, '/openhcl').children) {
      const type = node.properties.find(([n]) => n === 'openhcl,memory-type');
      const igvm = node.properties.find(([n]) => n === 'microsoft,igvm-type');
      if (type && igvm && isVtl2(new DataView(type[1].buffer).getUint32(0, false))) igvm[1] = u32Bytes(0);
    }
    const retyped = await openDoc(bytesSource(writeFdtSpec(root, { reservations })), {}, 'retyped.dtb');
    expect(retyped.bootCheck).toMatchObject({ outcome: 'panic' });
    expect(retyped.bootCheck.reason).toContain('first difference at #0: rebuilt 0x480000000..0x488000000 vnode 0 MEMORY, the host\'s 0x480000000..0x488000000 vnode 0 VTL2_PROTECTABLE');
    const docs = [retyped, ...(await Promise.all(trees.map((t) => tree(t.name))))];
    for (const [i, doc] of docs.entries()) {
      const ram = compareTopologies(doc, doc).servicing.find((s) => s.id === 'vtl2-ram')!;
      const ownPanic = doc.bootCheck.outcome === 'panic' && doc.bootCheck.reason.includes('vtl2 ram from persisted state does not match host provided ram');
      expect({ i, ram: ram.outcome === 'fail' }).toEqual({ i, ram: ownPanic });
      if (doc.bootCheck.outcome === 'accepted') expect(ram.outcome).not.toBe('fail');
    }
  });

  it('the boot check judges the state A persists, not A against its own host: vtl2-ram alone compares with B', async () => {
    // dt01 whose host gave less VTL2 RAM on vnode 0 than its map holds: its own verdict panics, but at servicing B's host counts.
    const { root, reservations } = specOfFdt(readFdt(trees.find((t) => t.name === 'dt01_x64_2node_host')!.bytes));
    specNode(root, '/memory@480000000').properties.find(([n]) => n === 'reg')![1] = u64Bytes(0x4_8000_0000n, 0x700_0000n);
    const shrunk = await openDoc(bytesSource(writeFdtSpec(root, { reservations })), {}, 'shrunk.dtb');
    const dt01 = await tree('dt01_x64_2node_host');
    expect(shrunk.bootCheck.reason).toContain('vtl2 ram from persisted state does not match host provided ram');
    expect(outcomes(compareTopologies(shrunk, dt01))).toMatchObject({ boot: 'pass', 'vtl2-ram': 'pass' });
    // The reverse: dt01 persists RAM the shrunk host does not give; its own verdict is accepted, its boot check passes.
    expect(outcomes(compareTopologies(dt01, shrunk))).toMatchObject({ boot: 'pass', 'vtl2-ram': 'fail' });
  });
});
