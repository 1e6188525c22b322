// How numbers read in the UI: addresses in hex, sizes in binary units and exact bytes.

/** `0x…` lower-case hex of a bigint (the form of the data-start/data-end attributes). */
export function hex(value: bigint): string {
  return value < 0n ? `-0x${(-value).toString(16)}` : `0x${value.toString(16)}`;
}

/** Hex grouped by 4 digits with `_` for reading (`0x4_8000_1000`). */
export function groupedHex(value: bigint): string {
  const digits = value.toString(16);
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 4) groups.unshift(digits.slice(Math.max(0, end - 4), end));
  return `0x${groups.join('_')}`;
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

/** Size in binary units, e.g. `2 MiB`, `1.5 GiB`, in exact bigint arithmetic. */
export function binarySize(bytes: bigint): string {
  if (bytes < 0n) return `-${binarySize(-bytes)}`;
  let unit = 0;
  let scaled = bytes;
  while (scaled >= 1024n && unit < UNITS.length - 1 && bytes >= 1n << BigInt(10 * (unit + 1))) {
    scaled /= 1024n;
    unit++;
  }
  if (unit === 0) return `${bytes} B`;
  const divisor = 1n << BigInt(10 * unit);
  // Truncated, never rounded up (1.998 GiB reads 1.99 GiB, not 2 GiB): two
  // decimals below 100, none above; trailing zeros dropped. Exact bigint digits.
  const whole = bytes / divisor;
  if (whole >= 100n) return `${whole} ${UNITS[unit]}`;
  const hundredths = (((bytes % divisor) * 100n) / divisor).toString().padStart(2, '0').replace(/0+$/, '');
  return `${whole}${hundredths ? `.${hundredths}` : ''} ${UNITS[unit]}`;
}

/** Exact count with thousands separators (bigint-safe). */
export function exactBytes(bytes: bigint | number): string {
  return `${BigInt(bytes).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')} bytes`;
}

/** Parses a GPA typed by a user: hex with or without 0x, `_` separators allowed. Null if not one. */
export function parseAddress(text: string): bigint | null {
  const t = text.trim().replace(/_/g, '').replace(/^0x/i, '');
  if (!/^[0-9a-f]{1,16}$/i.test(t)) return null;
  return BigInt(`0x${t}`);
}
