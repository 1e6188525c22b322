// Which of the map's items are drawn at full strength: exactly the entries the
// view's filters keep, which are the table's rows (model/filter.ts). The rest
// are drawn dimmed, so the map and the table never answer a filter differently.
import { entryFilter } from '../model/filter.ts';
import type { Filters } from '../model/view.ts';
import type { Aggregate } from './aggregate.ts';
import type { LaneItem } from './lanes.ts';

export function undimmed(filters: Filters): (item: LaneItem) => boolean {
  const keep = entryFilter(filters);
  return (item) => keep(item.entry);
}

/** Whether the filters keep any item of a merged run (remembered per aggregate and filter: levels are cached). */
const keptByAggregate = new WeakMap<Aggregate, { keep: (item: LaneItem) => boolean; kept: boolean }>();

export function aggregateKept(a: Aggregate, keep: (item: LaneItem) => boolean): boolean {
  const known = keptByAggregate.get(a);
  if (known?.keep === keep) return known.kept;
  let kept = false;
  for (let i = a.i0; i < a.i1 && !kept; i++) kept = keep(a.from[i]!);
  keptByAggregate.set(a, { keep, kept });
  return kept;
}
