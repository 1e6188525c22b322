// The entry table as CSV (RFC 4180: CRLF records, fields quoted only when they
// hold a comma, quote or line break). Every u64 twice: 0x hex, as the app
// shows it, and decimal, for spreadsheets; both exact (from bigint).
import type { Entry } from '../model/entries.ts';
import { hex } from '../model/text.ts';

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

/** Entries in the order given (a document's: memory, then MMIO); `index` is the entry's index in its table. */
export function entriesCsv(entries: readonly Entry[]): string {
  const rows: string[] = [csvRecord(CSV_COLUMNS)];
  for (const e of entries) {
    // Ranges are not validated upstream: a reversed one has no size.
    const size = e.end >= e.start ? e.end - e.start : null;
    rows.push(csvRecord([e.ref.table, e.ref.index, hex(e.start), hex(e.end), size === null ? null : hex(size), e.start, e.end, size, e.vnode, e.vtlType.value, e.vtlType.name, e.igvmType?.value ?? null, e.igvmType?.name ?? null]));
  }
  return rows.map((r) => `${r}\r\n`).join('');
}
