// Constructors for the scene's primitives, so every text gets its box from the
// one metric and every coordinate is an integer (the SVG is then the same bytes
// wherever it is made).
import { ascent, descent, displayText, textWidth } from './metrics.ts';
import type { Paint, SceneRect, ScenePath, SceneText } from './scene.ts';

export const FONT = { body: 11, label: 12, title: 16 } as const;
/** Baseline to baseline, for body text. */
export const LINE = 14;

export interface TextStyle {
  size?: number;
  bold?: boolean;
  anchor?: SceneText['anchor'];
  fill?: Paint;
}

/** A text with its baseline at `y`; the text is made displayable first (see displayText; no length limit here). */
export function textAt(raw: string, x: number, y: number, { size = FONT.body, bold = false, anchor = 'start', fill = 'fg' }: TextStyle = {}): SceneText {
  const text = displayText(raw, Infinity);
  const width = textWidth(text, size);
  const left = anchor === 'start' ? x : anchor === 'end' ? x - width : x - Math.ceil(width / 2);
  return { text, x, y, anchor, size, bold, fill, box: { x: left, y: y - ascent(size), width, height: ascent(size) + descent(size) } };
}

/** A text whose box is vertically centred on `midY`. */
export function textCentredOn(raw: string, x: number, midY: number, style: TextStyle = {}): SceneText {
  const size = style.size ?? FONT.body;
  return textAt(raw, x, midY + Math.floor((ascent(size) - descent(size)) / 2), style);
}

export function rect(x: number, y: number, width: number, height: number, fill: Paint, stroke: Paint = 'none', { strokeWidth = 1, dashed = false } = {}): SceneRect {
  return { x, y, width, height, fill, stroke, strokeWidth, dashed };
}

export function path(points: [number, number][], stroke: Paint, { strokeWidth = 1, dashed = false } = {}): ScenePath {
  return { points, stroke, strokeWidth, dashed };
}

/** A break line across [x0, x1] at y, wavy at both ends: the datasheet mark for "cut out, not to scale". */
export function breakLine(x0: number, x1: number, y: number, stroke: Paint): ScenePath {
  const wave = (from: number): [number, number][] => [0, 1, 2, 3, 4, 5].map((k) => [from + 4 * k, k === 0 || k === 5 ? y : y + (k % 2 === 1 ? -2 : 2)]);
  if (x1 - x0 < 48) return path([[x0, y], [x1, y]], stroke);
  return path([...wave(x0), ...wave(x1 - 20)], stroke);
}

export function shiftText(t: SceneText, dx: number, dy: number): SceneText {
  return { ...t, x: t.x + dx, y: t.y + dy, box: { ...t.box, x: t.box.x + dx, y: t.box.y + dy } };
}

export function shiftRect(r: SceneRect, dx: number, dy: number): SceneRect {
  return { ...r, x: r.x + dx, y: r.y + dy };
}

export function shiftPath(p: ScenePath, dx: number, dy: number): ScenePath {
  return { ...p, points: p.points.map(([x, y]) => [x + dx, y + dy]) };
}
