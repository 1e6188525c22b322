import { describe, expect, it } from 'vitest';
import { bytesSource } from '../io/byteSource.ts';
import { entryFilter } from '../model/filter.ts';
import { NO_FILTERS } from '../model/view.ts';
import { loadFixtures } from '../testing/fixtures.ts';
import { openDoc as openDocument } from '../testing/openDoc.ts';
import { buildLanes, topologyAxis, type LaneItem } from './lanes.ts';
import { headerOfRegions, persistedMarkers } from './persisted.ts';
import { savedStateDoc } from '../testing/savedStateDoc.ts';
import { sizeWithExact } from '../model/text.ts';

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

  it('an inverted header entry (the first of its type, as upstream takes it) is a marker of size 0, not a negative one', async () => {
    const state = (await openDocument(bytesSource(fixture('p03_realistic_x64_2node').bytes))).decoded!;
    const memory = state.partition_memory.map((e) => (e.vtl_type.value === 11 ? { ...e, range: { start: e.range.end, end: e.range.start } } : e));
    const m = persistedMarkers(savedStateDoc({ ...state, partition_memory: memory }));
    expect(m.header).toMatchObject({ start: 0x4_8000_1000n, end: 0x4_8000_0000n, source: 'entry' });
    expect(m.header!.fields.find((f) => f.name === 'size')!.value).toBe(sizeWithExact(0n));
  });

  it('headerOfRegions: the header when the regions come from it (an image), else null (a raw state, a damaged magic)', async () => {
    const image = await openDocument(bytesSource(fixture('img02_realistic').bytes));
    expect(headerOfRegions(image)).toBe(image.format.kind === 'device-tree' ? null : image.format.header);
    expect(headerOfRegions(image)).not.toBeNull();
    expect(headerOfRegions(await openDocument(bytesSource(fixture('p03_realistic_x64_2node').bytes)))).toBeNull();
    expect(headerOfRegions(await openDocument(bytesSource(fixture('bad_img01_bad_magic').bytes)))).toBeNull();
  });

  it('has no markers when neither exists', async () => {
    const doc = await openDocument(bytesSource(fixture('p08_mmio_only').bytes));
    expect(persistedMarkers(doc)).toEqual({ header: null, protobuf: null });
  });
});

describe('lanes of a real topology', () => {
  it('puts img02 on two vnode lanes and an MMIO lane', async () => {
    const doc = await openDocument(bytesSource(fixture('img02_realistic').bytes));
    const lanes = buildLanes(doc.entries, topologyAxis(doc.entries));
    expect(lanes.map((l) => [l.label, l.items.length])).toEqual([['vnode 0', 10], ['vnode 1', 4], ['MMIO', 3]]);
    const kept = (filters: Partial<typeof NO_FILTERS>) => {
      const keep = entryFilter({ ...NO_FILTERS, ...filters });
      return (i: LaneItem) => keep(i.entry);
    };
    expect(lanes[0]!.items.filter(kept({ vtlTypes: [1] })).map((i) => i.entry.ref.index)).toEqual([7, 10]);
    expect(lanes.flatMap((l) => l.items.filter(kept({ address: '0x4_8000_0800' }))).map((i) => i.entry.ref)).toEqual([{ table: 'memory', index: 5 }]);
    // A vnode filter keeps that vnode's ranges only: MMIO has no vnode.
    expect(lanes.map((l) => l.items.filter(kept({ vnodes: [1] })).length)).toEqual([0, 4, 0]);
    // Text that is not an address matches nothing (the box says why), in the map as in the table.
    expect(lanes.map((l) => l.items.filter(kept({ address: 'not an address' })).length)).toEqual([0, 0, 0]);
  });
});
