import { describe, expect, it } from 'vitest';
import { stringListBytes, u32Bytes, u64Bytes } from '../testing/fdtWriter.ts';
import type { FdtProperty } from './fdt.ts';
import { propString, propStringList, propU32, propU64, propU64List } from './fdtValues.ts';

const prop = (value: Uint8Array): FdtProperty => ({ name: 'p', nameProblem: null, nameoff: 0, offset: 0, valueOffset: 12, value });

describe('property values, as openvmm fdt::parser::Property reads them', () => {
  it('u32 cells: a whole number of them, big-endian, the index inside', () => {
    expect(propU32(prop(u32Bytes(0xdeadbeef, 7)), 1)).toBe(7);
    expect(propU32(prop(u32Bytes(0xdeadbeef)))).toBe(0xdeadbeef);
    expect(propU32(prop(u64Bytes(0x1_0000_0002n)))).toBe(1);
    expect(propU32(prop(u32Bytes(1)), 1)).toBeNull();
    expect(propU32(prop(new Uint8Array(6)))).toBeNull();
    expect(propU32(prop(new Uint8Array()))).toBeNull();
  });

  it('u64 cells: a whole number of them, exact above 2^53', () => {
    expect(propU64(prop(u64Bytes((1n << 64n) - 1n)))).toBe((1n << 64n) - 1n);
    expect(propU64(prop(u64Bytes(1n, (1n << 53n) + 1n)), 1)).toBe((1n << 53n) + 1n);
    expect(propU64(prop(u32Bytes(1, 2, 3)))).toBeNull();
    expect(propU64(prop(u32Bytes(1)))).toBeNull();
  });

  it('u64 lists: any whole number of u64s, none included', () => {
    expect(propU64List(prop(u64Bytes(1n, 2n, 3n)))).toEqual([1n, 2n, 3n]);
    expect(propU64List(prop(new Uint8Array()))).toEqual([]);
    expect(propU64List(prop(new Uint8Array(12)))).toBeNull();
  });

  it('strings: up to the first NUL, which must exist, in UTF-8', () => {
    expect(propString(prop(stringListBytes('host', 'ignored')))).toBe('host');
    expect(propString(prop(new Uint8Array([0x68, 0x6f])))).toBeNull();
    expect(propString(prop(new Uint8Array([0xff, 0])))).toBeNull();
    expect(propString(prop(new Uint8Array([0])))).toBe('');
    // Rust's from_utf8 keeps a byte-order mark: "\uFEFFhost" is not "host".
    expect(propString(prop(stringListBytes('\uFEFFhost')))).toBe('\uFEFFhost');
  });

  it('string lists: NUL-terminated strings back to back', () => {
    expect(propStringList(prop(stringListBytes('ctrl', 'shmem')))).toEqual(['ctrl', 'shmem']);
    expect(propStringList(prop(new Uint8Array()))).toEqual([]);
    expect(propStringList(prop(new Uint8Array([0x61, 0, 0x62])))).toBeNull();
  });
});
