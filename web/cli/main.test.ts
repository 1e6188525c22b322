// The CLI as a user runs it: a child process, stdout parsed as JSON, exit status.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { entropyNodes } from '../lib/format/deviceTreeEntropy.ts';
import { readFdt } from '../lib/format/fdt.ts';
import { loadDtFixtures } from '../lib/testing/dtFixtures.ts';
import { codeOfUpstreamVariant, loadFixtures, upstreamBootOutcome, upstreamErrorVariant } from '../lib/testing/fixtures.ts';
import { secretLeaks } from '../lib/testing/secretLeak.ts';
import { runCli } from '../lib/testing/runCli.ts';


const fixtures = loadFixtures();

describe('cli decode', () => {
  it('prints one JSON document per fixture, in order, matching upstream', async () => {
    const { status, stdout } = await runCli('decode', ...fixtures.map((f) => f.binPath));
    const docs = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(docs.map((d) => d.file)).toEqual(fixtures.map((f) => f.binPath));
    let allOk = true;
    docs.forEach((doc, i) => {
      const exp = fixtures[i]!.expected;
      const upstream = exp.header ? exp.payload_decode_at_header_len : (exp.real_mesh_protobuf_decode ?? { ok: true, decoded: exp.decoded });
      if (upstream?.ok) expect(doc.decoded, fixtures[i]!.name).toEqual(upstream.decoded);
      else if (upstream) expect(doc.error.code, fixtures[i]!.name).toBe(codeOfUpstreamVariant(upstreamErrorVariant(upstream.error)!));
      else expect(doc.decoded).toBeNull();
      if (exp.upstream_openhcl_boot_outcome) expect(doc.boot_check.outcome).toBe(upstreamBootOutcome(exp.upstream_openhcl_boot_outcome.result));
      allOk &&= doc.ok;
    });
    expect(allOk).toBe(false);
    expect(status).toBe(1);
  });

  it('pretty-prints one document for one file and exits 0 when it decodes', async () => {
    const { status, stdout } = await runCli('decode', fixtures.find((f) => f.name === 'img02_realistic')!.binPath);
    expect(status).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc).toMatchObject({ ok: true, kind: 'vtl2-image', header: { offset: '0', magic: 'OHCLPHDR', protobuf_payload_len: '380' }, boot_check: { outcome: 'accepted' } });
    expect(stdout.split('\n').length).toBeGreaterThan(10);
  });

  it('reports an image with a damaged magic as ok, undecoded, first boot', async () => {
    const { status, stdout } = await runCli('decode', fixtures.find((f) => f.name === 'bad_img01_bad_magic')!.binPath);
    expect(status).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc).toMatchObject({ ok: true, decoded: null, boot_check: { outcome: 'first-boot' } });
    expect(doc.diagnostics[0].message).toContain('OHCLPHDX');
  });

  it('honours --as and --base', async () => {
    const img = fixtures.find((f) => f.name === 'img02_realistic')!.binPath;
    const asPayload = JSON.parse((await runCli('decode', img, '--as', 'saved-state')).stdout);
    expect(asPayload.kind).toBe('saved-state');
    const based = JSON.parse((await runCli('decode', img, '--base', '0x480000000')).stdout);
    expect(based.payload).toMatchObject({ offset: '4096', length: '380', header_gpa: '19327352832' });
    expect(Buffer.from(based.payload.base64, 'base64')).toEqual(Buffer.from(fixtures.find((f) => f.name === 'p03_realistic_x64_2node')!.bytes));
  });

  it('judges by --release: img02 (two pool ranges) panics before openvmm #3312, is accepted now', async () => {
    const img = fixtures.find((f) => f.name === 'img02_realistic')!.binPath;
    const pre = JSON.parse((await runCli('decode', img, '--release', 'pre-2026-04')).stdout);
    expect(pre.boot_check).toMatchObject({ outcome: 'panic', release: 'pre-2026-04', step: 'assert!(pool_ranges.next().is_none(), "previous instance had multiple pool ranges")' });
    expect(pre.boot_check.reason).toContain('memory #11 0x486000000..0x488000000, memory #13 0x48a000000..0x48c000000');
    const current = JSON.parse((await runCli('decode', img)).stdout);
    expect(current.boot_check).toMatchObject({ outcome: 'accepted', release: 'current' });
    const bad = await runCli('decode', img, '--release', '2025');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--release takes current|pre-2026-04, not "2025"');
  });

  it('never shows a stack trace: missing files and bad flags', async () => {
    const missing = await runCli('decode', 'no/such/file.bin');
    expect(missing.status).toBe(1);
    expect(JSON.parse(missing.stdout)).toMatchObject({ ok: false, error: { code: 'read-failed' } });
    const bad = await runCli('decode', '--as', 'zip', 'x');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--as takes image, saved-state or device-tree');
    expect(bad.stderr + missing.stdout).not.toMatch(/\n\s+at /);
  });
});

describe('cli decode of device trees', { timeout: 60_000 }, () => {
  const trees = loadDtFixtures();

  it('prints, for every tree, upstream\'s parse as device_tree, the implied SavedState as decoded, and the FDT facts', async () => {
    const { status, stdout } = await runCli('decode', ...trees.map((t) => t.dtbPath));
    const docs = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(docs).toHaveLength(trees.length);
    docs.forEach((doc, i) => {
      const exp = trees[i]!.expected;
      expect(doc.kind, trees[i]!.name).toBe('device-tree');
      expect(doc.ok, trees[i]!.name).toBe(exp.upstream_parse.ok);
      if (exp.upstream_parse.ok) {
        expect(doc.device_tree, trees[i]!.name).toEqual(exp.upstream_parse.parsed);
        expect(doc.decoded, trees[i]!.name).toEqual(exp.saved_state_from_dt);
        expect(doc.fdt).toMatchObject({ boot_cpuid_phys: exp.fdt.boot_cpuid_phys, totalsize: exp.fdt.totalsize, version: exp.fdt.version, memory_reservations: exp.fdt.memory_reservations });
      } else {
        expect(doc.error.code).toMatch(/^(fdt-|dt-semantics)/);
        expect(doc.decoded).toBeNull();
      }
    });
    expect(status).toBe(1); // the bad trees fail
  });

  it('prints no byte of the entropy seed, only its length', async () => {
    const dt01 = trees.find((t) => t.name === 'dt01_x64_2node_host')!;
    const { status, stdout, stderr } = await runCli('decode', dt01.dtbPath);
    expect(status).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.device_tree_details.entropy).toEqual({ node: '/openhcl/entropy', length: 64 });
    const seed = entropyNodes(readFdt(dt01.bytes).root)[0]!.properties[0]!.value;
    expect(seed).toHaveLength(64);
    expect(secretLeaks(stdout + stderr, seed)).toEqual([]);
    // The tree it carries (to re-open the document) has the seed zeroed, and nothing else changed.
    const carried = new Uint8Array(Buffer.from(doc.payload.base64, 'base64'));
    const changed = [...dt01.bytes].flatMap((b, i) => (b === carried[i] ? [] : [i]));
    expect(changed.every((i) => carried[i] === 0)).toBe(true);
    expect(changed.length).toBeGreaterThan(56); // random bytes: hardly any of the 64 was zero already
  });

  it('prints no byte of the seed when a damaged length walks into it', async () => {
    const dt01 = trees.find((t) => t.name === 'dt01_x64_2node_host')!;
    const prop = entropyNodes(readFdt(dt01.bytes).root)[0]!.properties[0]!;
    const damaged = dt01.bytes.slice();
    new DataView(damaged.buffer).setUint32(prop.offset + 4, 60, false);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'ohcl-dt-')), 'damaged.dtb');
    writeFileSync(file, damaged);
    const { status, stdout, stderr } = await runCli('decode', file);
    expect(status).toBe(1);
    expect(JSON.parse(stdout).error.code).toBe('fdt-structure');
    expect(secretLeaks(stdout + stderr, prop.value)).toEqual([]);
  });
});
