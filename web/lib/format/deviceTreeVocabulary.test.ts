import { describe, expect, it } from 'vitest';
import { loadDtFixtures } from '../testing/dtFixtures.ts';
import { FdtWriter } from '../testing/fdtWriter.ts';
import { MAX_KEPT_UNKNOWN_ITEMS, unknownDeviceTreeItems } from './deviceTreeVocabulary.ts';
import { MAX_SHOWN_NODE_NAME, readFdt } from './fdt.ts';

describe('unknownDeviceTreeItems', () => {
  it('finds nothing unknown in what write_dt writes (every fixture but the broken name)', () => {
    const found = loadDtFixtures()
      .filter((f) => f.expected.fdt.memory_reservations !== null)
      .map((f) => ({ name: f.name, items: unknownDeviceTreeItems(readFdt(f.bytes).root).items.map((u) => `${u.path} ${u.name}`) }));
    expect(found.filter((f) => f.items.length > 0)).toEqual([{ name: 'bad_dt05_prop_nameoff_past_strings', items: ['/openhcl/memory@0 null'] }]);
  });

  it('lists an unknown node once with its whole size, unknown properties of known nodes, and any child of /cpus as a CPU', () => {
    const tree = new FdtWriter()
      .beginNode('')
      .u32('#address-cells', 2)
      .u32('future-root-prop', 1)
      .beginNode('cpus')
      .beginNode('whatever')
      .u32('reg', 1)
      .endNode()
      .endNode()
      .beginNode('gpu@0')
      .u32('a', 1)
      .beginNode('inner')
      .endNode()
      .endNode()
      .endNode()
      .finish();
    const root = readFdt(tree).root;
    const gpu = root.children[1]!;
    expect(unknownDeviceTreeItems(root)).toEqual({
      items: [
        { kind: 'property', path: '/', name: 'future-root-prop', offset: root.properties[1]!.offset, size: 4, problem: null },
        { kind: 'node', path: '/gpu@0', name: null, offset: gpu.offset, size: 4 + 8 + 16 + 12 + 4 + 4, problem: null },
      ],
      omitted: 0,
    });
  });

  it('walks 300,000 children of /cpus (no spread of them as arguments)', () => {
    const w = new FdtWriter().beginNode('').beginNode('cpus');
    for (let i = 0; i < 300_000; i++) w.beginNode('c').endNode();
    const root = readFdt(w.endNode().endNode().finish()).root;
    expect(root.children[0]!.children).toHaveLength(300_000);
    expect(unknownDeviceTreeItems(root)).toEqual({ items: [], omitted: 0 });
  }, 30_000);

  it('keeps the first 1024 items by offset and counts the rest; a long node name is cut in their paths', () => {
    // 113 KB: a 100 KB name on a node write_dt writes (memory@…), with 2,000 properties it does not.
    const name = `memory@${'x'.repeat(100_000)}`;
    const w = new FdtWriter().beginNode('').beginNode(name);
    for (let i = 0; i < 2000; i++) w.prop(`p${i % 3}`, new Uint8Array());
    const root = readFdt(w.endNode().beginNode('late-unknown').endNode().endNode().finish()).root;
    const { items, omitted } = unknownDeviceTreeItems(root);
    expect(items).toHaveLength(MAX_KEPT_UNKNOWN_ITEMS);
    expect(omitted).toBe(2001 - MAX_KEPT_UNKNOWN_ITEMS);
    expect(items.map((u) => u.offset)).toEqual(root.children[0]!.properties.slice(0, MAX_KEPT_UNKNOWN_ITEMS).map((p) => p.offset));
    const path = `/${name.slice(0, MAX_SHOWN_NODE_NAME)}…`;
    expect(new Set(items.map((u) => u.path))).toEqual(new Set([path]));
    expect(root.children[0]!.name).toBe(name); // the name itself stays whole
    // Was 2,000 copies of the 100 KB path: 200 MB of JSON.
    expect(JSON.stringify(items).length).toBeLessThan(200_000);
  });
});
