// A comparison as the rows of a changes table: every changed piece and every
// boundary-only change, memory then MMIO, by address, each saying what changed
// and what A and B hold there. The view filters (model/view.ts Filters) apply
// to both sides: a row stays when what A or B holds there passes them.
import type { Entry, EntryRef, EntryTable } from '../../model/entries.ts';
import { entryFilter } from '../../model/filter.ts';
import { groupedHex } from '../../model/text.ts';
import type { Filters } from '../../model/view.ts';
import { enumLabel } from '../../model/vtlTypes.ts';
import { pieceChange, type PieceChange } from './summary.ts';
import type { RangeAttributes, TopologyComparison } from './types.ts';

/** What a row reports: how a piece's attributes changed, or a boundary moved with none changing. */
export type ChangeKind = PieceChange | 'boundary';

export const CHANGE_KINDS: readonly ChangeKind[] = ['added', 'removed', 'retyped', 'vnode', 'igvm', 'boundary'];

/** How each kind reads in a table and a legend. */
export const CHANGE_WORDS: Record<ChangeKind, string> = {
  added: 'only in B',
  removed: 'only in A',
  retyped: 'VTL type',
  vnode: 'vnode',
  igvm: 'IGVM type',
  boundary: 'split or merged',
};

export interface ChangeRow {
  /** Position in the comparison's row order: stable for one comparison (React keys, selection). */
  id: number;
  table: EntryTable;
  start: bigint;
  end: bigint;
  kind: ChangeKind;
  /** What A and B hold there: one attribute set per covering range (pieces), or the ranges themselves (boundaries). */
  a: RangeAttributes[];
  b: RangeAttributes[];
  /** More covering attributes or ranges than listed (hostile input only). */
  aMore: number;
  bMore: number;
  /** A's and B's ranges there, when the comparison names them (boundary changes); [] for pieces. */
  aRanges: Entry[];
  bRanges: Entry[];
}

const cmpStart = (x: ChangeRow, y: ChangeRow) => (x.table !== y.table ? (x.table === 'memory' ? -1 : 1) : x.start < y.start ? -1 : x.start > y.start ? 1 : 0);

/** Every row of `c`, memory then MMIO, by start (a piece and a boundary change never overlap). */
export function changeRows(c: TopologyComparison): ChangeRow[] {
  const rows: Omit<ChangeRow, 'id'>[] = [];
  for (const p of [...c.memory, ...c.mmio]) {
    rows.push({ table: p.table, start: p.start, end: p.end, kind: pieceChange(p), a: p.a, b: p.b, aMore: p.aMore, bMore: p.bMore, aRanges: [], bRanges: [] });
  }
  for (const bc of c.boundaries) {
    rows.push({ table: bc.table, start: bc.start, end: bc.end, kind: 'boundary', a: bc.a, b: bc.b, aMore: bc.aMore, bMore: bc.bMore, aRanges: bc.a, bRanges: bc.b });
  }
  return (rows as ChangeRow[]).sort(cmpStart).map((row, id) => ({ ...row, id }));
}

/**
 * The rows the view's filters keep: one whose A or B side, read as an entry
 * over the row's span, passes them (a piece only in B passes a VTL filter by
 * B's type). With no filters every row stays.
 */
export function filterChangeRows(rows: readonly ChangeRow[], filters: Filters): ChangeRow[] {
  const keep = entryFilter(filters);
  const ref: EntryRef = { table: 'memory', index: 0 };
  const passes = (row: ChangeRow, side: RangeAttributes[]) => side.some((x) => keep({ ref, start: row.start, end: row.end, vtlType: x.vtlType, vnode: x.vnode, igvmType: x.igvmType } satisfies Entry));
  return rows.filter((row) => passes(row, row.a) || passes(row, row.b));
}

/** `VTL2_RAM · vnode 0 · VTL2_PROTECTABLE`, or `—` where no range covers the piece. */
export function attributesText(side: readonly RangeAttributes[], more = 0): string {
  if (side.length === 0) return '—';
  const one = (x: RangeAttributes) => [enumLabel(x.vtlType), x.vnode === null ? null : `vnode ${x.vnode}`, x.igvmType ? enumLabel(x.igvmType) : null].filter((s) => s !== null).join(' · ');
  return `${side.map(one).join(' + ')}${more > 0 ? ` + ${more} more` : ''}`;
}

/** `2 ranges: 0x1000..0x2000, 0x2000..0x3000` (a boundary change's side). */
export function rangesText(ranges: readonly Entry[], more = 0): string {
  const n = ranges.length + more;
  return `${n} ${n === 1 ? 'range' : 'ranges'}: ${ranges.map((e) => `${groupedHex(e.start)}..${groupedHex(e.end)}`).join(', ')}${more > 0 ? ', …' : ''}`;
}
