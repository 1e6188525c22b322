import { describe, expect, it } from 'vitest';
import { encodeSavedState } from '../format/encodeSavedState.ts';
import { decodeSavedState } from '../format/savedState.ts';
import { syntheticSavedState } from './syntheticTopology.ts';

describe('syntheticSavedState', () => {
  it('makes the asked number of sorted, disjoint ranges that survive a round trip', () => {
    const state = syntheticSavedState({ entries: 10_000, vnodes: 64 });
    expect(state.partition_memory).toHaveLength(10_000);
    expect(new Set(state.partition_memory.map((e) => e.vnode)).size).toBe(64);
    expect(state.partition_memory.some((e) => e.range.end > 1n << 53n)).toBe(true);
    for (let i = 1; i < state.partition_memory.length; i++) {
      expect(state.partition_memory[i]!.range.start >= state.partition_memory[i - 1]!.range.end).toBe(true);
    }
    expect(decodeSavedState(encodeSavedState(state)).value).toEqual(state);
  });
});
