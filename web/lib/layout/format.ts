// Text for addresses and sizes. Addresses stay bigint: a JS number loses bits above 2^53.

/** `0x…`, lowercase, no padding: the form of `data-start`/`data-end` and share links. */
export function hexAddress(value: bigint): string {
  return `0x${value.toString(16)}`;
}

/** `0x4_8000_0000`: hex grouped by four digits (Rust style), for axis labels and tooltips. */
export function groupedHex(value: bigint): string {
  const digits = value.toString(16);
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 4) groups.unshift(digits.slice(Math.max(0, end - 4), end));
  return `0x${groups.join('_')}`;
}

const UNITS = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'] as const;

/** `76 KiB`, `1.5 GiB`, `16 EiB`: at most three significant digits, binary units. */
export function binarySize(bytes: bigint): string {
  if (bytes < 0n) return `-${binarySize(-bytes)}`;
  let unit = 0;
  while (unit < UNITS.length - 1 && bytes >= 1n << BigInt(10 * (unit + 1))) unit++;
  if (unit === 0) return bytes === 1n ? '1 byte' : `${bytes} bytes`;
  const whole = bytes >> BigInt(10 * unit);
  const exact = whole << BigInt(10 * unit) === bytes;
  const value = Number(bytes) / 2 ** (10 * unit);
  const text = exact ? whole.toString() : value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
  const trimmed = text.includes('.') ? text.replace(/\.?0+$/, '') : text;
  return `${trimmed} ${UNITS[unit]}`;
}

/** `4,096 bytes`: the exact count, grouped by thousands. */
export function exactBytes(bytes: bigint): string {
  const text = bytes.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${text} ${bytes === 1n ? 'byte' : 'bytes'}`;
}

/** Parse an address typed by a user: `0x…` hex (underscores allowed) or decimal. Null if it is not one. */
export function parseAddress(text: string): bigint | null {
  const t = text.trim().replace(/_/g, '').toLowerCase();
  if (/^0x[0-9a-f]+$/.test(t)) return BigInt(t);
  if (/^[0-9]+$/.test(t)) return BigInt(t);
  return null;
}
