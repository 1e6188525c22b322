// The scene as a standalone SVG document: text as <text>, every character of
// it escaped (a file or enum name may hold <, & or "), no script, no external
// reference, no font but a generic monospace stack, integers or one decimal:
// the same scene gives the same bytes, in Node and in the browser.
import { hex } from '../model/text.ts';
import { diagramPalette, type DiagramPalette } from './colors.ts';
import { MONO_STACK } from './metrics.ts';
import { sceneMarks, type DiagramScene, type Paint, type SceneBlock, type ScenePath, type SceneRect, type SceneText } from './scene.ts';
import type { Theme } from '../model/view.ts';

export function diagramSvg(scene: DiagramScene, theme: Theme = 'light'): string {
  const palette = diagramPalette(theme);
  const paint = (p: Paint) => resolvePaint(p, palette);
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(scene.width)}" height="${num(scene.height)}" viewBox="0 0 ${num(scene.width)} ${num(scene.height)}" font-family="${escapeXml(MONO_STACK)}">`,
    `<title>${escapeXml(scene.heading[0]?.text ?? 'memory map')}</title>`,
    `<rect x="0" y="0" width="${num(scene.width)}" height="${num(scene.height)}" fill="${paint('bg')}"/>`,
  ];
  for (const mark of sceneMarks(scene)) {
    if (mark.kind === 'rect') out.push(rectSvg(mark.rect, paint));
    else if (mark.kind === 'path') out.push(pathSvg(mark.path, paint));
    else if (mark.kind === 'text') out.push(textSvg(mark.text, paint));
    else out.push(blockSvg(mark.block, paint));
  }
  out.push('</svg>', '');
  return out.join('\n');
}

export function resolvePaint(p: Paint, palette: DiagramPalette): string {
  return p === 'none' || p.startsWith('#') ? p : palette[p as keyof DiagramPalette];
}

/** Fixed formatting: integers as such, anything else with one decimal. */
function num(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function rectSvg(r: SceneRect, paint: (p: Paint) => string): string {
  const stroke = r.stroke === 'none' ? '' : ` stroke="${paint(r.stroke)}" stroke-width="${num(r.strokeWidth)}"${r.dashed ? ' stroke-dasharray="4 3"' : ''}`;
  return `<rect x="${num(r.x)}" y="${num(r.y)}" width="${num(r.width)}" height="${num(r.height)}" fill="${paint(r.fill)}"${stroke}/>`;
}

function pathSvg(p: ScenePath, paint: (p: Paint) => string): string {
  const points = p.points.map(([x, y]) => `${num(x)},${num(y)}`).join(' ');
  return `<polyline points="${points}" fill="none" stroke="${paint(p.stroke)}" stroke-width="${num(p.strokeWidth)}"${p.dashed ? ' stroke-dasharray="4 3"' : ''}/>`;
}

function textSvg(t: SceneText, paint: (p: Paint) => string): string {
  const anchor = t.anchor === 'start' ? '' : ` text-anchor="${t.anchor}"`;
  return `<text x="${num(t.x)}" y="${num(t.y)}" font-size="${num(t.size)}"${t.bold ? ' font-weight="bold"' : ''}${anchor} fill="${paint(t.fill)}">${escapeXml(t.text)}</text>`;
}

function blockSvg(b: SceneBlock, paint: (p: Paint) => string): string {
  const first = b.refs[0]!;
  const data = b.kind === 'entry' ? `class="block" data-table="${b.table}" data-index="${first.index}"` : `class="merged" data-table="${b.table}" data-index="${first.index}" data-count="${b.refs.length}"`;
  const rect = rectSvg({ ...b, fill: b.fill as Paint, stroke: 'ink', strokeWidth: 1, dashed: b.kind === 'merged' }, paint);
  return [`<g ${data} data-start="${hex(b.start)}" data-end="${hex(b.end)}">`, `<title>${escapeXml(b.title)}</title>`, rect, ...b.parts.map((r) => rectSvg(r, paint)), ...b.texts.map((t) => textSvg(t, paint)), '</g>'].join('\n');
}
