import { describe, expect, it } from 'vitest';
import { binarySize, exactBytes, groupedHex, hexAddress, parseAddress } from './format.ts';

describe('format', () => {
  it('writes addresses in hex, exact above 2^53', () => {
    expect(hexAddress(0x4_8000_0000n)).toBe('0x480000000');
    expect(hexAddress(0n)).toBe('0x0');
    expect(groupedHex(0x4_8000_0000n)).toBe('0x4_8000_0000');
    expect(groupedHex((1n << 64n) - 1n)).toBe('0xffff_ffff_ffff_ffff');
    expect(groupedHex((1n << 53n) + 1n)).toBe('0x20_0000_0000_0001');
    expect(groupedHex(0x1000n)).toBe('0x1000');
  });

  it('writes sizes in binary units and exact bytes', () => {
    expect(binarySize(4096n)).toBe('4 KiB');
    expect(binarySize(77824n)).toBe('76 KiB');
    expect(binarySize(380n)).toBe('380 bytes');
    expect(binarySize(1n)).toBe('1 byte');
    expect(binarySize(3n << 29n)).toBe('1.5 GiB');
    expect(binarySize(1n << 64n)).toBe('16 EiB');
    expect(binarySize(7516192768n)).toBe('7 GiB');
    expect(exactBytes(4096n)).toBe('4,096 bytes');
    expect(exactBytes((1n << 64n) - 1n)).toBe('18,446,744,073,709,551,615 bytes');
  });

  it('parses typed addresses', () => {
    expect(parseAddress(' 0x4_8000_0000 ')).toBe(0x4_8000_0000n);
    expect(parseAddress('4096')).toBe(4096n);
    expect(parseAddress('vtl2')).toBeNull();
    expect(parseAddress('')).toBeNull();
  });
});
