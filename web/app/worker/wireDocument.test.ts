import { describe, expect, it } from 'vitest';
import { encodeSavedState } from '../../lib/format/encodeSavedState.ts';
import { openInput } from '../../lib/import/index.ts';
import { bytesSource } from '../../lib/io/byteSource.ts';
import { loadFixtures } from '../../lib/testing/fixtures.ts';
import { syntheticDeviceTree } from '../../lib/testing/syntheticDeviceTree.ts';
import { syntheticSavedState } from '../../lib/testing/syntheticTopology.ts';
import { fromWire, toWire } from './wireDocument.ts';

const inputs: [string, Uint8Array][] = [
  ...loadFixtures().map((f): [string, Uint8Array] => [f.name, f.bytes]),
  ['synthetic 2,000', encodeSavedState(syntheticSavedState({ entries: 2000, vnodes: 8 }))],
  ['synthetic device tree', syntheticDeviceTree({ vnodes: 4, ranges: 60, cpus: 8, seed: 3 })],
];

describe('the document as the worker posts it', () => {
  it.each(inputs.flatMap(([name, bytes]): [string, Uint8Array, number][] => [[`${name}, cloned`, bytes, Infinity], [`${name}, in columns`, bytes, 0]]))('%s: leaves the entries behind and the page gets the same document', async (name, bytes, packFrom) => {
    const opened = await openInput(bytesSource(bytes), { name });
    const { wire: posted, transfer } = toWire(opened, packFrom);
    const wire = structuredClone(posted, { transfer });
    if (opened.ok && opened.doc.entries.length > 0) {
      expect(wire.ok && wire.doc.entries).toEqual([]);
      expect(transfer.length).toBe(packFrom === 0 ? 8 : 0);
    }
    const back = fromWire(wire);
    expect(back).toEqual(opened);
    // The entries share the SavedState's enum objects, as the worker's did.
    if (back.ok && back.doc.entries.length > 0) expect(back.doc.entries[0]!.vtlType).toBe(back.doc.decoded!.partition_memory[0]?.vtl_type ?? back.doc.decoded!.partition_mmio[0]!.vtl_type);
  });

  it('keeps entries that are not the SavedState\'s as they are', async () => {
    const opened = await openInput(bytesSource(loadFixtures().find((f) => f.name === 'img02_realistic')!.bytes), { name: 'x' });
    if (!opened.ok) throw new Error('fixture did not open');
    const odd = { ...opened, doc: { ...opened.doc, entries: opened.doc.entries.slice(1) } };
    expect(toWire(odd).wire).toBe(odd);
  });
});
