// What every map layer needs to draw one frame, passed explicitly so a layer
// never reaches into the renderer. Rebuilt by the renderer for each frame.
import type { CompressedAxis } from '../../lib/layout/axis.ts';
import type { Lane } from '../../lib/layout/lanes.ts';
import type { Rows } from './geometry.ts';
import type { G } from './mapElements.ts';
import type { ThemeColors } from './palette.ts';

export interface LayerContext {
  /** Prefix of this map's pattern and clip ids (`${uid}-gap`, `${uid}-clip`, …). */
  uid: string;
  plot: G;
  colors: ThemeColors;
  rows: Rows;
  plotWidth: number;
  axis: CompressedAxis;
  lanes: Lane[];
}

/** Virtual axis x → plot pixel x in the current view. */
export type ToPx = (x: number) => number;
