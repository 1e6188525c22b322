// The comparison on screen: A (the current file) against B, by the release the
// view picked, computed once per pair and release and shared by the compare views.
import { changeRows, type ChangeRow } from '../../lib/analysis/compare/changeRows.ts';
import { compareTopologies, type TopologyComparison } from '../../lib/analysis/compare/index.ts';
import type { OpenhclRelease } from '../../lib/model/view.ts';
import type { OpenFile } from '../store/index.ts';

export interface Shown {
  a: OpenFile;
  b: OpenFile;
  comparison: TopologyComparison;
  rows: ChangeRow[];
}

let cached: { a: OpenFile; b: OpenFile; release: OpenhclRelease; shown: Shown } | null = null;

export function comparisonOf(a: OpenFile, b: OpenFile, release: OpenhclRelease): Shown {
  if (cached?.a !== a || cached.b !== b || cached.release !== release) {
    performance.mark('ohcl:compare-start');
    const comparison = compareTopologies(a.doc, b.doc, { release });
    cached = { a, b, release, shown: { a, b, comparison, rows: changeRows(comparison) } };
    performance.measure('ohcl:compare', 'ohcl:compare-start');
  }
  return cached.shown;
}

/** A window around a change: the change in the middle third, at least 16 pages wide, so a 4 KiB change reads at once. */
export function windowAround(row: Pick<ChangeRow, 'start' | 'end'>): { start: bigint; end: bigint } {
  const size = row.end > row.start ? row.end - row.start : 1n;
  const pad = size > 0x8000n ? size : 0x8000n;
  const start = row.start > pad ? row.start - pad : 0n;
  const top = 1n << 64n;
  const end = row.end + pad < top ? row.end + pad : top;
  return { start, end };
}
