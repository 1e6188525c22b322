import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binarySize, exactBytes, groupedHex, hex, isExactSize, parseAddress, parseAddressQuery, parseU64Literal, readU64Text, sizeWithExact } from './text.ts';

const big = (1n << 60n) + 0x1000n;

describe('addresses', () => {
  it('are hex, exact above 2^53', () => {
    expect(hex(big)).toBe('0x1000000000001000');
    expect(hex(0n)).toBe('0x0');
    expect(groupedHex(0x4_8000_0000n)).toBe('0x4_8000_0000');
    expect(groupedHex((1n << 64n) - 1n)).toBe('0xffff_ffff_ffff_ffff');
    expect(groupedHex((1n << 53n) + 1n)).toBe('0x20_0000_0000_0001');
    expect(groupedHex(0x1000n)).toBe('0x1000');
  });

  it('typed in a box are hex, 0x optional, up to 64 bits: bare digits mean the same everywhere', () => {
    expect(parseAddress(' 0x4_8000_0000 ')).toBe(0x4_8000_0000n);
    expect(parseAddress('4096')).toBe(0x4096n);
    expect(parseAddress('ffffffffffffffff')).toBe((1n << 64n) - 1n);
    expect(parseAddress('1ffffffffffffffff')).toBeNull();
    expect(parseAddress('0xg')).toBeNull();
    expect(parseAddress('vtl2')).toBeNull();
    expect(parseAddress('')).toBeNull();
  });

  it('on a command line are decimal, or hex with 0x', () => {
    expect(parseU64Literal('4096')).toBe(4096n);
    expect(parseU64Literal('0x4_8000_0000')).toBe(0x4_8000_0000n);
    expect(parseU64Literal('18446744073709551616')).toBeNull();
    expect(parseU64Literal('ff')).toBeNull();
    expect(parseU64Literal(' 0X10 ')).toBe(16n);
  });

  it('are read by one rule, length capped: decimal without leading zeros, or 0x hex, `_` only between digits', () => {
    expect(readU64Text('18446744073709551615')).toBe((1n << 64n) - 1n);
    expect(readU64Text('0xffff_ffff_ffff_ffff')).toBe((1n << 64n) - 1n);
    expect(readU64Text('4_096')).toBe(4096n);
    expect(readU64Text('18446744073709551616')).toBe('over-u64');
    expect(readU64Text('0x1_0000_0000_0000_0000')).toBe('over-u64');
    for (const bad of ['', '007', '0x', '0x_', '_1', '1_', '1__0', '0x12g', '-1', '1e3', ' 1', '+1']) expect(readU64Text(bad), bad).toBe('not-a-number');
    // Past 40 characters nothing is read, however many digits: BigInt never sees a megabyte of them.
    expect(readU64Text('0x' + '0'.repeat(39))).toBe('not-a-number');
    expect(readU64Text('1'.repeat(1_000_000))).toBe('not-a-number');
  });
});

describe('sizes', () => {
  it('read in binary units, truncated: never more than the range holds', () => {
    expect(binarySize(0n)).toBe('0 bytes');
    expect(binarySize(1n)).toBe('1 byte');
    expect(binarySize(1023n)).toBe('1023 bytes');
    expect(binarySize(4096n)).toBe('4 KiB');
    expect(binarySize(0x13000n)).toBe('76 KiB');
    expect(binarySize(77825n)).toBe('76 KiB');
    expect(binarySize(2145386496n)).toBe('1.99 GiB'); // 1.998 GiB
    expect(binarySize(3n << 29n)).toBe('1.5 GiB');
    expect(binarySize(0x1_8000_0000n)).toBe('6 GiB');
    expect(binarySize((200n << 30n) - 1n)).toBe('199 GiB');
    expect(binarySize(0x280_0000n + 0x5000n)).toBe('40.01 MiB');
    expect(binarySize(1n << 63n)).toBe('8 EiB');
    expect(binarySize(1n << 64n)).toBe('16 EiB');
  });

  it('say the exact bytes where units would hide a difference', () => {
    expect(exactBytes(1073741824n)).toBe('1,073,741,824 bytes');
    expect(exactBytes(1n)).toBe('1 byte');
    expect(exactBytes(1n << 64n)).toBe('18,446,744,073,709,551,616 bytes');
    expect(sizeWithExact(77824n)).toBe('76 KiB');
    expect(sizeWithExact(77825n)).toBe('76 KiB (77,825 bytes)');
    expect(sizeWithExact(380n)).toBe('380 bytes');
    expect(sizeWithExact(3n << 29n)).toBe('1.5 GiB');
  });

  it('isExactSize agrees with what binarySize shows (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 1n << 64n }), (n) => {
        const shown = binarySize(n);
        const [number, unit] = shown.split(' ');
        const scale = 1n << BigInt(10 * ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'].indexOf(unit === 'byte' ? 'bytes' : unit!));
        const [whole, frac = ''] = number!.split('.');
        const value = BigInt(whole!) * scale + (BigInt(frac.padEnd(2, '0') || '0') * scale) / 100n;
        expect(value <= n).toBe(true); // never rounds up
        expect(isExactSize(n)).toBe(value === n && (BigInt(frac.padEnd(2, '0') || '0') * scale) % 100n === 0n);
      }),
    );
  });
});

describe('address queries', () => {
  it('in address mode: a point, a range, or invalid (never a silent text search)', () => {
    expect(parseAddressQuery('f8000')).toEqual({ kind: 'point', at: 0xf8000n });
    expect(parseAddressQuery('0x800..0x1001')).toEqual({ kind: 'range', start: 0x800n, end: 0x1001n });
    expect(parseAddressQuery('0x4_8000_0000-0x4_8280_0000')).toEqual({ kind: 'range', start: 0x4_8000_0000n, end: 0x4_8280_0000n });
    expect(parseAddressQuery('  ')).toEqual({ kind: 'none' });
    expect(parseAddressQuery('VTL').kind).toBe('invalid');
  });

  it('in text mode: hex digits found in a start or end', () => {
    expect(parseAddressQuery('91c000', 'text')).toEqual({ kind: 'text', text: '91c000' });
    expect(parseAddressQuery('0x91_C000', 'text')).toEqual({ kind: 'text', text: '91c000' });
    expect(parseAddressQuery('zz', 'text').kind).toBe('invalid');
  });
});
