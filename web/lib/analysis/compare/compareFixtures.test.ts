import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../io/byteSource.ts';
import { loadFixtures } from '../../testing/fixtures.ts';
import { openDoc } from '../../testing/openDoc.ts';
import { compareTopologies } from './index.ts';

const fixtures = loadFixtures();
const open = (name: string, release?: 'current' | 'pre-2026-04') => openDoc(bytesSource(fixtures.find((f) => f.name === name)!.bytes), release ? { release } : {}, name);

describe('comparing the fixtures', () => {
  it('every fixture against itself is the same', async () => {
    expect(fixtures.length).toBeGreaterThan(15);
    for (const f of fixtures) {
      const doc = await open(f.name);
      const c = compareTopologies(doc, doc);
      expect([f.name, c.same, c.summary.split(';')[0]]).toEqual([f.name, true, 'same topology']);
    }
  });

  it('p03 (the payload) against img02 (the same payload in an image) is the same, and servicing passes', async () => {
    const c = compareTopologies(await open('img02_realistic'), await open('p03_realistic_x64_2node'));
    expect(c.same).toBe(true);
    expect(c.summary).toBe('same topology');
    expect(c.servicing.map((s) => s.outcome)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'n/a']);
    expect(c.servicing.find((s) => s.id === 'persisted-header')!.detail).toBe("memory #5 0x480000000..0x480001000 (VTL2_PERSISTED_STATE_HEADER) ends at 0x480001000, where the protobuf region starts (A's header protobuf_base)");
  });

  it('img02 has two pool ranges: pre-2026-04 fails servicing naming them, current accepts', async () => {
    const img02 = await open('img02_realistic');
    const current = compareTopologies(img02, img02);
    expect(current.servicing.filter((s) => s.outcome === 'fail')).toEqual([]);
    const pre = compareTopologies(img02, img02, { release: 'pre-2026-04' });
    expect(pre.servicing.find((s) => s.id === 'boot')).toMatchObject({
      outcome: 'fail',
      detail:
        'assert!(pool_ranges.next().is_none(), "previous instance had multiple pool ranges"): previous instance had multiple pool ranges: 2 VTL2_GPA_POOL ranges, memory #11 0x486000000..0x488000000, memory #13 0x48a000000..0x48c000000 (this release predates openvmm #3312, 2026-04-30, which allows one per NUMA node)',
    });
    // A document opened under one release is re-judged under the comparison's.
    const openedPre = await open('img02_realistic', 'pre-2026-04');
    expect(compareTopologies(openedPre, openedPre).servicing[0]!.outcome).toBe('pass');
  });

  it('a state against nothing (an image never written): everything A has is gone, servicing n/a but the boot', async () => {
    const c = compareTopologies(await open('p03_realistic_x64_2node'), await open('bad_img01_bad_magic'));
    expect(c.same).toBe(false);
    expect(c.memory.every((p) => p.b.length === 0)).toBe(true);
    expect(c.summary).toBe(
      '14 memory ranges removed (16.18 GiB), VTL2 RAM shrank by 192 MiB, 3 MMIO ranges removed, CPUs with mapped interrupts (no IO) differ, CPUs with outstanding IO differ, persisted header page only in A, protobuf region only in A',
    );
    const reverse = compareTopologies(await open('bad_img01_bad_magic'), await open('p03_realistic_x64_2node'));
    expect(reverse.servicing.map((s) => s.outcome)).toEqual(['n/a', 'n/a', 'n/a', 'n/a', 'n/a', 'n/a', 'n/a']);
    expect(reverse.servicing[0]!.detail).toContain('first-boot path');
  });

  it('an image with the legacy magic decodes, but the next boot does not read it: every rule after the header is n/a', async () => {
    const legacy = fixtures.find((f) => f.name === 'img02_realistic')!.bytes.slice();
    legacy.set(new TextEncoder().encode('RDHPLCHO'), 0);
    const a = await openDoc(bytesSource(legacy));
    expect(a.decoded).not.toBeNull();
    const c = compareTopologies(a, await open('p03_realistic_x64_2node'));
    expect(c.same).toBe(true);
    expect(c.servicing.map((s) => s.outcome)).toEqual(['n/a', 'n/a', 'n/a', 'n/a', 'n/a', 'n/a', 'n/a']);
    expect(c.servicing[0]!.detail).toContain('legacy byte order RDHPLCHO');
    expect(c.servicing[2]!.detail).toBe("the next boot does not read A's persisted state (first-boot)");
  });
});
