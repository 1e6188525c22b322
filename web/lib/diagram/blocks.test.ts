import { describe, expect, it } from 'vitest';
import type { Entry } from '../model/entries.ts';
import { BLOCK_LIMITS, planBlocks, shareBudget, spanKeys } from './blocks.ts';

const entry = (index: number, start: bigint, end: bigint, vtlType = 0, vnode: number | null = 0): Entry => ({
  ref: { table: vnode === null ? 'mmio' : 'memory', index },
  start,
  end,
  vnode,
  vtlType: { value: vtlType, name: null },
  igvmType: vnode === null ? null : { value: 0, name: 'MEMORY' },
});
const page = (n: number) => BigInt(n) * 0x1000n;
const limits = (maxBlocks: number) => ({ ...BLOCK_LIMITS, maxBlocks });
const spans = (plan: ReturnType<typeof planBlocks>) => plan.columns.map((c) => c.blocks.map((b) => [b.kind, b.entries.map((e) => e.ref.index)]));

describe('planBlocks', () => {
  it('one block per entry while the budget allows; vnode columns in order, then MMIO', () => {
    const plan = planBlocks([entry(0, page(4), page(5), 0, 1), entry(1, page(0), page(1)), entry(0, page(9), page(10), 5, null)], () => false);
    expect(plan.columns.map((c) => c.key)).toEqual(['vnode-0', 'vnode-1', 'mmio']);
    expect(spans(plan)).toEqual([[['entry', [1]]], [['entry', [0]]], [['entry', [0]]]]);
  });

  it('over budget: same-type neighbours merge first', () => {
    const list = [entry(0, page(0), page(1)), entry(1, page(1), page(2)), entry(2, page(2), page(3), 1), entry(3, page(3), page(4), 1)];
    expect(spans(planBlocks(list, () => false, limits(2)))).toEqual([[['merged', [0, 1]], ['merged', [2, 3]]]]);
  });

  it('then runs of any type, cut at a hole near the even place, the pinned entries alone', () => {
    // Ten alternating pages with one hole, after the fourth.
    const list = Array.from({ length: 10 }, (_, i) => entry(i, page(i < 4 ? i : i + 5), page(i < 4 ? i + 1 : i + 6), i % 2));
    expect(spans(planBlocks(list, () => false, limits(2)))).toEqual([[['merged', [0, 1, 2, 3]], ['merged', [4, 5, 6, 7, 8, 9]]]]);
    expect(spans(planBlocks(list, (e) => e.ref.index === 6, limits(3)))).toEqual([[['merged', [0, 1, 2, 3]], ['merged', [4, 5]], ['entry', [6]], ['merged', [7, 8, 9]]]]);
  });

  it('one range over 200,000 others: two lanes, no spread of them as arguments', () => {
    const list = [entry(0, page(0), page(400_000)), ...Array.from({ length: 200_000 }, (_, i) => entry(i + 1, page(2 * i), page(2 * i + 1)))];
    const plan = planBlocks(list, () => false);
    expect(plan.columns[0]!.blocks.flatMap((b) => b.entries)).toHaveLength(200_001);
  }, 30_000);

  it('ranges overlapping deeper than maxLanes merge; up to it they stay, for lanes side by side', () => {
    const copies = (n: number) => Array.from({ length: n }, (_, i) => entry(i, page(0), page(1)));
    expect(spans(planBlocks(copies(4), () => false))).toEqual([[0, 1, 2, 3].map((i) => ['entry', [i]])]);
    expect(spans(planBlocks(copies(5), () => false))).toEqual([[['merged', [0, 1, 2, 3, 4]]]]);
  });
});

describe('shareBudget', () => {
  it('small columns keep all, the rest split evenly, never under the minimum', () => {
    expect(shareBudget([5, 100, 300], { maxBlocks: 60, minBlocksPerColumn: 2 })).toEqual([5, 27, 28]);
    expect(shareBudget([16, ...new Array(8).fill(1250)], { maxBlocks: 200, minBlocksPerColumn: 2 })).toEqual([16, ...new Array(8).fill(23)]);
    expect(shareBudget(new Array(100).fill(10), { maxBlocks: 50, minBlocksPerColumn: 2 })).toEqual(new Array(100).fill(2));
  });
});

describe('spanKeys', () => {
  it('a point inside a range overlaps it, a point at its edge does not', () => {
    const range = spanKeys(0x1000n, 0x3000n);
    const inner = spanKeys(0x2000n, 0x2000n);
    const edge = spanKeys(0x3000n, 0x3000n);
    expect(inner.lo >= range.lo && inner.hi <= range.hi).toBe(true);
    expect(edge.lo > range.hi).toBe(true);
  });
});
