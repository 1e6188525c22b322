// Property values as openvmm's `fdt::parser::Property` reads them (big-endian
// cells). Each returns null where upstream returns an error, so a caller can
// say which property failed and where.
import type { FdtProperty } from './fdt.ts';

// Rust's str::from_utf8: a leading byte-order mark is a character, not dropped.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function view(prop: FdtProperty): DataView {
  return new DataView(prop.value.buffer, prop.value.byteOffset, prop.value.byteLength);
}

/** `read_u32(index)`: the value must be a whole number of u32 cells, `index` one of them. */
export function propU32(prop: FdtProperty, index = 0): number | null {
  const len = prop.value.length;
  if (len % 4 !== 0 || index >= len / 4) return null;
  return view(prop).getUint32(index * 4, false);
}

/** `read_u64(index)`: the value must be a whole number of u64s, `index` one of them. */
export function propU64(prop: FdtProperty, index = 0): bigint | null {
  const len = prop.value.length;
  if (len % 8 !== 0 || index >= len / 8) return null;
  return view(prop).getBigUint64(index * 8, false);
}

/** `as_64_list()`: the value must be a whole number of u64s (none is an empty list). */
export function propU64List(prop: FdtProperty): bigint[] | null {
  const len = prop.value.length;
  if (len % 8 !== 0) return null;
  const v = view(prop);
  const out: bigint[] = [];
  for (let at = 0; at < len; at += 8) out.push(v.getBigUint64(at, false));
  return out;
}

/** `read_str()`: the bytes before the first NUL, which must exist, in UTF-8. */
export function propString(prop: FdtProperty): string | null {
  const nul = prop.value.indexOf(0);
  return nul < 0 ? null : decodeUtf8(prop.value.subarray(0, nul));
}

/** A string list (`compatible`, `reg-names`): NUL-terminated UTF-8 strings back to back; null if the last has no NUL. */
export function propStringList(prop: FdtProperty): string[] | null {
  const out: string[] = [];
  let at = 0;
  while (at < prop.value.length) {
    const nul = prop.value.indexOf(0, at);
    if (nul < 0) return null;
    const s = decodeUtf8(prop.value.subarray(at, nul));
    if (s === null) return null;
    out.push(s);
    at = nul + 1;
  }
  return out;
}

/** The bytes as UTF-8 text, or null when they are not UTF-8 (names and strings of a tree alike). */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}
