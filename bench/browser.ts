// Figures 2 and 3, in headless Chromium against `vite preview` of the production
// build: opening a 2 MiB image and the same header and payload in a 4 GiB sparse
// image, first map for 100, 10,000 and 100,000 ranges, frame times while zooming
// each in each scale, and the tab's heap with 100,000 ranges open.
// Timings come from the app's own marks (store: `ohcl:open-start`,
// `ohcl:decoded`) and from a MutationObserver + requestAnimationFrame in the page.
import { chromium, type Browser, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pageMemory } from '../e2e/helpers/memory.ts';
import { CHROMIUM_ARGS } from '../playwright.config.ts';
import { encodeSavedState } from '../web/lib/format/encodeSavedState.ts';
import { syntheticSavedState } from '../web/lib/testing/syntheticTopology.ts';
import { median, percentile } from './stats.ts';
import { ROOT } from './server.ts';

const IMAGE_SAMPLE = path.join(ROOT, 'public/samples/img02_realistic.bin');
const GiB = 1024 ** 3;

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export async function chromiumVersion(browser: Browser): Promise<string> {
  return browser.version();
}

/** A page with the app loaded (and its start-up sample, if any, decoded). */
async function openApp(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(60_000);
  // tsx (esbuild, keepNames) wraps named functions in `__name(...)`: give the page one.
  await page.addInitScript('globalThis.__name = (fn) => fn;');
  await page.goto(url);
  // The app may open a sample on start: let that settle before timing anything.
  await page.waitForSelector('input[type=file]', { state: 'attached' });
  await page.waitForLoadState('networkidle');
  return page;
}

interface OpenTiming {
  /** ms from the input's change event to the decoded document. */
  decodeMs: number;
  bytesRead: number;
  /** ms from the change event to the first frame painted with the new file's map, or null without a map. */
  firstMapMs: number | null;
  /** ms the map renderer reported for its draws up to the first map (its `address-map:render` measures). */
  mapRenderMs: number;
}

/**
 * Opens `file` through the "Open file" input and times it. The file name must
 * be new to the page (each open gets its own name) so its marks are its own.
 */
async function timeOpen(page: Page, file: string, { waitForMap }: { waitForMap: boolean }): Promise<OpenTiming> {
  const name = path.basename(file);
  await page.evaluate(
    ({ name, waitForMap }) => {
      const w = window as unknown as { __bench: Record<string, unknown> };
      w.__bench ??= {};
      const result: { change?: number; decoded?: number; bytesRead?: number; map?: number | null; mapRender: number } = { mapRender: 0 };
      w.__bench[name] = result;
      // The map renderer's own measure of each draw (`address-map:render`), summed up to the first map.
      const renders = new PerformanceObserver((list) => {
        for (const entry of list.getEntriesByName('address-map:render')) if (result.map === undefined) result.mapRender += entry.duration;
      });
      renders.observe({ type: 'measure' });
      const input = document.querySelector('input[type=file]');
      input?.addEventListener('change', () => (result.change = performance.now()), { capture: true, once: true });
      const decodedMark = () =>
        performance.getEntriesByName('ohcl:decoded').find((e) => (e as PerformanceMark).detail?.name === name) as PerformanceMark | undefined;
      const mapShown = () => {
        const map = document.querySelector('[data-testid=address-map]');
        return map !== null && map.querySelector('[data-testid=range], [data-testid=range-aggregate]') !== null && document.body.textContent!.includes(name);
      };
      // After the decode, the first DOM commit that shows this file's map, then the
      // frame that paints it (rAF, then a task queued from it runs after the paint).
      const observer = new MutationObserver(() => {
        const mark = decodedMark();
        if (!mark) return;
        if (result.decoded === undefined) {
          result.decoded = mark.startTime;
          result.bytesRead = (mark.detail as { bytesRead: number }).bytesRead;
          if (!waitForMap) {
            result.map = null;
            renders.disconnect();
            observer.disconnect();
            return;
          }
        }
        if (mapShown()) {
          observer.disconnect();
          requestAnimationFrame(() =>
            setTimeout(() => {
              result.map = performance.now();
              renders.disconnect();
            }, 0),
          );
        }
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    },
    { name, waitForMap },
  );
  await page.locator('#open-file-input').setInputFiles(file);
  const handle = await page.waitForFunction(
    (name) => {
      const r = (window as unknown as { __bench: Record<string, { change?: number; decoded?: number; map?: number | null }> }).__bench[name]!;
      return r.change !== undefined && r.decoded !== undefined && r.map !== undefined ? r : null;
    },
    name,
    { polling: 50, timeout: 120_000 },
  );
  const r = (await handle.jsonValue()) as { change: number; decoded: number; bytesRead: number; map: number | null; mapRender: number };
  // Let the page finish rendering this file before the next one arrives.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return { decodeMs: r.decoded - r.change, bytesRead: r.bytesRead, firstMapMs: r.map === null ? null : r.map - r.change, mapRenderMs: r.mapRender };
}

// ---------------------------------------------------------------- figure 2

export interface OpenResult {
  smallMs: number;
  largeMs: number;
  /** Median of per-pair ratios 4 GiB / 2 MiB. */
  ratio: number;
  smallBytesRead: number;
  largeBytesRead: number;
  payloadLength: number;
  repeats: number;
}

export async function runOpenBench(browser: Browser, url: string, { quick = false } = {}): Promise<OpenResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ohcl-bench-open-'));
  try {
    const image = fs.readFileSync(IMAGE_SAMPLE);
    const payloadLength = Number(new DataView(image.buffer, image.byteOffset).getBigUint64(24, true));
    const small = path.join(dir, 'image-2MiB.bin');
    fs.writeFileSync(small, image);
    // Same header page and payload, then holes up to 4 GiB: a sparse file costs no disk.
    const large = path.join(dir, 'image-4GiB.bin');
    const fd = fs.openSync(large, 'w');
    try {
      fs.writeSync(fd, image, 0, 4096 + payloadLength, 0);
      fs.ftruncateSync(fd, 4 * GiB);
    } finally {
      fs.closeSync(fd);
    }
    // Each open needs a file name new to the page: hard links cost nothing.
    let serial = 0;
    const fresh = (file: string) => {
      const linked = path.join(dir, `${path.basename(file, '.bin')}-${++serial}.bin`);
      fs.linkSync(file, linked);
      return linked;
    };
    const page = await openApp(browser, url);
    const repeats = quick ? 5 : 21;
    const warmup = 2;
    const smallTimes: number[] = [];
    const largeTimes: number[] = [];
    const ratios: number[] = [];
    let smallBytesRead = 0;
    let largeBytesRead = 0;
    for (let i = 0; i < warmup + repeats; i++) {
      // Alternate which goes first, so drift on the machine hits both alike.
      const order = i % 2 === 0 ? [small, large] : [large, small];
      const times: Record<string, OpenTiming> = {};
      for (const file of order) times[file] = await timeOpen(page, fresh(file), { waitForMap: false });
      if (i < warmup) continue;
      const s = times[small]!;
      const l = times[large]!;
      smallTimes.push(s.decodeMs);
      largeTimes.push(l.decodeMs);
      ratios.push(l.decodeMs / s.decodeMs);
      smallBytesRead = s.bytesRead;
      largeBytesRead = l.bytesRead;
    }
    await page.close();
    return { smallMs: median(smallTimes), largeMs: median(largeTimes), ratio: median(ratios), smallBytesRead, largeBytesRead, payloadLength, repeats };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- figure 3

export interface RenderResult {
  smallRanges: number;
  largeRanges: number;
  hugeRanges: number;
  /** Median ms from input to the first painted map; null when the app has no map yet. */
  smallMs: number | null;
  largeMs: number | null;
  hugeMs: number | null;
  /** Of the 10,000- and 100,000-range first maps: median ms to the decoded document, and in the map renderer. */
  largeDecodeMs: number | null;
  largeMapRenderMs: number | null;
  hugeDecodeMs: number | null;
  hugeMapRenderMs: number | null;
  /** Medians of per-repeat ratios: 10k / 100, 100k / 10k. */
  ratio: number | null;
  hugeRatio: number | null;
  /** Wheel zoom over each map, in each scale. */
  zoom: { ranges: number; scale: MapScale; result: ZoomResult }[];
  /** The tab's JS heap (CDP JSHeapUsedSize after a GC) with the 100,000-range map open and zoomed, bytes. */
  hugeHeapBytes: number | null;
  repeats: number;
  note: string | null;
}

type MapScale = 'proportional' | 'readable';
const SCALES: MapScale[] = ['proportional', 'readable'];

export interface ZoomResult {
  /** Frame intervals while zooming (ms). */
  frames: number;
  p50: number;
  p95: number;
  /** The same rAF loop on the idle page, just before: the frame pacing the machine gives. */
  idleP50: number;
  idleP95: number;
  /** Frames longer than 1.5 idle frames. */
  dropped: number;
  /** Main-thread work per frame while zooming (see recordFrames), and on the idle page. */
  workP50: number;
  workP95: number;
  idleWorkP95: number;
  /** How the map's window changed: proof the zoom happened. */
  windowBefore: string | null;
  windowAfter: string | null;
  method: 'wheel' | 'keyboard';
}

function syntheticBlob(dir: string, entries: number, vnodes: number): { file: string; ranges: number } {
  const state = syntheticSavedState({ entries, vnodes });
  const file = path.join(dir, `synthetic-${entries}.bin`);
  fs.writeFileSync(file, encodeSavedState(state));
  return { file, ranges: state.partition_memory.length + state.partition_mmio.length };
}

export async function runRenderBench(browser: Browser, url: string, { quick = false } = {}): Promise<RenderResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ohcl-bench-render-'));
  try {
    const small = syntheticBlob(dir, 100, 2);
    const large = syntheticBlob(dir, 10_000, 64);
    const huge = syntheticBlob(dir, 100_000, 64);
    let serial = 0;
    const fresh = (file: string) => {
      const linked = path.join(dir, `${path.basename(file, '.bin')}-${++serial}.bin`);
      fs.linkSync(file, linked);
      return linked;
    };
    const repeats = quick ? 3 : 9;
    const page = await openApp(browser, url);
    const hasMap = (await page.locator('[data-testid=address-map]').count()) > 0;
    const none = { smallRanges: small.ranges, largeRanges: large.ranges, hugeRanges: huge.ranges, smallMs: null, largeMs: null, hugeMs: null, largeDecodeMs: null, largeMapRenderMs: null, hugeDecodeMs: null, hugeMapRenderMs: null, ratio: null, hugeRatio: null, zoom: [], hugeHeapBytes: null, repeats: 0 };
    if (!hasMap) {
      await page.close();
      return { ...none, note: 'n/a (the address map is not built yet)' };
    }
    const times = { small: [] as number[], large: [] as number[], huge: [] as number[] };
    const decode = { large: [] as number[], huge: [] as number[] };
    const render = { large: [] as number[], huge: [] as number[] };
    const ratios: number[] = [];
    const hugeRatios: number[] = [];
    const files = [small.file, large.file, huge.file];
    for (let i = 0; i < 1 + repeats; i++) {
      // Each repeat in another order, so drift on the machine hits all alike.
      const order = files.map((_, j) => files[(i + j) % files.length]!);
      const t: Record<string, OpenTiming> = {};
      for (const file of order) t[file] = await timeOpen(page, fresh(file), { waitForMap: true });
      if (i === 0) continue; // warm-up
      const [s, l, h] = [t[small.file]!, t[large.file]!, t[huge.file]!];
      times.small.push(s.firstMapMs!);
      times.large.push(l.firstMapMs!);
      times.huge.push(h.firstMapMs!);
      decode.large.push(l.decodeMs);
      decode.huge.push(h.decodeMs);
      render.large.push(l.mapRenderMs);
      render.huge.push(h.mapRenderMs);
      ratios.push(l.firstMapMs! / s.firstMapMs!);
      hugeRatios.push(h.firstMapMs! / l.firstMapMs!);
    }
    // Zoom each map in each scale, from the whole space.
    const zoom: RenderResult['zoom'] = [];
    let hugeHeapBytes: number | null = null;
    for (const target of [large, huge]) {
      await timeOpen(page, fresh(target.file), { waitForMap: true });
      for (const scale of SCALES) {
        await showScale(page, scale);
        zoom.push({ ranges: target.ranges, scale, result: await measureZoom(page, quick ? 1500 : 3000) });
      }
      if (target === huge) hugeHeapBytes = (await pageMemory(page)).heapUsed;
    }
    await page.close();
    return {
      ...none,
      smallMs: median(times.small),
      largeMs: median(times.large),
      hugeMs: median(times.huge),
      largeDecodeMs: median(decode.large),
      largeMapRenderMs: median(render.large),
      hugeDecodeMs: median(decode.huge),
      hugeMapRenderMs: median(render.huge),
      ratio: median(ratios),
      hugeRatio: median(hugeRatios),
      zoom,
      hugeHeapBytes,
      repeats,
      note: null,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Switches the map to `scale` with its own button, back at the whole space. */
async function showScale(page: Page, scale: MapScale): Promise<void> {
  const map = page.locator('[data-testid=address-map]').first();
  await map.locator(`[data-testid=map-scale][data-value=${scale}]`).click();
  await map.locator('[data-testid=quick-view][data-value=whole]').click();
  await page.waitForFunction((scale) => document.querySelector('[data-testid=address-map]')?.getAttribute('data-scale') === scale, scale);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

interface Frames {
  /** ms between successive frames (requestAnimationFrame timestamps). */
  intervals: number[];
  /**
   * ms of main-thread work per frame: from the frame's start (the rAF timestamp,
   * before input events and rAF callbacks) to a task queued from the rAF
   * callback, which runs once the frame's style, layout and paint are done.
   */
  work: number[];
}

/** Records every frame while `drive` runs for `ms`. */
async function recordFrames(page: Page, ms: number, drive: () => Promise<void>): Promise<Frames> {
  await page.evaluate(() => {
    const w = window as unknown as { __frames: { starts: number[]; work: number[]; recording: boolean } };
    const frames = (w.__frames = { starts: [] as number[], work: [] as number[], recording: true });
    const channel = new MessageChannel();
    let frameStart = 0;
    channel.port1.onmessage = () => frames.work.push(performance.now() - frameStart);
    const tick = (t: number) => {
      if (!frames.recording) return;
      frames.starts.push(t);
      frameStart = t;
      channel.port2.postMessage(0);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const until = Date.now() + ms;
  while (Date.now() < until) await drive();
  const { starts, work } = await page.evaluate(() => {
    const w = window as unknown as { __frames: { starts: number[]; work: number[]; recording: boolean } };
    w.__frames.recording = false;
    return w.__frames;
  });
  return { intervals: starts.slice(1).map((t, i) => t - starts[i]!), work };
}

async function mapWindow(page: Page): Promise<string | null> {
  return page.locator('[data-testid=address-map]').first().evaluate((el) => {
    const start = el.getAttribute('data-window-start');
    const end = el.getAttribute('data-window-end');
    return start === null && end === null ? null : `${start}–${end}`;
  });
}

async function measureZoom(page: Page, ms: number): Promise<ZoomResult> {
  const map = page.locator('[data-testid=address-map]').first();
  const box = await map.boundingBox();
  if (!box) throw new Error('render bench: the address map has no box');
  // The middle of the part of the map inside the viewport (a 64-lane map is taller than the window).
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
  const top = Math.max(box.y, 0);
  const bottom = Math.min(box.y + box.height, viewport.height);
  await page.mouse.move(box.x + box.width / 2, (top + bottom) / 2);
  const idle = await recordFrames(page, Math.min(ms, 1500), () => new Promise((r) => setTimeout(r, 50)));

  // Zoom in for the first half, out for the second, by wheel over the map's centre.
  const windowBefore = await mapWindow(page);
  let method: ZoomResult['method'] = 'wheel';
  await page.mouse.wheel(0, -120);
  await page.waitForTimeout(200);
  if ((await mapWindow(page)) === windowBefore) {
    // No wheel zoom here: fall back to the keyboard (+ / -) on the focused map.
    method = 'keyboard';
    await map.focus();
  }
  const half = Date.now() + ms / 2;
  const step = async () => {
    const zoomIn = Date.now() < half;
    if (method === 'wheel') await page.mouse.wheel(0, zoomIn ? -60 : 60);
    else await page.keyboard.press(zoomIn ? '+' : '-');
    await new Promise((r) => setTimeout(r, 16));
  };
  const midWindow: { value: string | null } = { value: null };
  const zoom = await recordFrames(page, ms, async () => {
    await step();
    if (midWindow.value === null && Date.now() >= half) midWindow.value = await mapWindow(page);
  });
  const idleP50 = percentile(idle.intervals, 50);
  return {
    frames: zoom.intervals.length,
    p50: percentile(zoom.intervals, 50),
    p95: percentile(zoom.intervals, 95),
    idleP50,
    idleP95: percentile(idle.intervals, 95),
    dropped: zoom.intervals.filter((t) => t > idleP50 * 1.5).length,
    workP50: percentile(zoom.work, 50),
    workP95: percentile(zoom.work, 95),
    idleWorkP95: percentile(idle.work, 95),
    windowBefore,
    windowAfter: midWindow.value,
    method,
  };
}
