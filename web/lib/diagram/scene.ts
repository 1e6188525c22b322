// The diagram as plain data: every block, label, gap, callout and legend item
// with its place and its text, in SVG user units. layout.ts makes it; svg.ts
// and the app's DiagramView draw it through `sceneMarks`, in the same order,
// so the file and the view are one picture. Colours of the chrome are roles
// (`fg`, `lane`…) a renderer resolves for its theme; VTL fills are concrete.
import type { EntryRef, EntryTable } from '../model/entries.ts';
import type { DiagramPalette } from './colors.ts';

export type ChromeRole = keyof DiagramPalette;
/** A chrome role, a concrete colour (`#rrggbb`), or nothing. */
export type Paint = ChromeRole | `#${string}` | 'none';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SceneText {
  text: string;
  /** The anchor: x as `anchor` says, y the baseline. */
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  size: number;
  bold: boolean;
  fill: Paint;
  /** The room the text takes (fixed monospace metric): no two boxes meet. */
  box: Box;
}

export interface SceneRect extends Box {
  fill: Paint;
  stroke: Paint;
  strokeWidth: number;
  dashed: boolean;
}

/** A polyline (ticks, brackets, leaders, break marks). */
export interface ScenePath {
  points: [number, number][];
  stroke: Paint;
  strokeWidth: number;
  dashed: boolean;
}

export interface SceneBlock extends Box {
  /** One entry, or a run of entries merged to keep the diagram bounded. */
  kind: 'entry' | 'merged';
  table: EntryTable;
  /** The entries it stands for, in address order (one for an entry block). */
  refs: EntryRef[];
  /** The entry's start and end as read (an inverted range keeps its end); a merged run's hull. */
  start: bigint;
  end: bigint;
  /** The VTL type drawn (a merged run: the one covering most bytes). */
  vtlType: number;
  fill: string;
  /** Hover text: the exact values. */
  title: string;
  texts: SceneText[];
  /** Drawn over the block under its text: a merged run's bar of bytes per VTL type. */
  parts: SceneRect[];
}

export interface SceneColumn {
  key: string;
  label: string;
  section: number;
  /** The address labels' gutter starts at `x`; the blocks at `blockX`. */
  x: number;
  blockX: number;
  blockWidth: number;
  y: number;
  height: number;
  /** Side-by-side lanes, for ranges that overlap (a hostile or damaged input). */
  lanes: number;
}

export interface SceneSection {
  index: number;
  /** The GPA span it covers. */
  start: bigint;
  end: bigint;
  y: number;
  height: number;
}

/** The address at a block edge, in its column's gutter. */
export interface SceneBoundary {
  column: string;
  address: bigint;
  y: number;
  text: SceneText;
  tick: ScenePath;
}

/** A hole in the GPA space (no range of any column), drawn collapsed with its size. */
export interface SceneGap {
  start: bigint;
  end: bigint;
  rects: SceneRect[];
  breaks: ScenePath[];
  text: SceneText;
}

/** The persisted-state header page and protobuf region, called out beside the columns. */
export interface SceneCallout {
  region: 'header' | 'protobuf' | 'persisted';
  bracket: ScenePath;
  leader: ScenePath;
  frame: SceneRect;
  /** Rows of a detail figure (VTL2 mode), drawn inside the frame. */
  rows: SceneRect[];
  paths: ScenePath[];
  texts: SceneText[];
}

export interface SceneLegendItem {
  label: string;
  swatch: SceneRect;
  text: SceneText;
}

export type DiagramMode = 'all' | 'vtl2';

export interface DiagramScene {
  width: number;
  height: number;
  mode: DiagramMode;
  /** Title, subtitle and notes. */
  heading: SceneText[];
  legend: SceneLegendItem[];
  sections: SceneSection[];
  columns: SceneColumn[];
  /** Column lanes and header rows, under everything else. */
  frames: SceneRect[];
  columnLabels: SceneText[];
  blocks: SceneBlock[];
  boundaries: SceneBoundary[];
  gaps: SceneGap[];
  callouts: SceneCallout[];
  /** Entries in the mode, and how many blocks stand for them. */
  counts: { entries: number; blocks: number; merged: number };
}

export type Mark =
  | { kind: 'rect'; rect: SceneRect }
  | { kind: 'path'; path: ScenePath }
  | { kind: 'text'; text: SceneText }
  | { kind: 'block'; block: SceneBlock };

/** Everything to draw, back to front: what both renderers iterate. */
export function sceneMarks(scene: DiagramScene): Mark[] {
  const marks: Mark[] = [];
  const rect = (r: SceneRect) => marks.push({ kind: 'rect', rect: r });
  const path = (p: ScenePath) => marks.push({ kind: 'path', path: p });
  const text = (t: SceneText) => marks.push({ kind: 'text', text: t });
  scene.frames.forEach(rect);
  scene.columnLabels.forEach(text);
  for (const gap of scene.gaps) {
    gap.rects.forEach(rect);
    gap.breaks.forEach(path);
    text(gap.text);
  }
  for (const block of scene.blocks) marks.push({ kind: 'block', block });
  for (const b of scene.boundaries) {
    path(b.tick);
    text(b.text);
  }
  for (const c of scene.callouts) {
    path(c.bracket);
    path(c.leader);
    rect(c.frame);
    c.rows.forEach(rect);
    c.paths.forEach(path);
    c.texts.forEach(text);
  }
  for (const item of scene.legend) {
    rect(item.swatch);
    text(item.text);
  }
  scene.heading.forEach(text);
  return marks;
}
