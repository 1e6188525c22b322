// 100,000 ranges over 64 vnodes (the synthetic sample of the Samples menu):
// the map opens, draws within its mark budget while losing no range, zooms,
// and the tab stays under 100 MB of JS heap (page and decode worker).
import { expect, test } from '@playwright/test';
import { MARK_BUDGET, mapOf, windowOf } from './helpers/map.ts';
import { pageMemory, workerHeapUsed } from './helpers/memory.ts';
import { openApp } from './helpers/viewer.ts';

const RANGES = 100_000 + 2 * 64;
const MEMORY_LIMIT = 100 * 1024 * 1024;

async function marks(page: import('@playwright/test').Page) {
  return mapOf(page).evaluate((el) => {
    const ranges = el.querySelectorAll('svg[data-role=map] [data-testid=range]').length;
    const aggregates = [...el.querySelectorAll('svg[data-role=map] [data-testid=range-aggregate]')];
    return { ranges, aggregates: aggregates.length, merged: aggregates.reduce((n, a) => n + Number(a.getAttribute('data-count')), 0) };
  });
}

for (const scale of ['readable', 'proportional'] as const) {
  test(`the 100,000-range sample opens within the mark budget and under 100 MB (${scale})`, async ({ page }) => {
    test.setTimeout(120_000);
    await openApp(page);
    if (scale === 'proportional') await mapOf(page).locator('[data-testid=map-scale][data-value=proportional]').click();
    await page.getByLabel('Open a sample').selectOption('synthetic_100k_64node.bin');
    await expect(page.getByTestId('file-name')).toHaveText('synthetic_100k_64node.bin');
    const map = mapOf(page);
    await expect(map).toHaveAttribute('data-scale', scale);
    await expect(map.locator('[data-lane]')).toHaveCount(65);
    await expect(map).toContainText('100,128 ranges');
    // The whole space: every range drawn or merged, none lost, within the budget.
    await expect(map.locator('[data-testid=range-aggregate]').first()).toBeAttached();
    const whole = await marks(page);
    expect(whole.ranges + whole.merged).toBe(RANGES);
    expect(whole.ranges + whole.aggregates).toBeLessThanOrEqual(MARK_BUDGET);
    // Zoomed in, still within the budget.
    await map.focus();
    for (let i = 0; i < 6; i++) await page.keyboard.press('+');
    await expect.poll(async () => {
      const w = await windowOf(map);
      return w.start > 0n;
    }).toBe(true);
    const zoomed = await marks(page);
    expect(zoomed.ranges + zoomed.aggregates).toBeLessThanOrEqual(MARK_BUDGET);
    expect(zoomed.ranges + zoomed.aggregates).toBeGreaterThan(0);

    const heap = (await pageMemory(page)).heapUsed;
    const worker = await workerHeapUsed(page);
    test.info().annotations.push({ type: 'memory', description: `JSHeapUsedSize ${(heap / 2 ** 20).toFixed(1)} MiB, worker ${worker === null ? 'n/a' : `${(worker / 2 ** 20).toFixed(1)} MiB`}` });
    expect(heap).toBeLessThan(MEMORY_LIMIT);
    expect(heap + (worker ?? 0)).toBeLessThan(MEMORY_LIMIT);
  });
}
