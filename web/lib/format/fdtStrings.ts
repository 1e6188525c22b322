// Property names from an FDT strings block, as upstream's `string_from_offset`
// reads them: from nameoff to the first NUL (which must exist), in UTF-8.
// Bounded work however hostile the block: scanning to the NUL and decoding
// for every distinct nameoff was quadratic (a 110 KB tree took 2.7 s, 440 KB
// ran out of memory). Instead one backward pass, on the first lookup, finds
// for every offset whether a NUL follows and whether the bytes up to it are
// UTF-8; each nameoff then decodes at most MAX_PROPERTY_NAME_BYTES bytes, once.
import { decodeUtf8 } from './fdtValues.ts';

/**
 * Longest name kept whole: a longer one is kept as its first bytes and "…".
 * The devicetree spec caps names at 31 characters and no name write_dt writes
 * is longer, so a cut name matches none, as the whole one would not.
 */
export const MAX_PROPERTY_NAME_BYTES = 64;

export interface PropertyName {
  /** Null when the name does not resolve (upstream then treats the property as absent). */
  name: string | null;
  /** Why `name` is null. */
  problem: string | null;
}

const OK = 0;
const NO_NUL = 1;
const NOT_UTF8 = 2;

const PROBLEMS = { [NO_NUL]: 'no NUL after nameoff in the strings block', [NOT_UTF8]: 'the name at nameoff is not UTF-8' } as const;

export class FdtStrings {
  private status: Uint8Array | null = null;
  /** By nameoff: a tree repeats a few dozen names thousands of times. */
  private readonly names = new Map<number, PropertyName>();

  constructor(private readonly block: Uint8Array) {}

  nameAt(nameoff: number): PropertyName {
    let found = this.names.get(nameoff);
    if (!found) {
      found = this.resolve(nameoff);
      this.names.set(nameoff, found);
    }
    return found;
  }

  private resolve(nameoff: number): PropertyName {
    const { block } = this;
    if (nameoff >= block.length) return { name: null, problem: `nameoff is past the ${block.length}-byte strings block` };
    this.status ??= nameStatus(block);
    const status = this.status[nameoff]!;
    if (status !== OK) return { name: null, problem: PROBLEMS[status as keyof typeof PROBLEMS] };
    const head = block.subarray(nameoff, nameoff + MAX_PROPERTY_NAME_BYTES + 1);
    const nul = head.indexOf(0);
    if (nul >= 0) return { name: decodeUtf8(head.subarray(0, nul)), problem: null };
    // Valid UTF-8 to its NUL: cut at a character boundary (not before a continuation byte).
    let cut = MAX_PROPERTY_NAME_BYTES;
    while ((head[cut]! & 0xc0) === 0x80) cut--;
    return { name: `${decodeUtf8(head.subarray(0, cut))}…`, problem: null };
  }
}

/** For every offset of `block`: OK, NO_NUL or NOT_UTF8 for the name starting there; one pass from the end. */
function nameStatus(block: Uint8Array): Uint8Array {
  const status = new Uint8Array(block.length);
  let nulAfter = false;
  for (let i = block.length - 1; i >= 0; i--) {
    if (block[i] === 0) {
      nulAfter = true;
      status[i] = OK;
    } else if (!nulAfter) {
      status[i] = NO_NUL;
    } else {
      // A continuation byte is never 0, so a sequence that is whole ends before the NUL.
      const len = sequenceLength(block, i);
      status[i] = len === 0 ? NOT_UTF8 : status[i + len]!;
    }
  }
  return status;
}

/** Bytes of the UTF-8 sequence at `i` as a fatal decoder (and Rust's from_utf8) takes it; 0 when it is not one. */
function sequenceLength(b: Uint8Array, i: number): number {
  const lead = b[i]!;
  if (lead < 0x80) return 1;
  let len: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) len = 2;
  else if (lead >= 0xe0 && lead <= 0xef) {
    len = 3;
    // No overlong forms, no surrogates.
    if (lead === 0xe0) lo = 0xa0;
    else if (lead === 0xed) hi = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    len = 4;
    // No overlong forms, nothing past U+10FFFF.
    if (lead === 0xf0) lo = 0x90;
    else if (lead === 0xf4) hi = 0x8f;
  } else return 0;
  const second = b[i + 1];
  if (second === undefined || second < lo || second > hi) return 0;
  for (let k = 2; k < len; k++) {
    const next = b[i + k];
    if (next === undefined || next < 0x80 || next > 0xbf) return 0;
  }
  return len;
}
