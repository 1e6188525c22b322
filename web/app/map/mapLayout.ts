// The geometry a document is drawn with in one scale: the persisted-state pins,
// the compressed axis, the lanes, the items pinned to them, and the rows. Built
// when the document or the scale changes, never while zooming.
import { buildLanes, laneItemFor, topologyAxis, type Lane, type LaneItem } from '../../lib/layout/lanes.ts';
import type { CompressedAxis } from '../../lib/layout/axis.ts';
import { persistedMarkers, type PersistedMark, type PersistedMarkers } from '../../lib/layout/persisted.ts';
import type { TopologyDocument } from '../../lib/model/topology.ts';
import type { MapScale } from '../../lib/model/view.ts';
import { VTL } from '../../lib/model/vtlTypes.ts';
import { rows, VIRTUAL_WIDTH, type Rows } from './geometry.ts';

export interface MapLayout {
  markers: PersistedMarkers;
  axis: CompressedAxis;
  lanes: Lane[];
  /** The persisted-state entries' items: drawn on their own at any zoom. */
  persistedItems: LaneItem[];
  rows: Rows;
}

export function mapLayout(doc: TopologyDocument, scale: MapScale): MapLayout {
  const markers = persistedMarkers(doc);
  const pins = [markers.header, markers.protobuf].filter((m): m is PersistedMark => m !== null);
  // The pins and the accepted memory are placed on the axis too, wherever they lie.
  const axis = topologyAxis(doc.entries, [...pins, ...doc.regions.accepted], { width: VIRTUAL_WIDTH, scale });
  const lanes = buildLanes(doc.entries, axis);
  const persistedItems = doc.entries
    .filter((e) => e.ref.table === 'memory' && (e.vtlType.value === VTL.VTL2_PERSISTED_STATE_HEADER || e.vtlType.value === VTL.VTL2_PERSISTED_STATE_PROTOBUF))
    .flatMap((e) => laneItemFor(lanes, axis, e)?.item ?? []);
  return { markers, axis, lanes, persistedItems, rows: rows(lanes.length, pins.length > 0, doc.regions.accepted.length > 0) };
}
