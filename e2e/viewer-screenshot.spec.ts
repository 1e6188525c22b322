// The sample view at 1280×800, light theme, as a reference image (checked by
// eye when it was made; regenerate with `npx playwright test viewer-screenshot
// --update-snapshots` after an intended visual change, and look at it). The
// map is masked: it has its own owner and tests (map.spec.ts), and this image
// guards the page around it.
import { expect, test } from '@playwright/test';
import { openApp } from './helpers/viewer.ts';

test.use({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });

test('the sample view, light theme, 1280×800', async ({ page }) => {
  await openApp(page);
  await expect(page.locator('[data-testid=address-map] [data-testid=range]')).toHaveCount(17);
  await page.getByTestId('entry-row').nth(4).click();
  await expect(page.getByTestId('selection-details')).toBeVisible();
  await page.mouse.move(0, 799); // no hover tooltip
  await expect(page).toHaveScreenshot('sample-light-1280x800.png', { maxDiffPixelRatio: 0.01, animations: 'disabled', caret: 'hide', mask: [page.getByTestId('address-map')] });
});
