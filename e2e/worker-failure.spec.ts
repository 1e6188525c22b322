// A decode worker that cannot load (blocked, a broken deployment, a hostile CSP
// header) must not leave the page waiting forever: the open fails in place, and
// the next input starts a fresh worker.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { FIXTURES_DIR } from '../web/lib/testing/fixtures.ts';
import { pickFile } from './helpers/viewer.ts';

// The service worker would answer from its cache, out of page.route's sight.
test.use({ serviceWorkers: 'block' });

test('a worker that fails to load reports an error, and the next input decodes', async ({ page }) => {
  const blockWorker = (route: { abort: () => Promise<void> }) => route.abort();
  await page.route(/decode\.worker[^/]*\.js$/, blockWorker);
  await page.goto('./');
  const banner = page.getByTestId('error-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('decode worker');

  await page.unroute(/decode\.worker[^/]*\.js$/, blockWorker);
  await pickFile(page, 'p03.bin', new Uint8Array(readFileSync(path.join(FIXTURES_DIR, 'p03_realistic_x64_2node.bin'))));
  await expect(page.getByTestId('boot-check')).toHaveAttribute('data-outcome', 'accepted');
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
});
