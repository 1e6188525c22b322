// Bytes from pasted text: hex (bare, spaced, `0x`-prefixed, comma-separated,
// across lines), an `xxd` or `hexdump -C` dump (offsets and ASCII column
// dropped), or base64 / base64url. Anything else fails with a DecodeError
// 'paste-format' naming the character offset and what was expected there. The
// byte count is known before anything is allocated, and the text is capped.
import { DecodeError } from '../format/errors.ts';
import { fromBase64 } from '../io/base64.ts';
import type { Diagnostic } from '../model/findings.ts';

/** 16 Mi characters: an xxd dump of the whole 2 MiB persisted region fits; more is not a paste. */
export const MAX_PASTE_CHARS = 16 * 1024 * 1024;

export type PastedFormat = 'hex' | 'xxd' | 'hexdump' | 'base64';

export interface PastedBytes {
  bytes: Uint8Array;
  format: PastedFormat;
}

const fail = (offset: number, expected: string, found?: string): never => {
  const what = found === undefined ? '' : `, found ${JSON.stringify(found)}`;
  throw new DecodeError('paste-format', expected, offset, `pasted text: expected ${expected} at character ${offset}${what}`);
};

const isHexDigit = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
const hexValue = (c: number) => (c <= 57 ? c - 48 : (c | 0x20) - 87);
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;

/** A stretch of the text that holds hex digits (and separators to skip). */
interface Span {
  start: number;
  end: number;
}

// `00000000: 0a12 0a06 ...  ascii` (xxd) and `00000000  0a 12 ...  |ascii|` (hexdump -C).
const XXD_LINE = /^[0-9a-fA-F]{4,16}: /;
const HEXDUMP_LINE = /^[0-9a-fA-F]{7,16}( {2}.*\|.*)?$/;

/** Refuses a paste past MAX_PASTE_CHARS (a source's byte count will do: UTF-8 has no fewer bytes than characters). */
export function checkPasteLength(length: number): void {
  if (length > MAX_PASTE_CHARS) fail(MAX_PASTE_CHARS, `at most ${MAX_PASTE_CHARS} characters of pasted text`);
}

export function parsePastedText(text: string): PastedBytes {
  checkPasteLength(text.length);
  const first = firstNonSpace(text);
  if (first === text.length) fail(0, 'hex or base64 text, but the paste is empty');
  const lines = splitLines(text);
  const content = lines.filter((l) => l.end > l.start && firstNonSpace(text, l.start, l.end) < l.end);
  if (content.every((l) => XXD_LINE.test(text.slice(l.start, Math.min(l.end, l.start + 18))))) {
    return { bytes: hexFromSpans(text, content.map((l) => xxdHexSpan(text, l))), format: 'xxd' };
  }
  if (content.some((l) => indexWithin(text, '|', l.start, l.end) >= 0) && content.every((l) => HEXDUMP_LINE.test(text.slice(l.start, l.end)))) {
    return { bytes: hexFromSpans(text, content.map((l) => hexdumpHexSpan(text, l))), format: 'hexdump' };
  }
  // Base64 has no spaces or commas inside a line; spaced text is hex, so a typo in it is reported as one.
  if (looksLikeHex(text) || /\S[ \t,]+\S/.test(text)) return { bytes: hexFromSpans(text, [{ start: 0, end: text.length }]), format: 'hex' };
  return { bytes: fromBase64Text(text), format: 'base64' };
}

function firstNonSpace(text: string, from = 0, to = text.length): number {
  let i = from;
  while (i < to && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** `needle`'s first index in text[from, to), or -1: searching a line, never the rest of the text (that is quadratic). */
function indexWithin(text: string, needle: string, from: number, to: number): number {
  const at = text.slice(from, to).indexOf(needle);
  return at < 0 ? -1 : from + at;
}

function splitLines(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text.charCodeAt(i) === 10) {
      const end = i > start && text.charCodeAt(i - 1) === 13 ? i - 1 : i;
      out.push({ start, end });
      start = i + 1;
    }
  }
  return out;
}

/** xxd: after `offset: `, the hex groups run until two spaces (the ASCII column follows). */
function xxdHexSpan(text: string, line: Span): Span {
  const start = indexWithin(text, ':', line.start, line.end) + 1;
  const gap = indexWithin(text, '  ', start + 1, line.end);
  return { start, end: gap >= 0 ? gap : line.end };
}

/** hexdump -C: after the offset, the hex bytes run until `|` (a bare final offset holds none). */
function hexdumpHexSpan(text: string, line: Span): Span {
  let start = line.start;
  while (start < line.end && isHexDigit(text.charCodeAt(start))) start++;
  const bar = indexWithin(text, '|', start, line.end);
  return { start, end: bar >= 0 ? bar : line.end };
}

/** Hex when every character is a hex digit, a separator (space, comma, colon) or the x of a `0x`. */
function looksLikeHex(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isHexDigit(c) || isSpace(c) || c === 44 || c === 58) continue;
    if ((c === 120 || c === 88) && i > 0 && text.charCodeAt(i - 1) === 48 && isTokenStart(text, i - 1)) continue;
    return false;
  }
  return true;
}

function isTokenStart(text: string, i: number): boolean {
  if (i === 0) return true;
  const c = text.charCodeAt(i - 1);
  return isSpace(c) || c === 44 || c === 58;
}

/** Two passes over the spans: count and check the digits, then fill exactly that many bytes. */
function hexFromSpans(text: string, spans: Span[]): Uint8Array {
  const walk = (visit: (value: number) => void) => {
    let lastDigit = -1;
    for (const { start, end } of spans) {
      for (let i = start; i < end; i++) {
        const c = text.charCodeAt(i);
        if (isHexDigit(c)) {
          // The x of a `0x` prefix: drop the 0 we just saw.
          if ((text.charCodeAt(i + 1) | 0x20) === 120 && c === 48 && isTokenStart(text, i)) {
            i++;
            continue;
          }
          visit(hexValue(c));
          lastDigit = i;
        } else if (!(isSpace(c) || c === 44 || c === 58)) {
          fail(i, 'a hex digit, a space or a comma', text[i]);
        }
      }
    }
    return lastDigit;
  };
  let digits = 0;
  const lastDigit = walk(() => digits++);
  if (digits === 0) fail(0, 'at least one byte of hex');
  if (digits % 2 !== 0) fail(lastDigit, 'an even number of hex digits (two per byte)', text[lastDigit]);
  const bytes = new Uint8Array(digits / 2);
  let n = 0;
  walk((value) => {
    const at = n >> 1;
    bytes[at] = (n & 1) === 0 ? value << 4 : bytes[at]! | value;
    n++;
  });
  return bytes;
}

const isBase64Char = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 47 || c === 95;

/** Checks every character and the length (so an error names the character at fault); the platform decodes. */
function fromBase64Text(text: string): Uint8Array {
  let chars = 0;
  let padding = 0;
  let lastChar = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) continue;
    if (c === 61) {
      padding++;
      if (padding > 2) fail(i, 'at most two "=" of base64 padding', '=');
      lastChar = i;
      continue;
    }
    if (padding > 0) fail(i, 'nothing after the base64 padding "="', text[i]);
    if (!isBase64Char(c)) fail(i, 'a base64 character (A-Z, a-z, 0-9, + / or - _) or hex text', text[i]);
    chars++;
    lastChar = i;
  }
  if (chars === 0) fail(0, 'at least one byte of base64');
  if (chars % 4 === 1) fail(lastChar, 'a base64 length that is not 1 more than a multiple of 4 (the text is cut short)', text[lastChar]);
  if (padding > 0 && (chars + padding) % 4 !== 0) fail(lastChar, `padding that completes a 4-character base64 group`, '=');
  return fromBase64(text.replace(/[\s=]/g, ''));
}

/** Whether bytes read as text a user could have pasted: printable ASCII and white space only, not blank. */
export function isPrintableText(bytes: Uint8Array): boolean {
  if (bytes.length === 0 || bytes.length > MAX_PASTE_CHARS) return false;
  let visible = false;
  for (const b of bytes) {
    if (b >= 0x21 && b <= 0x7e) visible = true;
    else if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
  }
  return visible;
}

/**
 * The bytes of hex or base64 text. `pasted`: the user pasted it, so it must be
 * text (a DecodeError 'paste-format' says where it is not). Otherwise (a file)
 * null when it is not text at all, or the error when it is text but not hex or
 * base64 (the caller reads it as raw bytes and says why).
 */
export function pastedTextOf(bytes: Uint8Array, pasted: true): PastedBytes;
export function pastedTextOf(bytes: Uint8Array, pasted: false): PastedBytes | { error: DecodeError } | null;
export function pastedTextOf(bytes: Uint8Array, pasted: boolean): PastedBytes | { error: DecodeError } | null {
  if (!pasted && !isPrintableText(bytes)) return null;
  const text = new TextDecoder().decode(bytes);
  if (pasted) return parsePastedText(text);
  try {
    return parsePastedText(text);
  } catch (err) {
    if (err instanceof DecodeError) return { error: err };
    throw err;
  }
}

/** The finding for a file that is text but not hex or base64, read as raw bytes instead. */
export function textNote(error: DecodeError): Diagnostic {
  return { severity: 'info', code: 'text-not-hex', message: `This input is text, but not hex or base64 (${error.message}), so it was decoded as a raw saved-state payload.`, entries: [] };
}
