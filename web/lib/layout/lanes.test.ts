import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entriesOfSavedState } from '../model/entries.ts';
import { arbSavedState } from '../testing/arbitraries.ts';
import { syntheticSavedState } from '../testing/syntheticTopology.ts';
import { gpaToX } from './axis.ts';
import { buildLanes, laneItemFor, topologyAxis } from './lanes.ts';

describe('buildLanes', () => {
  it('places every entry where gpaToX does, in either scale, in order or not', () => {
    fc.assert(
      fc.property(arbSavedState, fc.constantFrom('proportional' as const, 'readable' as const), fc.boolean(), (state, scale, reverse) => {
        const entries = entriesOfSavedState(state);
        const axis = topologyAxis(entries, [], { scale });
        const lanes = buildLanes(reverse ? [...entries].reverse() : entries, axis);
        for (const lane of lanes) {
          for (const item of lane.items) {
            expect(item.x0).toBe(gpaToX(axis, item.entry.start));
            if (item.entry.end > item.entry.start) expect(item.x1).toBe(gpaToX(axis, item.entry.end));
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('finds the lane and item of an entry', () => {
    const entries = entriesOfSavedState(syntheticSavedState({ entries: 2000, vnodes: 8 }));
    const axis = topologyAxis(entries, [], { scale: 'readable' });
    const lanes = buildLanes(entries, axis);
    for (const entry of [entries[0]!, entries[777]!, entries.at(-1)!]) expect(laneItemFor(lanes, axis, entry)?.item.entry).toBe(entry);
  });
});
