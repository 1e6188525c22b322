import { describe, expect, it } from 'vitest';
import { DecodeError } from '../format/errors.ts';
import { jsonErrorOffset, parseJson, u64Value } from './json.ts';

/** The DecodeError `fn` throws. */
function errorOf(fn: () => unknown): DecodeError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DecodeError) return err;
    throw err;
  }
  throw new Error('did not throw');
}

/** Where this platform's JSON.parse says it stopped in `text`, as jsonErrorOffset reads its message. */
const offsetIn = (text: string) => errorOf(() => parseJson(text)).offset;

describe('where JSON.parse stopped', () => {
  it('is the character at fault, however the message says it', () => {
    const at = (text: string, bad: string) => text.indexOf(bad);
    const surround = '{"file": "x.bin", "size": @, "kind": "saved-state"}';
    expect(offsetIn(surround)).toBe(at(surround, '@'));
    const start = `{"a": }${' '.repeat(30)}`;
    expect(offsetIn(start)).toBe(at(start, '}'));
    const end = '{"file": "x.bin", "size": @}';
    expect(offsetIn(end)).toBe(at(end, '@'));
    expect(offsetIn('{"a": 1} x')).toBe(9);
    expect(offsetIn('{"kind": ')).toBe(9);
    const multiline = '{\n  "file": "x.bin",\n  "size": 1,\n  "kind" "saved-state"\n}';
    expect(offsetIn(multiline)).toBe(at(multiline, '"saved-state"'));
  });

  it('reads line and column (SpiderMonkey), and falls back to 0 when the message does not say', () => {
    expect(jsonErrorOffset('{\n  "a": x\n}', 'JSON.parse: unexpected character at line 2 column 8 of the JSON data')).toBe(9);
    expect(jsonErrorOffset('{"a": }', 'Unexpected token \'}\', "{"a": }" is not valid JSON')).toBe(0); // V8 quotes a short text whole
    expect(jsonErrorOffset('{"a": x}', 'JSON Parse error: Unexpected identifier "x"')).toBe(0);
    expect(jsonErrorOffset('{}', 'at position 99999999999999999999')).toBe(0);
    expect(jsonErrorOffset('{}', 'at position 12')).toBe(2);
  });

  it('is named in the error: offset and message', () => {
    const err = errorOf(() => parseJson('{"size": @, "kind": "saved-state", "file": "x"}'));
    expect(err).toMatchObject({ code: 'json-format', offset: 9 });
    expect(err.message).toMatch(/^the text: JSON, .*\(character 9\)$/);
  });
});

describe('u64 values', () => {
  it('are decimal or 0x-hex strings; a JSON number, a leading zero or 2^64 is refused, naming the path', () => {
    expect(u64Value('18446744073709551615', 'a.b')).toBe((1n << 64n) - 1n);
    expect(u64Value('0x4_8000_0000', 'a.b')).toBe(0x4_8000_0000n);
    expect(errorOf(() => u64Value(5, 'a.b')).message).toBe('a.b: a u64 as a decimal or 0x-hex string, got the number 5: a JSON number loses bits above 2^53');
    expect(errorOf(() => u64Value('007', 'a.b')).message).toBe('a.b: a u64 as a decimal or 0x-hex string, got "007"');
    expect(errorOf(() => u64Value('18446744073709551616', 'a.b')).message).toBe('a.b: a u64 as a decimal or 0x-hex string, got "18446744073709551616", over 2^64-1');
    expect(errorOf(() => u64Value(undefined, 'a.b')).message).toBe('a.b: a u64 as a decimal or 0x-hex string, missing');
  });
});
