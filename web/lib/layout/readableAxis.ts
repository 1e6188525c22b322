// The readable scale of the map (view.scale = 'readable'). Drawn to scale, the
// realistic VTL2 image's 4 KiB header page sits beside 7 GiB of VTL0 RAM: a
// hairline. Here every interval between two range edges (a range, or a hole
// inside a segment) gets a width proportional to log2 of its size, a page at
// the least:
//
//   weight = log2(max(bytes, 4 KiB))      4 KiB → 12, 1 MiB → 20, 1 GiB → 30, 1 TiB → 40
//
// Why the logarithm and not one width for every range: sizes keep their order
// (a GiB is still wider than a page, so the picture does not lie about which is
// larger), yet the smallest page is 40% as wide as a GiB instead of 1/262,144 of
// it, so at first sight every VTL2 range of a real topology is a block wide
// enough to click and to carry a label (labels and tooltips say the true size).
// The page floor is the narrowest range OpenHCL makes (the header page); an
// empty or sub-page range counts as one page.
import type { Span } from '../model/topology.ts';
import { PAGE } from './span.ts';

const LOG2_PAGE = Math.log2(Number(PAGE));

/** The readable weight of an interval of `bytes` (see above). */
export function readableWeight(bytes: bigint): number {
  return bytes <= PAGE ? LOG2_PAGE : Math.log2(Number(bytes));
}

/** Every start and end of the spans (normalised), sorted, each once. */
export function edgesOf(spans: readonly Span[]): bigint[] {
  const edges: bigint[] = [];
  for (const s of spans) {
    // normalizeSpan's rule, without an object per span (a 100,000-range document has 100,000).
    const lo = s.start < s.end ? s.start : s.end;
    const hi = s.start < s.end ? s.end : s.start;
    edges.push(lo, hi > lo ? hi : lo + 1n);
  }
  // Entries come mostly in address order: the sort meets nearly sorted input.
  edges.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let n = 0;
  for (const e of edges) if (n === 0 || edges[n - 1] !== e) edges[n++] = e;
  edges.length = n;
  return edges;
}

/**
 * Each segment's cut points: its start, every edge strictly inside it, its end.
 * Consecutive points bound the intervals the readable scale sizes one by one.
 */
export function cutsOf(segments: readonly Span[], edges: readonly bigint[]): bigint[][] {
  let at = 0;
  return segments.map((segment) => {
    const cuts = [segment.start];
    while (at < edges.length && edges[at]! <= segment.start) at++;
    while (at < edges.length && edges[at]! < segment.end) cuts.push(edges[at++]!);
    cuts.push(segment.end);
    return cuts;
  });
}
