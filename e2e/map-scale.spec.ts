// The map's scales, quick views and moves, on the realistic sample at 1440×900:
// in the readable scale (the default) every VTL2 range is a labelled block at
// first sight; in the proportional one widths are to scale. Quick views land
// exactly where they say, + keeps the selection in view, a row chosen in the
// table comes into view, the legend filters, and links carry the scale.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { encodeSavedState } from '../web/lib/format/encodeSavedState.ts';
import { bytesSource } from '../web/lib/io/byteSource.ts';
import { DEFAULT_VIEW } from '../web/lib/model/view.ts';
import { decodeLink, encodeLink } from '../web/lib/share/link.ts';
import { partsOfDocument } from '../web/lib/share/parts.ts';
import { openDoc } from '../web/lib/testing/openDoc.ts';
import { syntheticSavedState } from '../web/lib/testing/syntheticTopology.ts';
import { expectWindow, mapOf, plotWidth, rangeBoxes, setScale, windowOf } from './helpers/map.ts';
import { openApp, pickFile } from './helpers/viewer.ts';

test.use({ viewport: { width: 1440, height: 900 } });

const WHOLE = [0x0n, 0x10_0000_0000n] as const;
const VTL2 = [0x4_8000_0000n, 0x4_8c00_0000n] as const;
const PERSISTED = [0x4_8000_0000n, 0x4_8001_4000n] as const;
const LOG_BUFFER = [0x4_8282_0000n, 0x4_8282_2000n] as const;
const isVtl2 = (type: string) => type !== 'VTL0' && type !== 'VTL0_MMIO';

/** `table:index` of every range with a label drawn inside it. */
async function labelled(map: Locator): Promise<Set<string>> {
  const keys = await map.locator('[data-testid=range-label]').evaluateAll((els) => els.filter((e) => (e.textContent ?? '') !== '').map((e) => `${e.getAttribute('data-table')}:${e.getAttribute('data-index')}`));
  return new Set(keys);
}

/** A page-wide key: pressed with nothing focused (a focused field or the map would take it). */
async function pressOnPage(page: Page, key: string): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press(key);
}

test('readable (the default): every VTL2 range at least 8 px wide and labelled at first sight, VTL0 still there', async ({ page }) => {
  await openApp(page);
  const map = mapOf(page);
  await expect(map).toHaveAttribute('data-scale', 'readable');
  await expectWindow(map, ...WHOLE);
  await expect(map.locator('[data-testid=range]')).toHaveCount(17);
  const boxes = await rangeBoxes(map);
  const vtl2 = boxes.filter((b) => isVtl2(b.vtlType));
  expect(vtl2.map((b) => b.vtlType).sort()).toEqual(['VTL2_BOOTSHIM_LOG_BUFFER', 'VTL2_CONFIG', 'VTL2_GPA_POOL', 'VTL2_GPA_POOL', 'VTL2_MMIO', 'VTL2_PERSISTED_STATE_HEADER', 'VTL2_PERSISTED_STATE_PROTOBUF', 'VTL2_RAM', 'VTL2_RAM', 'VTL2_RAM']);
  const withLabel = await labelled(map);
  for (const b of vtl2) {
    expect(b.width, `${b.vtlType} ${b.start.toString(16)}`).toBeGreaterThanOrEqual(8);
    expect(withLabel.has(`${b.table}:${b.index}`), `${b.vtlType} is labelled`).toBe(true);
  }
  // The header page and the protobuf region read without zooming: blocks, and pins that name them.
  const header = boxes.find((b) => b.vtlType === 'VTL2_PERSISTED_STATE_HEADER')!;
  expect(header.width).toBeGreaterThanOrEqual(20);
  await expect(map.getByTestId('persisted-header-marker')).toContainText('header page 0x4_8000_0000');
  await expect(map.getByTestId('protobuf-region-marker')).toContainText('protobuf region 0x4_8000_1000');
  // VTL0 stays visible, and larger still means wider.
  for (const b of boxes.filter((x) => !isVtl2(x.vtlType))) expect(b.width).toBeGreaterThanOrEqual(8);
  const widthAt = (start: bigint) => boxes.find((b) => b.start === start)!.width;
  expect(widthAt(0x2_8000_0000n)).toBeGreaterThan(widthAt(0x4_4000_0000n)); // 7 GiB > 1 GiB
  expect(widthAt(0x4_4000_0000n)).toBeGreaterThan(header.width); // 1 GiB > 4 KiB
});

test('proportional: every width is its size to scale; the header page is a hairline', async ({ page }) => {
  await openApp(page);
  const map = mapOf(page);
  await setScale(map, 'proportional');
  await expectWindow(map, ...WHOLE);
  const boxes = await rangeBoxes(map);
  // 0x1_0000_0000 – 0x4_8c00_0000 is one segment of the axis (no collapsed hole inside): one scale.
  const segment = boxes.filter((b) => b.start >= 0x1_0000_0000n && b.end <= 0x4_8c00_0000n);
  expect(segment.length).toBe(12);
  const sixGiB = segment.find((b) => b.start === 0x1_0000_0000n)!;
  const pxPerByte = sixGiB.width / Number(sixGiB.end - sixGiB.start);
  for (const b of segment) {
    // To the pixel (positions are drawn to the hundredth; a range under a pixel is drawn 1 px wide).
    expect(Math.abs(b.width - Math.max(1, Number(b.end - b.start) * pxPerByte)), `${b.vtlType} ${b.start.toString(16)}`).toBeLessThanOrEqual(0.05);
  }
  expect(boxes.find((b) => b.vtlType === 'VTL2_PERSISTED_STATE_HEADER')!.width).toBeLessThanOrEqual(1);
});

test('the scale switches by its buttons and by s, and the address bar\'s link carries it', async ({ page }) => {
  await openApp(page);
  const map = mapOf(page);
  // The address bar holds the link once the page has written it.
  const linkScale = () => {
    const hash = new URL(page.url()).hash;
    return hash ? decodeLink(hash).view.scale : null;
  };
  await expect.poll(linkScale).toBe('readable');
  await setScale(map, 'proportional');
  await expect.poll(linkScale).toBe('proportional');
  await pressOnPage(page, 's');
  await expect(map).toHaveAttribute('data-scale', 'readable');
  await expect(map.locator('[data-testid=map-scale][data-value=readable]')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(linkScale).toBe('readable');
  // A window survives the switch: the same addresses, laid out anew.
  await pressOnPage(page, 'v');
  await expectWindow(map, ...VTL2);
  await pressOnPage(page, 's');
  await expect(map).toHaveAttribute('data-scale', 'proportional');
  await expectWindow(map, ...VTL2);
});

test('a link made before scales (no scale field) opens proportional, as it looked', async ({ page }) => {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const bytes = readFileSync(path.join(root, 'public/samples/img02_realistic.bin'));
  const doc = await openDoc(bytesSource(new Uint8Array(bytes)));
  const fragment = encodeLink(partsOfDocument(doc, 'img02_realistic.bin'), { ...DEFAULT_VIEW, scale: 'proportional' });
  await page.goto(`./#${fragment}`);
  await expect(page.getByTestId('file-name')).toHaveText('img02_realistic.bin');
  await expect(mapOf(page)).toHaveAttribute('data-scale', 'proportional');
});

for (const scale of ['readable', 'proportional'] as const) {
  test(`quick views land where they say (${scale})`, async ({ page }) => {
    await openApp(page);
    const map = mapOf(page);
    await setScale(map, scale);
    await expect(map.locator('[data-testid=quick-view][data-value=selection]')).toBeDisabled();
    await pressOnPage(page, 'v');
    await expectWindow(map, ...VTL2);
    await pressOnPage(page, 'r');
    await expectWindow(map, ...PERSISTED);
    await pressOnPage(page, 'w');
    await expectWindow(map, ...WHOLE);
    await page.locator('[data-testid=entry-row][data-index="9"][data-table=memory]').click();
    await pressOnPage(page, 'f');
    await expectWindow(map, ...LOG_BUFFER);
    // The same by the buttons.
    await map.locator('[data-testid=quick-view][data-value=whole]').click();
    await expectWindow(map, ...WHOLE);
    await map.locator('[data-testid=quick-view][data-value=vtl2]').click();
    await expectWindow(map, ...VTL2);
    await map.locator('[data-testid=quick-view][data-value=persisted]').click();
    await expectWindow(map, ...PERSISTED);
    await map.locator('[data-testid=quick-view][data-value=selection]').click();
    await expectWindow(map, ...LOG_BUFFER);
    // The store and the link hold the window the map shows.
    await expect.poll(() => {
      const hash = new URL(page.url()).hash;
      return hash ? decodeLink(hash).view.window : null;
    }).toEqual({ start: LOG_BUFFER[0], end: LOG_BUFFER[1] });
  });
}

test('+ zooms around the selection while it is in view, so it stays there', async ({ page }) => {
  await openApp(page);
  const map = mapOf(page);
  await setScale(map, 'proportional');
  // The boot-shim log buffer: 8 KiB, far right of centre.
  await page.locator('[data-testid=entry-row][data-index="9"][data-table=memory]').click();
  const selected = map.locator('[data-testid=range][data-selected=true]');
  await expect(selected).toHaveAttribute('data-start', '0x482820000');
  const width = await plotWidth(map);
  await map.focus();
  let span = WHOLE[1] - WHOLE[0];
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('+');
    await expect.poll(async () => {
      const w = await windowOf(map);
      return w.end - w.start;
    }).toBeLessThan(span);
    const w = await windowOf(map);
    span = w.end - w.start;
    // The selected range is inside the window, and drawn inside the plot.
    expect(w.start <= LOG_BUFFER[1] && w.end >= LOG_BUFFER[0], `press ${i + 1}`).toBe(true);
    const box = (await rangeBoxes(map)).find((b) => b.table === 'memory' && b.index === 9)!;
    expect(box.x < width && box.x + box.width > 0, `press ${i + 1}`).toBe(true);
  }
  // Zoomed far in (around the centre, the buffer would have left the view by the second press).
  expect(span).toBeLessThan(0x100_0000n);
});

test('a row chosen in the table comes into the map\'s view: a pan, never a zoom in', async ({ page }) => {
  await openApp(page);
  const map = mapOf(page);
  await pressOnPage(page, 'v');
  await expectWindow(map, ...VTL2);
  const frame = map.getByTestId('minimap-window');
  const zoomWidth = Number(await frame.getAttribute('width'));
  // The 6 GiB VTL0 range at 0x1_0000_0000 is far left of VTL2: chosen, it comes into view.
  await page.locator('[data-testid=entry-row][data-index="2"][data-table=memory]').click();
  const range = map.locator('[data-testid=range][data-start="0x100000000"]');
  await expect(range).toHaveAttribute('data-selected', 'true');
  await expect.poll(async () => (await windowOf(map)).start).toBeLessThan(0x2_8000_0000n);
  const w = await windowOf(map);
  expect(w.end > 0x1_0000_0000n && w.start < 0x2_8000_0000n).toBe(true);
  // The same zoom (the overview's window box keeps its width) or less, never more.
  expect(Number(await frame.getAttribute('width'))).toBeGreaterThanOrEqual(zoomWidth - 0.5);
  // ↓ chooses the next row (7 GiB at 0x2_8000_0000): it comes into view too.
  await pressOnPage(page, 'ArrowDown');
  await expect(map.locator('[data-testid=range][data-selected=true]')).toHaveAttribute('data-start', '0x280000000');
  await expect.poll(async () => {
    const v = await windowOf(map);
    return v.end > 0x2_8000_0000n && v.start < 0x4_4000_0000n;
  }).toBe(true);
  // A range already in view does not move the map.
  const before = await windowOf(map);
  await pressOnPage(page, 'ArrowUp');
  await expect(map.locator('[data-testid=range][data-selected=true]')).toHaveAttribute('data-start', '0x100000000');
  expect(await windowOf(map)).toEqual(before);
});

test('a legend entry filters by its VTL type; clicked again, every type is back', async ({ page }) => {
  await openApp(page);
  const map = mapOf(page);
  const entry = map.locator('[data-testid=legend-vtl][data-value="1"]');
  await expect(entry).toHaveText('VTL2_RAM');
  await entry.click();
  await expect(entry).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('entry-row')).toHaveCount(3);
  for (const row of await page.getByTestId('entry-row').all()) await expect(row).toHaveAttribute('data-vtl-type', 'VTL2_RAM');
  await expect(map.locator('[data-testid=range][data-dimmed=false]')).toHaveCount(3);
  // Another type's entry replaces the filter.
  await map.locator('[data-testid=legend-vtl][data-value="8"]').click();
  await expect(page.getByTestId('entry-row')).toHaveCount(2);
  await map.locator('[data-testid=legend-vtl][data-value="8"]').click();
  await expect(page.getByTestId('entry-row')).toHaveCount(17);
  await expect(map.locator('[data-testid=legend-vtl][aria-pressed=true]')).toHaveCount(0);
});

for (const scale of ['readable', 'proportional'] as const) {
  test(`the header pin ends above the 0x4_8000_0000 tick label (${scale})`, async ({ page }) => {
    await openApp(page);
    const map = mapOf(page);
    await setScale(map, scale);
    for (const key of ['w', 'v']) {
      await pressOnPage(page, key);
      const label = map.locator('g.tick text', { hasText: /^0x4_8000_0000$/ });
      await expect(label).toHaveCount(1);
      const labelBox = (await label.boundingBox())!;
      const pin = (await map.locator('[data-testid=persisted-header-marker] rect.pin').boundingBox())!;
      expect(pin.y + pin.height).toBeLessThanOrEqual(labelBox.y);
    }
  });
}

/** The window the address bar's link holds (null: the whole space, or no link yet). */
function linkWindow(page: Page): { start: bigint; end: bigint } | null {
  const hash = new URL(page.url()).hash;
  return hash ? decodeLink(hash).view.window : null;
}

test('panned at page zoom to where a page is wider, + never zooms out', async ({ page }) => {
  // Readable: a page of the 1 GiB range below 0x4_8000_0000 is ~100,000 times narrower than the header page above it.
  const root = fileURLToPath(new URL('..', import.meta.url));
  const doc = await openDoc(bytesSource(new Uint8Array(readFileSync(path.join(root, 'public/samples/img02_realistic.bin')))));
  const fragment = encodeLink(partsOfDocument(doc, 'img02_realistic.bin'), { ...DEFAULT_VIEW, window: { start: 0x4_7fff_f000n, end: 0x4_8000_0000n } });
  await page.goto(`./#${fragment}`);
  const map = mapOf(page);
  await expectWindow(map, 0x4_7fff_f000n, 0x4_8000_0000n);
  await map.focus();
  const width = async () => {
    const w = await windowOf(map);
    return w.end - w.start;
  };
  let crossed = false;
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('ArrowRight');
    const panned = await width();
    crossed ||= (await windowOf(map)).start >= 0x4_8000_0000n - 0x1000n;
    await page.keyboard.press('+');
    expect(await width(), `pan ${i + 1}`).toBeLessThanOrEqual(panned);
  }
  expect(crossed).toBe(true);
});

test('w shows the whole space even while a wheel zoom is not yet reported', async ({ page }) => {
  await openApp(page);
  const map = mapOf(page);
  await expectWindow(map, ...WHOLE);
  // Every window drawn, so the zoom is seen to have happened however quickly w follows it.
  await map.evaluate((el) => {
    const drawn: string[] = ((window as unknown as { __drawn: string[] }).__drawn = []);
    new MutationObserver(() => drawn.push(el.getAttribute('data-window-start')!)).observe(el, { attributeFilter: ['data-window-start'] });
  });
  const box = (await map.locator('svg[data-role=map] .surface').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  // w right after the wheel: within the gesture, whose window the map reports only once it pauses.
  await page.mouse.wheel(0, -400);
  await page.keyboard.press('w');
  await expectWindow(map, ...WHOLE);
  expect(await page.evaluate(() => (window as unknown as { __drawn: string[] }).__drawn.some((start) => start !== '0x0'))).toBe(true);
  await expect.poll(() => linkWindow(page)).toBeNull();
});

test('a window the map cannot show as given (past the axis) is shown as it can, and the store and link hold that one', async ({ page }) => {
  await openApp(page);
  const state = syntheticSavedState({ entries: 6, vnodes: 1 });
  // An empty range where the axis ends: its quick view asks for the page after it.
  const top = [...state.partition_memory, ...state.partition_mmio].reduce((m, e) => (e.range.end > m ? e.range.end : m), 0n);
  state.partition_memory.push({ ...state.partition_memory[1]!, range: { start: top, end: top } });
  await pickFile(page, 'edge.bin', encodeSavedState(state));
  await expect(page.getByTestId('file-name')).toHaveText('edge.bin');
  await page.locator(`[data-testid=entry-row][data-table=memory][data-index="${state.partition_memory.length - 1}"]`).click();
  const map = mapOf(page);
  await pressOnPage(page, 'f');
  await expect.poll(async () => (await windowOf(map)).end).toBeLessThanOrEqual(top + 1n);
  const shown = await windowOf(map);
  await expect.poll(() => linkWindow(page)).toEqual(shown);
});
