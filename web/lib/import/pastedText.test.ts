import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../format/errors.ts';
import { cpuMillis } from '../testing/cpuTime.ts';
import { hexBytes } from '../testing/hexBytes.ts';
import { MAX_PASTE_CHARS, parsePastedText } from './pastedText.ts';

// p02_single_memory_entry, as its fixture gives it.
const P02_HEX = '0a 12 0a 06 08 80 20 10 80 40 10 01 1a 02 08 01 22 02 08 03';
const P02 = hexBytes(P02_HEX);
const toBase64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

function errorOf(text: string): DecodeError {
  try {
    parsePastedText(text);
  } catch (err) {
    if (err instanceof DecodeError) return err;
    throw err;
  }
  throw new Error(`no error for ${JSON.stringify(text)}`);
}

describe('parsePastedText', () => {
  it.each([
    ['spaced hex', P02_HEX],
    ['bare hex', P02_HEX.replaceAll(' ', '')],
    ['upper-case hex across lines', `${P02_HEX.slice(0, 30).toUpperCase()}\r\n${P02_HEX.slice(30)}\n`],
    ['0x-prefixed, comma-separated (a C array)', [...P02].map((b) => `0x${b.toString(16).padStart(2, '0')}`).join(', ')],
  ])('reads %s', (_, text) => {
    expect(parsePastedText(text)).toEqual({ bytes: P02, format: 'hex' });
  });

  it('reads an xxd dump, dropping offsets and the ASCII column', () => {
    const text = [
      '00000000: 0a12 0a06 0880 2010 8040 1001 1a02 0801  ...... ..@......',
      '00000010: 2202 0803                                "...',
    ].join('\n');
    expect(parsePastedText(text)).toEqual({ bytes: P02, format: 'xxd' });
  });

  it('reads a hexdump -C dump', () => {
    const text = [
      '00000000  0a 12 0a 06 08 80 20 10  80 40 10 01 1a 02 08 01  |...... ..@......|',
      '00000010  22 02 08 03                                       |"...|',
      '00000014',
    ].join('\n');
    expect(parsePastedText(text)).toEqual({ bytes: P02, format: 'hexdump' });
  });

  it('reads base64 and base64url, padded or not, with line breaks', () => {
    const bytes = Uint8Array.from([0xfb, 0xff, 0xfe, 0x00, 0x3e, 0x3f, 0x01]);
    const b64 = toBase64(bytes);
    expect(b64).toMatch(/[+/]/);
    expect(parsePastedText(b64)).toEqual({ bytes, format: 'base64' });
    expect(parsePastedText(b64.replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')).bytes).toEqual(bytes);
    expect(parsePastedText(`${b64.slice(0, 4)}\n${b64.slice(4)}`).bytes).toEqual(bytes);
    expect(parsePastedText(toBase64(P02)).bytes).toEqual(P02);
  });

  it('names the character offset and what it expected', () => {
    const hexErr = errorOf('0a 12 zz');
    expect(hexErr).toMatchObject({ code: 'paste-format', offset: 6 });
    expect(hexErr.message).toContain('character 6');
    expect(errorOf('0a 1')).toMatchObject({ code: 'paste-format', offset: 3, expected: expect.stringContaining('even number') });
    expect(errorOf('CggK!BhCA')).toMatchObject({ code: 'paste-format', offset: 4 });
    expect(errorOf('QUJD=x')).toMatchObject({ code: 'paste-format', offset: 5 });
    expect(errorOf('QUJDR')).toMatchObject({ code: 'paste-format', offset: 4 });
    expect(errorOf('  \n ')).toMatchObject({ code: 'paste-format', offset: 0 });
  });

  it('refuses text over the cap before reading it', () => {
    expect(errorOf('a'.repeat(MAX_PASTE_CHARS + 1))).toMatchObject({ code: 'paste-format', offset: MAX_PASTE_CHARS });
  });

  it('reads a million characters of short lines in linear time (each line searched within itself)', () => {
    const lines = 100_000;
    for (const [line, format] of [['0a12 0a06\n', 'hex'], ['00000000: 0a12 0a06\n', 'xxd'], ['00000000  0a 12 0a 06  |....|\n', 'hexdump']] as const) {
      const text = line.repeat(lines);
      expect(parsePastedText(text)).toMatchObject({ format, bytes: { length: 4 * lines } });
      expect(cpuMillis(() => parsePastedText(text), 1000), format).toBeLessThan(1000);
    }
  });

  it('reads text that is both hex and base64 as hex, a `0X` prefix included', () => {
    // `0XAA` is the base64 of d1 70 00, and `0X` then `AA` in hex (fuzz seed 4175112282).
    expect(parsePastedText('0XAA')).toEqual({ bytes: Uint8Array.of(0xaa), format: 'hex' });
    expect(parsePastedText('0XA=')).toEqual({ bytes: Uint8Array.of(0xd1, 0x70), format: 'base64' });
  });

  it('round-trips any bytes as hex and as base64 (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 300 }), (bytes) => {
        expect(parsePastedText(Buffer.from(bytes).toString('hex')).bytes).toEqual(bytes);
        // Base64 of bytes can read as hex only by chance (hex digits, after a `0x` perhaps); it must decode to the same bytes when it does not.
        const b64 = toBase64(bytes);
        if (!/^(0[xX])?[0-9a-fA-F]*$/.test(b64)) expect(parsePastedText(b64).bytes).toEqual(bytes);
      }),
    );
  });

  it('never throws anything but DecodeError, never returns more bytes than the text has characters (property)', () => {
    const anyText = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: fc.constantFrom(...'0123456789abcdefxX ,:|\n\r=+/-_ABCDEFGHIJKLMNOPQRSTUVWXYZ'), maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 100 }),
    );
    fc.assert(
      fc.property(anyText, (text) => {
        try {
          const { bytes } = parsePastedText(text);
          expect(bytes.length).toBeLessThanOrEqual(text.length);
        } catch (err) {
          expect(err).toBeInstanceOf(DecodeError);
          expect((err as DecodeError).code).toBe('paste-format');
          expect((err as DecodeError).offset).toBeGreaterThanOrEqual(0);
          expect((err as DecodeError).offset).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
