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
import { isSorted, PAGE, spanEnd } from './span.ts';

const LOG2_PAGE = Math.log2(Number(PAGE));

/** The readable weight of an interval of `bytes` (see above). */
export function readableWeight(bytes: bigint): number {
  return bytes <= PAGE ? LOG2_PAGE : Math.log2(Number(bytes));
}

/** Every start and end of the spans (normalised), sorted, each once. */
export function edgesOf(spans: readonly Span[]): bigint[] {
  const starts: bigint[] = [];
  const ends: bigint[] = [];
  for (const s of spans) {
    // normalizeSpan's rule, without an object per span (a 100,000-range document has 100,000).
    starts.push(s.start);
    ends.push(spanEnd(s.start, s.end));
  }
  // Spans come in start order as a rule (topologySpans), and then their ends mostly too:
  // sort only what is not, then merge the two lists.
  const byValue = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);
  const inOrder = (a: bigint, b: bigint) => a <= b;
  if (!isSorted(starts, inOrder)) starts.sort(byValue);
  if (!isSorted(ends, inOrder)) ends.sort(byValue);
  const edges: bigint[] = [];
  let i = 0;
  let j = 0;
  while (i < starts.length || j < ends.length) {
    const next = j >= ends.length || (i < starts.length && starts[i]! <= ends[j]!) ? starts[i++]! : ends[j++]!;
    if (edges.length === 0 || edges[edges.length - 1] !== next) edges.push(next);
  }
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
