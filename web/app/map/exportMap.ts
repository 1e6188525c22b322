// The map as a picture, AS SHOWN: the live SVG (current window, selection,
// filters) with a title, a caption (the file, the window, the scale) and a
// legend added, every style inline, as a standalone SVG document; and that SVG
// rasterised to PNG through an Image and a canvas (the CSP allows img-src
// blob:). The legend is laid out from measured text, so no label runs into the
// next swatch. Text comes from the DOM and is serialised by XMLSerializer,
// which escapes it: nothing of the input becomes markup.
import { groupedHex } from '../../lib/model/text.ts';
import type { Theme } from '../../lib/model/view.ts';
import { VTL } from '../../lib/model/vtlTypes.ts';
import { igvmCueOfLabel, SANS, themeColors, vtlColor, type IgvmCue } from './palette.ts';
import { textWidth } from './textWidth.ts';
import { svgToPng } from '../share/rasterize.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';
const TITLE_Y = 18;
const CAPTION_LINE_H = 15;
const LEGEND_ROW_H = 16;
const LEGEND_FONT = `11px ${SANS}`;
const CAPTION_FONT = `11px ${SANS}`;
/** Swatch and the gap after it, and the space between two legend entries. */
const SWATCH_W = 14;
const ENTRY_GAP = 16;

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
  const captionLines = wrapCaption(captionOf(container), width - 24);
  const legend = legendItems(container);
  const legendRows = layoutLegend(legend, width - 24);
  const legendTop = TITLE_Y + 8 + captionLines.length * CAPTION_LINE_H;
  const legendH = legendRows.length * LEGEND_ROW_H + 6;
  const miniH = mini ? (Number(mini.getAttribute('height')) || 0) + 6 : 0;
  const height = legendTop + legendH + mapHeight + miniH + 8;

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

  el('text', { x: 12, y: TITLE_Y, 'font-size': 14, 'font-weight': 600, fill: c.fg }, root, 'Guest physical address map');
  captionLines.forEach((line, i) => el('text', { x: 12, y: TITLE_Y + 4 + (i + 1) * CAPTION_LINE_H - 3, 'font-size': 11, fill: c.muted, 'data-role': 'caption' }, root, line));

  // The map's own defs (IGVM and gap patterns) serve the legend swatches too.
  const mapClone = doc.importNode(map, true) as unknown as SVGSVGElement;
  const legendG = el('g', { transform: `translate(12,${legendTop})` });
  legendRows.forEach((row, r) => {
    for (const item of row) {
      const g = el('g', { transform: `translate(${item.x},${r * LEGEND_ROW_H})` }, legendG);
      el('rect', { x: 0, y: 2, width: 10, height: 10, rx: 2, fill: item.fill, stroke: c.muted, 'stroke-width': 0.75, ...(item.pattern === '' ? { 'stroke-dasharray': '2 2' } : {}) }, g);
      el('text', { x: 14, y: 11, 'font-size': 11, fill: c.fg }, g, item.label);
    }
  });

  mapClone.setAttribute('x', '0');
  mapClone.setAttribute('y', String(legendTop + legendH));
  mapClone.removeAttribute('style');
  root.appendChild(mapClone);
  if (mini) {
    const miniClone = doc.importNode(mini, true) as unknown as SVGSVGElement;
    miniClone.setAttribute('x', '0');
    miniClone.setAttribute('y', String(legendTop + legendH + mapHeight + 6));
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

/** The SVG above as a PNG, `scale` times its CSS size (less where a canvas that big would fail). */
export async function mapPngBlob(container: HTMLElement, theme: Theme, scale = 2): Promise<Blob> {
  const markup = mapSvgMarkup(container, theme);
  const root = new DOMParser().parseFromString(markup, 'image/svg+xml').documentElement;
  return svgToPng(markup, Number(root.getAttribute('width')), Number(root.getAttribute('height')), scale);
}

/** Legend entries from what the map draws: VTL types, IGVM cues, persisted-state markers. */
function legendItems(container: HTMLElement): LegendItem[] {
  const fills = new Map<string, string>();
  const cues = new Map<string, IgvmCue>();
  container.querySelectorAll<SVGElement>('[data-testid=range], [data-testid=range-aggregate]').forEach((r) => {
    const label = r.getAttribute('data-vtl-type') ?? '';
    if (!fills.has(label)) fills.set(label, r.getAttribute('fill') ?? 'none');
    const cue = igvmCueOfLabel(r.getAttribute('data-igvm-type') ?? '');
    if (cue) cues.set(cue.label, cue);
  });
  const items: LegendItem[] = [...fills].map(([label, fill]) => ({ label, fill }));
  // In the cues' order (known types by value, then the unknown ones).
  for (const cue of [...cues.values()].sort((a, b) => a.id.localeCompare(b.id) || a.label.localeCompare(b.label))) items.push({ label: `IGVM ${cue.label}`, fill: 'none', pattern: cue.path ? cue.id : '' });
  if (container.querySelector('[data-testid=persisted-header-marker]')) items.push({ label: 'header page', fill: vtlColor(VTL.VTL2_PERSISTED_STATE_HEADER) });
  if (container.querySelector('[data-testid=protobuf-region-marker]')) items.push({ label: 'protobuf region', fill: vtlColor(VTL.VTL2_PERSISTED_STATE_PROTOBUF) });
  return items;
}

function layoutLegend(items: LegendItem[], width: number): (LegendItem & { x: number })[][] {
  const rows: (LegendItem & { x: number })[][] = [[]];
  let x = 0;
  for (const item of items) {
    // Measured as drawn (11 px sans), so the next swatch starts clear of this label.
    const w = SWATCH_W + Math.ceil(textWidth(item.label, LEGEND_FONT)) + ENTRY_GAP;
    if (x + w - ENTRY_GAP > width && x > 0) {
      rows.push([]);
      x = 0;
    }
    rows[rows.length - 1]!.push({ ...item, x });
    x += w;
  }
  return rows;
}

/** What the picture shows: the file, the window in grouped hex, and the scale. */
function captionOf(container: HTMLElement): { file: string; rest: string } {
  const file = container.getAttribute('data-file-name') ?? '';
  const hexOf = (name: string) => {
    const value = container.getAttribute(name);
    return value && /^0x[0-9a-f]+$/.test(value) ? groupedHex(BigInt(value)) : '?';
  };
  const scale = container.getAttribute('data-scale') === 'readable' ? 'readable scale (widths by log2 of size; labels give true sizes)' : 'proportional scale';
  return { file, rest: `window ${hexOf('data-window-start')} – ${hexOf('data-window-end')} · ${scale}` };
}

/** The caption on one line when it fits the width, else the file on its own line. */
function wrapCaption({ file, rest }: { file: string; rest: string }, width: number): string[] {
  if (!file) return [rest];
  const one = `${file} · ${rest}`;
  return textWidth(one, CAPTION_FONT) <= width ? [one] : [file, rest];
}
