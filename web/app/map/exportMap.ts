// The map as a picture, AS SHOWN: the live SVG (current window, selection,
// filters) with a title and a legend added, every style inline, as a standalone
// SVG document; and that SVG rasterised to PNG through an Image and a canvas
// (the CSP allows img-src blob:). Text comes from the DOM and is serialised by
// XMLSerializer, which escapes it: nothing of the input becomes markup.
import type { Theme } from '../../lib/model/view.ts';
import { MINI_H } from './geometry.ts';
import { igvmCue, MONO, SANS, themeColors, vtlColor } from './palette.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';
const TITLE_H = 26;
const LEGEND_ROW_H = 16;

interface LegendItem {
  label: string;
  fill: string;
  /** A cue swatch: the pattern id in the map's defs ('' for a dashed outline). */
  pattern?: string;
}

/** A standalone SVG document of the map inside `container` (the [data-testid=address-map] element). */
export function mapSvgMarkup(container: HTMLElement, theme: Theme): string {
  const map = container.querySelector<SVGSVGElement>('svg[data-role=map]');
  if (!map) throw new Error('mapSvgMarkup: no address map in this element');
  const mini = container.querySelector<SVGSVGElement>('svg[data-role=minimap]');
  const c = themeColors(theme);
  const width = Number(map.getAttribute('width')) || map.getBoundingClientRect().width;
  const mapHeight = Number(map.getAttribute('height')) || map.getBoundingClientRect().height;
  const legend = legendItems(container);
  const legendRows = layoutLegend(legend, width - 24);
  const legendH = legendRows.length * LEGEND_ROW_H + 6;
  const miniH = mini ? MINI_H + 6 : 0;
  const height = TITLE_H + legendH + mapHeight + miniH + 8;

  const doc = document.implementation.createDocument(SVG_NS, 'svg', null);
  const root = doc.documentElement;
  root.setAttribute('xmlns', SVG_NS);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  root.setAttribute('font-family', SANS);
  const el = (name: string, attrs: Record<string, string | number>, parent: Element = root, text?: string) => {
    const e = doc.createElementNS(SVG_NS, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    parent.appendChild(e);
    return e;
  };
  el('rect', { x: 0, y: 0, width, height, fill: c.bg });

  const start = container.getAttribute('data-window-start') ?? '';
  const end = container.getAttribute('data-window-end') ?? '';
  el('text', { x: 12, y: 18, 'font-size': 14, 'font-weight': 600, fill: c.fg }, root, 'Guest physical address map');
  el('text', { x: width - 12, y: 18, 'font-size': 11, 'text-anchor': 'end', 'font-family': MONO, fill: c.muted }, root, `window ${start} – ${end}`);

  // The map's own defs (IGVM and gap patterns) serve the legend swatches too.
  const mapClone = doc.importNode(map, true) as unknown as SVGSVGElement;
  const legendG = el('g', { transform: `translate(12,${TITLE_H})` });
  legendRows.forEach((row, r) => {
    for (const item of row) {
      const g = el('g', { transform: `translate(${item.x},${r * LEGEND_ROW_H})` }, legendG);
      el('rect', { x: 0, y: 2, width: 10, height: 10, rx: 2, fill: item.fill, stroke: c.muted, 'stroke-width': 0.75, ...(item.pattern === '' ? { 'stroke-dasharray': '2 2' } : {}) }, g);
      el('text', { x: 14, y: 11, 'font-size': 11, fill: c.fg }, g, item.label);
    }
  });

  mapClone.setAttribute('x', '0');
  mapClone.setAttribute('y', String(TITLE_H + legendH));
  mapClone.removeAttribute('style');
  root.appendChild(mapClone);
  if (mini) {
    const miniClone = doc.importNode(mini, true) as unknown as SVGSVGElement;
    miniClone.setAttribute('x', '0');
    miniClone.setAttribute('y', String(TITLE_H + legendH + mapHeight + 6));
    miniClone.removeAttribute('style');
    // The minimap's gap pattern lives in the map's defs: give it its own copy.
    const defs = mapClone.querySelector('defs');
    if (defs) miniClone.insertBefore(doc.importNode(defs, true), miniClone.firstChild);
    root.appendChild(miniClone);
  }
  // Interaction-only parts have no place in a picture.
  for (const sel of ['.brush', '.surface', 'title']) root.querySelectorAll(sel).forEach((n) => n.remove());

  // Legend patterns point at the map's pattern ids.
  const patternId = (cueId: string) => mapClone.querySelector(`pattern[id$="-${cueId}"]`)?.getAttribute('id') ?? '';
  legendG.querySelectorAll('rect').forEach((r, i) => {
    const item = legendRows.flat()[i];
    if (item?.pattern) r.setAttribute('fill', `url(#${patternId(item.pattern)})`);
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(doc)}`;
}

/** The SVG above as a PNG, `scale` times its CSS size. */
export async function mapPngBlob(container: HTMLElement, theme: Theme, scale = 2): Promise<Blob> {
  const markup = mapSvgMarkup(container, theme);
  const root = new DOMParser().parseFromString(markup, 'image/svg+xml').documentElement;
  const width = Number(root.getAttribute('width'));
  const height = Number(root.getAttribute('height'));
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'async';
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('mapPngBlob: no 2D canvas');
    ctx.scale(scale, scale);
    ctx.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('mapPngBlob: canvas.toBlob failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Legend entries from what the map draws: VTL types, IGVM cues, persisted-state markers. */
function legendItems(container: HTMLElement): LegendItem[] {
  const fills = new Map<string, string>();
  const igvm = new Set<number>();
  container.querySelectorAll<SVGElement>('[data-testid=range], [data-testid=range-aggregate]').forEach((r) => {
    const label = r.getAttribute('data-vtl-type') ?? '';
    if (!fills.has(label)) fills.set(label, r.getAttribute('fill') ?? 'none');
    const cue = r.getAttribute('data-igvm-type');
    if (cue) igvm.add(Number(cue));
  });
  const items: LegendItem[] = [...fills].map(([label, fill]) => ({ label, fill }));
  for (const value of [...igvm].sort((a, b) => a - b)) {
    const cue = igvmCue(value);
    if (cue) items.push({ label: `IGVM ${cue.label}`, fill: 'none', pattern: cue.path ? cue.id : '' });
  }
  if (container.querySelector('[data-testid=persisted-header-marker]')) items.push({ label: 'header page', fill: vtlColor(11) });
  if (container.querySelector('[data-testid=protobuf-region-marker]')) items.push({ label: 'protobuf region', fill: vtlColor(12) });
  return items;
}

function layoutLegend(items: LegendItem[], width: number): (LegendItem & { x: number })[][] {
  const rows: (LegendItem & { x: number })[][] = [[]];
  let x = 0;
  for (const item of items) {
    const w = 14 + item.label.length * 6.2 + 14;
    if (x + w > width && x > 0) {
      rows.push([]);
      x = 0;
    }
    rows[rows.length - 1]!.push({ ...item, x });
    x += w;
  }
  return rows;
}
