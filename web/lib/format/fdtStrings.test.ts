import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FdtWriter, u32Bytes } from '../testing/fdtWriter.ts';
import { readFdt } from './fdt.ts';
import { FdtStrings, MAX_PROPERTY_NAME_BYTES, type PropertyName } from './fdtStrings.ts';

const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Upstream's string_from_offset, the slow and obvious way: to the NUL, then the whole name as UTF-8; a long one cut as FdtStrings cuts it. */
function reference(block: Uint8Array, nameoff: number): PropertyName {
  if (nameoff >= block.length) return { name: null, problem: `nameoff is past the ${block.length}-byte strings block` };
  const nul = block.indexOf(0, nameoff);
  if (nul < 0) return { name: null, problem: 'no NUL after nameoff in the strings block' };
  let name: string;
  try {
    name = fatal.decode(block.subarray(nameoff, nul));
  } catch {
    return { name: null, problem: 'the name at nameoff is not UTF-8' };
  }
  if (nul - nameoff <= MAX_PROPERTY_NAME_BYTES) return { name, problem: null };
  let cut = '';
  for (const ch of name) {
    if (new TextEncoder().encode(cut + ch).length > MAX_PROPERTY_NAME_BYTES) break;
    cut += ch;
  }
  return { name: `${cut}…`, problem: null };
}

describe('FdtStrings', () => {
  it('reads every nameoff of a block as upstream does (UTF-8 edge cases, NULs, cut names)', () => {
    // Bytes around UTF-8's edges: ASCII, continuation bytes, every lead class, overlongs, surrogates, past U+10FFFF, BOM.
    const edgy = fc.constantFrom(0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xee, 0xef, 0xbb, 0xf0, 0xf4, 0xf5, 0xff);
    const block = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      fc.array(fc.tuple(edgy, edgy, edgy, edgy), { maxLength: 50, size: 'max' }).map((b) => Uint8Array.from(b.flat())),
      fc.array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constant('\uFEFF')), { maxLength: 8 }).map((names) => new TextEncoder().encode(names.join('\0'))),
    );
    fc.assert(
      fc.property(block, (bytes) => {
        const strings = new FdtStrings(bytes);
        for (let off = 0; off <= bytes.length; off++) expect(strings.nameAt(off)).toEqual(reference(bytes, off));
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps a long name as its first bytes, cut at a character boundary', () => {
    const long = new TextEncoder().encode(`${'€'.repeat(30)}\0`);
    expect(new FdtStrings(long).nameAt(0)).toEqual({ name: `${'€'.repeat(21)}…`, problem: null });
    expect(new FdtStrings(long).nameAt(1)).toEqual({ name: null, problem: 'the name at nameoff is not UTF-8' });
  });
});

describe('readFdt on a hostile strings block', () => {
  // 2 MiB of strings with one NUL at the end and a bad byte in the middle; 200,000
  // properties, each with its own nameoff. Scanning to the NUL for each one is
  // 200,000 × up to 2 MiB: the test would time out.
  it('resolves 200,000 distinct nameoffs into a 2 MiB NUL-less run', () => {
    const size = 2 * 1024 * 1024;
    const count = 200_000;
    const w = new FdtWriter();
    w.string('a'.repeat(size - 1));
    w.beginNode('');
    for (let i = 0; i < count; i++) w.prop('', u32Bytes(i), i * 10);
    const tree = w.endNode().finish();
    const stringsAt = new DataView(tree.buffer).getUint32(12, false);
    tree[stringsAt + size / 2] = 0xff;
    const props = readFdt(tree).root.properties;
    expect(props).toHaveLength(count);
    const before = props.filter((p) => p.nameoff <= size / 2);
    const after = props.filter((p) => p.nameoff > size / 2);
    expect(before.every((p) => p.name === null && p.nameProblem === 'the name at nameoff is not UTF-8')).toBe(true);
    expect(after.every((p) => p.name === `${'a'.repeat(MAX_PROPERTY_NAME_BYTES)}…`)).toBe(true);
    expect(before.length + after.length).toBe(count);
    expect(after.length).toBeGreaterThan(count / 3);
  });
});
