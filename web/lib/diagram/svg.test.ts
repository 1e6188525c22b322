import { describe, expect, it } from 'vitest';
import { bytesSource } from '../io/byteSource.ts';
import { hex } from '../model/text.ts';
import { loadFixtures } from '../testing/fixtures.ts';
import { openDoc } from '../testing/openDoc.ts';
import { allElements, parseXml } from '../testing/wellFormedXml.ts';
import { diagramPalette } from './colors.ts';
import { layoutDiagram } from './layout.ts';
import { diagramSvg } from './svg.ts';

const fixtures = loadFixtures();
const img02 = fixtures.find((f) => f.name === 'img02_realistic')!;

describe('diagramSvg', () => {
  it('is deterministic: the same input gives the same bytes, opened twice', async () => {
    for (const mode of ['all', 'vtl2'] as const) {
      const a = diagramSvg(layoutDiagram(await openDoc(bytesSource(img02.bytes)), { name: 'img02_realistic.bin', mode }));
      const b = diagramSvg(layoutDiagram(await openDoc(bytesSource(img02.bytes)), { name: 'img02_realistic.bin', mode }));
      expect(a).toBe(b);
    }
  });

  it('is well-formed, self-contained XML for every fixture: no script, no link, no external font, fixed numbers', async () => {
    for (const fixture of fixtures) {
      for (const mode of ['all', 'vtl2'] as const) {
        const svg = diagramSvg(layoutDiagram(await openDoc(bytesSource(fixture.bytes)), { name: `${fixture.name}.bin`, mode }));
        const { root, faults } = parseXml(svg);
        expect(faults, fixture.name).toEqual([]);
        const elements = allElements(root!);
        expect(new Set(elements.map((e) => e.name))).toEqual(new Set(['svg', 'title', 'rect', 'text', 'polyline', 'g'].filter((n) => elements.some((e) => e.name === n))));
        expect(elements.every((e) => ['svg', 'title', 'rect', 'text', 'polyline', 'g'].includes(e.name))).toBe(true);
        expect(svg).not.toMatch(/<script|href=|url\(|@import|@font-face|on[a-z]+=/i);
        expect(svg.match(/https?:\/\/[^"]*/g)).toEqual(['http://www.w3.org/2000/svg']);
        for (const e of elements) {
          for (const name of ['x', 'y', 'width', 'height', 'font-size', 'stroke-width']) if (name in e.attributes) expect(e.attributes[name]).toMatch(/^-?\d+(\.\d)?$/);
        }
      }
    }
  });

  it('a <g> per entry with its table, index, start and end, and its text inside', async () => {
    const doc = await openDoc(bytesSource(img02.bytes));
    const { root } = parseXml(diagramSvg(layoutDiagram(doc, { name: 'img02_realistic.bin' })));
    const groups = allElements(root!).filter((e) => e.name === 'g' && e.attributes.class === 'block');
    expect(groups.map((g) => [g.attributes['data-table'], Number(g.attributes['data-index'])]).sort()).toEqual(doc.entries.map((e) => [e.ref.table, e.ref.index]).sort());
    for (const entry of doc.entries) {
      const g = groups.find((x) => x.attributes['data-table'] === entry.ref.table && Number(x.attributes['data-index']) === entry.ref.index)!;
      expect([g.attributes['data-start'], g.attributes['data-end']]).toEqual([hex(entry.start), hex(entry.end)]);
      expect(g.children.filter((c) => c.name === 'text')[0]!.text).toBe(entry.vtlType.name);
    }
    const header = groups.find((g) => g.attributes['data-index'] === '5')!;
    expect(header.children.map((c) => (c.name === 'text' || c.name === 'title' ? c.text : c.name))).toEqual([
      'memory #5 VTL2_PERSISTED_STATE_HEADER: 0x4_8000_0000 – 0x4_8000_1000 (4 KiB) · vnode 0 · IGVM VTL2_PROTECTABLE',
      'rect',
      'VTL2_PERSISTED_STATE_HEADER',
      '4 KiB',
      'IGVM VTL2_PROTECTABLE',
      'memory #5',
    ]);
  });

  it('escapes what the input names: markup in a file name stays text', async () => {
    const doc = await openDoc(bytesSource(img02.bytes));
    const name = `<script>alert("x")</script>&amp;'.bin`;
    const svg = diagramSvg(layoutDiagram(doc, { name }));
    expect(svg).not.toContain('<script');
    const { root, faults } = parseXml(svg);
    expect(faults).toEqual([]);
    expect(allElements(root!).find((e) => e.name === 'title')!.text).toBe(`${name} — memory map`);
    expect(allElements(root!).filter((e) => e.name === 'text' && e.text.includes('script')).map((e) => e.text)).toEqual([`${name} — memory map`]);
  });

  it('paints the chrome for the theme asked (the VTL fills stay)', async () => {
    const scene = layoutDiagram(await openDoc(bytesSource(img02.bytes)), { name: 'x' });
    const light = diagramSvg(scene);
    const dark = diagramSvg(scene, 'dark');
    expect(light).toContain(`fill="${diagramPalette('light').bg}"`);
    expect(dark).toContain(`fill="${diagramPalette('dark').bg}"`);
    expect(dark).not.toContain(`fill="${diagramPalette('light').bg}"`);
    expect(dark).toContain('fill="#4e79a7"');
  });
});
