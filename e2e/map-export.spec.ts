// The map as a picture (Share → Map SVG): a caption names the file and the
// window, and no two pieces of text overlap. The exported SVG is parsed and
// rendered on its own, and every text's box checked against every other.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { mapOf, setScale } from './helpers/map.ts';
import { openApp } from './helpers/viewer.ts';

test.use({ viewport: { width: 1440, height: 900 } });

async function exportSvg(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Share' }).click();
  const download = page.waitForEvent('download');
  await page.getByTestId('download-svg').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('img02_realistic.map.svg');
  const text = readFileSync((await file.path())!, 'utf8');
  await page.getByRole('button', { name: 'Share' }).click();
  return text;
}

interface TextBox {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Renders the SVG alone in a fresh page and returns the box of every non-empty text. */
async function textBoxes(page: Page, svg: string): Promise<TextBox[]> {
  const view = await page.context().newPage();
  try {
    await view.setContent(`<!doctype html><body style="margin:0">${svg.replace(/^<\?xml[^>]*>/, '')}</body>`);
    return await view.locator('svg text').evaluateAll((els) =>
      els
        .filter((e) => (e.textContent ?? '').trim() !== '')
        .map((e) => {
          const r = e.getBoundingClientRect();
          return { text: e.textContent!, x: r.x, y: r.y, width: r.width, height: r.height };
        }),
    );
  } finally {
    await view.close();
  }
}

function overlaps(a: TextBox, b: TextBox): boolean {
  // A hair of anti-aliasing is not an overlap.
  const e = 0.5;
  return a.x + a.width - e > b.x && b.x + b.width - e > a.x && a.y + a.height - e > b.y && b.y + b.height - e > a.y;
}

for (const scale of ['readable', 'proportional'] as const) {
  for (const quick of ['whole', 'vtl2'] as const) {
    test(`the exported SVG names the file and window, and no two texts overlap (${scale}, ${quick})`, async ({ page }) => {
      await openApp(page);
      const map = mapOf(page);
      await setScale(map, scale);
      await map.locator(`[data-testid=quick-view][data-value=${quick}]`).click();
      await expect(map).toHaveAttribute('data-window-start', quick === 'whole' ? '0x0' : '0x480000000');
      const svg = await exportSvg(page);
      const boxes = await textBoxes(page, svg);
      const caption = boxes.map((b) => b.text).find((t) => t.startsWith('img02_realistic.bin'));
      expect(caption).toBe(`img02_realistic.bin · window ${quick === 'whole' ? '0x0 – 0x10_0000_0000' : '0x4_8000_0000 – 0x4_8c00_0000'} · ${scale === 'readable' ? 'readable scale (widths by log2 of size; labels give true sizes)' : 'proportional scale'}`);
      // The legend's long names are there, each clear of the next swatch (checked below with every text).
      for (const name of ['VTL2_PERSISTED_STATE_HEADER', 'VTL2_PERSISTED_STATE_PROTOBUF', 'VTL2_BOOTSHIM_LOG_BUFFER']) expect(boxes.some((b) => b.text === name)).toBe(true);
      expect(boxes.length).toBeGreaterThan(25);
      // Every IGVM cue drawn is in the legend, by the name the map gives it.
      const cues = await map.locator('[data-testid=range]').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-igvm-type')!))].filter((t) => t !== '' && t !== 'MEMORY'));
      expect(cues.length).toBeGreaterThan(0);
      for (const cue of cues) expect(boxes.some((b) => b.text === `IGVM ${cue}`), cue).toBe(true);
      const clashes: string[] = [];
      for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) if (overlaps(boxes[i]!, boxes[j]!)) clashes.push(`"${boxes[i]!.text}" × "${boxes[j]!.text}"`);
      expect(clashes).toEqual([]);
      // And no legend label runs into the swatch after it.
      const swatches = await legendSwatches(page, svg);
      expect(swatches.length).toBeGreaterThan(10);
      for (const label of boxes) for (const s of swatches) expect(overlaps(label, s), `"${label.text}" over a swatch`).toBe(false);
    });
  }
}

/** The legend's swatches, rendered: they are rects in the legend group, not text. */
async function legendSwatches(page: Page, svg: string): Promise<TextBox[]> {
  const view = await page.context().newPage();
  try {
    await view.setContent(`<!doctype html><body style="margin:0">${svg.replace(/^<\?xml[^>]*>/, '')}</body>`);
    return await view.locator('svg > g[transform^="translate(12,"] rect').evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return { text: 'swatch', x: r.x, y: r.y, width: r.width, height: r.height };
      }),
    );
  } finally {
    await view.close();
  }
}
