import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeSavedState } from '../format/encodeSavedState.ts';
import { bytesSource } from '../io/byteSource.ts';
import { entryByRef, refKey } from '../model/entries.ts';
import type { MemoryEntry, SavedState } from '../model/savedState.ts';
import { binarySize } from '../model/text.ts';
import type { TopologyDocument } from '../model/topology.ts';
import { enumLabel, isVtl2 } from '../model/vtlTypes.ts';
import { loadDtFixtures } from '../testing/dtFixtures.ts';
import { loadFixtures, REPO_ROOT } from '../testing/fixtures.ts';
import { openDoc } from '../testing/openDoc.ts';
import { syntheticSavedState } from '../testing/syntheticTopology.ts';
import { rangeHeight } from './axis.ts';
import { BLOCK_LIMITS } from './blocks.ts';
import { layoutDiagram } from './layout.ts';
import { sceneMarks, type Box, type DiagramScene, type SceneText } from './scene.ts';

const fixtures = loadFixtures();
const fixtureDoc = (name: string) => openDoc(bytesSource(fixtures.find((f) => f.name === name)!.bytes), {}, `${name}.bin`);
const stateDoc = (state: SavedState) => openDoc(bytesSource(encodeSavedState(state)));

const meets = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (inner: Box, outer: Box) => inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;

/** Every way the scene could be unreadable: texts meeting, text outside its block or the picture, blocks on blocks. */
function faults(scene: DiagramScene): string[] {
  const out: string[] = [];
  const texts: SceneText[] = sceneMarks(scene).flatMap((m) => (m.kind === 'text' ? [m.text] : m.kind === 'block' ? m.block.texts : []));
  const page = { x: 0, y: 0, width: scene.width, height: scene.height };
  // Sorted by top: only texts whose vertical extents overlap need comparing.
  const byTop = [...texts].sort((a, b) => a.box.y - b.box.y);
  for (let i = 0; i < byTop.length; i++) {
    const a = byTop[i]!;
    if (!inside(a.box, page)) out.push(`"${a.text}" leaves the picture`);
    for (let j = i + 1; j < byTop.length && byTop[j]!.box.y < a.box.y + a.box.height; j++) {
      if (meets(a.box, byTop[j]!.box)) out.push(`"${a.text}" meets "${byTop[j]!.text}"`);
    }
  }
  for (const block of scene.blocks) {
    for (const t of block.texts) if (!inside(t.box, block)) out.push(`"${t.text}" leaves its block`);
  }
  const blocks = [...scene.blocks].sort((a, b) => a.y - b.y);
  for (let i = 0; i < blocks.length; i++) {
    for (let j = i + 1; j < blocks.length && blocks[j]!.y < blocks[i]!.y + blocks[i]!.height; j++) {
      if (meets(blocks[i]!, blocks[j]!)) out.push(`${blocks[i]!.title} is drawn over ${blocks[j]!.title}`);
    }
  }
  return out;
}

/** Inside each column, addresses only fall going down. */
function addressesFallDownward(scene: DiagramScene): boolean {
  return scene.columns.every((c) => {
    const ys = scene.boundaries.filter((b) => b.column === c.key && b.y >= c.y && b.y <= c.y + c.height).sort((a, b) => a.y - b.y);
    return ys.every((b, i) => i === 0 || b.address <= ys[i - 1]!.address);
  });
}

function docWithMemory(memory: MemoryEntry[]): Promise<TopologyDocument> {
  return stateDoc({ partition_memory: memory, partition_mmio: [], cpus_with_mapped_interrupts_no_io: [], cpus_with_outstanding_io: [] });
}
const vtl0 = { value: 0, name: 'VTL0' };
const memoryIgvm = { value: 0, name: 'MEMORY' };

describe('layoutDiagram: img02_realistic', () => {
  it('draws one labelled block per entry, in three columns on one scale, holes collapsed with their size', async () => {
    const doc = await fixtureDoc('img02_realistic');
    const scene = layoutDiagram(doc, { name: 'img02_realistic.bin' });
    expect(scene.heading.map((t) => t.text)).toEqual([
      'img02_realistic.bin — memory map',
      'VTL2 image · 17 ranges (14 memory, 3 MMIO) · 2 vnodes',
      'High addresses at top; each boundary shows its address (ends exclusive). Heights are not to scale; gaps are collapsed.',
    ]);
    expect(scene.columns.map((c) => [c.key, c.label, c.section, c.lanes])).toEqual([
      ['vnode-0', 'vnode 0', 0, 1],
      ['vnode-1', 'vnode 1', 0, 1],
      ['mmio', 'MMIO', 0, 1],
    ]);
    expect(scene.sections.map((s) => [s.start, s.end])).toEqual([[0n, 0x10_0000_0000n]]);
    expect(scene.counts).toEqual({ entries: 17, blocks: 17, merged: 0 });
    // Every entry, once, with its type, size and name inside.
    expect(scene.blocks.map((b) => refKey(b.refs[0]!)).sort()).toEqual(doc.entries.map((e) => refKey(e.ref)).sort());
    for (const entry of doc.entries) {
      const block = scene.blocks.find((b) => refKey(b.refs[0]!) === refKey(entry.ref))!;
      expect([block.kind, block.start, block.end]).toEqual(['entry', entry.start, entry.end]);
      const lines = block.texts.map((t) => t.text);
      expect(lines[0]).toBe(enumLabel(entry.vtlType));
      expect(lines[1]).toBe(binarySize(entry.end - entry.start));
      expect(lines[lines.length - 1]).toBe(entry.ref.table === 'memory' ? `memory #${entry.ref.index}` : `MMIO #${entry.ref.index}`);
    }
    expect(scene.blocks.find((b) => b.refs[0]!.index === 4 && b.table === 'memory')!.texts.map((t) => t.text)).toEqual(['VTL0', '1 GiB', 'IGVM SPECIFIC_PURPOSE', 'memory #4']);
    expect(scene.gaps.map((g) => [g.start, g.end, g.text.text])).toEqual([
      [0x8000_0000n, 0xf000_0000n, 'gap · 1.75 GiB'],
      [0xf800_0000n, 0x1_0000_0000n, 'gap · 128 MiB'],
      [0x4_8c00_0000n, 0xf_c000_0000n, 'gap · 44.81 GiB'],
    ]);
    const labels = (key: string) => scene.boundaries.filter((b) => b.column === key).sort((a, b) => a.y - b.y).map((b) => b.text.text);
    expect(labels('vnode-0')).toEqual(['0x4_8800_0000', '0x4_8600_0000', '0x4_8282_2000', '0x4_8282_0000', '0x4_8280_0000', '0x4_8001_4000', '0x4_8000_1000', '0x4_8000_0000', '0x2_8000_0000', '0x1_0000_0000', '0x8000_0000', '0x7fe0_0000', '0x0']);
    expect(labels('vnode-1')).toEqual(['0x4_8c00_0000', '0x4_8a00_0000', '0x4_8800_0000', '0x4_8000_0000', '0x4_4000_0000', '0x2_8000_0000']);
    expect(labels('mmio')).toEqual(['0x10_0000_0000', '0xf_e000_0000', '0xf_c000_0000', '0xf800_0000', '0xf000_0000']);
    expect(addressesFallDownward(scene)).toBe(true);
    expect(scene.legend.map((l) => l.label)).toEqual(['VTL0', 'VTL2_RAM', 'VTL2_CONFIG', 'VTL0_MMIO', 'VTL2_MMIO', 'VTL2_GPA_POOL', 'VTL2_BOOTSHIM_LOG_BUFFER', 'VTL2_PERSISTED_STATE_HEADER', 'VTL2_PERSISTED_STATE_PROTOBUF', 'gap (collapsed)']);
    expect(faults(scene)).toEqual([]);
  });

  it('calls out the header page and the protobuf region with the header fields, beside the blocks they are', async () => {
    const scene = layoutDiagram(await fixtureDoc('img02_realistic'), { name: 'img02_realistic.bin' });
    expect(scene.callouts.map((c) => [c.region, c.texts.map((t) => t.text)])).toEqual([
      ['protobuf', ['Protobuf region', '0x4_8000_1000 – 0x4_8001_4000 · 76 KiB', 'entry memory #6 · vnode 0', 'payload', '380 bytes, at its start', 'rest', '75.62 KiB, not zeroed']],
      ['header', ['Persisted-state header page', '0x4_8000_0000 – 0x4_8000_1000 · 4 KiB', 'entry memory #5 · vnode 0', 'magic', 'OHCLPHDR', 'protobuf_base', '0x4_8000_1000', 'protobuf_region_len', '0x1_3000 (76 KiB)', 'protobuf_payload_len', '380 bytes']],
    ]);
    // Each bracket spans exactly its block.
    for (const [region, index] of [['header', 5], ['protobuf', 6]] as const) {
      const block = scene.blocks.find((b) => b.table === 'memory' && b.refs[0]!.index === index)!;
      const ys = scene.callouts.find((c) => c.region === region)!.bracket.points.map(([, y]) => y);
      expect([Math.min(...ys), Math.max(...ys)]).toEqual([block.y + 1, block.y + block.height - 1]);
    }
  });

  it('VTL2 only: the VTL2 ranges, stacked by address, and the persisted-state region in detail', async () => {
    const doc = await fixtureDoc('img02_realistic');
    const scene = layoutDiagram(doc, { name: 'img02_realistic.bin', mode: 'vtl2' });
    expect(scene.heading[1]!.text).toBe('VTL2 image · VTL2 ranges only: 10 of 17 ranges (9 memory, 1 MMIO) · 2 vnodes');
    expect(scene.blocks.map((b) => refKey(b.refs[0]!)).sort()).toEqual(['memory:10', 'memory:11', 'memory:12', 'memory:13', 'memory:5', 'memory:6', 'memory:7', 'memory:8', 'memory:9', 'mmio:2']);
    // Adjacent, not interleaved: each column its own section, highest first.
    expect(scene.columns.map((c) => [c.key, c.section])).toEqual([['mmio', 0], ['vnode-1', 1], ['vnode-0', 2]]);
    expect(scene.sections.map((s) => [s.start, s.end])).toEqual([[0xf_e000_0000n, 0x10_0000_0000n], [0x4_8800_0000n, 0x4_8c00_0000n], [0x4_8000_0000n, 0x4_8800_0000n]]);
    expect(scene.gaps.map((g) => g.text.text)).toEqual(['gap · 45.31 GiB']);
    expect(scene.callouts).toHaveLength(1);
    expect(scene.callouts[0]!.texts.map((t) => t.text)).toEqual([
      'Persisted state, in detail',
      'from the image header (magic OHCLPHDR)',
      '0x4_8020_0000', 'rest of the 2 MiB persisted region · 1.92 MiB', 'returned to VTL2 RAM by openhcl_boot',
      '0x4_8001_4000', 'rest of the protobuf region · 75.62 KiB', 'not zeroed: may hold an older payload',
      '0x4_8000_117c', 'SavedState payload · 380 bytes',
      '0x4_8000_1000', 'rest of the header page · 4,064 bytes', 'not read',
      '0x4_8000_0020', 'protobuf_payload_len = 380 bytes',
      '0x4_8000_0018', 'protobuf_region_len = 0x1_3000 (76 KiB)',
      '0x4_8000_0010', 'protobuf_base = 0x4_8000_1000',
      '0x4_8000_0008', 'magic = OHCLPHDR',
      '0x4_8000_0000',
    ]);
    expect(addressesFallDownward(scene)).toBe(true);
    expect(faults(scene)).toEqual([]);
  });

  it('a saved state without a header: callouts from the entries, the detail says what the input lacks', async () => {
    const doc = await fixtureDoc('p03_realistic_x64_2node');
    const all = layoutDiagram(doc, { name: 'p03.bin' });
    expect(all.callouts.map((c) => c.texts.map((t) => t.text))).toEqual([
      ['Protobuf region', '0x4_8000_1000 – 0x4_8001_4000 · 76 KiB', 'from memory #6 · vnode 0', 'payload', '380 bytes, at its start', 'rest', '75.62 KiB, not zeroed'],
      ['Persisted-state header page', '0x4_8000_0000 – 0x4_8000_1000 · 4 KiB', 'from memory #5 · vnode 0'],
    ]);
    const vtl2 = layoutDiagram(doc, { name: 'p03.bin', mode: 'vtl2' });
    expect(vtl2.callouts[0]!.texts.map((t) => t.text)).toEqual([
      'Persisted state, in detail',
      'from the VTL2_PERSISTED_STATE_* entries',
      '0x4_8001_4000', 'rest of the protobuf region · 75.62 KiB', 'not zeroed: may hold an older payload',
      '0x4_8000_117c', 'SavedState payload · 380 bytes',
      '0x4_8000_1000', 'header page · 4 KiB', 'its 32-byte header is not in this input',
      '0x4_8000_0000',
    ]);
  });
});

describe('layoutDiagram: any input', () => {
  it('every fixture (device trees too), both modes: no two texts meet, no text leaves its block, addresses fall downward', async () => {
    const inputs = [...fixtures.map((f) => ({ name: f.name, bytes: f.bytes })), ...loadDtFixtures().map((f) => ({ name: f.name, bytes: f.bytes }))];
    expect(inputs.length).toBeGreaterThan(25);
    for (const fixture of inputs) {
      const doc = await openDoc(bytesSource(fixture.bytes));
      for (const mode of ['all', 'vtl2'] as const) {
        const scene = layoutDiagram(doc, { name: `${fixture.name}.bin`, mode });
        expect(faults(scene), `${fixture.name} ${mode}`).toEqual([]);
        expect(addressesFallDownward(scene), `${fixture.name} ${mode}`).toBe(true);
        const drawn = mode === 'all' ? doc.entries : doc.entries.filter((e) => e.vtlType.value !== 0 && e.vtlType.value !== 5);
        expect(scene.blocks.flatMap((b) => b.refs.map(refKey)).sort(), fixture.name).toEqual(drawn.map((e) => refKey(e.ref)).sort());
      }
    }
  });

  it('empty and inverted ranges get a block of their own (p04: three points at 0 in vnode 0, side by side)', async () => {
    const doc = await fixtureDoc('p04_defaults_zero_values');
    const scene = layoutDiagram(doc, { name: 'p04.bin' });
    expect(scene.counts).toEqual({ entries: 9, blocks: 9, merged: 0 });
    expect(scene.columns.map((c) => [c.key, c.lanes])).toEqual([['vnode-0', 3], ['vnode-1', 1], ['mmio', 2]]);
    const points = scene.blocks.filter((b) => b.table === 'memory' && b.start === 0n && b.end === 0n).sort((a, b) => a.refs[0]!.index - b.refs[0]!.index);
    expect(points.map((b) => b.texts.map((t) => t.text).join(' / '))).toEqual(['VTL0 / 0 bytes / memory #0', 'VTL0 / 0 bytes / memory #3', 'VTL2_RAM / 0 bytes / memory #4', 'VTL0 / 0 bytes / IGVM PLATFORM_RESERVED / memory #5']);
    const inverted = await docWithMemory([{ range: { start: 0x2000n, end: 0x1000n }, vnode: 0, vtl_type: vtl0, igvm_type: memoryIgvm }]);
    expect(layoutDiagram(inverted, { name: 'x' }).blocks.map((b) => [b.start, b.end, b.texts[1]!.text])).toEqual([[0x2000n, 0x1000n, 'inverted: ends 0x1000']]);
  });

  it('heights grow with the log of the size: a page is as readable as 4 GiB, larger ranges are taller', async () => {
    expect([0x1000n, 0x2000n, 0x10_0000n, 1n << 30n, 1n << 32n, 1n << 64n].map(rangeHeight)).toEqual([22, 26, 54, 94, 102, 230]);
    expect(rangeHeight(0x3000n)).toBe(22 + 4 + 2); // 1.5 doublings of one page
    const scene = layoutDiagram(await fixtureDoc('img02_realistic'), { name: 'x' });
    const height = (table: string, index: number) => scene.blocks.find((b) => b.table === table && b.refs[0]!.index === index)!.height;
    // Four lines of text need 68: the 4 KiB header page and the 8 KiB log buffer get exactly that; 6 GiB is taller.
    expect([height('memory', 5), height('memory', 9), height('memory', 2)]).toEqual([68, 68, 104]);
  });

  it('a name holding markup is text, cut to 80 characters; control characters become U+FFFD', async () => {
    const doc = await fixtureDoc('p02_single_memory_entry');
    expect(layoutDiagram(doc, { name: '<a href="x">&\u0007' }).heading[0]!.text).toBe('<a href="x">&\ufffd — memory map');
    expect(layoutDiagram(doc, { name: 'n'.repeat(200) }).heading[0]!.text).toBe(`${'n'.repeat(40)}…${'n'.repeat(39)} — memory map`);
  });

  it('an input with no state draws its title, legend and why there is nothing', async () => {
    const scene = layoutDiagram(await fixtureDoc('bad_p01_truncated_mid_field'), { name: 'bad.bin' });
    expect(scene.blocks).toEqual([]);
    expect(scene.heading[scene.heading.length - 1]!.text).toMatch(/^The input did not decode: /);
    expect(layoutDiagram(await fixtureDoc('bad_img01_bad_magic'), { name: 'bad.bin' }).heading.at(-1)!.text).toBe('No SavedState in this input.');
    expect(layoutDiagram(await fixtureDoc('p08_mmio_only'), { name: 'x', mode: 'vtl2' }).blocks.map((b) => b.texts[0]!.text)).toEqual(['VTL2_MMIO']);
    // The header still says where the region is: its callouts stand on their own, over the hole.
    const b3 = layoutDiagram(await fixtureDoc('bad_img03_payload_len_gt_region_len'), { name: 'bad.bin' });
    expect(b3.callouts.map((c) => c.texts.slice(2).map((t) => t.text))).toEqual([
      ['no VTL2_PERSISTED_STATE_PROTOBUF entry', 'payload', '76 KiB (77,825 bytes), at its start', 'past its end', '1 byte'],
      ['no VTL2_PERSISTED_STATE_HEADER entry', 'magic', 'OHCLPHDR', 'protobuf_base', '0x4_8000_1000', 'protobuf_region_len', '0x1_3000 (76 KiB)', 'protobuf_payload_len', '76 KiB (77,825 bytes)'],
    ]);
    expect(b3.gaps.map((g) => g.text.text)).toEqual(['gap · 76 KiB', 'gap · 4 KiB']);
    expect(faults(b3)).toEqual([]);
    // A header whose protobuf_base lies 16 GiB past its page (the image's base given): two callouts over
    // their own holes, or one detail spanning both, in one section.
    const bytes = fixtures.find((f) => f.name === 'img02_realistic')!.bytes.slice();
    new DataView(bytes.buffer).setBigUint64(8, 0x8_8000_0000n, true);
    const far = await openDoc(bytesSource(bytes), { baseGpa: 0x4_8000_0000n });
    expect([far.regions.persistedHeader?.start, far.regions.protobufRegion?.start]).toEqual([0x4_8000_0000n, 0x8_8000_0000n]);
    for (const [mode, sections] of [['all', 2], ['vtl2', 1]] as const) {
      const scene = layoutDiagram(far, { name: 'far.bin', mode });
      expect([scene.sections.length, scene.callouts.length], mode).toEqual([sections, sections]);
      expect(faults(scene), mode).toEqual([]);
    }
  });

  it('a device tree: its unified memory map, the persisted-state entries called out with the payload its next servicing would write', async () => {
    const dt = loadDtFixtures().find((f) => f.name === 'dt01_x64_2node_host')!;
    const doc = await openDoc(bytesSource(dt.bytes), {}, 'dt01.dtb');
    const scene = layoutDiagram(doc, { name: 'dt01.dtb' });
    expect(scene.heading[1]!.text).toMatch(/^device tree · \d+ ranges/);
    expect(scene.blocks.map((b) => refKey(b.refs[0]!)).sort()).toEqual(doc.entries.map((e) => refKey(e.ref)).sort());
    expect(scene.callouts.find((c) => c.region === 'protobuf')!.texts.map((t) => t.text)).toContain('next payload');
    expect(faults(scene)).toEqual([]);
  });

  it('is deterministic: the same document gives an equal scene', async () => {
    const doc = await fixtureDoc('img02_realistic');
    expect(layoutDiagram(doc, { name: 'a' })).toEqual(layoutDiagram(doc, { name: 'a' }));
  });
});

describe('layoutDiagram: bounded, whatever the size', () => {
  it('64 vnodes: one column each, labels apart, every entry drawn when the budget allows', async () => {
    const doc = await stateDoc(syntheticSavedState({ entries: 128, vnodes: 64 }));
    const scene = layoutDiagram(doc, { name: 'synthetic.bin' });
    expect(doc.entries).toHaveLength(128 + 128);
    expect(scene.counts).toEqual({ entries: 256, blocks: 200, merged: 56 });
    expect(new Set(scene.columns.map((c) => c.key)).size).toBe(65);
    expect(faults(scene)).toEqual([]);
    expect(addressesFallDownward(scene)).toBe(true);
    const small = await stateDoc(syntheticSavedState({ entries: 64, vnodes: 64 }));
    const all = layoutDiagram(small, { name: 'synthetic.bin' });
    expect(all.counts).toEqual({ entries: 64 + 128, blocks: 192, merged: 0 });
    expect(faults(all)).toEqual([]);
  });

  it('10,000 ranges over 8 and 64 vnodes: at most 200 blocks, no entry lost, holes kept between merged runs', async () => {
    for (const vnodes of [8, 64]) {
      const doc = await stateDoc(syntheticSavedState({ entries: 10_000, vnodes }));
      const scene = layoutDiagram(doc, { name: 'big.bin' });
      expect(scene.blocks.length).toBeLessThanOrEqual(BLOCK_LIMITS.maxBlocks);
      expect(scene.blocks.reduce((n, b) => n + b.refs.length, 0)).toBe(doc.entries.length);
      expect(scene.height).toBeLessThan(40_000);
      expect(scene.width).toBeLessThan(1_000);
      expect(scene.heading[3]!.text).toBe(`${(doc.entries.length).toLocaleString('en-US')} ranges drawn as ${scene.blocks.length} blocks: runs of neighbouring ranges merged (dashed).`);
      // Over 8 vnodes the MMIO column needs fewer blocks than its share: it keeps them all.
      if (vnodes === 8) expect(scene.blocks.filter((b) => b.table === 'mmio').map((b) => b.kind)).toEqual(new Array(16).fill('entry'));
      expect(scene.gaps.length).toBeGreaterThan(20);
      expect(faults(scene)).toEqual([]);
      expect(addressesFallDownward(scene)).toBe(true);
    }
  });

  it('64 vnodes that all interleave (RAM low, VTL2 memory high: the 64-node device-tree sample) stack instead of 65 columns wide', async () => {
    const doc = await openDoc(bytesSource(new Uint8Array(readFileSync(path.join(REPO_ROOT, 'public/samples/synthetic_dt_64node.dtb')))));
    const scene = layoutDiagram(doc, { name: 'synthetic_dt_64node.dtb' });
    expect(scene.width).toBeLessThan(1_000);
    expect(scene.columns.every((c) => scene.columns.filter((d) => d.section === c.section).length === 1)).toBe(true);
    // A vnode's low RAM and its high VTL2 memory are never one merged block: the widest holes are cut first.
    for (const block of scene.blocks) {
      const vtl2 = block.refs.map((r) => isVtl2(entryByRef(doc.entries, r)!.vtlType.value));
      expect(new Set(vtl2).size, block.title).toBe(1);
    }
    expect(scene.blocks.length).toBe(BLOCK_LIMITS.maxBlocks);
    expect(scene.columns.find((c) => c.key === 'vnode-63')!.label).toBe('vnode 63');
    expect(scene.columnLabels.filter((t) => t.text === 'CPUs 252–255').length).toBeGreaterThan(0);
    expect(faults(scene)).toEqual([]);
    expect(addressesFallDownward(scene)).toBe(true);
  });

  it('10,000 vnodes share 64 columns; 1,000 copies of one range merge instead of taking 1,000 lanes', async () => {
    const many = await docWithMemory(Array.from({ length: 10_000 }, (_, i) => ({ range: { start: BigInt(i) * 0x1000n, end: BigInt(i + 1) * 0x1000n }, vnode: i, vtl_type: vtl0, igvm_type: memoryIgvm })));
    const wide = layoutDiagram(many, { name: 'x' });
    expect(new Set(wide.columns.map((c) => c.key)).size).toBe(64);
    expect(wide.columns.find((c) => c.key === 'vnodes-rest')!.label).toBe('vnodes 63–9999 (9937)');
    expect(wide.blocks.length).toBeLessThanOrEqual(BLOCK_LIMITS.maxBlocks + 64 * BLOCK_LIMITS.minBlocksPerColumn);
    expect(faults(wide)).toEqual([]);

    const copies = await docWithMemory(Array.from({ length: 1_000 }, () => ({ range: { start: 0x1000n, end: 0x2000n }, vnode: 0, vtl_type: vtl0, igvm_type: memoryIgvm })));
    const deep = layoutDiagram(copies, { name: 'x' });
    expect(deep.blocks.map((b) => [b.kind, b.refs.length, b.texts[0]!.text])).toEqual([['merged', 1000, '1,000 ranges']]);
    expect(deep.columns[0]!.lanes).toBe(1);
  });
});
