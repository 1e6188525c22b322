// Device trees in the browser, as a user opens them (dropped, picked, from the
// samples): every fixture of ../shared/fixtures/dt shows upstream's map (or
// its refusal, naming the node), the CPUs per vnode, the accepted memory; the
// entropy seed is never on the page; a 64-vnode tree opens and draws.
import { expect, test, type Page } from '@playwright/test';
import { entropyNodes } from '../web/lib/format/deviceTreeEntropy.ts';
import { readFdt } from '../web/lib/format/fdt.ts';
import { loadDtFixtures, type DtFixture } from '../web/lib/testing/dtFixtures.ts';
import { rowsOf, type JsonState } from './helpers/fixtures.ts';
import { dropFile, openApp, pickFile, tableRows } from './helpers/viewer.ts';

interface Parsed {
  cpus: { vnode: number }[];
  accepted_ranges: { start: string; end: string }[];
}

async function checkShown(page: Page, f: DtFixture, name: string) {
  await expect(page.getByTestId('file-name')).toHaveText(name);
  await expect(page.getByTestId('file-kind')).toHaveAttribute('data-kind', 'device-tree');
  const upstream = f.expected.upstream_parse;
  if (!upstream.ok) {
    const banner = page.getByTestId('error-banner');
    await expect(banner).toHaveAttribute('data-code', /^(fdt-|dt-semantics)/);
    await expect(page.getByTestId('entry-row')).toHaveCount(0);
    return;
  }
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
  expect(await tableRows(page)).toEqual(rowsOf(f.expected.saved_state_from_dt as JsonState));
  const parsed = upstream.parsed as Parsed;
  await expect(page.getByTestId('accepted-range')).toHaveCount(parsed.accepted_ranges.length);
  // The NUMA panel lists each vnode's CPUs, which a saved state cannot.
  await page.getByRole('tab', { name: /NUMA/ }).click();
  const perVnode = new Map<number, number>();
  for (const c of parsed.cpus) perVnode.set(c.vnode, (perVnode.get(c.vnode) ?? 0) + 1);
  for (const [vnode, count] of perVnode) {
    await expect(page.locator(`[data-testid=numa-vnode][data-vnode="${vnode}"] [data-testid=numa-cpus]`)).toContainText(`${count} CPU`);
  }
  await page.getByRole('tab', { name: /Device tree/ }).click();
  await expect(page.getByTestId('dt-panel')).toBeVisible();
  await expect(page.getByTestId('dt-cpu')).toHaveCount(parsed.cpus.length);
}

for (const f of loadDtFixtures()) {
  test.describe(`device tree ${f.name}`, () => {
    test('dropped on the page', async ({ page }) => {
      await openApp(page);
      await dropFile(page, `${f.name}.dtb`, f.bytes);
      await checkShown(page, f, `${f.name}.dtb`);
    });

    test('picked in the file input', async ({ page }) => {
      await openApp(page);
      await pickFile(page, `${f.name}.dtb`, f.bytes);
      await checkShown(page, f, `${f.name}.dtb`);
    });
  });
}

test('the entropy seed is never on the page, only its length', async ({ page }) => {
  const dt01 = loadDtFixtures().find((f) => f.name === 'dt01_x64_2node_host')!;
  const seed = entropyNodes(readFdt(dt01.bytes).root)[0]!.properties[0]!.value;
  const seedHex = Buffer.from(seed).toString('hex');
  await openApp(page);
  await dropFile(page, 'vm.dtb', dt01.bytes);
  await page.getByRole('tab', { name: /Device tree/ }).click();
  await expect(page.locator('[data-testid=dt-field][data-field=entropy]')).toHaveText('64 bytes (secret: never shown)');
  for (const tab of ['Entries', 'NUMA', 'Device tree', 'Diagnostics']) {
    await page.getByRole('tab', { name: new RegExp(tab) }).click();
    const text = (await page.locator('body').innerText()) + (await page.content());
    expect(text.toLowerCase()).not.toContain(seedHex.slice(0, 16));
    expect(text).not.toContain(Buffer.from(seed).toString('base64').slice(0, 12));
  }
  // The address bar carries the tree with the seed zeroed.
  await expect.poll(() => page.evaluate(() => location.hash.length)).toBeGreaterThan(10);
});

test('a 64-vnode device tree of ~4,000 ranges and 256 CPUs opens and draws', async ({ page }) => {
  await openApp(page);
  await page.getByLabel('Open a sample').selectOption('synthetic_dt_64node.dtb');
  await expect(page.getByTestId('file-kind')).toHaveAttribute('data-kind', 'device-tree');
  await expect(page.getByTestId('entry-count')).toContainText('entries');
  const map = page.getByTestId('address-map');
  await expect(map.locator('[data-lane]')).toHaveCount(65);
  // Within the map's mark budget: ranges drawn one by one plus merged aggregates.
  const marks = await map.locator('[data-testid=range], [data-testid=range-aggregate]').count();
  expect(marks).toBeGreaterThan(100);
  expect(marks).toBeLessThanOrEqual(1300);
  await page.getByRole('tab', { name: /NUMA/ }).click();
  await expect(page.getByTestId('numa-vnode')).toHaveCount(64);
});
