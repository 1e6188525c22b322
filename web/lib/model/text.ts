// How numbers and addresses read, everywhere (table, map, tooltip, details,
// CSV, CLI): one rule each.
// - Addresses are hex. Typed addresses are hex too, with or without `0x`:
//   "4096" is 0x4096 in every box of this app (the placeholder says so).
// - A size never rounds up: 1.998 GiB reads "1.99 GiB", so a size shown never
//   claims bytes the range lacks; exact bytes are always one hover away.
// Values stay bigint: a JS number loses bits above 2^53.

/** `0x…` lower-case hex, no padding: the form of `data-start`/`data-end` and CSV. */
export function hex(value: bigint): string {
  return value < 0n ? `-0x${(-value).toString(16)}` : `0x${value.toString(16)}`;
}

/** Hex grouped by four digits (Rust style, `0x4_8000_1000`): how addresses read on screen. */
export function groupedHex(value: bigint): string {
  if (value < 0n) return `-${groupedHex(-value)}`;
  const digits = value.toString(16);
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 4) groups.unshift(digits.slice(Math.max(0, end - 4), end));
  return `0x${groups.join('_')}`;
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'] as const;

/**
 * Size in binary units (`380 bytes`, `76 KiB`, `1.99 GiB`), exact bigint arithmetic,
 * truncated (never rounded up): two decimals below 100, none above, trailing
 * zeros dropped.
 */
export function binarySize(bytes: bigint): string {
  if (bytes < 0n) return `-${binarySize(-bytes)}`;
  let unit = 0;
  while (unit < UNITS.length - 1 && bytes >= 1n << BigInt(10 * (unit + 1))) unit++;
  if (unit === 0) return bytes === 1n ? '1 byte' : `${bytes} bytes`;
  const divisor = 1n << BigInt(10 * unit);
  const whole = bytes / divisor;
  if (whole >= 100n) return `${whole} ${UNITS[unit]}`;
  const hundredths = (((bytes % divisor) * 100n) / divisor).toString().padStart(2, '0').replace(/0+$/, '');
  return `${whole}${hundredths ? `.${hundredths}` : ''} ${UNITS[unit]}`;
}

/** Thousands separators, exact (`1,073,741,824`). */
export function groupedDecimal(value: bigint | number): string {
  return BigInt(value).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The exact count of bytes (`4,096 bytes`, `1 byte`). */
export function exactBytes(bytes: bigint | number): string {
  return `${groupedDecimal(bytes)} ${BigInt(bytes) === 1n ? 'byte' : 'bytes'}`;
}

/** A size as a user reads it at once, with the exact count when rounding hides bytes: `76 KiB (77,825 bytes)`. */
export function sizeWithExact(bytes: bigint): string {
  const short = binarySize(bytes);
  return isExactSize(bytes) ? short : `${short} (${exactBytes(bytes)})`;
}

/** Whether `binarySize` shows `bytes` exactly (no digits dropped). */
export function isExactSize(bytes: bigint): boolean {
  if (bytes < 0n) return isExactSize(-bytes);
  let unit = 0;
  while (unit < UNITS.length - 1 && bytes >= 1n << BigInt(10 * (unit + 1))) unit++;
  const divisor = 1n << BigInt(10 * unit);
  const whole = bytes / divisor;
  const kept = whole >= 100n || unit === 0 ? 1n : 100n;
  return ((bytes % divisor) * kept) % divisor === 0n;
}

const U64_LIMIT = 1n << 64n;

/** A GPA typed by a user: hex, `0x` optional, `_` separators allowed, at most 64 bits. Null if not one. */
export function parseAddress(text: string): bigint | null {
  const t = text.trim().replace(/_/g, '').replace(/^0x/i, '');
  if (!/^[0-9a-f]{1,16}$/i.test(t)) return null;
  return BigInt(`0x${t}`);
}

/** Longer text is no u64 (20 decimal digits, or 0x and 16 hex digits, with `_` between groups): refused before BigInt reads it. */
const MAX_U64_CHARS = 40;
// No leading zeros in decimal: `010` could mean 8 to a C programmer, so it means nothing here.
const U64_DECIMAL = /^(0|[1-9][0-9]*(_[0-9]+)*)$/;
const U64_HEX = /^0x[0-9a-f]+(_[0-9a-f]+)*$/i;

/**
 * The one reader of u64 text (JSON documents, the command line, forms):
 * decimal, or hex with `0x`, `_` allowed between digits; at most 40
 * characters. What it is not says why: not such a number, or past 2^64-1.
 */
export function readU64Text(text: string): bigint | 'not-a-number' | 'over-u64' {
  if (text.length > MAX_U64_CHARS || !(U64_DECIMAL.test(text) || U64_HEX.test(text))) return 'not-a-number';
  const value = BigInt(text.replaceAll('_', ''));
  return value < U64_LIMIT ? value : 'over-u64';
}

/** A u64 typed on a command line or in a form (white space around it dropped); null if not one. */
export function parseU64Literal(text: string): bigint | null {
  const value = readU64Text(text.trim());
  return typeof value === 'bigint' ? value : null;
}

/**
 * What the address box means. In `address` mode: one hex address (ranges
 * holding it) or a range `a-b` / `a..b` (ranges overlapping it); in `text`
 * mode: hex digits found in a start or end address.
 */
export type AddressQuery =
  | { kind: 'none' }
  | { kind: 'point'; at: bigint }
  | { kind: 'range'; start: bigint; end: bigint }
  | { kind: 'text'; text: string }
  /** Address mode, but the text is not an address or a range: matches nothing, and says why. */
  | { kind: 'invalid'; reason: string };

export type AddressMode = 'address' | 'text';

export function parseAddressQuery(text: string, mode: AddressMode = 'address'): AddressQuery {
  const t = text.trim();
  if (t === '') return { kind: 'none' };
  if (mode === 'text') {
    const digits = t.toLowerCase().replace(/_/g, '').replace(/^0x/, '');
    return /^[0-9a-f]+$/.test(digits) ? { kind: 'text', text: digits } : { kind: 'invalid', reason: 'hex digits to find in start or end addresses' };
  }
  const range = /^(.+?)\s*(?:\.\.|-|–)\s*(.+)$/.exec(t);
  if (range) {
    const start = parseAddress(range[1]!);
    const end = parseAddress(range[2]!);
    if (start !== null && end !== null) return { kind: 'range', start, end };
  }
  const at = parseAddress(t);
  if (at !== null) return { kind: 'point', at };
  return { kind: 'invalid', reason: 'a hex address (0x optional, at most 16 digits) or a range a-b' };
}

/** A value as the input gave it, quoted and cut at 40 characters: a message stays short however long the input's value. */
export function short(v: unknown): string {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
