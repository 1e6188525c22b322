// The comparison on screen: A (the current file) against B. The changes depend
// on the pair alone, the servicing checks and the summary on the release too:
// rows are kept per pair (a release switch keeps the chosen row), comparisons
// per pair and release.
import { changeRows, type ChangeRow } from '../../lib/analysis/compare/changeRows.ts';
import { compareTopologies, type TopologyComparison } from '../../lib/analysis/compare/index.ts';
import type { AddressWindow, OpenhclRelease } from '../../lib/model/view.ts';
import type { OpenFile } from '../store/index.ts';

interface Cached {
  rows: ChangeRow[];
  byRelease: Map<OpenhclRelease, TopologyComparison>;
}
// Weakly keyed by A then B: a pair the store no longer holds (compare left, another file opened) is collectable.
const cache = new WeakMap<OpenFile, WeakMap<OpenFile, Cached>>();

export function comparisonOf(a: OpenFile, b: OpenFile, release: OpenhclRelease): { comparison: TopologyComparison; rows: ChangeRow[] } {
  let withA = cache.get(a);
  if (!withA) cache.set(a, (withA = new WeakMap()));
  let cached = withA.get(b);
  let comparison = cached?.byRelease.get(release);
  if (!comparison) {
    performance.mark('ohcl:compare-start');
    comparison = compareTopologies(a.doc, b.doc, { release });
    performance.measure('ohcl:compare', 'ohcl:compare-start');
    if (!cached) withA.set(b, (cached = { rows: changeRows(comparison), byRelease: new Map() }));
    cached.byRelease.set(release, comparison);
  }
  return { comparison, rows: cached!.rows };
}

const U64_MAX = (1n << 64n) - 1n;

/** A window around a change: the change in the middle third, at least 16 pages wide, so a 4 KiB change reads at once (within u64, as links carry it). */
export function windowAround(row: Pick<ChangeRow, 'start' | 'end'>): AddressWindow {
  const size = row.end > row.start ? row.end - row.start : 1n;
  const pad = size > 0x8000n ? size : 0x8000n;
  const start = row.start > pad ? row.start - pad : 0n;
  const end = row.end + pad < U64_MAX ? row.end + pad : U64_MAX;
  return { start, end };
}
