// The layout of the VTL2 image an edit session started from. An edited state
// opens as a saved state (no header), so Save as would lose the image's base,
// region and size after the first edit; it finds them here by the session's
// first state, which the store keeps for as long as the session lasts (a
// WeakMap: a session's entry goes with it).
import type { ImageOptions } from '../../lib/format/encodeImage.ts';
import type { SavedState } from '../../lib/model/savedState.ts';

const layouts = new WeakMap<SavedState, Required<ImageOptions>>();

export function rememberImageLayout(start: SavedState, layout: Required<ImageOptions>): void {
  layouts.set(start, layout);
}

export function imageLayoutOfSession(start: SavedState): Required<ImageOptions> | null {
  return layouts.get(start) ?? null;
}
