// Reading the address map as drawn: its window, its scale, the boxes of its ranges.
import { expect, type Locator, type Page } from '@playwright/test';
import { MAP_BUDGET } from '../../web/app/map/lanesLayer.ts';

/** The most marks the map draws: MAP_BUDGET, plus the persisted-state pins and the selection drawn on their own. */
export const MARK_BUDGET = MAP_BUDGET + 3;

export function mapOf(page: Page): Locator {
  return page.getByTestId('address-map');
}

/** The GPA window the map shows (its data-window-start / -end). */
export async function windowOf(map: Locator): Promise<{ start: bigint; end: bigint }> {
  const [start, end] = await map.evaluate((el) => [el.getAttribute('data-window-start')!, el.getAttribute('data-window-end')!]);
  return { start: BigInt(start), end: BigInt(end) };
}

/** Waits until the map shows exactly [start, end). */
export async function expectWindow(map: Locator, start: bigint, end: bigint): Promise<void> {
  await expect(map).toHaveAttribute('data-window-start', `0x${start.toString(16)}`);
  await expect(map).toHaveAttribute('data-window-end', `0x${end.toString(16)}`);
}

export async function setScale(map: Locator, scale: 'proportional' | 'readable'): Promise<void> {
  await map.locator(`[data-testid=map-scale][data-value=${scale}]`).click();
  await expect(map).toHaveAttribute('data-scale', scale);
}

export interface DrawnBox {
  table: string;
  index: number;
  start: bigint;
  end: bigint;
  vtlType: string;
  /** In CSS pixels, relative to the plot's left edge. */
  x: number;
  width: number;
}

/** Every range drawn, with its box as rendered (marks sit in a scaled reference frame: read boxes, not attributes). */
export async function rangeBoxes(map: Locator): Promise<DrawnBox[]> {
  const raw = await map.locator('svg[data-role=map]').evaluate((svg) => {
    const plot = svg.querySelector('.surface')!.getBoundingClientRect();
    return [...svg.querySelectorAll('[data-testid=range]')].map((el) => {
      const box = el.getBoundingClientRect();
      return {
        table: el.getAttribute('data-table')!,
        index: Number(el.getAttribute('data-index')),
        start: el.getAttribute('data-start')!,
        end: el.getAttribute('data-end')!,
        vtlType: el.getAttribute('data-vtl-type')!,
        x: box.left - plot.left,
        width: box.width,
      };
    });
  });
  return raw.map((r) => ({ ...r, start: BigInt(r.start), end: BigInt(r.end) }));
}

/** The plot's width in CSS pixels (the clip rectangle of the lanes). */
export async function plotWidth(map: Locator): Promise<number> {
  return map.locator('svg[data-role=map] .surface').evaluate((el) => Number(el.getAttribute('width')));
}
