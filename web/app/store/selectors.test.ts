// The table and the map answer every filter the same way: for random
// topologies and filters, the table's rows are exactly the map's undimmed
// entries (issue: "the table and the map answer the same filter differently").
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { undimmed } from '../../lib/layout/dimming.ts';
import { buildLanes, topologyAxis } from '../../lib/layout/lanes.ts';
import { entriesOfSavedState, refKey } from '../../lib/model/entries.ts';
import { SORT_KEYS, defaultViewState, type Filters } from '../../lib/model/view.ts';
import type { TopologyDocument } from '../../lib/model/topology.ts';
import { arbSavedState } from '../../lib/testing/arbitraries.ts';
import { visibleEntries } from './selectors.ts';

const someOf = (values: number[]) => fc.option(fc.subarray(values), { nil: null });

describe('table rows = undimmed map entries', () => {
  it('for random topologies and filters of every kind (property)', () => {
    fc.assert(
      fc.property(
        arbSavedState.chain((state) => {
          const entries = entriesOfSavedState(state);
          const starts = entries.map((e) => e.start);
          const address = fc.oneof(
            fc.constant(''),
            fc.constantFrom(...starts, 0n).map((a) => `0x${a.toString(16)}`),
            fc.tuple(fc.constantFrom(...starts, 0n), fc.bigInt({ min: 0n, max: 1n << 40n })).map(([a, len]) => `0x${a.toString(16)}-0x${(a + len).toString(16)}`),
            fc.constantFrom(...starts, 0n).map((a) => a.toString(16).slice(0, 3)),
            fc.string({ maxLength: 6 }),
          );
          const filters: fc.Arbitrary<Filters> = fc.record({
            vtlTypes: someOf([...new Set(entries.map((e) => e.vtlType.value)), 42]),
            vnodes: someOf([...new Set(entries.flatMap((e) => (e.vnode === null ? [] : [e.vnode]))), 7]),
            igvmTypes: someOf([...new Set(entries.flatMap((e) => (e.igvmType ? [e.igvmType.value] : []))), 9]),
            address,
            addressMode: fc.constantFrom('address' as const, 'text' as const),
          });
          return fc.tuple(fc.constant(entries), filters, fc.constantFrom(...SORT_KEYS), fc.boolean());
        }),
        ([entries, filters, key, descending]) => {
          const doc = { entries } as unknown as TopologyDocument;
          const view = { ...defaultViewState(), filters, sort: { key, descending } };
          const rows = visibleEntries({ current: { name: 'x', doc, input: { bytes: new Uint8Array() }, options: {} }, view });
          const keep = undimmed(filters);
          const lit = buildLanes(entries, topologyAxis(entries)).flatMap((lane) => lane.items.filter(keep).map((i) => i.entry));
          expect(new Set(rows.map((e) => refKey(e.ref)))).toEqual(new Set(lit.map((e) => refKey(e.ref))));
          expect(rows).toHaveLength(lit.length);
        },
      ),
      { numRuns: 400 },
    );
  });
});
