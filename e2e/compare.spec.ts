// Comparing two topologies in the production build (issue 11): two files
// dropped at once open the compare view; its changes are the library's; a
// change chosen moves the map; a one-page change is findable from the
// whole-space view; swap, leave, "Compare with…", the filters, the release
// picker; and the address bar's link reopens the comparison in a fresh page.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { changeRows } from '../web/lib/analysis/compare/changeRows.ts';
import { compareTopologies } from '../web/lib/analysis/compare/index.ts';
import { encodeSavedState } from '../web/lib/format/encodeSavedState.ts';
import { decodeSavedState } from '../web/lib/format/savedState.ts';
import type { SavedState } from '../web/lib/model/savedState.ts';
import { hex } from '../web/lib/model/text.ts';
import { VTL } from '../web/lib/model/vtlTypes.ts';
import { decodeLink } from '../web/lib/share/link.ts';
import { savedStateDoc } from '../web/lib/testing/savedStateDoc.ts';
import { dropFiles, openApp } from './helpers/viewer.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const P03 = readFileSync(path.join(ROOT, 'public/samples/p03_realistic_x64_2node.bin'));
const A = decodeSavedState(P03).value;

/** B: A with one 4 KiB page of VTL0 RAM (above 4 GiB, vnode 0) made VTL2_RESERVED, and the VTL2 MMIO range gone. */
function servicedState(): SavedState {
  const at = A.partition_memory.findIndex((e) => e.vtl_type.value === VTL.VTL0 && e.range.start >= 1n << 32n);
  const e = A.partition_memory[at]!;
  const page = e.range.start + 0x10_0000n;
  const pieces = [
    { ...e, range: { start: e.range.start, end: page } },
    { ...e, range: { start: page, end: page + 0x1000n }, vtl_type: { value: VTL.VTL2_RESERVED, name: 'VTL2_RESERVED' } },
    { ...e, range: { start: page + 0x1000n, end: e.range.end } },
  ];
  return {
    ...A,
    partition_memory: [...A.partition_memory.slice(0, at), ...pieces, ...A.partition_memory.slice(at + 1)],
    partition_mmio: A.partition_mmio.filter((m) => m.vtl_type.value !== VTL.VTL2_MMIO),
  };
}

const B_BYTES = encodeSavedState(servicedState());
/** What the library finds, for the page to match. */
const EXPECTED = changeRows(compareTopologies(savedStateDoc(A), savedStateDoc(servicedState()))).map((r) => ({ table: r.table, start: hex(r.start), end: hex(r.end), kind: r.kind }));

async function changes(page: Page) {
  return page.getByTestId('compare-change').evaluateAll((rows) => rows.map((r) => ({ table: r.getAttribute('data-table'), start: r.getAttribute('data-start'), end: r.getAttribute('data-end'), kind: r.getAttribute('data-kind') })));
}

async function compareTwo(page: Page) {
  await openApp(page);
  await dropFiles(page, [
    { name: 'before.bin', bytes: P03 },
    { name: 'after.bin', bytes: B_BYTES },
  ]);
  await expect(page.getByTestId('compare-view')).toBeVisible();
}

test('two files dropped at once are compared: the changes are the library’s, the summary says them', async ({ page }) => {
  expect(EXPECTED.map((r) => r.kind)).toEqual(['retyped', 'removed']);
  await compareTwo(page);
  await expect(page.getByTestId('file-name')).toContainText('before.bin');
  await expect(page.getByTestId('file-name-b')).toContainText('after.bin');
  await expect(page.getByRole('tab', { name: /Compare/ })).toHaveAttribute('aria-selected', 'true');
  expect(await changes(page)).toEqual(EXPECTED);
  // VTL2_RESERVED is VTL2 RAM: B's VTL2 RAM is not the one A's state rebuilds, and A's MMIO is not B's.
  await expect(page.getByTestId('compare-summary')).toHaveText('1 memory range retyped (4 KiB), VTL2 RAM grew by 4 KiB, 1 MMIO range removed; servicing (current) fails: vtl2-ram, mmio');
  await expect(page.locator('[data-testid="servicing-check"][data-check="mmio"]')).toHaveAttribute('data-outcome', 'fail');
  await expect(page.locator('[data-testid="servicing-check"][data-check="vtl2-ram"]')).toHaveAttribute('data-outcome', 'fail');
  await expect(page.locator('[data-testid="servicing-check"][data-check="persisted-header"]')).toHaveAttribute('data-outcome', 'pass');
});

test('a one-page change is findable from the whole-space view in either scale, and choosing it moves the map there', async ({ page }) => {
  await compareTwo(page);
  const mark = page.locator('[data-testid="compare-change-mark"][data-kind="retyped"] rect').last();
  // The strip draws in the map's scale: 4 KiB of 64 GiB is a hair in proportional, but its mark is not.
  for (const scale of ['proportional', 'readable']) {
    await page.locator(`[data-testid="map-scale"][data-value="${scale}"]`).click();
    await expect(page.getByTestId('address-map')).toHaveAttribute('data-scale', scale);
    expect((await mark.boundingBox())!.width).toBeGreaterThanOrEqual(3);
  }
  await mark.click();
  const row = page.locator('[data-testid="compare-change"][data-kind="retyped"]');
  await expect(row).toHaveAttribute('aria-selected', 'true');
  // The map's window holds the page, which is in its middle third.
  const map = page.getByTestId('address-map');
  const start = BigInt((await map.getAttribute('data-window-start'))!);
  const end = BigInt((await map.getAttribute('data-window-end'))!);
  const page0 = BigInt(EXPECTED[0]!.start);
  expect(start < page0 && page0 + 0x1000n < end).toBe(true);
  expect(end - start).toBeLessThanOrEqual(0x11000n);
  // A's range there is selected.
  await expect(page.getByTestId('selection-details')).toHaveAttribute('data-table', 'memory');
});

test('swap, leave, and compare with a file chosen from the open one', async ({ page }) => {
  await compareTwo(page);
  await page.getByTestId('compare-swap').click();
  await expect(page.getByTestId('file-name')).toContainText('after.bin');
  expect((await changes(page)).map((r) => r.kind)).toEqual(['retyped', 'added']);
  await page.getByTestId('compare-leave').click();
  await expect(page.getByTestId('file-name-b')).toHaveCount(0);
  await expect(page.getByRole('tab', { name: /Entries/ })).toHaveAttribute('aria-selected', 'true');
  // "Compare with…" (c) takes the file as B.
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('c')]);
  await chooser.setFiles({ name: 'before.bin', mimeType: 'application/octet-stream', buffer: P03 });
  await expect(page.getByTestId('file-name-b')).toContainText('before.bin');
  expect((await changes(page)).map((r) => r.kind)).toEqual(['retyped', 'added']);
  // The arrow keys walk the changes table.
  await page.locator('[data-testid="compare-change"]').first().click();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('[data-testid="compare-change"][data-kind="added"]')).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('[data-testid="compare-change"][data-kind="added"]')).toBeFocused();
});

test('the filters apply to both sides', async ({ page }) => {
  await compareTwo(page);
  await expect(page.getByTestId('compare-count')).toHaveText('2 changes');
  await page.getByLabel('Filter by address or range (hex)').fill(EXPECTED[0]!.start);
  await expect(page.getByTestId('compare-count')).toHaveText('1 of 2 changes');
  expect((await changes(page)).map((r) => r.kind)).toEqual(['retyped']);
});

test('the release picked judges the boot check and the servicing checks, and says which rules it used', async ({ page }) => {
  await compareTwo(page);
  await expect(page.getByTestId('boot-check')).toHaveAttribute('data-outcome', 'accepted');
  await page.getByTestId('release-picker').selectOption('pre-2026-04');
  // p03 has a pool range on each node: releases before openvmm #3312 panic on it.
  await expect(page.getByTestId('boot-check')).toHaveAttribute('data-outcome', 'panic');
  await expect(page.getByTestId('boot-check')).toContainText('previous instance had multiple pool ranges');
  await expect(page.getByTestId('compare-release-picker')).toHaveValue('pre-2026-04');
  await expect(page.getByTestId('compare-summary')).toContainText('servicing (pre-2026-04)');
  await page.getByTestId('compare-release-rules').locator('summary').click();
  await expect(page.getByTestId('compare-release-rules')).toContainText('openvmm #3312');
});

test('the address bar’s link reopens the comparison, its release and window, in a fresh page', async ({ page, browser }) => {
  await compareTwo(page);
  await page.getByTestId('release-picker').selectOption('pre-2026-04');
  await page.locator('[data-testid="compare-change"][data-kind="removed"]').click();
  await expect(page.locator('[data-testid="compare-change"][data-kind="removed"]')).toHaveAttribute('aria-selected', 'true');
  const windowStart = await page.getByTestId('address-map').getAttribute('data-window-start');
  // The link is written a moment after the last change: wait until it holds all of it.
  await expect
    .poll(async () => {
      const hash = await page.evaluate(() => location.hash);
      if (hash.length < 2) return null;
      const link = decodeLink(hash);
      return { b: link.compareWith?.name ?? null, release: link.view.release, panel: link.view.panel, window: link.view.window && hex(link.view.window.start) };
    })
    .toEqual({ b: 'after.bin', release: 'pre-2026-04', panel: 'compare', window: windowStart });
  const link = page.url();

  const fresh = await (await browser.newContext()).newPage();
  await fresh.goto(link);
  await expect(fresh.getByTestId('compare-view')).toBeVisible();
  await expect(fresh.getByTestId('file-name')).toContainText('before.bin');
  await expect(fresh.getByTestId('file-name-b')).toContainText('after.bin');
  expect(await changes(fresh)).toEqual(EXPECTED);
  await expect(fresh.getByTestId('compare-release-picker')).toHaveValue('pre-2026-04');
  await expect(fresh.getByTestId('address-map')).toHaveAttribute('data-window-start', windowStart!);
  await fresh.context().close();
});

test('a B that did not decode whole is compared, and the view says so', async ({ page }) => {
  await openApp(page);
  const truncated = readFileSync(path.join(ROOT, 'public/samples/bad_p01_truncated_mid_field.bin'));
  await dropFiles(page, [
    { name: 'before.bin', bytes: P03 },
    { name: 'truncated.bin', bytes: truncated },
  ]);
  await expect(page.getByTestId('compare-view')).toBeVisible();
  await expect(page.getByTestId('compare-partial')).toHaveAttribute('data-side', 'B');
  await expect(page.getByTestId('compare-partial')).toContainText('byte offset');
});

test('choosing a change is one history step: Back returns to the whole space, still comparing', async ({ page }) => {
  await compareTwo(page);
  const linkNow = async () => {
    const hash = await page.evaluate(() => location.hash);
    if (hash.length < 2) return null;
    const link = decodeLink(hash);
    return { b: link.compareWith?.name ?? null, window: link.view.window && hex(link.view.window.start), selection: link.view.selection };
  };
  await expect.poll(linkNow).toEqual({ b: 'after.bin', window: null, selection: null });
  const removed = page.locator('[data-testid="compare-change"][data-kind="removed"]');
  await removed.click();
  await expect(removed).toHaveAttribute('aria-selected', 'true');
  const windowStart = await page.getByTestId('address-map').getAttribute('data-window-start');
  await expect.poll(async () => (await linkNow())?.window).toBe(windowStart);
  await page.goBack();
  await expect.poll(linkNow).toEqual({ b: 'after.bin', window: null, selection: null });
  // The map no longer looks at the change: it is not marked as chosen any more.
  await expect(removed).toHaveAttribute('aria-selected', 'false');
  await expect(page.getByTestId('compare-view')).toBeVisible();
  await expect(page.getByTestId('file-name-b')).toContainText('after.bin');
});

test('a topology from a template ends the comparison and starts with a fresh view', async ({ page }) => {
  await compareTwo(page);
  await page.keyboard.press('1');
  await page.getByTestId('entry-row').nth(3).click();
  await expect(page.getByTestId('entry-row').nth(3)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('6');
  await page.getByTestId('template-x64-2node-host').click();
  await expect(page.getByTestId('file-name')).toHaveText('new-x64-2node-host.bin');
  await expect(page.getByTestId('file-name-b')).toHaveCount(0);
  // Nothing of the old file's view points into the new one.
  await page.keyboard.press('1');
  await expect(page.locator('[data-testid=entry-row][aria-selected=true]')).toHaveCount(0);
  await page.keyboard.press('7');
  await expect(page.getByTestId('compare-empty')).toBeVisible();
});
