// Which map items pass the view's filters (the same shape as the app's Filters;
// web/lib cannot import app code). MMIO entries have no vnode nor IGVM type: the
// vnode and IGVM filters leave them alone. The address filter keeps the ranges
// that contain the typed address; text that is not an address filters nothing.
import type { LaneItem } from './lanes.ts';
import { parseAddress } from './format.ts';

export interface ItemFilters {
  vtlTypes: number[] | null;
  vnodes: number[] | null;
  igvmTypes: number[] | null;
  address: string;
}

export function itemFilter(filters: ItemFilters | null): (item: LaneItem) => boolean {
  if (!filters) return () => true;
  const vtl = filters.vtlTypes ? new Set(filters.vtlTypes) : null;
  const vnodes = filters.vnodes ? new Set(filters.vnodes) : null;
  const igvm = filters.igvmTypes ? new Set(filters.igvmTypes) : null;
  const address = parseAddress(filters.address);
  return (item) =>
    (!vtl || vtl.has(item.vtlType)) &&
    (!vnodes || item.vnode === null || vnodes.has(item.vnode)) &&
    (!igvm || item.igvmType === null || igvm.has(item.igvmType)) &&
    (address === null || (item.start <= address && address < item.end));
}
