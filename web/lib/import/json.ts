// What the JSON importers share (documentJson.ts, savedStateJson.ts): the text
// parsed under the cap, an error naming the character JSON.parse stopped at,
// and values checked and named by their path in a DecodeError 'json-format'.
import { DecodeError } from '../format/errors.ts';
import { readU64Text, short } from '../model/text.ts';
import { MAX_DOCUMENT_JSON_CHARS } from './readPlan.ts';

export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `path: expected, detail` (e.g. `header.protobuf_base: a u64 as a decimal or 0x-hex string, got 5`); `offset` is a character of the text. */
export function jsonFail(path: string, expected: string, detail?: string, offset = 0): never {
  throw new DecodeError('json-format', `${path}: ${expected}`, offset, `${path}: ${expected}${detail ? `, ${detail}` : ''}`);
}

/** The parsed text; past the cap it is refused unparsed. Throws only DecodeError. */
export function parseJson(text: string): unknown {
  if (text.length > MAX_DOCUMENT_JSON_CHARS) {
    throw new DecodeError('input-too-large', `a JSON document of at most ${MAX_DOCUMENT_JSON_CHARS} characters`, 0, `the JSON text has ${text.length} characters, more than ${MAX_DOCUMENT_JSON_CHARS}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const at = jsonErrorOffset(text, message);
    return jsonFail('the text', 'JSON', `${message} (character ${at})`, at);
  }
}

/**
 * The character JSON.parse stopped at, from its message: V8's "at position N",
 * "Unexpected end of JSON input" and the ten characters it quotes either side
 * of an unexpected token; SpiderMonkey's "line L column C". 0 when the
 * message does not say (V8 quotes a text under 21 characters whole).
 */
export function jsonErrorOffset(text: string, message: string): number {
  const clamp = (at: number) => (Number.isSafeInteger(at) ? Math.min(Math.max(at, 0), text.length) : 0);
  const position = /at position (\d+)/.exec(message);
  if (position) return clamp(Number(position[1]));
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return clamp(offsetOfLine(text, Number(lineColumn[1])) + Number(lineColumn[2]) - 1);
  if (/^Unexpected end of JSON input/.test(message)) return text.length;
  const quoted = /^Unexpected token '([\s\S])', (\.\.\.)?"([\s\S]*)"(\.\.\.)? is not valid JSON$/.exec(message);
  if (!quoted) return 0;
  const [, token, before, context, after] = quoted as unknown as [string, string, string | undefined, string, string | undefined];
  const CONTEXT = 10;
  let at: number;
  if (before && after) {
    // Ten characters before the token and ten from it: the first place they occur is where parsing stopped.
    const start = text.indexOf(context);
    at = start < 0 ? -1 : start + CONTEXT;
  } else if (after) at = context.length - CONTEXT;
  else if (before) at = text.length - context.length + CONTEXT;
  else return 0;
  return at >= 0 && text[at] === token ? at : 0;
}

/** Where 1-based line `line` starts (the end of the text past its last line). */
function offsetOfLine(text: string, line: number): number {
  let at = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', at);
    if (next < 0) return text.length;
    at = next + 1;
  }
  return at;
}

/** A u64 written as a decimal or 0x-hex string (model/text.ts reads it); a JSON number loses bits above 2^53 and is refused. */
export function u64Value(value: unknown, path: string): bigint {
  const expected = 'a u64 as a decimal or 0x-hex string';
  if (typeof value === 'number') jsonFail(path, expected, `got the number ${value}: a JSON number loses bits above 2^53`);
  if (typeof value !== 'string') jsonFail(path, expected, value === undefined ? 'missing' : `got ${short(value)}`);
  const read = readU64Text(value as string);
  if (typeof read === 'bigint') return read;
  return jsonFail(path, expected, `got ${short(value)}${read === 'over-u64' ? ', over 2^64-1' : ''}`);
}

/** A size or count: a JSON number that is a non-negative safe integer. */
export function safeIntegerValue(value: unknown, path: string, expected = 'a non-negative integer'): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) jsonFail(path, expected, value === undefined ? 'missing' : `got ${short(value)}`);
  return value as number;
}
