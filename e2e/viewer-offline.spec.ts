// Once loaded, the app works with the network gone: a reload still opens the
// sample and decodes a dropped file (public/sw.js keeps what was fetched).
import { expect, test } from '@playwright/test';
import { loadFixtures } from './helpers/fixtures.ts';
import { dropFile, openApp, tableRows } from './helpers/viewer.ts';

test('works offline after the first visit', async ({ page, context }) => {
  await openApp(page);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // The first load happened before the worker controlled the page: load once more, online, so it caches everything.
  await page.reload();
  await expect(page.getByTestId('file-name')).toHaveText('img02_realistic.bin');
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('file-name')).toHaveText('img02_realistic.bin');
  await expect(page.getByTestId('boot-check')).toHaveAttribute('data-outcome', 'accepted');
  const p02 = loadFixtures().find((f) => f.name === 'p02_single_memory_entry')!;
  await dropFile(page, 'offline.bin', p02.bytes);
  await expect(page.getByTestId('file-name')).toHaveText('offline.bin');
  expect(await tableRows(page)).toEqual([{ table: 'memory', start: '0x1000', end: '0x2000', vtlType: 'VTL2_RAM', vnode: '1' }]);
});
