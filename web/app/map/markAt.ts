// What an event's target is on the map: a range, an aggregate or a persisted-state
// pin, read from the datum d3 bound to it. Hover (tooltip.ts) and click share it.
import type { Aggregate } from '../../lib/layout/levels.ts';
import type { LaneItem } from '../../lib/layout/lanes.ts';
import type { PlacedPin } from './pinsLayer.ts';

export type MarkHit = { kind: 'range'; item: LaneItem } | { kind: 'aggregate'; aggregate: Aggregate } | { kind: 'pin'; pin: Pick<PlacedPin, 'key' | 'mark'> };

type Bound<T> = Element & { __data__?: T };

export function markAt(target: Element): MarkHit | null {
  const testId = target.getAttribute('data-testid');
  if (testId === 'range') return { kind: 'range', item: (target as Bound<LaneItem>).__data__! };
  if (testId === 'range-aggregate') return { kind: 'aggregate', aggregate: (target as Bound<Aggregate>).__data__! };
  const pin = (target.closest('g.marker') as Bound<PlacedPin> | null)?.__data__;
  return pin ? { kind: 'pin', pin } : null;
}
