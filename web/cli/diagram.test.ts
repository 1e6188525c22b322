// `cli diagram` as a user runs it: a child process, the SVG on stdout or in a file, exit status.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { layoutDiagram } from '../lib/diagram/layout.ts';
import { diagramSvg } from '../lib/diagram/svg.ts';
import { bytesSource } from '../lib/io/byteSource.ts';
import { hex } from '../lib/model/text.ts';
import { enumLabel } from '../lib/model/vtlTypes.ts';
import { loadFixtures, REPO_ROOT } from '../lib/testing/fixtures.ts';
import { openDoc } from '../lib/testing/openDoc.ts';
import { allElements, parseXml } from '../lib/testing/wellFormedXml.ts';
import { runCli } from '../lib/testing/runCli.ts';


const fixtures = loadFixtures();
const fixture = (name: string) => fixtures.find((f) => f.name === name)!;
const SAMPLE = 'public/samples/img02_realistic.bin';

describe('cli diagram', () => {
  it('prints the SVG, the same bytes on every run and as the library draws it for the file name', async () => {
    const first = await runCli('diagram', fixture('img02_realistic').binPath);
    const second = await runCli('diagram', fixture('img02_realistic').binPath);
    expect(first.status).toBe(0);
    expect(first.stderr).toBe('');
    expect(first.stdout).toBe(second.stdout);
    const doc = await openDoc(bytesSource(fixture('img02_realistic').bytes));
    expect(first.stdout).toBe(diagramSvg(layoutDiagram(doc, { name: 'img02_realistic.bin' })));
  });

  it('holds a labelled block for every entry, and parses as XML', async () => {
    const { stdout } = await runCli('diagram', fixture('img02_realistic').binPath);
    const { root, faults } = parseXml(stdout);
    expect(faults).toEqual([]);
    expect(root!.name).toBe('svg');
    const blocks = allElements(root!).filter((e) => e.name === 'g' && e.attributes.class === 'block');
    const doc = await openDoc(bytesSource(fixture('img02_realistic').bytes));
    expect(blocks).toHaveLength(doc.entries.length);
    for (const entry of doc.entries) {
      const g = blocks.find((b) => b.attributes['data-table'] === entry.ref.table && b.attributes['data-index'] === String(entry.ref.index))!;
      expect([g.attributes['data-start'], g.attributes['data-end']]).toEqual([hex(entry.start), hex(entry.end)]);
      const texts = g.children.filter((c) => c.name === 'text').map((c) => c.text);
      expect(texts[0]).toBe(enumLabel(entry.vtlType));
      expect(texts.at(-1)).toBe(`${entry.ref.table === 'memory' ? 'memory' : 'MMIO'} #${entry.ref.index}`);
    }
  });

  it('-o writes the file and nothing to stdout; --vtl2 draws the VTL2 ranges only', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'diagram-'));
    const out = path.join(dir, 'vtl2.svg');
    const written = await runCli('diagram', SAMPLE, '--vtl2', '-o', out);
    expect([written.status, written.stdout, written.stderr]).toEqual([0, '', '']);
    const svg = readFileSync(out, 'utf8');
    expect(svg).toBe((await runCli('diagram', '--vtl2', SAMPLE)).stdout);
    const { root } = parseXml(svg);
    expect(allElements(root!).filter((e) => e.attributes.class === 'block').map((g) => `${g.attributes['data-table']}:${g.attributes['data-index']}`).sort()).toEqual(['memory:10', 'memory:11', 'memory:12', 'memory:13', 'memory:5', 'memory:6', 'memory:7', 'memory:8', 'memory:9', 'mmio:2']);
    expect(svg).toContain('>Persisted state, in detail</text>');
  });

  it('exit 1 when the file does not decode or cannot be read, saying why on stderr', async () => {
    const bad = await runCli('diagram', fixture('bad_p01_truncated_mid_field').binPath);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^error: .*bad_p01_truncated_mid_field\.bin: does not decode: eof-byte-array: /);
    const missing = await runCli('diagram', 'no/such/file.bin');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^error: no\/such\/file\.bin: cannot read it: ENOENT/);
    expect(bad.stderr + missing.stderr).not.toMatch(/\n\s+at /);
  });

  it('exit 2 on usage errors, with the usage', async () => {
    for (const args of [['diagram'], ['diagram', 'a', 'b'], ['diagram', SAMPLE, '--as', 'zip'], ['diagram', SAMPLE, '-o', '']]) {
      const r = await runCli(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain('diagram FILE [--vtl2] [-o OUT.svg]');
    }
    const unknown = await runCli('diagram', SAMPLE, '--svg');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--svg'");
  });

  it('the diagrams in docs/diagrams are what the CLI draws today', async () => {
    for (const [file, args] of [['img02_realistic.svg', []], ['img02_realistic.vtl2.svg', ['--vtl2']]] as const) {
      const { stdout } = await runCli('diagram', SAMPLE, ...args);
      const regenerate = `npm run --silent cli -- diagram ${SAMPLE} ${args.join(' ')} -o docs/diagrams/${file}`;
      expect(readFileSync(path.join(REPO_ROOT, 'docs/diagrams', file), 'utf8') === stdout, `docs/diagrams/${file} is stale: ${regenerate}`).toBe(true);
    }
  });
});
