// The persisted header page and protobuf region (and accepted memory) of two
// documents: where each lies, whatever told us (an image header or an entry).
import type { RegionsOfNote, Span } from '../../model/topology.ts';
import type { RegionChange, RegionName } from './types.ts';

const span = (s: Span | null): Span[] => (s ? [{ start: s.start, end: s.end }] : []);
const sameSpans = (x: readonly Span[], y: readonly Span[]) => x.length === y.length && x.every((s, i) => s.start === y[i]!.start && s.end === y[i]!.end);

/** `compareAccepted`: whether both inputs record accepted memory at all (a saved state does not). */
export function diffRegions(a: RegionsOfNote, b: RegionsOfNote, compareAccepted: boolean): RegionChange[] {
  const pairs: [RegionName, Span[], Span[]][] = [
    ['persistedHeader', span(a.persistedHeader), span(b.persistedHeader)],
    ['protobufRegion', span(a.protobufRegion), span(b.protobufRegion)],
  ];
  if (compareAccepted) pairs.push(['accepted', a.accepted.map((s) => ({ ...s })), b.accepted.map((s) => ({ ...s }))]);
  return pairs.filter(([, x, y]) => !sameSpans(x, y)).map(([region, x, y]) => ({ region, a: x, b: y }));
}
