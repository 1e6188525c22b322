// Every golden fixture, opened both ways a user opens a file (dropped on the
// page, picked in the file input): the table holds exactly upstream's ranges,
// the boot verdict is upstream's, images show their header, bad inputs say so.
import { expect, test, type Page } from '@playwright/test';
import { expectationFor, loadFixtures, type Expectation } from './helpers/fixtures.ts';
import { dropFile, openApp, pickFile, tableRows } from './helpers/viewer.ts';

async function checkShown(page: Page, exp: Expectation, name: string) {
  await expect(page.getByTestId('file-name')).toHaveText(name);
  await expect(page.getByTestId('file-kind')).toHaveAttribute('data-kind', exp.isImage ? 'vtl2-image' : 'saved-state');
  await expect(page.getByTestId('boot-check')).toHaveAttribute('data-outcome', exp.bootOutcome);
  expect(await tableRows(page)).toEqual(exp.rows);
  if (exp.decodeFails) {
    const banner = page.getByTestId('error-banner');
    await expect(banner).toBeVisible();
    await expect(banner).toContainText(/at byte \d+ \(0x[0-9a-f]+\)/);
  } else {
    await expect(page.getByTestId('error-banner')).toHaveCount(0);
  }
  await page.getByRole('tab', { name: /Header/ }).click();
  if (exp.header) {
    await expect(page.getByTestId('header-panel')).toHaveAttribute('data-magic-kind', exp.header.magic === 'OHCLPHDR' ? 'valid' : 'damaged');
    for (const field of ['protobuf_base', 'protobuf_region_len', 'protobuf_payload_len'] as const) {
      await expect(page.locator(`[data-testid=header-field][data-field=${field}]`)).toHaveAttribute('data-value', exp.header[field]);
    }
    await expect(page.locator('[data-testid=header-field][data-field=protobuf_base]')).toContainText(`0x${BigInt(exp.header.protobuf_base).toString(16)}`);
  } else {
    await expect(page.getByTestId('no-header')).toBeVisible();
  }
  await page.getByRole('tab', { name: /Entries/ }).click();
}

for (const fixture of loadFixtures()) {
  test.describe(fixture.name, () => {
    test('dropped on the page', async ({ page }) => {
      const exp = await expectationFor(fixture);
      await openApp(page);
      await dropFile(page, `dropped-${exp.file}`, fixture.bytes);
      await checkShown(page, exp, `dropped-${exp.file}`);
    });

    test('picked in the file input', async ({ page }) => {
      const exp = await expectationFor(fixture);
      await openApp(page);
      await pickFile(page, `picked-${exp.file}`, fixture.bytes);
      await checkShown(page, exp, `picked-${exp.file}`);
    });
  });
}

test('the fixtures cover good, tolerated and bad inputs (the loop above is not vacuous)', async () => {
  const all = await Promise.all(loadFixtures().map(expectationFor));
  expect(all.length).toBeGreaterThanOrEqual(10);
  expect(all.some((e) => e.decodeFails)).toBe(true);
  expect(all.some((e) => e.isImage && e.rows.length > 0)).toBe(true);
  expect(all.some((e) => e.rows.some((r) => r.table === 'mmio'))).toBe(true);
});
