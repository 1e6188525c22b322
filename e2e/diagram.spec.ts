// The memory-layout diagram in the production build, as a user meets it: the
// "Diagram" panel (tab, key 5) draws a labelled block for every entry of the
// realistic sample, its downloads are the bytes `cli diagram` writes (in both
// modes, whatever the theme), blocks select their entry, and 10,000 ranges
// stay a bounded picture.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { expectationFor, loadFixtures } from './helpers/fixtures.ts';
import { openApp, pickFile } from './helpers/viewer.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SAMPLES = path.join(ROOT, 'public/samples');

/** What `cli diagram` prints for a sample (run where the sample is: its title holds the file's base name). */
function cliDiagram(file: string, ...args: string[]): string {
  const tsx = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
  return execFileSync(process.execPath, ['--import', tsx, path.join(ROOT, 'web/cli/main.ts'), 'diagram', file, ...args], { cwd: SAMPLES, encoding: 'utf8' });
}

async function openDiagram(page: Page) {
  await openApp(page);
  await page.keyboard.press('5');
  await expect(page.getByRole('tab', { name: /Diagram/ })).toHaveAttribute('aria-selected', 'true');
  const view = page.getByTestId('diagram-view');
  await expect(view.getByTestId('diagram-svg')).toBeVisible();
  return view;
}

async function download(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const saved = test.info().outputPath(file.suggestedFilename());
  await file.saveAs(saved);
  return { name: file.suggestedFilename(), bytes: readFileSync(saved) };
}

test('the Diagram panel holds a labelled block for every entry of the realistic sample', async ({ page }) => {
  const view = await openDiagram(page);
  const expected = (await expectationFor(loadFixtures().find((f) => f.name === 'img02_realistic')!)).rows;
  const blocks = view.getByTestId('diagram-block');
  await expect(blocks).toHaveCount(expected.length);
  await expect(view.getByTestId('diagram-merged')).toHaveCount(0);
  const drawn = await blocks.evaluateAll((els) =>
    els.map((el) => {
      const texts = [...el.querySelectorAll('text')].map((t) => t.textContent);
      return { table: el.getAttribute('data-table'), index: el.getAttribute('data-index'), start: el.getAttribute('data-start'), end: el.getAttribute('data-end'), vtlType: texts[0], last: texts[texts.length - 1] };
    }),
  );
  const key = (r: { table: string | null; start: string | null; end: string | null }) => `${r.table} ${r.start} ${r.end}`;
  expect(drawn.map((d) => ({ table: d.table, start: d.start, end: d.end, vtlType: d.vtlType })).sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
    expected.map((r) => ({ table: r.table, start: r.start, end: r.end, vtlType: r.vtlType })).sort((a, b) => key(a).localeCompare(key(b))),
  );
  for (const d of drawn) expect(d.last).toBe(`${d.table === 'memory' ? 'memory' : 'MMIO'} #${d.index}`);
  await expect(view.getByTestId('diagram-counts')).toHaveText('17 ranges');
});

test('Download SVG gives the bytes `cli diagram` prints, whole and VTL2 only, in either theme', async ({ page }) => {
  const view = await openDiagram(page);
  const whole = await download(page, 'diagram-download-svg');
  expect(whole.name).toBe('img02_realistic.memory-map.svg');
  expect(whole.bytes.toString('utf8')).toBe(cliDiagram('img02_realistic.bin'));

  await page.getByRole('button', { name: 'VTL2 only' }).click();
  await expect(page.getByRole('button', { name: 'VTL2 only' })).toHaveAttribute('aria-pressed', 'true');
  await expect(view.getByTestId('diagram-block')).toHaveCount(10);
  await expect(view.getByTestId('diagram-svg')).toHaveAttribute('data-mode', 'vtl2');
  const vtl2 = await download(page, 'diagram-download-svg');
  expect(vtl2.name).toBe('img02_realistic.vtl2.memory-map.svg');
  expect(vtl2.bytes.toString('utf8')).toBe(cliDiagram('img02_realistic.bin', '--vtl2'));

  // The view follows the theme; the file is the document figure either way.
  const background = () => view.locator('[data-testid=diagram-svg] > rect').first().getAttribute('fill');
  const before = await background();
  await page.keyboard.press('t');
  await expect.poll(background).not.toBe(before);
  expect((await download(page, 'diagram-download-svg')).bytes.toString('utf8')).toBe(cliDiagram('img02_realistic.bin', '--vtl2'));
});

test('Download PNG: that SVG rasterised at twice its size', async ({ page }) => {
  await openDiagram(page);
  const png = await download(page, 'diagram-download-png');
  expect(png.name).toBe('img02_realistic.memory-map.png');
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const svg = cliDiagram('img02_realistic.bin');
  const size = (name: string) => Number(new RegExp(`<svg [^>]*\\b${name}="(\\d+)"`).exec(svg)![1]);
  expect([png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)]).toEqual([2 * size('width'), 2 * size('height')]);
});

test('a block selects its entry (click or Enter); the selection is highlighted', async ({ page }) => {
  const view = await openDiagram(page);
  const header = view.locator('[data-testid=diagram-block][data-table=memory][data-index="5"]');
  await header.click();
  await expect(page.getByTestId('selection-details')).toHaveAttribute('data-index', '5');
  await expect(header).toHaveAttribute('data-selected', 'true');
  await expect(view.locator('[data-selected]')).toHaveCount(1);
  const mmio = view.locator('[data-testid=diagram-block][data-table=mmio][data-index="1"]');
  await mmio.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('selection-details')).toHaveAttribute('data-table', 'mmio');
  await expect(mmio).toHaveAttribute('data-selected', 'true');
  await expect(header).not.toHaveAttribute('data-selected', 'true');
});

test('10,000 ranges: a bounded diagram of merged runs, nothing lost', async ({ page }) => {
  await openDiagram(page);
  await pickFile(page, 'synthetic_10k_8node.bin', readFileSync(path.join(SAMPLES, 'synthetic_10k_8node.bin')));
  await expect(page.getByTestId('file-name')).toHaveText('synthetic_10k_8node.bin');
  const view = page.getByTestId('diagram-view');
  await expect(view.getByTestId('diagram-counts')).toHaveText(/^10,016 ranges in \d+ blocks \(runs merged\)$/);
  const counts = await view.locator('[data-testid=diagram-block], [data-testid=diagram-merged]').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-count') ?? 1)));
  expect(counts.length).toBeLessThanOrEqual(200);
  expect(counts.reduce((a, b) => a + b, 0)).toBe(10_016);
  expect((await download(page, 'diagram-download-svg')).bytes.toString('utf8')).toBe(cliDiagram('synthetic_10k_8node.bin'));
});
