// The address map, driven as a user does: what it draws for the golden
// fixtures, the persisted-state pins, keyboard zoom down to one page, brush,
// minimap, hover, click-to-select, and 10,000 ranges.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { encodeSavedState } from '../web/lib/format/encodeSavedState.ts';
import { syntheticSavedState } from '../web/lib/testing/syntheticTopology.ts';
import { expectationFor, loadFixtures } from './helpers/fixtures.ts';
import { MARK_BUDGET, windowOf } from './helpers/map.ts';
import { openApp, pickFile } from './helpers/viewer.ts';

const fixture = (name: string) => loadFixtures().find((f) => f.name === name)!;

interface DrawnRange {
  table: string;
  start: string;
  end: string;
  vtlType: string;
  vnode: string;
}

async function drawnRanges(map: Locator): Promise<DrawnRange[]> {
  return map.locator('[data-testid=range]').evaluateAll((els) =>
    els.map((el) => ({
      table: el.getAttribute('data-table')!,
      start: el.getAttribute('data-start')!,
      end: el.getAttribute('data-end')!,
      vtlType: el.getAttribute('data-vtl-type')!,
      vnode: el.getAttribute('data-vnode')!,
    })),
  );
}

const byStart = (a: DrawnRange, b: DrawnRange) => a.table.localeCompare(b.table) || (BigInt(a.start) < BigInt(b.start) ? -1 : BigInt(a.start) > BigInt(b.start) ? 1 : 0);

async function openFixture(page: Page, name: string): Promise<Locator> {
  await openApp(page);
  const f = fixture(name);
  if (name !== 'img02_realistic') {
    await pickFile(page, `${name}.bin`, f.bytes);
    await expect(page.getByTestId('file-name')).toHaveText(`${name}.bin`);
  }
  return page.getByTestId('address-map');
}

for (const name of ['img02_realistic', 'p03_realistic_x64_2node']) {
  test(`${name}: the map draws exactly the fixture's ranges, with the persisted-state pins`, async ({ page }) => {
    const map = await openFixture(page, name);
    const expected = (await expectationFor(fixture(name))).rows.map((r) => ({ ...r })).sort(byStart);
    await expect(map.locator('[data-testid=range]')).toHaveCount(expected.length);
    expect((await drawnRanges(map)).sort(byStart)).toEqual(expected);
    await expect(map.locator('[data-testid=range-aggregate]')).toHaveCount(0);
    // Both pins are there and point where the header (image) or the entries (saved state) say.
    const header = map.getByTestId('persisted-header-marker');
    const protobuf = map.getByTestId('protobuf-region-marker');
    await expect(header).toHaveAttribute('data-start', '0x480000000');
    await expect(header).toHaveAttribute('data-end', '0x480001000');
    await expect(protobuf).toHaveAttribute('data-start', '0x480001000');
    await expect(protobuf).toHaveAttribute('data-end', '0x480014000');
    await expect(header).toContainText('header page 0x4_8000_0000');
    if (name === 'img02_realistic') {
      await expect(header).toContainText('magic OHCLPHDR');
      await expect(protobuf).toContainText('payload_len 380 bytes');
    } else {
      await expect(header).toContainText('VTL2_PERSISTED_STATE_HEADER');
    }
    // The lanes: one per vnode, then MMIO.
    await expect(map.locator('[data-lane]')).toHaveCount(3);
    // What the map and the table both say of a range reads the same (IGVM type: the label, empty for MMIO).
    const said = (ranges: Locator) =>
      ranges.evaluateAll((els) => Object.fromEntries(els.map((e) => [`${e.getAttribute('data-table')}:${e.getAttribute('data-index')}`, ['data-start', 'data-end', 'data-vtl-type', 'data-vnode', 'data-igvm-type'].map((a) => e.getAttribute(a))])));
    expect(await said(map.locator('[data-testid=range]'))).toEqual(await said(page.getByTestId('entry-row')));
  });
}

test('keys zoom around the centre, pan, and reset; the window reaches a single 4 KiB page', async ({ page }) => {
  const map = await openFixture(page, 'img02_realistic');
  const whole = await windowOf(map);
  expect(whole).toEqual({ start: 0n, end: 0x10_0000_0000n });
  await map.focus();
  await page.keyboard.press('+');
  const zoomed = await windowOf(map);
  expect(zoomed.end - zoomed.start).toBeLessThan(whole.end - whole.start);
  await page.keyboard.press('ArrowRight');
  const panned = await windowOf(map);
  expect(panned.start).toBeGreaterThan(zoomed.start);
  await page.keyboard.press('0');
  expect(await windowOf(map)).toEqual(whole);

  // Zoom in until it stops: one page fills the view.
  let last = whole.end - whole.start;
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('=');
    const w = await windowOf(map);
    if (w.end - w.start === last) break;
    last = w.end - w.start;
  }
  const page1 = await windowOf(map);
  expect(page1.end - page1.start).toBe(0x1000n);
  // Axis ticks are still labelled in hex at page zoom.
  await expect(map.locator('g.tick text').first()).toHaveText(/^0x[0-9a-f_]+$/);
  await page.keyboard.press('-');
  const out = await windowOf(map);
  expect(out.end - out.start).toBe(0x2000n);
});

test('brush strip zooms into a range; the minimap moves the window', async ({ page }) => {
  const map = await openFixture(page, 'img02_realistic');
  const strip = map.locator('.brush .overlay');
  const box = (await strip.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const brushed = await windowOf(map);
  expect(brushed.start).toBeGreaterThan(0n);
  expect(brushed.end - brushed.start).toBeLessThan(0x10_0000_0000n / 2n);

  // The minimap shows the window; clicking it moves the window there at the same zoom.
  const mini = map.locator('svg[data-role=minimap]');
  const frame = map.getByTestId('minimap-window');
  const widthBefore = Number(await frame.getAttribute('width'));
  const mbox = (await mini.boundingBox())!;
  await page.mouse.click(mbox.x + mbox.width - 40, mbox.y + mbox.height / 2);
  const moved = await windowOf(map);
  expect(moved.start).toBeGreaterThan(brushed.end);
  expect(Number(await frame.getAttribute('width'))).toBeCloseTo(widthBefore, 3);
});

test('hover tells the range; click selects it and the table follows', async ({ page }) => {
  const map = await openFixture(page, 'img02_realistic');
  const range = map.locator('[data-testid=range][data-start="0x100000000"]');
  await range.hover();
  const tip = map.getByTestId('map-tooltip');
  await expect(tip).toBeVisible();
  await expect(tip).toContainText('0x1_0000_0000 – 0x2_8000_0000');
  await expect(tip).toContainText('6 GiB (6,442,450,944 bytes)');
  await expect(tip).toContainText('vnode 0 · IGVM MEMORY');
  await range.click();
  await expect(range).toHaveAttribute('data-selected', 'true');
  await expect(range).toHaveAttribute('aria-selected', 'true');
  await expect(map.locator('[data-testid=range][data-selected=true]')).toHaveCount(1);
  // The selection is the store's: selecting elsewhere moves the highlight.
  await page.keyboard.press('Escape');
  await expect(map.locator('[data-testid=range][data-selected=true]')).toHaveCount(0);
});

test('filters dim what they leave out', async ({ page }) => {
  const map = await openFixture(page, 'img02_realistic');
  await page.locator('#entry-filter-address').fill('0x480000800');
  await expect(map.locator('[data-testid=range][data-dimmed=false]')).toHaveCount(1);
  await expect(map.locator('[data-testid=range][data-dimmed=false]')).toHaveAttribute('data-vtl-type', 'VTL2_PERSISTED_STATE_HEADER');
});

test('10,000 ranges: sub-pixel runs merge into aggregates and nothing is lost', async ({ page }) => {
  await openApp(page);
  const state = syntheticSavedState({ entries: 10_000, vnodes: 4 });
  await pickFile(page, 'synthetic_10k.bin', encodeSavedState(state));
  await expect(page.getByTestId('file-name')).toHaveText('synthetic_10k.bin');
  const map = page.getByTestId('address-map');
  await expect(map.locator('[data-lane]')).toHaveCount(5);
  await expect(map.locator('[data-testid=range-aggregate]').first()).toBeAttached();
  const counted = await map.evaluate((el) => {
    const ranges = el.querySelectorAll('[data-testid=range]').length;
    let merged = 0;
    el.querySelectorAll('[data-testid=range-aggregate]').forEach((a) => (merged += Number(a.getAttribute('data-count'))));
    return { ranges, merged, marks: ranges + el.querySelectorAll('[data-testid=range-aggregate]').length };
  });
  expect(counted.ranges + counted.merged).toBe(state.partition_memory.length + state.partition_mmio.length);
  expect(counted.marks).toBeLessThanOrEqual(MARK_BUDGET);
  // Clicking an aggregate zooms into it: its ranges come back one by one, exact above 2^53.
  const aggregate = map.locator('[data-testid=range-aggregate]').first();
  const count = Number(await aggregate.getAttribute('data-count'));
  const before = await windowOf(map);
  await aggregate.click({ force: true });
  await expect.poll(async () => (await windowOf(map)).end - (await windowOf(map)).start).toBeLessThan(before.end - before.start);
  await expect.poll(() => map.locator('[data-testid=range]').count()).toBeGreaterThanOrEqual(count);
  const starts = await map.locator('[data-testid=range]').evaluateAll((els) => els.slice(0, 50).map((e) => e.getAttribute('data-start')!));
  const known = new Set(state.partition_memory.map((e) => `0x${e.range.start.toString(16)}`).concat(state.partition_mmio.map((e) => `0x${e.range.start.toString(16)}`)));
  expect(starts.length).toBeGreaterThan(0);
  for (const s of starts) expect(known.has(s)).toBe(true);
});

test('empty and inverted ranges are drawn as ticks, never crash', async ({ page }) => {
  await openApp(page);
  const state = syntheticSavedState({ entries: 6, vnodes: 1 });
  const r0 = state.partition_memory[0]!.range;
  state.partition_memory.push({ ...state.partition_memory[1]!, range: { start: r0.start, end: r0.start } });
  state.partition_memory.push({ ...state.partition_memory[1]!, range: { start: r0.end, end: r0.start } });
  await pickFile(page, 'odd.bin', encodeSavedState(state));
  await expect(page.getByTestId('file-name')).toHaveText('odd.bin');
  const map = page.getByTestId('address-map');
  await expect(map.locator('[data-testid=range]')).toHaveCount(state.partition_memory.length + state.partition_mmio.length);
  await expect(map.locator(`[data-testid=range][data-index="6"]`)).toHaveAttribute('data-end', `0x${r0.start.toString(16)}`);
});

test('dark theme keeps the map legible', async ({ page }) => {
  await openApp(page);
  await page.keyboard.press('t');
  const map = page.getByTestId('address-map');
  await expect(map.locator('svg[data-role=map]')).toHaveCSS('background-color', 'rgb(13, 17, 23)');
});
