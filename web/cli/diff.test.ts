// `cli diff` as a user runs it: a child process, stdout parsed as JSON, exit status as diff(1)'s.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeSavedState } from '../lib/format/encodeSavedState.ts';
import { bytesSource } from '../lib/io/byteSource.ts';
import { FIXTURES_DIR, loadFixtures } from '../lib/testing/fixtures.ts';
import { openDoc } from '../lib/testing/openDoc.ts';
import { runCli } from '../lib/testing/runCli.ts';


const fixtures = loadFixtures();
const pathOf = (name: string) => fixtures.find((f) => f.name === name)!.binPath;

/** p03 with its VTL2_CONFIG range retyped VTL2_RESERVED and its VTL2 MMIO moved up 512 MiB. */
async function variantFile(): Promise<string> {
  const p03 = (await openDoc(bytesSource(fixtures.find((f) => f.name === 'p03_realistic_x64_2node')!.bytes))).decoded!;
  const memory = p03.partition_memory.map((e, i) => (i === 8 ? { ...e, vtl_type: { value: 7, name: 'VTL2_RESERVED' } } : e));
  const mmio = p03.partition_mmio.map((e, i) => (i === 2 ? { ...e, range: { start: 0x1000000000n, end: 0x1020000000n } } : e));
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'ohcl-diff-')), 'variant.bin');
  writeFileSync(file, encodeSavedState({ ...p03, partition_memory: memory, partition_mmio: mmio }));
  return file;
}

const KEYS = ['a', 'b', 'same', 'release', 'release_rules', 'memory_changes', 'mmio_changes', 'boundary_changes', 'cpu_changes', 'region_changes', 'servicing_checks', 'summary'];

describe('cli diff', () => {
  it('exits 0 for the same topology in two forms (img02 and its payload p03), with the documented shape', async () => {
    const { status, stdout } = await runCli('diff', pathOf('img02_realistic'), pathOf('p03_realistic_x64_2node'));
    expect(status).toBe(0);
    const doc = JSON.parse(stdout);
    expect(Object.keys(doc)).toEqual(KEYS);
    expect(doc).toMatchObject({
      a: { file: pathOf('img02_realistic'), kind: 'vtl2-image', ok: true },
      b: { file: pathOf('p03_realistic_x64_2node'), kind: 'saved-state', ok: true },
      same: true,
      release: 'current',
      memory_changes: [],
      mmio_changes: [],
      boundary_changes: [],
      region_changes: [],
      summary: 'same topology',
    });
    expect(doc.cpu_changes).toEqual({
      cpus_with_mapped_interrupts_no_io: { compared: true, same: true, a: [0, 2, 5], b: [0, 2, 5], only_a: [], only_b: [] },
      cpus_with_outstanding_io: { compared: true, same: true, a: [1, 130], b: [1, 130], only_a: [], only_b: [] },
      cpu_vnodes: { compared: false, changes: [] },
    });
    expect(doc.servicing_checks.map((s: { id: string; outcome: string }) => `${s.id}:${s.outcome}`)).toEqual(['boot:pass', 'persisted-header:pass', 'vtl2-ram:pass', 'persisted-region:pass', 'gpa-pool:pass', 'mmio:pass', 'cpu-lists:n/a']);
    expect(Object.keys(doc.servicing_checks[0])).toEqual(['id', 'rule', 'outcome', 'detail']);
  });

  it('exits 1 when they differ: u64 as decimal strings, enums as decode prints them', async () => {
    const { status, stdout } = await runCli('diff', pathOf('p03_realistic_x64_2node'), await variantFile());
    expect(status).toBe(1);
    const doc = JSON.parse(stdout);
    expect(doc.same).toBe(false);
    expect(doc.memory_changes).toEqual([
      {
        start: '19369295872',
        end: '19369426944',
        a: { vtl_type: { value: 2, name: 'VTL2_CONFIG' }, vnode: 0, igvm_type: { value: 3, name: 'VTL2_PROTECTABLE' } },
        b: { vtl_type: { value: 7, name: 'VTL2_RESERVED' }, vnode: 0, igvm_type: { value: 3, name: 'VTL2_PROTECTABLE' } },
      },
    ]);
    expect(doc.mmio_changes).toEqual([
      { start: '68182605824', end: '68719476736', a: { vtl_type: { value: 6, name: 'VTL2_MMIO' } }, b: null },
      { start: '68719476736', end: '69256347648', a: null, b: { vtl_type: { value: 6, name: 'VTL2_MMIO' } } },
    ]);
    expect(doc.summary).toBe('1 memory range retyped (128 KiB), 1 MMIO range moved; servicing (current) fails: mmio');
  });

  it('reports boundary-only changes with the ranges of each side', async () => {
    const p03 = (await openDoc(bytesSource(fixtures.find((f) => f.name === 'p03_realistic_x64_2node')!.bytes))).decoded!;
    const split = [...p03.partition_memory];
    split.splice(2, 1, { ...split[2]!, range: { start: 0x100000000n, end: 0x200000000n } }, { ...split[2]!, range: { start: 0x200000000n, end: 0x280000000n } });
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'ohcl-diff-')), 'split.bin');
    writeFileSync(file, encodeSavedState({ ...p03, partition_memory: split }));
    const { status, stdout } = await runCli('diff', pathOf('p03_realistic_x64_2node'), file);
    expect(status).toBe(1);
    const doc = JSON.parse(stdout);
    expect(doc.memory_changes).toEqual([]);
    expect(doc.boundary_changes).toEqual([
      { table: 'memory', start: '4294967296', end: '10737418240', a_ranges: [['4294967296', '10737418240']], b_ranges: [['4294967296', '8589934592'], ['8589934592', '10737418240']] },
    ]);
  });

  it('judges by --release and says which', async () => {
    const { status, stdout } = await runCli('diff', pathOf('img02_realistic'), pathOf('img02_realistic'), '--release', 'pre-2026-04');
    expect(status).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.release).toBe('pre-2026-04');
    expect(doc.servicing_checks.find((s: { id: string }) => s.id === 'gpa-pool')).toMatchObject({
      outcome: 'fail',
      detail: 'previous instance had multiple pool ranges: A has 2 VTL2_GPA_POOL ranges, memory #11 0x486000000..0x488000000, memory #13 0x48a000000..0x48c000000 (release pre-2026-04 predates openvmm #3312, 2026-04-30)',
    });
  });

  it('honours --as-a and --as-b', async () => {
    const { status, stdout } = await runCli('diff', pathOf('p03_realistic_x64_2node'), pathOf('p03_realistic_x64_2node'), '--as-b', 'image');
    expect(status).toBe(1);
    expect(JSON.parse(stdout).b).toEqual({ file: pathOf('p03_realistic_x64_2node'), kind: 'vtl2-image', ok: true });
  });

  it('takes a device tree: dt01 holds p03\'s map, so exit 0; the CPU lists are not compared with a tree', async () => {
    const dt01 = path.join(FIXTURES_DIR, 'dt', 'dt01_x64_2node_host.dtb');
    const { status, stdout } = await runCli('diff', pathOf('p03_realistic_x64_2node'), dt01);
    expect(status).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.b).toEqual({ file: dt01, kind: 'device-tree', ok: true });
    expect(doc.cpu_changes.cpus_with_outstanding_io).toEqual({ compared: false, same: true, a: [1, 130], b: [], only_a: [], only_b: [] });
    expect(doc.summary).toBe('same topology'); // the CPUs dt01 lacks are a note of cpu-lists, not a failure
  });

  it('exits 2 when either input does not open or decode, saying which', async () => {
    const missing = await runCli('diff', 'no/such/file.bin', pathOf('p03_realistic_x64_2node'));
    expect(missing.status).toBe(2);
    expect(JSON.parse(missing.stdout)).toEqual({
      a: { file: 'no/such/file.bin', kind: null, ok: false, error: { code: 'read-failed', message: expect.stringContaining('cannot read no/such/file.bin'), offset: 0, expected: 'a readable file' } },
      b: { file: pathOf('p03_realistic_x64_2node'), kind: 'saved-state', ok: true },
    });
    const broken = await runCli('diff', pathOf('p03_realistic_x64_2node'), pathOf('bad_p01_truncated_mid_field'));
    expect(broken.status).toBe(2);
    expect(JSON.parse(broken.stdout).b).toMatchObject({ kind: 'saved-state', ok: false, error: { code: expect.stringMatching(/^eof/) } });
  });

  it('exits 2 on usage errors, without a stack trace', async () => {
    const one = await runCli('diff', pathOf('p03_realistic_x64_2node'));
    expect(one.status).toBe(2);
    expect(one.stderr).toContain('diff takes exactly two files, A and B');
    expect(one.stderr).toContain('npm run --silent cli -- diff A B [--as-a KIND] [--as-b KIND] [--release current|pre-2026-04]');
    const release = await runCli('diff', 'a', 'b', '--release', 'old');
    expect([release.status, release.stderr.split('\n')[0]]).toEqual([2, 'error: --release takes current|pre-2026-04, not "old"']);
    const as = await runCli('diff', 'a', 'b', '--as-a', 'zip');
    expect([as.status, as.stderr.split('\n')[0]]).toEqual([2, 'error: --as-a takes image, saved-state or device-tree, not "zip"']);
    expect(one.stderr + release.stderr + as.stderr).not.toMatch(/\n\s+at /);
  });
});
