// Reference images of the address map itself (viewer-screenshot.spec.ts masks
// it): the realistic sample at 1440×900, light theme, in each scale. Checked by
// eye when made; after an intended change to the map, run with
// --update-snapshots and look at the new images.
import { expect, test } from '@playwright/test';
import { mapOf, setScale } from './helpers/map.ts';
import { openApp } from './helpers/viewer.ts';

test.use({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });

for (const scale of ['readable', 'proportional'] as const) {
  test(`the realistic sample's map, ${scale} scale, 1440×900`, async ({ page }) => {
    await openApp(page);
    const map = mapOf(page);
    await setScale(map, scale);
    await expect(map.locator('[data-testid=range]')).toHaveCount(17);
    await page.mouse.move(0, 899); // no hover tooltip
    await expect(map).toHaveScreenshot(`map-${scale}-1440x900.png`, { maxDiffPixelRatio: 0.01, animations: 'disabled', caret: 'hide' });
  });
}
