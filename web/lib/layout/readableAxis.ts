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
import { normalizeSpan, PAGE } from './span.ts';

const LOG2_PAGE = Math.log2(Number(PAGE));

/** The readable weight of an interval of `bytes` (see above). */
export function readableWeight(bytes: bigint): number {
  return bytes <= PAGE ? LOG2_PAGE : Math.log2(Number(bytes));
}

/** Every start and end of the spans (normalised), sorted, each once. */
export function edgesOf(spans: readonly Span[]): bigint[] {
  const edges: bigint[] = [];
  for (const s of spans) {
    const n = normalizeSpan(s.start, s.end);
    edges.push(n.start, n.end);
  }
  // Entries come mostly in address order: the sort meets nearly sorted input.
  edges.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: bigint[] = [];
  for (const e of edges) if (out.length === 0 || out[out.length - 1] !== e) out.push(e);
  return out;
}

/** Each segment cut at every edge strictly inside it: the intervals the readable scale sizes one by one. */
export function splitAtEdges(segments: readonly Span[], edges: readonly bigint[]): Span[][] {
  let at = 0;
  return segments.map((segment) => {
    const runs: Span[] = [];
    let start = segment.start;
    while (at < edges.length && edges[at]! <= segment.start) at++;
    while (at < edges.length && edges[at]! < segment.end) {
      runs.push({ start, end: edges[at]! });
      start = edges[at]!;
      at++;
    }
    runs.push({ start, end: segment.end });
    return runs;
  });
}
