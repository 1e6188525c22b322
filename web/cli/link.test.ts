// `cli link` as a user runs it: a child process whose one line of stdout is a
// link that decodes back to the file's parts and re-opens as the same document.
import { describe, expect, it } from 'vitest';
import { documentToJson } from '../lib/export/documentJson.ts';
import { bytesSource } from '../lib/io/byteSource.ts';
import { DEFAULT_VIEW } from '../lib/model/view.ts';
import { decodeLink } from '../lib/share/link.ts';
import { openSharedParts } from '../lib/testing/openSharedParts.ts';
import { partsOfDocument } from '../lib/share/parts.ts';
import { loadFixtures } from '../lib/testing/fixtures.ts';
import { openDoc } from '../lib/testing/openDoc.ts';
import { runCli } from '../lib/testing/runCli.ts';


const fixtures = loadFixtures();
const fixture = (name: string) => fixtures.find((f) => f.name === name)!;

// Each test spawns Node with tsx: allow for a busy machine.
describe('cli link', { timeout: 60_000 }, () => {
  it.each(['p03_realistic_x64_2node', 'img02_realistic', 'bad_p01_truncated_mid_field'])('prints a link that decodes to %s\'s parts and re-opens as the same document', async (name) => {
    const f = fixture(name);
    const { status, stdout } = await runCli('link', f.binPath);
    expect(status).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const url = new URL(lines[0]!);
    expect(`${url.origin}${url.pathname}`).toBe('http://localhost:5173/');
    const { parts, view } = decodeLink(url.hash);
    const doc = await openDoc(bytesSource(f.bytes));
    expect(parts).toEqual(partsOfDocument(doc, `${name}.bin`));
    expect(parts.name).toBe(`${name}.bin`); // folders dropped
    expect(view).toEqual(DEFAULT_VIEW);
    const reopened = await openSharedParts(parts);
    expect(reopened.ok && documentToJson(reopened.doc, 'x')).toEqual(documentToJson(doc, 'x'));
  });

  it('the realistic two-node sample\'s link fits in 1,000 characters', async () => {
    const { stdout } = await runCli('link', fixture('p03_realistic_x64_2node').binPath);
    expect(stdout.trim().length).toBeLessThan(1000);
  });

  it('honours --base-url, --as and --base', async () => {
    const img = fixture('img02_realistic').binPath;
    const { stdout } = await runCli('link', img, '--base-url', 'https://tools.example/ohcl/#old', '--base', '0x480000000');
    expect(stdout.startsWith('https://tools.example/ohcl/#v1.')).toBe(true);
    expect(decodeLink(new URL(stdout.trim()).hash).parts.options).toEqual({ baseGpa: 0x4_8000_0000n });
    const forced = await runCli('link', fixture('p03_realistic_x64_2node').binPath, '--as', 'image');
    expect(decodeLink(new URL(forced.stdout.trim()).hash).parts.options).toEqual({ as: 'image' });
  });

  it('fails plainly: a missing file, an input too large for a link, bad flags', async () => {
    const missing = await runCli('link', 'no/such/file.bin');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('no/such/file.bin');
    const big = await runCli('link', fixture('img02_realistic').binPath, '--as', 'saved-state');
    expect(big.status).toBe(1);
    expect(big.stderr).toContain('.bin instead');
    const bad = await runCli('link', 'a.bin', '--base-url', 'not a url');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--base-url takes an absolute URL');
    expect(missing.stderr + big.stderr + bad.stderr).not.toMatch(/\n\s+at /);
    expect(missing.stdout + big.stdout).toBe('');
  });
});
