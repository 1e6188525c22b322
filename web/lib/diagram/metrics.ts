// How much room text takes, without a DOM: every text of the diagram is set in
// a monospace stack, and widths come from one fixed advance per character, so
// the layout is the same in Node and in any browser. The advance is a little
// wider than Menlo's, Consolas' and DejaVu Sans Mono's (0.55–0.602 em), so the
// real text never outgrows the room it was given.

export const MONO_STACK = 'ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace';

const ADVANCE_EM = 0.62;
/** Ascent and descent of the box a line of text takes, in em. */
const ASCENT_EM = 0.8;
const DESCENT_EM = 0.25;

/** Columns a character takes: East Asian wide and emoji ranges count two (a monospace font draws them double). */
function cells(codePoint: number): number {
  return codePoint >= 0x1100 && (codePoint <= 0x115f || (codePoint >= 0x2e80 && codePoint <= 0xa4cf) || (codePoint >= 0xac00 && codePoint <= 0xd7a3) || (codePoint >= 0xf900 && codePoint <= 0xfaff) || (codePoint >= 0xfe30 && codePoint <= 0xfe4f) || (codePoint >= 0xff00 && codePoint <= 0xff60) || (codePoint >= 0xffe0 && codePoint <= 0xffe6) || codePoint >= 0x1f000)
    ? 2
    : 1;
}

export function textWidth(text: string, size: number): number {
  let n = 0;
  for (const ch of text) n += cells(ch.codePointAt(0)!);
  return Math.ceil(n * ADVANCE_EM * size);
}

export function ascent(size: number): number {
  return Math.ceil(ASCENT_EM * size);
}

export function descent(size: number): number {
  return Math.ceil(DESCENT_EM * size);
}

/**
 * Text as the diagram may show it: characters XML 1.0 forbids (controls, lone
 * surrogates, U+FFFE/U+FFFF) become U+FFFD, and anything longer than `max`
 * characters loses its middle to an ellipsis. A file name is input: it may hold anything.
 */
export function displayText(text: string, max = 96): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd').replace(/[\t\n\r]/g, ' ');
  const chars = [...clean];
  if (chars.length <= max) return clean;
  const head = Math.ceil((max - 1) / 2);
  const tail = max - 1 - head;
  return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - tail).join('')}`;
}
