// The viewer as a user drives it: keyboard, paste, bad input, decode options,
// theme, help, a 10,000-range file.
import { expect, test } from '@playwright/test';
import { encodeSavedState } from '../web/lib/format/encodeSavedState.ts';
import { syntheticSavedState } from '../web/lib/testing/syntheticTopology.ts';
import { loadFixtures } from './helpers/fixtures.ts';
import { dropFile, openApp, pasteText, tableRows } from './helpers/viewer.ts';

const fixture = (name: string) => loadFixtures().find((f) => f.name === name)!;
const P02_ROW = { table: 'memory', start: '0x1000', end: '0x2000', vtlType: 'VTL2_RAM', vnode: '1' };

test('starts with the realistic sample: 14 memory and 3 MMIO rows, accepted, nothing uploaded', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.method()));
  await openApp(page);
  await expect(page.getByTestId('boot-check')).toHaveAttribute('data-outcome', 'accepted');
  await expect(page.getByTestId('boot-check')).toContainText('The next OpenHCL boot would accept this');
  await expect(page.locator('[data-testid=entry-row][data-table=memory]')).toHaveCount(14);
  await expect(page.locator('[data-testid=entry-row][data-table=mmio]')).toHaveCount(3);
  await expect(page.locator('[data-testid=entry-row][data-table=mmio]').first()).toHaveAttribute('data-vnode', '');
  await expect(page.getByTestId('bytes-read')).toHaveText('412 bytes read');
  await dropFile(page, 'x.bin', fixture('p02_single_memory_entry').bytes);
  await expect(page.getByTestId('file-name')).toHaveText('x.bin');
  expect(requests.every((m) => m === 'GET')).toBe(true);
});

test('keyboard: arrows, Home/End and Esc move and clear the selection in table order', async ({ page }) => {
  await openApp(page);
  const rows = page.getByTestId('entry-row');
  const selected = page.locator('[data-testid=entry-row][aria-selected=true]');
  await rows.nth(2).click();
  await expect(selected).toHaveAttribute('data-index', '2');
  await expect(page.getByTestId('selection-details')).toContainText('memory #2');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(selected).toHaveAttribute('data-index', '4');
  await expect(page.getByTestId('selection-details')).toContainText('0x4_8000_0000');
  // The map highlights the same entry.
  await expect(page.locator('[data-testid=address-map] [data-testid=range][data-selected=true]')).toHaveAttribute('data-start', '0x440000000');
  await page.keyboard.press('ArrowUp');
  await expect(selected).toHaveAttribute('data-index', '3');
  await page.keyboard.press('End');
  await expect(selected).toHaveAttribute('data-table', 'mmio');
  await expect(page.getByTestId('selection-details')).toContainText('MMIO has none');
  await page.keyboard.press('Home');
  await expect(selected).toHaveAttribute('data-index', '0');
  await expect(selected).toHaveAttribute('data-table', 'memory');
  await page.keyboard.press('Escape');
  await expect(selected).toHaveCount(0);
  // Sorted by size, descending: the arrows follow the order on screen.
  await page.getByRole('button', { name: /^Size/ }).click();
  await page.getByRole('button', { name: /^Size/ }).click();
  await page.keyboard.press('ArrowDown');
  await expect(selected).toHaveAttribute('data-start', '0x280000000'); // 7 GiB, the largest
  await page.keyboard.press('ArrowDown');
  await expect(selected).toHaveAttribute('data-start', '0x100000000'); // 6 GiB
});

test('keyboard: / filters, t toggles the theme, ? shows help, o opens the file chooser, digits switch panels', async ({ page }) => {
  await openApp(page);
  await page.keyboard.press('/');
  await expect(page.locator('#entry-filter-address')).toBeFocused();
  await page.keyboard.type('0x480001800');
  expect(await tableRows(page)).toEqual([{ table: 'memory', start: '0x480001000', end: '0x480014000', vtlType: 'VTL2_PERSISTED_STATE_PROTOBUF', vnode: '0' }]);
  await page.keyboard.press('Escape');
  await page.locator('#entry-filter-address').fill('0x480000000-0x482800000');
  await expect(page.getByTestId('entry-row')).toHaveCount(3);
  await page.locator('#entry-filter-address').fill('');
  await page.locator('body').click({ position: { x: 5, y: 790 } });

  const dark = await page.evaluate(() => document.documentElement.classList.contains('dark'));
  await page.keyboard.press('t');
  await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(!dark);

  await page.keyboard.press('?');
  await expect(page.getByTestId('help-overlay')).toBeVisible();
  await expect(page.getByTestId('help-overlay')).toContainText('Clear the selection');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('help-overlay')).toHaveCount(0);

  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('o');
  await chooser;

  await page.keyboard.press('3');
  await expect(page.getByTestId('header-panel')).toBeVisible();
  await page.keyboard.press('4');
  await expect(page.getByTestId('diagnostic')).toHaveCount(1);
  await page.keyboard.press('2');
  await expect(page.getByTestId('numa-vnode')).toHaveCount(2);
});

test('follows prefers-color-scheme by default', async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: 'dark' });
  const page = await context.newPage();
  await openApp(page);
  await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(true);
  await context.close();
});

test('paste: hex and base64 of p02 anywhere on the page, and through the paste dialog', async ({ page }) => {
  const bytes = fixture('p02_single_memory_entry').bytes;
  const hexText = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  await openApp(page);
  await pasteText(page, hexText);
  await expect(page.getByTestId('file-name')).toHaveText('pasted text');
  expect(await tableRows(page)).toEqual([P02_ROW]);

  await openApp(page);
  await pasteText(page, Buffer.from(bytes).toString('base64'));
  await expect(page.getByTestId('file-name')).toHaveText('pasted text');
  expect(await tableRows(page)).toEqual([P02_ROW]);
  await expect(page.getByTestId('boot-check')).toHaveAttribute('data-outcome', /.+/);

  await openApp(page);
  await page.keyboard.press('p');
  await page.getByLabel('Pasted hex or base64').fill(`00000000: ${hexText.replaceAll(' ', '').replace(/(.{4})/g, '$1 ').slice(0, 39)}  ................\n00000010: ${hexText.replaceAll(' ', '').slice(32)}`);
  await page.getByTestId('paste-dialog').getByRole('button', { name: 'Open' }).click();
  await expect(page.getByTestId('file-name')).toHaveText('pasted text');
  expect(await tableRows(page)).toEqual([P02_ROW]);
});

test('a bad paste says where, and the open file stays', async ({ page }) => {
  await openApp(page);
  await pasteText(page, '0a 12 0a 0g');
  const banner = page.getByTestId('error-banner');
  await expect(banner).toHaveAttribute('data-code', 'paste-format');
  await expect(banner).toHaveAttribute('data-offset', '10');
  await expect(banner).toContainText('at character 10');
  await expect(page.getByTestId('file-name')).toHaveText('img02_realistic.bin');
  await expect(page.getByTestId('entry-row')).toHaveCount(17);
  await banner.getByRole('button', { name: 'Dismiss' }).click();
  await expect(banner).toHaveCount(0);
});

test('a bad file shows its error with the byte offset, and Back returns to the previous file', async ({ page }) => {
  await openApp(page);
  await dropFile(page, 'truncated.bin', fixture('bad_p01_truncated_mid_field').bytes);
  const banner = page.getByTestId('error-banner');
  await expect(banner).toHaveAttribute('data-code', 'eof-byte-array');
  await expect(banner).toHaveAttribute('data-offset', '184');
  await expect(banner).toContainText('at byte 184 (0xb8)');
  await expect(page.getByTestId('boot-check')).toHaveAttribute('data-outcome', 'panic');
  await expect(page.getByTestId('boot-check')).toContainText('would panic because');
  await banner.getByRole('button', { name: /Back to img02_realistic.bin/ }).click();
  await expect(page.getByTestId('file-name')).toHaveText('img02_realistic.bin');
  await expect(page.getByTestId('entry-row')).toHaveCount(17);
  await expect(banner).toHaveCount(0);
});

test('decode options: force the kind, give the base GPA; the same file is decoded again', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Options' }).click();
  await page.getByLabel('Saved-state payload').check();
  await page.getByRole('button', { name: 'Decode again' }).click();
  await expect(page.getByTestId('file-kind')).toHaveAttribute('data-kind', 'saved-state');
  await expect(page.getByTestId('file-kind')).toHaveAttribute('title', /as asked/);
  await expect(page.getByTestId('error-banner')).toBeVisible();

  await page.getByRole('button', { name: 'Options' }).click();
  await page.getByLabel('VTL2 image (header page first)').check();
  await page.getByLabel('Image base GPA').fill('0x47ffff000');
  await page.getByRole('button', { name: 'Decode again' }).click();
  await expect(page.getByTestId('file-kind')).toHaveAttribute('data-kind', 'vtl2-image');
  await page.keyboard.press('3');
  await expect(page.getByTestId('payload-offset')).toHaveAttribute('data-value', '8192');
  await expect(page.getByTestId('payload-location')).toContainText('as given');
});

test('clicking a diagnostic selects the entries it is about', async ({ page }) => {
  await openApp(page);
  await page.keyboard.press('4');
  const diagnostic = page.locator('[data-testid=diagnostic][data-code=multiple-gpa-pools]');
  await expect(diagnostic).toHaveAttribute('data-severity', 'info');
  await diagnostic.click();
  await expect(page.getByTestId('selection-details')).toHaveAttribute('data-index', '11');
  await expect(page.getByTestId('selection-details')).toContainText('1 of 2 marked');
  await page.keyboard.press('1');
  await expect(page.locator('[data-testid=entry-row][aria-selected=true]')).toHaveAttribute('data-index', '11');
});

test('10,000 ranges: paged, every row reachable, "all" one virtualised page', async ({ page }) => {
  const state = syntheticSavedState({ entries: 10_000, vnodes: 8, seed: 3 });
  await openApp(page);
  await dropFile(page, 'big.bin', encodeSavedState(state));
  await expect(page.getByTestId('file-name')).toHaveText('big.bin');
  await expect(page.getByTestId('entry-count')).toHaveText('10016 entries');
  await expect(page.getByTestId('page-range')).toHaveText('1–500 of 10,016');
  // Only the rows in view are in the DOM.
  expect(await page.getByTestId('entry-row').count()).toBeLessThan(120);
  // The last row is one End away; the page follows the selection.
  await page.keyboard.press('End');
  const last = state.partition_mmio.at(-1)!;
  await expect(page.locator('[data-testid=entry-row][aria-selected=true]')).toHaveAttribute('data-start', `0x${last.range.start.toString(16)}`);
  await expect(page.getByTestId('page-range')).toHaveText('10,001–10,016 of 10,016');
  const middle = state.partition_memory[5000]!;
  await page.locator('#entry-filter-address').fill(`0x${middle.range.start.toString(16)}`);
  await expect(page.getByTestId('entry-row')).toHaveCount(1);
  await expect(page.getByTestId('entry-row')).toHaveAttribute('data-vnode', String(middle.vnode));
  await page.locator('#entry-filter-address').fill('');
  await page.getByLabel('Rows per page').selectOption('Infinity');
  // "All" is one page (it once read "NaN–10,016 of 10,016"), still virtualised, every row a key away.
  await expect(page.getByTestId('page-range')).toHaveText('1–10,016 of 10,016');
  expect(await page.getByTestId('entry-row').count()).toBeLessThan(120);
  await page.getByTestId('entry-row').first().focus(); // out of the page-size list, which takes Home/End itself
  await page.keyboard.press('Home');
  await expect(page.locator('[data-testid=entry-row][aria-selected=true]')).toHaveAttribute('data-index', '0');
  await page.keyboard.press('End');
  await expect(page.locator('[data-testid=entry-row][aria-selected=true]')).toHaveAttribute('data-start', `0x${last.range.start.toString(16)}`);
});

test.describe(() => {
  // page.route does not see requests a service worker answers (public/sw.js claims the page at once).
  test.use({ serviceWorkers: 'block' });

  test('a file opened while the start-up sample is still downloading stays open', async ({ page }) => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/samples/img02_realistic.bin', async (route) => {
      await released;
      await route.continue();
    });
    await page.goto('./');
    await page.locator('#open-file-input').setInputFiles({ name: 'mine.bin', mimeType: 'application/octet-stream', buffer: Buffer.from(fixture('p02_single_memory_entry').bytes) });
    await expect(page.getByTestId('file-name')).toHaveText('mine.bin');
    const sampleDone = page.waitForResponse('**/samples/img02_realistic.bin');
    release();
    await sampleDone;
    await page.waitForTimeout(500); // the sample's decode would land well within this
    await expect(page.getByTestId('file-name')).toHaveText('mine.bin');
    expect(await tableRows(page)).toEqual([P02_ROW]);
  });
});
