// A 4 GiB image in the browser: the app reads its 32-byte header and the
// 380-byte payload it points to, nothing else, and the tab's memory stays small.
import { mkdtempSync, openSync, closeSync, ftruncateSync, writeSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { loadFixtures } from './helpers/fixtures.ts';
import { pageMemory, workerHeapUsed } from './helpers/memory.ts';
import { openApp } from './helpers/viewer.ts';

const FOUR_GIB = 4 * 1024 ** 3;
const MEMORY_LIMIT = 100 * 1024 * 1024;

test('a 4 GiB sparse image opens reading header and payload only, in under 100 MB', async ({ page }) => {
  const img02 = loadFixtures().find((f) => f.name === 'img02_realistic')!;
  const dir = mkdtempSync(path.join(tmpdir(), 'ohcl-limits-'));
  const file = path.join(dir, 'huge-4gib.bin');
  try {
    // Sparse: the header page and the payload are real bytes, the rest is a hole on disk.
    const fd = openSync(file, 'w');
    ftruncateSync(fd, FOUR_GIB);
    writeSync(fd, img02.bytes.subarray(0, 4096 + 380), 0, 4096 + 380, 0);
    closeSync(fd);

    await openApp(page);
    await page.locator('#open-file-input').setInputFiles(file);
    await expect(page.getByTestId('file-name')).toHaveText('huge-4gib.bin');
    await expect(page.getByTestId('boot-check')).toHaveAttribute('data-outcome', 'accepted');
    await expect(page.getByTestId('bytes-read')).toHaveText(`${32 + 380} bytes read`);
    await expect(page.getByTestId('entry-row')).toHaveCount(14 + 3);

    // The main thread's JS heap after a GC and the DOM it holds, and the decode worker's heap.
    const { heapUsed, heapTotal, domNodes } = await pageMemory(page);
    const workerHeap = await workerHeapUsed(page);
    test.info().annotations.push({
      type: 'memory',
      description: `JSHeapUsedSize ${(heapUsed / 2 ** 20).toFixed(1)} MiB (total ${(heapTotal / 2 ** 20).toFixed(1)} MiB), worker heap ${workerHeap === null ? 'n/a' : `${(workerHeap / 2 ** 20).toFixed(1)} MiB`}, ${domNodes} DOM nodes`,
    });
    console.log(`4 GiB image: ${test.info().annotations.at(-1)!.description}`);
    expect(heapUsed).toBeLessThan(MEMORY_LIMIT);
    expect(heapUsed + (workerHeap ?? 0)).toBeLessThan(MEMORY_LIMIT);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
