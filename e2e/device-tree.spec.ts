// Device trees in the browser, as a user opens them (dropped, picked, from the
// samples): every fixture of ../shared/fixtures/dt shows upstream's map (or
// its refusal, naming the node), the CPUs per vnode, the accepted memory; the
// entropy seed is on no tab and not in the link (decoded), also when a damaged
// length walks the reader into it; a 64-vnode tree opens and draws.
import { expect, test, type Page } from '@playwright/test';
import { entropyNodes } from '../web/lib/format/deviceTreeEntropy.ts';
import { readFdt } from '../web/lib/format/fdt.ts';
import { PANELS } from '../web/lib/model/view.ts';
import { decodeLink } from '../web/lib/share/link.ts';
import { loadDtFixtures, type DtFixture } from '../web/lib/testing/dtFixtures.ts';
import { secretLeaks } from '../web/lib/testing/secretLeak.ts';
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

/** Whether `haystack` holds any run of `run` consecutive bytes of `secret`. */
function holdsRun(haystack: Uint8Array, secret: Uint8Array, run = 4): boolean {
  const text = Buffer.from(haystack).toString('latin1');
  for (let at = 0; at + run <= secret.length; at++) if (text.includes(Buffer.from(secret.subarray(at, at + run)).toString('latin1'))) return true;
  return false;
}

/** Every tab's page text and markup, and the share link in the address bar (decoded; none for a tree that does not read), hold nothing of `seed`. */
async function expectSeedNowhere(page: Page, seed: Uint8Array, linked: boolean): Promise<void> {
  for (const panel of PANELS) {
    await page.locator(`#tab-${panel}`).click();
    await expect(page.locator(`#panel-${panel}`)).toBeVisible();
    // Lazy panels (diagram, edit, compare…) are read once loaded, not as their placeholder.
    await expect(page.locator(`#panel-${panel}`)).not.toContainText('Loading…');
    const text = (await page.locator('body').innerText()) + (await page.content());
    expect({ panel, leaks: secretLeaks(text, seed) }).toEqual({ panel, leaks: [] });
  }
  if (!linked) {
    // Where the seed lies is unknown: the tree is in no link, and the address bar no longer holds the sample's.
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('');
    return;
  }
  await expect.poll(() => page.evaluate(() => location.hash.length)).toBeGreaterThan(10);
  const link = decodeLink(new URL(page.url()).hash);
  expect(link.parts.name).toBe('vm.dtb'); // the tree's link, not the sample's
  expect(link.parts.input.payload.length).toBeGreaterThan(0);
  expect(holdsRun(link.parts.input.payload, seed)).toBe(false);
  expect(secretLeaks(JSON.stringify(link, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v)), seed)).toEqual([]);
}

const dt01 = () => loadDtFixtures().find((f) => f.name === 'dt01_x64_2node_host')!;
const seedProp = () => entropyNodes(readFdt(dt01().bytes).root)[0]!.properties[0]!;

test('the entropy seed is on no tab nor in the link, only its length', async ({ page }) => {
  const seed = seedProp().value;
  expect(holdsRun(dt01().bytes, seed)).toBe(true); // the check finds it where it is
  await openApp(page);
  await dropFile(page, 'vm.dtb', dt01().bytes);
  await page.getByRole('tab', { name: /Device tree/ }).click();
  await expect(page.locator('[data-testid=dt-field][data-field=entropy]')).toHaveText('64 bytes (secret: never shown)');
  // The verdict speaks of a tree, not of a raw payload.
  await expect(page.getByTestId('boot-check')).toContainText('The state its next servicing would persist passes every payload check');
  await expectSeedNowhere(page, seed, true);
});

test('a tree whose entropy length is damaged shows its error without the seed', async ({ page }) => {
  const prop = seedProp();
  const damaged = dt01().bytes.slice();
  new DataView(damaged.buffer).setUint32(prop.offset + 4, 60, false);
  await openApp(page);
  await dropFile(page, 'vm.dtb', damaged);
  await expect(page.getByTestId('error-banner')).toHaveAttribute('data-code', 'fdt-structure');
  await expectSeedNowhere(page, prop.value, false);
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
