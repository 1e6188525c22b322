// Device trees through the one open path: every fixture of ../shared/fixtures/dt
// opens as upstream's bootloader_fdt_parser reads it (or refuses it, naming the
// node), carries the SavedState write_persisted_info would write from it, its
// CPUs with their vnodes and its accepted memory; and the host's entropy seed
// is in nothing the document, its exports or its link hold.
import { describe, expect, it } from 'vitest';
import { documentToJson, withBigintsAsStrings } from '../export/documentJson.ts';
import { csvExport, imageExport, jsonExport, payloadExport } from '../export/exports.ts';
import { layoutDiagram } from '../diagram/layout.ts';
import { diagramSvg } from '../diagram/svg.ts';
import { entropyNodes } from '../format/deviceTreeEntropy.ts';
import { readFdt } from '../format/fdt.ts';
import { bytesSource } from '../io/byteSource.ts';
import { DEFAULT_VIEW } from '../model/view.ts';
import { decodeLink, encodeLink } from '../share/link.ts';
import { openSharedParts } from '../testing/openSharedParts.ts';
import { partsOfDocument } from '../share/parts.ts';
import { loadDtFixtures, upstreamNodeAtFault } from '../testing/dtFixtures.ts';
import { openDoc } from '../testing/openDoc.ts';
import { secretLeaks } from '../testing/secretLeak.ts';
import { syntheticDeviceTree } from '../testing/syntheticDeviceTree.ts';
import { openInput } from './index.ts';
import { headLength, planReads } from './readPlan.ts';

const fixtures = loadDtFixtures();
const fixture = (name: string) => fixtures.find((f) => f.name === name)!;

describe('device-tree fixtures through openInput', () => {
  it('finds them', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(10);
  });

  for (const f of fixtures) {
    it(f.name, async () => {
      const doc = await openDoc(bytesSource(f.bytes), {}, `${f.name}.dtb`);
      const json = documentToJson(doc, `${f.name}.dtb`);
      expect(json.kind).toBe('device-tree');
      expect(json.bytes_read).toBe(f.bytes.length);
      const upstream = f.expected.upstream_parse;
      if (upstream.ok) {
        expect(json.ok).toBe(true);
        expect(json.device_tree).toEqual(upstream.parsed);
        expect(json.decoded).toEqual(f.expected.saved_state_from_dt);
        // Entries: the unified map, memory (in map order) then MMIO, as the implied SavedState lists them.
        const parsed = upstream.parsed as { partition_memory_map: { kind: string; start: string }[]; cpus: { vnode: number }[]; accepted_ranges: { start: string; end: string }[] };
        expect(doc.entries.map((e) => `${e.ref.table}:${e.start}`)).toEqual([...parsed.partition_memory_map.filter((m) => m.kind === 'memory'), ...parsed.partition_memory_map.filter((m) => m.kind === 'mmio')].map((m) => `${m.kind}:${m.start}`));
        expect(doc.cpus.cpus?.map((c) => c.vnode)).toEqual(parsed.cpus.map((c) => c.vnode));
        expect(withBigintsAsStrings(doc.regions.accepted)).toEqual(parsed.accepted_ranges);
      } else {
        expect(json.ok).toBe(false);
        expect(json.decoded).toBeNull();
        expect(json.device_tree ?? null).toBeNull();
        const node = upstreamNodeAtFault(upstream.error);
        if (node) expect(json.error?.node?.split('/').at(-1)).toBe(node);
        expect(json.error?.message.length).toBeGreaterThan(0);
        expect(doc.bootCheck.outcome).toBe('unknown');
      }
      if (f.expected.fdt.memory_reservations) {
        expect(json.fdt).toEqual({
          version: f.expected.fdt.version,
          last_comp_version: f.expected.fdt.last_comp_version,
          totalsize: f.expected.fdt.totalsize,
          boot_cpuid_phys: f.expected.fdt.boot_cpuid_phys,
          memory_reservations: f.expected.fdt.memory_reservations,
        });
      }
    });
  }

  it('judges the next boot of the state each tree implies', async () => {
    const outcome = async (name: string) => (await openDoc(bytesSource(fixture(name).bytes))).bootCheck;
    expect(await outcome('dt01_x64_2node_host')).toMatchObject({ outcome: 'accepted' });
    // An isolated VM never reads persisted state.
    expect(await outcome('dt02_snp_vtl2_alloc')).toMatchObject({ outcome: 'first-boot', reason: expect.stringContaining('SNP') });
  });

  it('is the same topology as the saved state it implies (entries, implied payload)', async () => {
    const dt = await openDoc(bytesSource(fixture('dt01_x64_2node_host').bytes));
    const implied = payloadExport(dt, 'vm.dtb')!;
    expect(implied.fileName).toBe('vm.payload.bin');
    const state = await openDoc(bytesSource(implied.content as Uint8Array));
    expect(state.format.kind).toBe('saved-state');
    expect(state.entries).toEqual(dt.entries);
    expect(state.decoded).toEqual(dt.decoded);
    // As a VTL2 image: what the next boot would read after servicing, accepted.
    const image = imageExport(dt, 'vm.dtb');
    if (!image || image instanceof Error) throw new Error('no image');
    expect(image.fileName).toBe('vm.vtl2.bin');
    const reopened = await openDoc(bytesSource(image.content as Uint8Array));
    expect(reopened.format.kind).toBe('vtl2-image');
    expect(reopened.decoded).toEqual(dt.decoded);
    expect(reopened.bootCheck.outcome).toBe('accepted');
  });

  it('a 64-vnode tree of ~4,000 ranges and 256 CPUs opens whole', async () => {
    const bytes = syntheticDeviceTree({ vnodes: 64, ranges: 4000, cpus: 256 });
    const doc = await openDoc(bytesSource(bytes));
    expect(doc.error).toBeNull();
    expect(doc.entries.length).toBeGreaterThanOrEqual(4000);
    expect(new Set(doc.cpus.cpus!.map((c) => c.vnode)).size).toBe(64);
    expect(doc.cpus.cpus).toHaveLength(256);
  });
});

describe('the entropy seed never leaves the tree', () => {
  const dt01 = fixture('dt01_x64_2node_host').bytes;
  const seed = entropyNodes(readFdt(dt01).root)[0]!.properties[0]!.value.slice();

  it('is in none of the document, its exports, its link or the link\'s re-opened document', async () => {
    const doc = await openDoc(bytesSource(dt01), {}, 'vm.dtb');
    expect(seed.length).toBe(64);
    const link = encodeLink(partsOfDocument(doc, 'vm.dtb'), DEFAULT_VIEW);
    const { parts } = decodeLink(link);
    const reopened = await openSharedParts(parts);
    const texts: Record<string, string> = {
      document: JSON.stringify(withBigintsAsStrings(structuredClone(doc)), (_k, v: unknown) => (v instanceof Uint8Array ? [...v] : v)),
      json: jsonExport(doc, 'vm.dtb').content as string,
      csv: csvExport(doc, 'vm.dtb')!.content as string,
      link,
      linkParts: JSON.stringify([...parts.input.payload]),
      reopened: reopened.ok ? jsonExport(reopened.doc, 'vm.dtb').content as string : 'failed',
    };
    for (const [what, text] of Object.entries(texts)) expect({ what, leaks: secretLeaks(text, seed) }).toEqual({ what, leaks: [] });
    // What the link carries is the tree with the seed zeroed, and it re-opens to the same topology.
    expect(parts.input.payload).toEqual(doc.format.kind === 'device-tree' ? doc.format.redacted : null);
    expect(reopened.ok && reopened.doc.entries).toEqual(doc.entries);
    expect(reopened.ok && documentToJson(reopened.doc, 'x').device_tree).toEqual(documentToJson(doc, 'x').device_tree);
  });

  it('is in nothing a tree whose entropy length is damaged gives (the walk lands inside the seed)', async () => {
    const prop = entropyNodes(readFdt(dt01).root)[0]!.properties[0]!;
    const damaged = dt01.slice();
    new DataView(damaged.buffer).setUint32(prop.offset + 4, 60, false);
    const doc = await openDoc(bytesSource(damaged), {}, 'vm.dtb');
    expect(doc.error?.code).toBe('fdt-structure');
    const texts: Record<string, string> = {
      error: JSON.stringify(doc.error),
      bootCheck: JSON.stringify(doc.bootCheck),
      diagnostics: JSON.stringify(doc.diagnostics),
      json: jsonExport(doc, 'vm.dtb').content as string,
      diagram: diagramSvg(layoutDiagram(doc, { name: 'vm.dtb' })),
    };
    for (const [what, text] of Object.entries(texts)) expect({ what, leaks: secretLeaks(text, seed) }).toEqual({ what, leaks: [] });
    // It says where and what, without the bytes it found there.
    expect(doc.error?.message).toMatch(/^expected a token .* inside the node at byte \d+ at byte offset \d+/);
  });

  it('a second tree appended (cat vm1.dtb vm2.dtb) reaches no link or export with its seed', async () => {
    const vm2 = dt01.slice();
    const prop = entropyNodes(readFdt(dt01).root)[0]!.properties[0]!;
    const seed2 = seed.map((b, i) => b ^ (0x5a + i));
    vm2.set(seed2, prop.valueOffset);
    const both = new Uint8Array([...dt01, ...vm2]);
    const doc = await openDoc(bytesSource(both), {}, 'vm.dtb');
    expect(doc.error).toBeNull();
    const link = encodeLink(partsOfDocument(doc, 'vm.dtb'), DEFAULT_VIEW);
    const payload = decodeLink(link).parts.input.payload;
    expect(payload.length).toBe(both.length);
    for (const text of [link, Buffer.from(payload).toString('hex'), jsonExport(doc, 'vm.dtb').content as string]) {
      expect(secretLeaks(text, seed)).toEqual([]);
      expect(secretLeaks(text, seed2)).toEqual([]);
    }
  });

  it('a tree forced to another kind is refused at the plan, so no link or export carries its seed', async () => {
    for (const as of ['saved-state', 'image'] as const) {
      const plan = planReads(dt01.subarray(0, headLength(dt01.length)), dt01.length, { as });
      expect(plan.error?.code).toBe('forced-kind');
      expect(plan.error?.message).toMatch(/opens only as a device tree/);
      expect(plan.reads).toEqual([]);
      const doc = await openDoc(bytesSource(dt01), { as }, 'vm.dtb');
      expect(doc.error?.code).toBe('forced-kind');
      expect(doc.source.bytesRead).toBeLessThanOrEqual(32);
      const texts = [jsonExport(doc, 'vm.dtb').content as string, JSON.stringify(doc.error)];
      try {
        const parts = partsOfDocument(doc, 'vm.dtb', { as });
        texts.push(encodeLink(parts, DEFAULT_VIEW), JSON.stringify([...parts.input.payload]));
      } catch (err) {
        expect((err as Error).name).toBe('DecodeError');
      }
      for (const text of texts) expect(secretLeaks(text, seed)).toEqual([]);
    }
    // Pasted as hex and forced, it is refused alike; unforced, it opens as the tree it is.
    const hex = new TextEncoder().encode(Buffer.from(dt01).toString('hex'));
    const pasted = await openInput(bytesSource(hex), { name: 'pasted', pasted: true, options: { as: 'saved-state' } });
    expect(pasted.ok && pasted.doc.error?.code).toBe('forced-kind');
    expect(planReads(dt01.subarray(0, 32), dt01.length, { as: 'device-tree' }).error).toBeNull();
  });

  it('the JSON export re-opens as the same tree, seed still zeroed', async () => {
    const doc = await openDoc(bytesSource(dt01), {}, 'vm.dtb');
    const text = jsonExport(doc, 'vm.dtb').content as string;
    const opened = await openInput(bytesSource(new TextEncoder().encode(text)), { name: 'vm.topology.json' });
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.doc.format.kind).toBe('device-tree');
    expect(documentToJson(opened.doc, 'x').device_tree).toEqual(documentToJson(doc, 'x').device_tree);
    expect(opened.doc.decoded).toEqual(doc.decoded);
  });
});
