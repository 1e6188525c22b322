// Widths of text as the browser draws it (canvas measureText), remembered per
// font and string: labels are fitted to measured widths, not guessed per character.
const cache = new Map<string, number>();
let context: CanvasRenderingContext2D | null | undefined;

/** Width in CSS pixels of `text` in `font` (a CSS font shorthand, e.g. `11px system-ui`). */
export function textWidth(text: string, font: string): number {
  const key = `${font}\u0000${text}`;
  let width = cache.get(key);
  if (width === undefined) {
    context ??= document.createElement('canvas').getContext('2d');
    if (context) {
      context.font = font;
      width = context.measureText(text).width;
    } else width = text.length * 0.62 * parseFloat(font);
    if (cache.size > 5000) cache.clear();
    cache.set(key, width);
  }
  return width;
}

/** A measure for one font. */
export function measureIn(font: string): (text: string) => number {
  return (text) => textWidth(text, font);
}
