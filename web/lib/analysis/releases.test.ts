import { describe, expect, it } from 'vitest';
import { documentToJson } from '../export/documentJson.ts';
import { encodeSavedState } from '../format/encodeSavedState.ts';
import { bytesSource } from '../io/byteSource.ts';
import { DEFAULT_RELEASE, RELEASE_IDS } from '../model/view.ts';
import { loadFixtures } from '../testing/fixtures.ts';
import { openDoc } from '../testing/openDoc.ts';
import { hasRule, parseRelease, releaseRuleStatements, RELEASES, releasesWith } from './releases.ts';

const fixtures = loadFixtures();
const bytesOf = (name: string) => fixtures.find((f) => f.name === name)!.bytes;

describe('the release table', () => {
  it('current has no single-pool assert and keeps the CPU lists off the sidecar; pre-2026-04 the reverse', () => {
    expect(DEFAULT_RELEASE).toBe('current');
    expect(RELEASES.map((r) => r.id)).toEqual(['current', 'pre-2026-04']);
    // A link stores the index into RELEASE_IDS: the picker's rows are those ids, in that order.
    expect(RELEASES.map((r) => r.id)).toEqual(RELEASE_IDS);
    expect([hasRule('current', 'single-gpa-pool'), hasRule('current', 'cpu-lists-off-sidecar')]).toEqual([false, true]);
    expect([hasRule('pre-2026-04', 'single-gpa-pool'), hasRule('pre-2026-04', 'cpu-lists-off-sidecar')]).toEqual([true, false]);
    expect(releasesWith('single-gpa-pool').map((r) => r.id)).toEqual(['pre-2026-04']);
    expect(parseRelease('pre-2026-04')).toBe('pre-2026-04');
    expect(parseRelease('2026')).toBeNull();
  });

  it('says each rule as the release applies it, with the upstream changes', () => {
    expect(releaseRuleStatements('current')).toEqual([
      'more than one VTL2_GPA_POOL range is accepted (the pool may be split across NUMA nodes, one range per node, at most 64) (since openvmm #3312, 2026-04-30)',
      'the union of both CPU lists, sorted and de-duplicated, is the set of CPUs the kernel starts itself instead of the sidecar (since openvmm #3166, 2026-04-14; openvmm #3706, 2026-06-18)',
    ]);
    expect(releaseRuleStatements('pre-2026-04')).toEqual([
      'a persisted state with more than one VTL2_GPA_POOL range panics the boot ("previous instance had multiple pool ranges") (since openvmm #2030, 2025-10-20, until openvmm #3312, 2026-04-30)',
      'the CPU lists are decoded but do not choose which CPUs the kernel starts instead of the sidecar (before openvmm #3166, 2026-04-14)',
    ]);
  });
});

describe('the boot check by release (img02: two VTL2_GPA_POOL ranges)', () => {
  it('current accepts it, and says so', async () => {
    const doc = await openDoc(bytesSource(bytesOf('img02_realistic')));
    expect(doc.bootCheck).toMatchObject({ outcome: 'accepted', release: 'current' });
    expect(doc.diagnostics.find((d) => d.code === 'multiple-gpa-pools')?.message).toBe(
      '2 VTL2_GPA_POOL ranges (OpenHCL releases pre-2026-04 panic on this: "previous instance had multiple pool ranges"; openvmm #3312 (2026-04-30) allows one per NUMA node): memory #11 (VTL2_GPA_POOL) 0x486000000..0x488000000; memory #13 (VTL2_GPA_POOL) 0x48a000000..0x48c000000.',
    );
  });

  it('pre-2026-04 panics, naming both pool ranges', async () => {
    const doc = await openDoc(bytesSource(bytesOf('img02_realistic')), { release: 'pre-2026-04' });
    expect(doc.bootCheck).toEqual({
      outcome: 'panic',
      release: 'pre-2026-04',
      step: 'assert!(pool_ranges.next().is_none(), "previous instance had multiple pool ranges")',
      reason: 'previous instance had multiple pool ranges: 2 VTL2_GPA_POOL ranges, memory #11 0x486000000..0x488000000, memory #13 0x48a000000..0x48c000000 (this release predates openvmm #3312, 2026-04-30, which allows one per NUMA node)',
    });
    // The same state as a raw payload, and inside an exported JSON document: the release reaches both.
    expect((await openDoc(bytesSource(bytesOf('p03_realistic_x64_2node')), { release: 'pre-2026-04' })).bootCheck.outcome).toBe('panic');
    const json = new TextEncoder().encode(JSON.stringify(documentToJson(await openDoc(bytesSource(bytesOf('img02_realistic'))), 'img02.bin')));
    expect((await openDoc(bytesSource(json), { release: 'pre-2026-04' })).bootCheck.outcome).toBe('panic');
    expect((await openDoc(bytesSource(json))).bootCheck.outcome).toBe('accepted');
  });

  it('one pool range passes under both releases', async () => {
    const p03 = await openDoc(bytesSource(bytesOf('p03_realistic_x64_2node')));
    const onePool = { ...p03.decoded!, partition_memory: p03.decoded!.partition_memory.filter((_, i) => i !== 13) };
    for (const release of ['current', 'pre-2026-04'] as const) {
      expect((await openDoc(bytesSource(encodeSavedState(onePool)), { release })).bootCheck).toMatchObject({ outcome: 'accepted', release });
    }
  });

  it('the JSON document says which release and rules judged', async () => {
    const json = documentToJson(await openDoc(bytesSource(bytesOf('img02_realistic')), { release: 'pre-2026-04' }), 'img02.bin');
    expect(json.boot_check.outcome).toBe('panic');
    expect(json.boot_check.release).toBe('pre-2026-04');
    expect(json.boot_check.release_rules).toEqual(releaseRuleStatements('pre-2026-04'));
    expect(Object.keys(json.boot_check)).toEqual(['outcome', 'reason', 'step', 'release', 'release_rules']);
  });
});
