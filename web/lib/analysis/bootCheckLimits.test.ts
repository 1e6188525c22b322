// The fixed limits of FORMAT.md §4/§6 the boot check applies: the payload
// fits its protobuf region, and (since openvmm #3312) at most 64 pool ranges.
import { describe, expect, it } from 'vitest';
import { encodeSavedState } from '../format/encodeSavedState.ts';
import { bytesSource } from '../io/byteSource.ts';
import type { MemoryEntry, SavedState } from '../model/savedState.ts';
import { VTL } from '../model/vtlTypes.ts';
import { loadFixtures } from '../testing/fixtures.ts';
import { openDoc } from '../testing/openDoc.ts';
import { syntheticDeviceTree } from '../testing/syntheticDeviceTree.ts';
import { bootCheck } from './bootCheck.ts';
import { bootCheckOfDocument } from './bootCheckOfDocument.ts';

const p03 = async () => (await openDoc(bytesSource(loadFixtures().find((f) => f.name === 'p03_realistic_x64_2node')!.bytes))).decoded!;
const entry = (start: bigint, pages: bigint, vtl: number, igvm = 0): MemoryEntry => ({ range: { start, end: start + pages * 0x1000n }, vnode: 0, vtl_type: { value: vtl, name: null }, igvm_type: { value: igvm, name: null } });
/** `count` entries of type `vtl`, one page each, end to end from 2^48 (above p03's map). */
const run = (count: number, vtl: number, igvm = 0) => Array.from({ length: count }, (_, i) => entry((1n << 48n) + BigInt(i) * 0x1000n, 1n, vtl, igvm));
const FIT_STEP = 'assert!(protobuf_payload_len <= protobuf_region_len)';

describe('the payload fits the protobuf region it is written to', () => {
  it('a raw saved state longer than its VTL2_PERSISTED_STATE_PROTOBUF range (19 pages) panics; p03 fits', async () => {
    const state = await p03();
    const fits = await openDoc(bytesSource(encodeSavedState(state)));
    expect(fits.bootCheck.outcome).toBe('accepted');
    const big: SavedState = { ...state, partition_memory: [...state.partition_memory, ...run(8000, VTL.VTL0)] };
    const bytes = encodeSavedState(big);
    expect(bytes.length).toBeGreaterThan(0x13000);
    const doc = await openDoc(bytesSource(bytes));
    expect(doc.bootCheck).toMatchObject({ outcome: 'panic', step: FIT_STEP });
    expect(doc.bootCheck.reason).toContain(`protobuf payload len ${bytes.length} is larger than region len 77824`);
    // Re-judged under another release, the length is still known.
    expect(bootCheckOfDocument(doc, 'pre-2026-04')).toMatchObject({ outcome: 'panic', step: FIT_STEP });
  });

  it('a device tree whose implied state outgrows the region: its next servicing cannot write it', async () => {
    const doc = await openDoc(bytesSource(syntheticDeviceTree({ vnodes: 64, ranges: 4000, cpus: 256 })));
    if (doc.format.kind !== 'device-tree') throw new Error('not a tree');
    expect(doc.format.impliedPayload!.length).toBeGreaterThan(0x13000);
    expect(doc.bootCheck).toMatchObject({ outcome: 'panic', step: FIT_STEP });
    expect(bootCheckOfDocument(doc, 'pre-2026-04', { ownHost: false })).toMatchObject({ outcome: 'panic', step: FIT_STEP });
  });
});

describe('at most 64 pool ranges, one per NUMA node (openvmm #3312)', () => {
  const withPools = async (count: number): Promise<SavedState> => {
    const state = await p03();
    // Adjacent, one vnode and IGVM type: they rebuild one VTL2 RAM range, so only the pool count matters.
    return { ...state, partition_memory: [...state.partition_memory.filter((e) => e.vtl_type.value !== VTL.VTL2_GPA_POOL), ...run(count, VTL.VTL2_GPA_POOL, 3)] };
  };
  const judge = (state: SavedState, release: 'current' | 'pre-2026-04') => bootCheck({ kind: 'saved-state', header: null, headerGpa: null, decoded: state, error: null, payloadUnreadable: false }, release);

  it('64 pass and 65 panic in a release without the single-pool assert', async () => {
    expect(judge(await withPools(64), 'current').outcome).toBe('accepted');
    const over = judge(await withPools(65), 'current');
    expect(over).toMatchObject({ outcome: 'panic', step: 'pool ranges: at most 64, one per NUMA node (openvmm #3312, 2026-04-30)' });
    expect(over.reason).toBe('65 VTL2_GPA_POOL ranges, more than the 64 (one per NUMA node) openhcl_boot takes since openvmm #3312');
  });

  it('a release with the single-pool assert panics on the second range already', async () => {
    expect(judge(await withPools(65), 'pre-2026-04').reason).toContain('previous instance had multiple pool ranges');
  });
});
