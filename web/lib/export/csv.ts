// The entry table as CSV (RFC 4180: CRLF records, fields quoted only when they
// hold a comma, quote or line break). Every u64 twice: 0x hex, as the app
// shows it, and decimal, for spreadsheets; both exact (from bigint).
import type { SavedState } from '../model/types.ts';

export const CSV_COLUMNS = [
  'table', 'index',
  'start_hex', 'end_hex', 'size_hex',
  'start', 'end', 'size',
  'vnode', 'vtl_type', 'vtl_type_name', 'igvm_type', 'igvm_type_name',
] as const;

type Cell = string | number | bigint | null;

/** One field, quoted when RFC 4180 requires it. */
export function csvField(value: Cell): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRecord(cells: readonly Cell[]): string {
  return cells.map(csvField).join(',');
}

const hex = (v: bigint) => `0x${v.toString(16)}`;

/** Memory entries, then MMIO entries, in table order; `index` is the entry's index in its table. */
export function entriesCsv(state: SavedState): string {
  const rows: string[] = [csvRecord(CSV_COLUMNS)];
  const range = (start: bigint, end: bigint): Cell[] => {
    // Ranges are not validated upstream: a reversed one has no size.
    const size = end >= start ? end - start : null;
    return [hex(start), hex(end), size === null ? null : hex(size), start, end, size];
  };
  state.partition_memory.forEach((e, i) => {
    rows.push(csvRecord(['memory', i, ...range(e.range.start, e.range.end), e.vnode, e.vtl_type.value, e.vtl_type.name, e.igvm_type.value, e.igvm_type.name]));
  });
  state.partition_mmio.forEach((e, i) => {
    rows.push(csvRecord(['mmio', i, ...range(e.range.start, e.range.end), null, e.vtl_type.value, e.vtl_type.name, null, null]));
  });
  return rows.map((r) => `${r}\r\n`).join('');
}
