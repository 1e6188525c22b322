// The diagram's vertical axis. The columns whose address spans interleave
// share one section and one scale; sections follow each other in address
// order, so the whole figure reads in one direction. Inside a section the
// axis is cut at every block (and callout) edge into bands: a band holding a
// range gets a height that grows with the log of its size (a 4 KiB page
// stays readable next to 4 GiB), a band holding nothing is a gap, drawn
// collapsed, and an empty range gets a point band of its own.

export interface AxisSpan {
  start: bigint;
  /** ≥ start; equal for a point. */
  drawEnd: bigint;
}

export interface Band {
  kind: 'range' | 'point' | 'gap';
  start: bigint;
  /** Exclusive; equal to start for a point band. */
  end: bigint;
  height: number;
}

export const BAND = {
  /** The least height of a band (two boundary labels fit between its edges). */
  min: 22,
  /** Pixels per doubling of a range band's size in pages (in 16ths of a doubling, integer arithmetic: the same in every engine). */
  perDoubling: 4,
  gap: 40,
} as const;

/** Members of each group of key ranges (spanKeys) that overlap, transitively; groups in address order. */
export function clusterByKeys<T>(items: readonly { lo: bigint; hi: bigint; value: T }[]): T[][] {
  const keyed = items.map((item, order) => ({ ...item, order }));
  keyed.sort((a, b) => (a.lo !== b.lo ? (a.lo < b.lo ? -1 : 1) : a.order - b.order));
  const groups: { hi: bigint; members: typeof keyed }[] = [];
  for (const k of keyed) {
    const last = groups[groups.length - 1];
    if (last && k.lo <= last.hi) {
      last.members.push(k);
      if (k.hi > last.hi) last.hi = k.hi;
    } else groups.push({ hi: k.hi, members: [k] });
  }
  return groups.map((g) => g.members.sort((a, b) => a.order - b.order).map((m) => m.value));
}

export interface SectionAxis {
  /** In ascending address order. */
  bands: Band[];
  /** The first and last band a span covers (inclusive). */
  bandRange(span: AxisSpan): [number, number];
}

/** Bands for the spans of one section; `covering` are the ranges (a band none of them covers is a gap). */
export function sectionAxis(covering: readonly AxisSpan[], others: readonly AxisSpan[] = []): SectionAxis {
  const all = [...covering, ...others];
  const cuts = [...new Set(all.flatMap((s) => [s.start, s.drawEnd]))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const points = new Set(all.filter((s) => s.drawEnd === s.start).map((s) => s.start));
  const bands: Band[] = [];
  const pointAt = new Map<bigint, number>();
  const startingAt = new Map<bigint, number>();
  const endingAt = new Map<bigint, number>();
  cuts.forEach((cut, i) => {
    if (points.has(cut)) pointAt.set(cut, bands.push({ kind: 'point', start: cut, end: cut, height: BAND.min }) - 1);
    const next = cuts[i + 1];
    if (next !== undefined) {
      const index = bands.push({ kind: 'gap', start: cut, end: next, height: BAND.gap }) - 1;
      startingAt.set(cut, index);
      endingAt.set(next, index);
    }
  });
  const bandRange = (s: AxisSpan): [number, number] => {
    if (s.drawEnd === s.start) {
      const i = pointAt.get(s.start)!;
      return [i, i];
    }
    return [startingAt.get(s.start)!, endingAt.get(s.drawEnd)!];
  };
  // A band is a range band when some range covers it; a difference array marks them.
  const covered = new Array<number>(bands.length + 1).fill(0);
  for (const s of covering) {
    const [lo, hi] = bandRange(s);
    covered[lo]!++;
    covered[hi + 1]!--;
  }
  let depth = 0;
  bands.forEach((band, i) => {
    depth += covered[i]!;
    if (band.kind === 'gap' && depth > 0) {
      band.kind = 'range';
      band.height = rangeHeight(band.end - band.start);
    }
  });
  return { bands, bandRange };
}

/** A range band's height: BAND.min for a page or less, then BAND.perDoubling more per doubling of its pages. */
export function rangeHeight(bytes: bigint): number {
  const pages = bytes >> 12n;
  if (pages <= 1n) return BAND.min;
  const bits = pages.toString(2).length - 1;
  const sixteenths = bits * 16 + Number((pages << 4n) >> BigInt(bits)) - 16;
  return BAND.min + Math.floor((sixteenths * BAND.perDoubling) / 16);
}
