// Which of the map's items are drawn at full strength: exactly the entries the
// view's filters keep, which are the table's rows (model/filter.ts). The rest
// are drawn dimmed, so the map and the table never answer a filter differently.
import { entryFilter } from '../model/filter.ts';
import type { Filters } from '../model/view.ts';
import type { LaneItem } from './lanes.ts';

export function undimmed(filters: Filters): (item: LaneItem) => boolean {
  const keep = entryFilter(filters);
  return (item) => keep(item.entry);
}
