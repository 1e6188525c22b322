import { describe, expect, it } from 'vitest';
import { openDocument } from '../document/openDocument.ts';
import { bytesSource } from '../io/byteSource.ts';
import { loadFixtures } from '../testing/fixtures.ts';
import { itemFilter } from './filters.ts';
import { buildLanes, topologyAxis } from './lanes.ts';
import { persistedMarkers } from './persisted.ts';

const fixture = (name: string) => loadFixtures().find((f) => f.name === name)!;

describe('persistedMarkers', () => {
  it('takes the header page and protobuf region of an image from its header', async () => {
    const doc = await openDocument(bytesSource(fixture('img02_realistic').bytes));
    const m = persistedMarkers(doc);
    expect(m.header).toMatchObject({ start: 0x4_8000_0000n, end: 0x4_8000_1000n, source: 'header' });
    expect(m.protobuf).toMatchObject({ start: 0x4_8000_1000n, end: 0x4_8000_1000n + 77824n, source: 'header' });
    expect(m.header!.fields.map((f) => f.name)).toEqual(['magic', 'protobuf_base', 'protobuf_region_len', 'protobuf_payload_len']);
    expect(m.header!.fields[0]!.value).toBe('OHCLPHDR');
  });

  it('falls back to the persisted-state memory entries for a raw saved state', async () => {
    const doc = await openDocument(bytesSource(fixture('p03_realistic_x64_2node').bytes));
    const m = persistedMarkers(doc);
    expect(m.header).toMatchObject({ start: 19327352832n, end: 19327356928n, source: 'entry' });
    expect(m.protobuf).toMatchObject({ start: 19327356928n, end: 19327434752n, source: 'entry' });
  });

  it('has no markers when neither exists', async () => {
    const doc = await openDocument(bytesSource(fixture('p08_mmio_only').bytes));
    expect(persistedMarkers(doc)).toEqual({ header: null, protobuf: null });
  });
});

describe('lanes of a real topology', () => {
  it('puts img02 on two vnode lanes and an MMIO lane', async () => {
    const doc = await openDocument(bytesSource(fixture('img02_realistic').bytes));
    const lanes = buildLanes(doc.decoded, topologyAxis(doc.decoded));
    expect(lanes.map((l) => [l.label, l.items.length])).toEqual([['vnode 0', 10], ['vnode 1', 4], ['MMIO', 3]]);
    const keep = itemFilter({ vtlTypes: [1], vnodes: null, igvmTypes: null, address: '' });
    expect(lanes[0]!.items.filter(keep).map((i) => i.ref.index)).toEqual([7, 10]);
    const at = itemFilter({ vtlTypes: null, vnodes: null, igvmTypes: null, address: '0x4_8000_0800' });
    expect(lanes.flatMap((l) => l.items.filter(at)).map((i) => i.ref)).toEqual([{ table: 'memory', index: 5 }]);
    const node1 = itemFilter({ vtlTypes: null, vnodes: [1], igvmTypes: null, address: 'not an address' });
    expect(lanes.map((l) => l.items.filter(node1).length)).toEqual([0, 4, 3]);
  });
});
