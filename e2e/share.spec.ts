// Share links and exports in the production build: a link reproduces the view
// (the map's ranges, the window, the selection) in a fresh browser context, the
// CLI's link does the same, back/forward walk through views, bad links show a
// message over an empty, working app, and the exports are what the CLI prints.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { deflateSync } from 'fflate';
import { decodeLink } from '../web/lib/share/link.ts';
import type { ViewState as SharedView } from '../web/lib/model/view.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SAMPLES = path.join(ROOT, 'public/samples');
const P03 = path.join(SAMPLES, 'p03_realistic_x64_2node.bin');

function cli(args: string[], cwd = ROOT): string {
  const tsx = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
  try {
    return execFileSync(process.execPath, ['--import', tsx, path.join(ROOT, 'web/cli/main.ts'), ...args], { cwd, encoding: 'utf8' });
  } catch (err) {
    return (err as { stdout: string }).stdout; // decode exits 1 for a file that does not decode
  }
}

/** Everything a user sees of the view: the map's ranges (with pixel positions), its window, the selection, panel, theme. */
async function viewOf(page: Page) {
  return page.evaluate(() => {
    const attrs = (el: Element, names: string[]) => Object.fromEntries(names.map((n) => [n, el.getAttribute(n)]));
    const map = document.querySelector('[data-testid="address-map"]');
    return {
      file: document.querySelector('[data-testid="file-name"]')?.textContent ?? null,
      window: map && attrs(map, ['data-window-start', 'data-window-end']),
      ranges: [...document.querySelectorAll('[data-testid="range"]')].map((r) => attrs(r, ['data-table', 'data-index', 'data-start', 'data-end', 'data-vtl-type', 'data-vnode', 'data-selected', 'x', 'width'])),
      selection: (() => {
        const s = document.querySelector('[data-testid="selection-details"]');
        return s && attrs(s, ['data-table', 'data-index']);
      })(),
      rows: [...document.querySelectorAll('[data-testid="entry-row"]')].map((r) => `${r.getAttribute('data-table')}:${r.getAttribute('data-index')}`),
      selectedRows: [...document.querySelectorAll('[data-testid="entry-row"][aria-selected="true"]')].map((r) => r.getAttribute('data-index')),
      addressFilter: (document.getElementById('entry-filter-address') as HTMLInputElement | null)?.value ?? null,
      panel: document.querySelector('[role="tab"][aria-selected="true"]')?.id ?? null,
      dark: document.documentElement.classList.contains('dark'),
    };
  });
}

async function shareLink(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Share' }).click();
  const link = await page.getByTestId('share-link').inputValue();
  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('share-status')).toContainText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  // Closed with its button: Escape would also clear the selection.
  await page.getByRole('button', { name: 'Share' }).click();
  return link;
}

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('a copied link opens the same view in a fresh browser', async ({ page, browser }) => {
  await page.goto('./');
  await page.locator('#open-file-input').setInputFiles(P03);
  await expect(page.getByTestId('file-name')).toHaveText('p03_realistic_x64_2node.bin');
  const map = page.getByTestId('address-map');
  await expect(page.getByTestId('range').first()).toBeVisible();
  const whole = await map.getAttribute('data-window-start');
  await map.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('+');
  await expect(map).not.toHaveAttribute('data-window-start', whole!);
  await page.getByTestId('entry-row').nth(3).click();
  await expect(page.getByTestId('selection-details')).toHaveAttribute('data-index', '3');
  await page.locator('#entry-filter-address').fill('0x3_0000_0000');
  await expect(page.getByTestId('entry-row')).toHaveCount(1);
  await page.getByRole('button', { name: /Switch to (dark|light) theme/ }).click();
  await expect.poll(() => page.url()).toContain('#v1.');
  const link = await shareLink(page);
  expect(link.length).toBeLessThan(1000);
  const expected = await viewOf(page);
  expect(expected.ranges.length).toBeGreaterThan(0);
  expect(expected.selection).toEqual({ 'data-table': 'memory', 'data-index': '3' });
  expect(expected.rows).toEqual(['memory:3']);

  const fresh = await (await browser.newContext()).newPage();
  await fresh.goto(link);
  await expect.poll(() => viewOf(fresh)).toEqual(expected);
  await fresh.screenshot({ path: test.info().outputPath('opened-link.png') });
  await fresh.context().close();
});

test('a link to a 2 MiB image carries its header and payload only, and shows the image as it was', async ({ page, browser }) => {
  await page.goto('./');
  await expect(page.getByTestId('file-name')).toHaveText('img02_realistic.bin');
  await expect(page.getByTestId('range').first()).toBeVisible();
  await page.getByRole('button', { name: 'Share' }).click();
  await page.screenshot({ path: test.info().outputPath('share-menu.png') });
  const link = await page.getByTestId('share-link').inputValue();
  expect(link.length).toBeLessThan(1000);
  const expected = { info: await page.getByTestId('file-info').textContent(), view: await viewOf(page) };

  const fresh = await (await browser.newContext()).newPage();
  await fresh.goto(link);
  await expect(fresh.getByTestId('file-kind')).toHaveAttribute('data-kind', 'vtl2-image');
  await expect.poll(async () => ({ info: await fresh.getByTestId('file-info').textContent(), view: await viewOf(fresh) })).toEqual(expected);
  await fresh.context().close();
});

test('a link printed by the CLI opens the file as the app opens it', async ({ page, browser, baseURL }) => {
  const link = cli(['link', P03, '--base-url', baseURL!]).trim();
  expect(link.length).toBeLessThan(1000);
  await page.goto('./');
  await page.locator('#open-file-input').setInputFiles(P03);
  await expect(page.getByTestId('file-name')).toHaveText('p03_realistic_x64_2node.bin');
  await expect(page.getByTestId('range').first()).toBeVisible();
  const expected = await viewOf(page);

  const fresh = await (await browser.newContext()).newPage();
  await fresh.goto(link);
  await expect.poll(() => viewOf(fresh)).toEqual(expected);
  await expect(fresh.getByTestId('error-banner')).toHaveCount(0);
  await fresh.context().close();
});

test('back and forward walk through view changes', async ({ page }) => {
  /** The link in the address bar, decoded: what the page says it shows. */
  const inUrl = () => {
    const hash = new URL(page.url()).hash;
    return hash ? decodeLink(hash) : null;
  };
  await page.goto('./');
  await page.locator('#open-file-input').setInputFiles(P03);
  await expect.poll(() => inUrl()?.parts.name).toBe('p03_realistic_x64_2node.bin');
  const step = async (action: () => Promise<void>, done: (view: SharedView) => boolean) => {
    await action();
    await expect.poll(() => done(inUrl()!.view)).toBe(true);
  };
  const map = page.getByTestId('address-map');
  const whole = await map.getAttribute('data-window-start');
  // One zoom gesture (keys in quick succession) is one history entry.
  await step(async () => {
    await map.focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('+');
  }, (v) => v.window !== null);
  await expect(map).not.toHaveAttribute('data-window-start', whole!);
  const zoomed = await map.getAttribute('data-window-start');
  // The address bar holds the gesture's last window before the next step begins.
  await expect.poll(() => inUrl()?.view.window?.start).toBe(BigInt(zoomed!));
  await step(() => page.getByTestId('entry-row').nth(2).click(), (v) => v.selection?.index === 2);
  await step(() => page.getByRole('tab', { name: /NUMA/i }).click(), (v) => v.panel === 'numa');
  await expect(page.locator('#tab-numa')).toHaveAttribute('aria-selected', 'true');

  await page.goBack();
  await expect(page.locator('#tab-entries')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('selection-details')).toHaveAttribute('data-index', '2');
  await page.goBack();
  await expect(page.getByTestId('selection-details')).toHaveCount(0);
  await expect(map).toHaveAttribute('data-window-start', zoomed!);
  await page.goBack();
  await expect(map).toHaveAttribute('data-window-start', whole!);
  await page.goForward();
  await expect(map).toHaveAttribute('data-window-start', zoomed!);
  await page.goForward();
  await expect(page.getByTestId('selection-details')).toHaveAttribute('data-index', '2');
  await page.goForward();
  await expect(page.locator('#tab-numa')).toHaveAttribute('aria-selected', 'true');
});

test('damaged and hostile links show a message over an empty, working app', async ({ page }) => {
  await page.goto('./');
  await page.locator('#open-file-input').setInputFiles(P03);
  await expect.poll(() => page.url()).toContain('#v1.');
  const good = new URL(page.url()).hash.slice(1);
  const bomb = `v1.${Buffer.from(deflateSync(new Uint8Array(32 * 1024 * 1024))).toString('base64url')}`;
  const cases: [string, string][] = [
    [good.slice(0, Math.floor(good.length / 2)), 'link-format'],
    [`v7.${good.slice(3)}`, 'link-version'],
    [`${good.slice(0, 20)}!${good.slice(21)}`, 'link-format'],
    [`v1.${Buffer.from('not deflate at all').toString('base64url')}`, 'link-format'],
    [bomb, 'link-too-large'],
    ['section-2', 'link-format'],
  ];
  for (const [fragment, code] of cases) {
    const fresh = await page.context().newPage();
    await fresh.goto(`./#${fragment}`);
    const banner = fresh.getByTestId('error-banner');
    await expect(banner, code).toBeVisible();
    await expect(banner).toHaveAttribute('data-code', code);
    await expect(fresh.getByTestId('file-name')).toHaveCount(0);
    await expect(fresh.getByTestId('entry-row')).toHaveCount(0);
    await expect(fresh.getByTestId('range')).toHaveCount(0);
    if (code === 'link-too-large') await fresh.screenshot({ path: test.info().outputPath('bad-link.png') });
    // Still a working app: a sample opens.
    await fresh.getByLabel('Open a sample').selectOption('p03_realistic_x64_2node.bin');
    await expect(fresh.getByTestId('file-name')).toHaveText('p03_realistic_x64_2node.bin');
    await expect(fresh.getByTestId('error-banner')).toHaveCount(0);
    await fresh.close();
  }
});

test('exports: JSON is what the CLI prints, CSV and .bin, the map as a standalone SVG', async ({ page, browser }) => {
  await page.goto('./');
  await expect(page.getByTestId('file-name')).toHaveText('img02_realistic.bin');
  await page.getByRole('button', { name: 'Share' }).click();
  const save = async (id: string) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`download-${id}`).click()]);
    const file = test.info().outputPath(download.suggestedFilename());
    await download.saveAs(file);
    return { name: download.suggestedFilename(), file, bytes: readFileSync(file) };
  };

  const json = await save('json');
  expect(json.name).toBe('img02_realistic.topology.json');
  expect(json.bytes.toString('utf8')).toBe(cli(['decode', 'img02_realistic.bin'], SAMPLES));

  const csv = await save('csv');
  const lines = csv.bytes.toString('utf8').split('\r\n');
  expect(lines[0]).toBe('table,index,start_hex,end_hex,size_hex,start,end,size,vnode,vtl_type,vtl_type_name,igvm_type,igvm_type_name');
  expect(lines.filter((l) => /^(memory|mmio),/.test(l))).toHaveLength(await page.getByTestId('entry-row').count());

  const bin = await save('bin');
  expect(new Uint8Array(bin.bytes)).toEqual(new Uint8Array(readFileSync(P03)));

  const svg = await save('svg');
  expect(svg.name).toBe('img02_realistic.map.svg');
  const viewer = await (await browser.newContext()).newPage();
  await viewer.goto(pathToFileURL(svg.file).href);
  const root = viewer.locator('svg').first();
  await expect(root).toBeVisible();
  expect(await viewer.evaluate(() => document.documentElement.namespaceURI)).toBe('http://www.w3.org/2000/svg');
  expect(await viewer.locator('[data-testid="range"]').count()).toBeGreaterThan(0);
  await viewer.screenshot({ path: test.info().outputPath('map.svg.png') });
  await viewer.context().close();

  const png = await save('png');
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
});
