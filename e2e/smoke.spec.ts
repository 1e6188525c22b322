import { expect, test } from '@playwright/test';

test('starts with the realistic sample open and accepted', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('boot-check')).toHaveAttribute('data-outcome', 'accepted');
  await expect(page.locator('[data-testid=entry-row][data-table=memory]')).toHaveCount(14);
});
