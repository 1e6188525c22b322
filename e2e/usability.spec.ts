// What a new user trips over (issue 16), each as a user meets it: errors that
// lead with their cause, a header OpenHCL ignores that can still be looked at,
// the page counter, long links as a choice, the keyboard and screen-reader
// path, one hex style, Back after bad inputs, the sort in links.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { decodeLink } from '../web/lib/share/link.ts';
import { loadFixtures, REPO_ROOT } from '../web/lib/testing/fixtures.ts';
import { dropFile, openApp, pasteText } from './helpers/viewer.ts';

const fixture = (name: string) => loadFixtures().find((f) => f.name === name)!;

test('a header over its own limit is said first, the payload error as its consequence', async ({ page }) => {
  await openApp(page);
  await dropFile(page, 'bad_img03.bin', fixture('bad_img03_payload_len_gt_region_len').bytes);
  const banner = page.getByTestId('error-banner');
  await expect(banner.getByTestId('banner-message')).toHaveText(/^The header is inconsistent: protobuf_payload_len 77,825 is larger than protobuf_region_len 77,824 \(by 1 byte\)/);
  await expect(banner.getByTestId('banner-consequence')).toContainText('byte offset 81921');
  // The map's pin shows exact bytes where the units would hide the difference.
  await expect(page.getByTestId('protobuf-region-marker')).toContainText('77,825 bytes');
});

test('a damaged magic says what the next boot does, and the payload can be decoded anyway', async ({ page }) => {
  await openApp(page);
  await dropFile(page, 'bad_img01.bin', fixture('bad_img01_bad_magic').bytes);
  const notice = page.getByTestId('notice-banner');
  await expect(notice).toContainText('OHCLPHDX');
  await expect(notice).toContainText('first-boot path');
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
  await expect(page.getByTestId('map-empty')).toBeVisible();
  await expect(page.getByTestId('entry-row')).toHaveCount(0);
  await notice.getByRole('button', { name: 'Decode the payload anyway' }).click();
  await expect(page.getByTestId('entry-row')).toHaveCount(17);
  await expect(page.getByTestId('notice-banner').getByTestId('banner-consequence')).toContainText('Decoded anyway');
  await expect(page.getByTestId('boot-check')).toHaveAttribute('data-outcome', 'first-boot');
  await page.getByRole('tab', { name: /Diagnostics/ }).click();
  await expect(page.locator('[data-testid=diagnostic][data-code=decoded-anyway]')).toHaveCount(1);
  // It travels in the link as asked.
  await expect.poll(() => decodeLink(new URL(page.url()).hash).parts.options.anyway?.length).toBe(380n);
});

test('rows per page "all" counts from 1', async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId('page-range')).toHaveText('1–17 of 17');
  await page.getByLabel('Rows per page').selectOption('Infinity');
  await expect(page.getByTestId('page-range')).toHaveText('1–17 of 17');
});

test('a long link is a choice: the address bar and the Share menu offer the view only, with the full link on request', async ({ page, browser }) => {
  const bytes = readFileSync(path.join(REPO_ROOT, 'public/samples/synthetic_10k_8node.bin'));
  await openApp(page);
  await dropFile(page, 'synthetic_10k_8node.bin', bytes);
  await expect(page.getByTestId('entry-count')).toHaveText('10016 entries');
  await page.getByTestId('entry-row').nth(3).click();
  await expect.poll(() => decodeLink(new URL(page.url()).hash).view.selection?.index).toBe(3);
  const hash = new URL(page.url()).hash;
  expect(hash.length).toBeLessThan(400);
  expect(decodeLink(hash).viewOnly).toMatchObject({ name: 'synthetic_10k_8node.bin', size: bytes.length });
  await page.getByRole('button', { name: 'Share' }).click();
  await expect(page.getByTestId('long-link-note')).toContainText('over 8,000 characters');
  const viewOnly = await page.getByTestId('share-link').inputValue();
  expect(viewOnly.length).toBeLessThan(400);
  await page.getByTestId('toggle-full-link').click();
  expect((await page.getByTestId('share-link').inputValue()).length).toBeGreaterThan(50_000);

  // The view-only link, opened elsewhere, waits for its file, then shows the view.
  const fresh = await browser.newPage();
  await fresh.goto(viewOnly);
  await expect(fresh.getByTestId('awaited-banner')).toContainText('synthetic_10k_8node.bin');
  await dropFile(fresh, 'synthetic_10k_8node.bin', bytes);
  await expect(fresh.getByTestId('selection-details')).toHaveAttribute('data-index', '3');
  await expect(fresh.getByTestId('awaited-banner')).toHaveCount(0);
  await fresh.close();
});

test('keyboard and screen readers: rows take focus, arrows move it, selections are announced, one "Open file"', async ({ page }) => {
  await openApp(page);
  await expect(page.getByRole('button', { name: 'Open file' })).toHaveCount(1);
  await expect(page.getByLabel('Open file')).toHaveCount(1);
  await page.getByTestId('entry-row').first().focus();
  await page.keyboard.press('ArrowDown');
  const selected = page.locator('[data-testid=entry-row][aria-selected=true]');
  await expect(selected).toHaveAttribute('data-index', '0');
  await page.keyboard.press('ArrowDown');
  await expect(selected).toHaveAttribute('data-index', '1');
  await expect(selected).toBeFocused();
  await expect(page.getByTestId('announcer')).toHaveText('Selected memory #1: VTL0, 0x7fe0_0000 to 0x8000_0000, 2 MiB, vnode 0.');
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-testid=entry-row][aria-selected=true]')).toHaveCount(0);
  // The VTL-type filter names its types and counts their ranges.
  await page.getByTitle('Filter by VTL type').click();
  await expect(page.getByRole('group', { name: 'VTL type filter' })).toContainText('VTL2_RAM3 ranges');
});

test('one hex style for addresses: the table, the sidebar and the tooltip agree', async ({ page }) => {
  await openApp(page);
  const row = page.getByTestId('entry-row').nth(5);
  await row.click();
  await expect(row.locator('td').nth(1)).toHaveText('0x4_8000_0000');
  await expect(page.getByTestId('selection-details')).toContainText('0x4_8000_0000');
  await page.locator('[data-testid=range][data-start="0x480000000"]').hover();
  await expect(page.getByTestId('map-tooltip')).toContainText('0x4_8000_0000');
});

test('after two bad inputs, Back returns to the last file that opened', async ({ page }) => {
  await openApp(page);
  const bad = [...fixture('bad_p01_truncated_mid_field').bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  await pasteText(page, bad);
  await expect(page.getByTestId('error-banner')).toBeVisible();
  await pasteText(page, bad);
  await expect(page.getByTestId('error-banner')).toBeVisible();
  await page.getByTestId('error-banner').getByRole('button', { name: /Back to img02_realistic.bin/ }).click();
  await expect(page.getByTestId('file-name')).toHaveText('img02_realistic.bin');
});

test('the table\'s sort travels in the link', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Size' }).click();
  await page.getByRole('button', { name: 'Size' }).click();
  await expect.poll(() => decodeLink(new URL(page.url()).hash).view.sort).toEqual({ key: 'size', descending: true });
  await page.reload();
  await expect(page.getByRole('columnheader', { name: 'Size' })).toHaveAttribute('aria-sort', 'descending');
  await expect(page.getByTestId('entry-row').first()).toHaveAttribute('data-vtl-type', 'VTL0');
});
