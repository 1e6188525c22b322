// One filter, one answer: whatever filter is set (VTL type, vnode, IGVM type,
// one address, an address range, hex text), the table's rows are exactly the
// map's undimmed ranges (`data-dimmed="false"`), on the realistic sample.
import { expect, test, type Page } from '@playwright/test';
import { openApp } from './helpers/viewer.ts';

/** `memory:3`-style keys of the table's rows. */
async function tableKeys(page: Page): Promise<string[]> {
  return page.getByTestId('entry-row').evaluateAll((rows) => rows.map((r) => `${(r as HTMLElement).dataset.table}:${(r as HTMLElement).dataset.index}`).sort());
}

/** Keys of the map's ranges drawn at full strength, and of all it draws. */
async function mapKeys(page: Page): Promise<{ lit: string[]; all: number }> {
  return page.getByTestId('address-map').locator('[data-testid=range]').evaluateAll((els) => ({
    lit: els.filter((el) => el.getAttribute('data-dimmed') === 'false').map((el) => `${el.getAttribute('data-table')}:${el.getAttribute('data-index')}`).sort(),
    all: els.length,
  }));
}

/** Picks exactly one choice of a filter's list ("None", then that one). */
async function pickOnly(page: Page, filter: string, choice: string): Promise<void> {
  await page.getByTitle(`Filter by ${filter}`).click();
  const list = page.getByRole('group', { name: `${filter} filter` });
  await list.getByRole('button', { name: 'None' }).click();
  await list.getByRole('checkbox', { name: new RegExp(choice) }).check();
  await page.keyboard.press('Escape');
}

const FILTERS: [string, (page: Page) => Promise<void>, number][] = [
  ['VTL type', (page) => pickOnly(page, 'VTL type', 'VTL2_RAM'), 3],
  ['vnode', (page) => pickOnly(page, 'vnode', 'vnode 1'), 4],
  ['IGVM type', (page) => pickOnly(page, 'IGVM type', 'VTL2_PROTECTABLE'), 9],
  ['one address', (page) => page.locator('#entry-filter-address').fill('0x480000800'), 1],
  ['an address range', (page) => page.locator('#entry-filter-address').fill('0x480000000-0x482800000'), 3],
  [
    'hex text',
    async (page) => {
      await page.getByTestId('address-mode').selectOption('text');
      // In address mode "48a" is the address 0x48a; as text it is found in 0x4_8a00_0000 (memory #12 end, #13 start).
      await page.locator('#entry-filter-address').fill('48a');
    },
    2,
  ],
];

for (const [what, apply, count] of FILTERS) {
  test(`a filter by ${what}: the table's rows are the map's undimmed ranges`, async ({ page }) => {
    await openApp(page);
    const before = await mapKeys(page);
    expect(before.lit).toEqual(await tableKeys(page));
    expect(before.lit).toHaveLength(17);
    await apply(page);
    await expect(page.getByTestId('entry-row')).toHaveCount(count);
    const rows = await tableKeys(page);
    const map = await mapKeys(page);
    expect(map.lit).toEqual(rows);
    expect(map.all).toBe(17); // the rest are drawn, dimmed
  });
}
