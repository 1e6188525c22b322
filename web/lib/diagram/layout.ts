// A memory-layout diagram of a topology, datasheet style, as a plain-data
// scene (scene.ts): high addresses at top; one column per vnode and one for
// MMIO; one block per range, its height growing with the log of its size but
// never below what its text needs; the address at every block edge; holes
// collapsed to a fixed height with their size; the persisted-state region
// called out on the right; a title and a legend. Columns whose spans
// interleave share a section and a scale (axis.ts); what is drawn is bounded
// whatever the input (blocks.ts). Pure: the same document gives the same
// scene in Node and in the browser.
import { entrySize, refLabel, type Entry } from '../model/entries.ts';
import { binarySize, groupedDecimal, groupedHex, sizeWithExact } from '../model/text.ts';
import type { Span, TopologyDocument } from '../model/topology.ts';
import { enumLabel, isVtl2 } from '../model/vtlTypes.ts';
import { BAND, clusterByKeys, sectionAxis, type AxisSpan, type SectionAxis } from './axis.ts';
import { assignLanes, BLOCK_LIMITS, planBlocks, spanKeys, type BlockLimits, type PlannedBlock, type PlannedColumn } from './blocks.ts';
import { persistedCallouts, type CalloutContent } from './callouts.ts';
import { vtlColor } from './colors.ts';
import { breakLine, FONT, LINE, path, rect, shiftPath, shiftRect, shiftText, textAt, textCentredOn } from './draw.ts';
import { displayText, textWidth } from './metrics.ts';
import type { DiagramMode, DiagramScene, Paint, SceneBlock, SceneBoundary, SceneCallout, SceneColumn, SceneGap, SceneLegendItem, SceneRect, SceneSection, SceneText } from './scene.ts';

export interface DiagramOptions {
  /** The input's name, for the title. */
  name: string;
  /** `vtl2`: only VTL2 ranges (VTL2 types), and the persisted-state region in detail. */
  mode?: DiagramMode;
  limits?: BlockLimits;
}

const MARGIN = 24;
const MIN_WIDTH = 560;
/** A section's column titles; a second line lists each vnode's CPUs when the input says (a device tree). */
const HEADER_H = 30;
const CPU_LINE_H = 14;
const SECTION_SPACING = 18;
const COLUMN_GAP = 24;
const LANE_GAP = 4;
const MIN_LANE_W = 150;
const PAD_X = 10;
const PAD_Y = 6;
/** A merged block's bar of the bytes of each VTL type, under its text. */
const MIX_BAR_H = 6;
/** From a section's right edge to the callouts. */
const STRIP_GAP = 44;
const CALLOUT_SPACING = 12;
const MAX_SIDE_BY_SIDE = 4;
const KIND_LABEL: Record<TopologyDocument['format']['kind'], string> = { 'vtl2-image': 'VTL2 image', 'saved-state': 'saved-state payload', 'device-tree': 'device tree' };

interface ColumnPlan {
  planned: PlannedColumn;
  /** `CPUs 0–3, 8`: the vnode's CPUs by VP index, or null. */
  cpus: string | null;
  lanes: number[];
  laneCount: number;
  /** Each block's lines, as drawn. */
  lines: BlockLine[][];
  laneWidth: number;
  blockWidth: number;
  gutter: number;
}

interface BlockLine {
  text: string;
  bold: boolean;
}

interface SectionPlan {
  columns: ColumnPlan[];
  callouts: CalloutContent[];
  axis: SectionAxis;
  start: bigint;
  end: bigint;
}

export function layoutDiagram(doc: TopologyDocument, { name, mode = 'all', limits = BLOCK_LIMITS }: DiagramOptions): DiagramScene {
  const entries = mode === 'vtl2' ? doc.entries.filter((e) => isVtl2(e.vtlType.value)) : doc.entries;
  const regions = [doc.regions.persistedHeader, doc.regions.protobufRegion];
  const pinned = new Set(regions.flatMap((r) => (r?.entry ? [`${r.entry.table}:${r.entry.index}`] : [])));
  const plan = planBlocks(entries, (e) => pinned.has(`${e.ref.table}:${e.ref.index}`), limits);
  const columns = plan.columns.map((c) => planColumn(c, cpuLabel(doc, c.vnode)));
  const headerH = HEADER_H + (columns.some((c) => c.cpus !== null) ? CPU_LINE_H : 0);
  const callouts = persistedCallouts(doc, mode);
  const sections = planSections(columns, callouts);

  // Across: columns side by side in each section, the callouts in one strip on the right.
  // A section of callouts only (a region no range covers) still needs room for its gaps.
  const sectionRight = sections.map((s) => (s.columns.length === 0 ? MARGIN + MIN_LANE_W : s.columns.reduce((x, c) => x + c.gutter + c.blockWidth + COLUMN_GAP, MARGIN) - COLUMN_GAP));
  const columnsRight = Math.max(MARGIN, ...sectionRight);
  const stripX = columnsRight + STRIP_GAP;
  const contentRight = callouts.length > 0 ? stripX + Math.max(...callouts.map((c) => c.width)) : columnsRight;

  const heading = headingTexts(doc, name, mode, entries, plan.columns, entries.length === 0);
  const width = Math.max(MIN_WIDTH, contentRight + MARGIN, ...heading.map((t) => t.box.width + 2 * MARGIN));
  const legendTop = heading[heading.length - 1]!.box.y + heading[heading.length - 1]!.box.height + 12;
  const legend = legendItems(columns, sections, legendTop, width - 2 * MARGIN);
  let y = (legend.length > 0 ? Math.max(...legend.map((l) => l.swatch.y + l.swatch.height)) : legendTop) + 20;

  const scene: DiagramScene = { width, height: 0, mode, heading, legend, sections: [], columns: [], frames: [], columnLabels: [], blocks: [], boundaries: [], gaps: [], callouts: [], counts: { entries: entries.length, blocks: 0, merged: 0 } };
  // Down: the highest section first.
  const regionYs: { span: Span; top: number; bottom: number; right: number }[] = [];
  for (let i = sections.length - 1; i >= 0; i--) {
    const section = sections[i]!;
    const below = sections[i - 1];
    const placed = placeSection(scene, section, sections.length - 1 - i, y, sectionRight[i]!, headerH);
    for (const span of section.callouts.flatMap((c) => c.spans)) {
      const [lo, hi] = section.axis.bandRange(axisSpan(span));
      regionYs.push({ span, top: placed.bandTop[hi]!, bottom: placed.bandTop[lo]! + section.axis.bands[lo]!.height, right: sectionRight[i]! });
    }
    y = placed.bottom + SECTION_SPACING;
    if (below && below.end < section.start) {
      scene.gaps.push(holeBetweenSections(below.end, section.start, y - 8, columnsRight));
      y += BAND.gap;
    }
  }
  const calloutsBottom = placeCallouts(scene, callouts, regionYs, stripX);
  scene.height = Math.max(y - SECTION_SPACING, calloutsBottom) + MARGIN;
  scene.counts.blocks = scene.blocks.length;
  scene.counts.merged = scene.blocks.filter((b) => b.kind === 'merged').length;
  return scene;
}

function axisSpan(span: Span): AxisSpan {
  return { start: span.start, drawEnd: span.end > span.start ? span.end : span.start };
}

/** The CPUs of a vnode as index ranges, when the input maps CPUs to vnodes (only a device tree does). */
function cpuLabel(doc: TopologyDocument, vnode: number | null): string | null {
  if (vnode === null || !doc.cpus.cpus) return null;
  const indices = doc.cpus.cpus.filter((c) => c.vnode === vnode).map((c) => c.index).sort((a, b) => a - b);
  if (indices.length === 0) return 'no CPUs';
  const runs: string[] = [];
  for (let i = 0; i < indices.length; ) {
    let j = i;
    while (j + 1 < indices.length && indices[j + 1] === indices[j]! + 1) j++;
    runs.push(j === i ? `${indices[i]}` : `${indices[i]}–${indices[j]}`);
    i = j + 1;
  }
  return displayText(`${indices.length === 1 ? 'CPU' : 'CPUs'} ${runs.join(', ')}`, 40);
}

function planColumn(planned: PlannedColumn, cpus: string | null): ColumnPlan {
  const { lanes, count } = assignLanes(planned.blocks);
  const lines = planned.blocks.map((b) => blockLines(b, planned.sharedByVnodes));
  const textW = Math.max(...lines.flat().map((l) => textWidth(l.text, FONT.body)));
  const laneWidth = Math.max(MIN_LANE_W, textW + 2 * PAD_X);
  const blockWidth = blockAreaWidth(planned.label, cpus, count, laneWidth);
  const addresses = planned.blocks.flatMap((b) => [b.start, b.drawEnd]);
  const gutter = Math.max(...addresses.map((a) => textWidth(groupedHex(a), FONT.body))) + 12;
  return { planned, cpus, lanes, laneCount: count, lines, laneWidth, blockWidth, gutter };
}

function blockAreaWidth(label: string, cpus: string | null, lanes: number, laneWidth: number): number {
  return Math.max(lanes * laneWidth + (lanes - 1) * LANE_GAP, textWidth(label, FONT.label) + 2 * PAD_X, cpus === null ? 0 : textWidth(cpus, FONT.body) + 2 * PAD_X);
}

/** Type in bold, then size (and IGVM type when not MEMORY), then which entry. */
function blockLines(block: PlannedBlock, sharedByVnodes: boolean): BlockLine[] {
  const first = block.entries[0]!;
  if (block.kind === 'merged') {
    const types = new Set(block.entries.map((e) => e.vtlType.value));
    const dominant = block.entries.find((e) => e.vtlType.value === block.vtlType)!;
    return [
      { text: `${groupedDecimal(block.entries.length)} ranges`, bold: true },
      { text: types.size === 1 ? `all ${enumLabel(dominant.vtlType)}` : `mostly ${enumLabel(dominant.vtlType)} · ${types.size} types`, bold: false },
      { text: `span ${binarySize(block.drawEnd - block.start)}`, bold: false },
    ];
  }
  const size = first.end < first.start ? `inverted: ends ${groupedHex(first.end)}` : binarySize(entrySize(first));
  const vnode = sharedByVnodes && first.vnode !== null ? ` · vnode ${first.vnode}` : '';
  return [
    { text: enumLabel(first.vtlType), bold: true },
    { text: size, bold: false },
    // A line of its own: with the size it would make the columns too wide.
    ...(first.igvmType && first.igvmType.value !== 0 ? [{ text: `IGVM ${enumLabel(first.igvmType)}`, bold: false }] : []),
    { text: `${refLabel(first.ref)}${vnode}`, bold: false },
  ];
}

function blockTitle(block: PlannedBlock): string {
  const first = block.entries[0]!;
  if (block.kind === 'merged') {
    const last = block.entries[block.entries.length - 1]!;
    return `${groupedDecimal(block.entries.length)} ranges merged (${refLabel(first.ref)} … ${refLabel(last.ref)}): ${groupedHex(block.start)} – ${groupedHex(block.drawEnd)}`;
  }
  const vnode = first.vnode === null ? '' : ` · vnode ${first.vnode}`;
  const igvm = first.igvmType ? ` · IGVM ${enumLabel(first.igvmType)}` : '';
  return `${refLabel(first.ref)} ${enumLabel(first.vtlType)}: ${groupedHex(first.start)} – ${groupedHex(first.end)} (${sizeWithExact(entrySize(first))})${vnode}${igvm}`;
}

/**
 * Columns (and callouts) whose spans interleave share a section, side by side
 * on one scale; sections in address order. Past MAX_SIDE_BY_SIDE columns (many
 * vnodes, each with RAM low and VTL2 memory high, all interleave) a section
 * is cut again by each column's unbroken runs of ranges, so the figure stays
 * narrow: the runs that still interleave share a section, the others stack.
 */
function planSections(columns: ColumnPlan[], callouts: CalloutContent[]): SectionPlan[] {
  return clusterColumns(columns, callouts)
    .flatMap((group) => (group.columns.length <= MAX_SIDE_BY_SIDE ? [group] : rejoinRuns(clusterColumns(group.columns.flatMap(runsOf), group.callouts))))
    .map(({ columns: cols, callouts: calls }) => {
      const axis = sectionAxis(
        cols.flatMap((c) => c.planned.blocks),
        calls.flatMap((c) => c.spans.map(axisSpan)),
      );
      growForText(axis, cols);
      const bands = axis.bands;
      return { columns: cols, callouts: calls, axis, start: bands[0]!.start, end: bands[bands.length - 1]!.end };
    });
}

function clusterColumns(columns: ColumnPlan[], callouts: CalloutContent[]): { columns: ColumnPlan[]; callouts: CalloutContent[] }[] {
  type Member = { column: ColumnPlan } | { callout: CalloutContent };
  const hull = (keys: { lo: bigint; hi: bigint }[]) => ({ lo: keys.reduce((m, k) => (k.lo < m ? k.lo : m), keys[0]!.lo), hi: keys.reduce((m, k) => (k.hi > m ? k.hi : m), keys[0]!.hi) });
  const items: { lo: bigint; hi: bigint; value: Member }[] = [
    ...columns.map((column) => ({ ...hull(column.planned.blocks.map((b) => spanKeys(b.start, b.drawEnd))), value: { column } })),
    // A callout and everything its bracket spans share one section (they are one picture).
    ...callouts.map((callout) => ({ ...hull(callout.spans.map(axisSpan).map((s) => spanKeys(s.start, s.drawEnd))), value: { callout } })),
  ];
  return clusterByKeys(items).map((members) => ({
    columns: members.flatMap((m) => ('column' in m ? [m.column] : [])),
    callouts: members.flatMap((m) => ('callout' in m ? [m.callout] : [])),
  }));
}

/** Where a run came from, to join it back to the next run of its column. */
const runSource = new WeakMap<ColumnPlan, { column: ColumnPlan; from: number; to: number }>();

/** Neighbouring sections that are runs of one column alone are one section again (the hole between them a gap in it). */
function rejoinRuns(groups: { columns: ColumnPlan[]; callouts: CalloutContent[] }[]): { columns: ColumnPlan[]; callouts: CalloutContent[] }[] {
  const out: typeof groups = [];
  for (const group of groups) {
    const last = out[out.length - 1];
    const a = last?.columns.length === 1 ? runSource.get(last.columns[0]!) : undefined;
    const b = group.columns.length === 1 ? runSource.get(group.columns[0]!) : undefined;
    if (last && a && b && a.column === b.column && a.to === b.from) {
      const joined = sliceColumn(a.column, a.from, b.to);
      runSource.set(joined, { column: a.column, from: a.from, to: b.to });
      out[out.length - 1] = { columns: [joined], callouts: [...last.callouts, ...group.callouts] };
    } else out.push(group);
  }
  return out;
}

/** A column cut where it has a hole: each run of touching or overlapping blocks on its own. */
function runsOf(column: ColumnPlan): ColumnPlan[] {
  const blocks = column.planned.blocks;
  const runs: ColumnPlan[] = [];
  let from = 0;
  let hi = -1n;
  blocks.forEach((b, i) => {
    const k = spanKeys(b.start, b.drawEnd);
    // In key space a range that starts where the last ended is 2 past its end (a point between them fits at +1).
    if (i > 0 && k.lo > hi + 2n) {
      runs.push(run(from, i));
      from = i;
    }
    if (i === from || k.hi > hi) hi = k.hi;
  });
  runs.push(run(from, blocks.length));
  return runs;
  function run(a: number, b: number): ColumnPlan {
    const slice = sliceColumn(column, a, b);
    runSource.set(slice, { column, from: a, to: b });
    return slice;
  }
}

function sliceColumn(column: ColumnPlan, from: number, to: number): ColumnPlan {
  const blocks = column.planned.blocks.slice(from, to);
  const { lanes, count } = assignLanes(blocks);
  return { ...column, planned: { ...column.planned, blocks }, lines: column.lines.slice(from, to), lanes, laneCount: count, blockWidth: blockAreaWidth(column.planned.label, column.cpus, count, column.laneWidth) };
}

/** Every block gets at least the height its lines need: the deficit goes to its tallest band. */
function growForText(axis: SectionAxis, columns: ColumnPlan[]): void {
  for (const column of columns) {
    column.planned.blocks.forEach((block, i) => {
      const need = column.lines[i]!.length * LINE + 2 * PAD_Y + (hasMixBar(block) ? MIX_BAR_H + 4 : 0);
      const [lo, hi] = axis.bandRange(block);
      let have = 0;
      let tallest = lo;
      for (let b = lo; b <= hi; b++) {
        have += axis.bands[b]!.height;
        if (axis.bands[b]!.height > axis.bands[tallest]!.height) tallest = b;
      }
      if (have < need) axis.bands[tallest]!.height += need - have;
    });
  }
}

function placeSection(scene: DiagramScene, section: SectionPlan, index: number, top: number, right: number, headerH: number): { bottom: number; bandTop: number[] } {
  const { bands } = section.axis;
  const bandsTop = top + headerH;
  // Band tops, the highest band first.
  const bandTop = new Array<number>(bands.length);
  let y = bandsTop;
  for (let i = bands.length - 1; i >= 0; i--) {
    bandTop[i] = y;
    y += bands[i]!.height;
  }
  const bottom = y;
  scene.sections.push({ index, start: section.start, end: section.end, y: top, height: bottom - top } satisfies SceneSection);

  let x = MARGIN;
  const placedColumns: SceneColumn[] = [];
  for (const column of section.columns) {
    const blockX = x + column.gutter;
    const sceneColumn: SceneColumn = { key: column.planned.key, label: column.planned.label, section: index, x, blockX, blockWidth: column.blockWidth, y: top, height: bottom - top, lanes: column.laneCount };
    placedColumns.push(sceneColumn);
    scene.columns.push(sceneColumn);
    scene.frames.push(rect(blockX, bandsTop, column.blockWidth, bottom - bandsTop, 'lane'));
    scene.columnLabels.push(textCentredOn(column.planned.label, blockX + Math.floor(column.blockWidth / 2), top + 15, { size: FONT.label, bold: true, anchor: 'middle' }));
    if (column.cpus !== null) scene.columnLabels.push(textCentredOn(column.cpus, blockX + Math.floor(column.blockWidth / 2), top + 15 + CPU_LINE_H, { anchor: 'middle', fill: 'muted' }));
    placeBlocks(scene, section.axis, column, blockX, bandTop);
    x = blockX + column.blockWidth + COLUMN_GAP;
  }

  // A gap cuts across the whole section: nothing of any column lies there.
  const left = MARGIN;
  bands.forEach((band, i) => {
    if (band.kind !== 'gap') return;
    const y0 = bandTop[i]!;
    scene.gaps.push({
      start: band.start,
      end: band.end,
      rects: [rect(left, y0, right - left, band.height, 'gap')],
      breaks: [breakLine(left, right, y0 + 10, 'line'), breakLine(left, right, y0 + band.height - 10, 'line')],
      text: textCentredOn(`gap · ${binarySize(band.end - band.start)}`, Math.floor((left + right) / 2), y0 + Math.floor(band.height / 2), { anchor: 'middle', fill: 'muted' }),
    } satisfies SceneGap);
  });
  return { bottom, bandTop };
}

function placeBlocks(scene: DiagramScene, axis: SectionAxis, column: ColumnPlan, blockX: number, bandTop: number[]): void {
  const edges = new Map<number, bigint>();
  column.planned.blocks.forEach((block, i) => {
    const [lo, hi] = axis.bandRange(block);
    const y = bandTop[hi]!;
    const height = bandTop[lo]! + axis.bands[lo]!.height - y;
    const x = blockX + column.lanes[i]! * (column.laneWidth + LANE_GAP);
    const lines = column.lines[i]!;
    const centre = x + Math.floor(column.laneWidth / 2);
    const bar = hasMixBar(block) ? MIX_BAR_H + 4 : 0;
    const firstMid = y + Math.floor((height - bar - lines.length * LINE) / 2) + LINE / 2;
    const first = block.entries[0]!;
    const sceneBlock: SceneBlock = {
      kind: block.kind,
      table: block.table,
      refs: block.entries.map((e) => e.ref),
      start: block.kind === 'entry' ? first.start : block.start,
      end: block.kind === 'entry' ? first.end : block.drawEnd,
      vtlType: block.vtlType,
      fill: vtlColor(block.vtlType),
      title: blockTitle(block),
      x,
      y,
      width: column.laneWidth,
      height,
      texts: lines.map((line, k) => textCentredOn(line.text, centre, firstMid + k * LINE, { bold: line.bold, anchor: 'middle', fill: 'ink' })),
      parts: hasMixBar(block) ? mixBar(block, x + PAD_X, y + height - PAD_Y - MIX_BAR_H, column.laneWidth - 2 * PAD_X) : [],
    };
    scene.blocks.push(sceneBlock);
    edges.set(y, block.drawEnd);
    edges.set(y + height, block.start);
  });
  for (const [y, address] of [...edges].sort((a, b) => a[0] - b[0])) {
    scene.boundaries.push({
      column: column.planned.key,
      address,
      y,
      text: textCentredOn(groupedHex(address), blockX - 7, y, { anchor: 'end', fill: 'muted' }),
      tick: path([[blockX - 5, y], [blockX, y]], 'line'),
    } satisfies SceneBoundary);
  }
}

/** A merged run of more than one VTL type shows their shares in a bar. */
function hasMixBar(block: PlannedBlock): boolean {
  return block.kind === 'merged' && block.entries.some((e) => e.vtlType.value !== block.entries[0]!.vtlType.value);
}

/** The bytes of each VTL type in a merged run, as a bar split in proportion (types in value order). */
function mixBar(block: PlannedBlock, x: number, y: number, width: number): SceneRect[] {
  const bytes = new Map<number, bigint>();
  for (const e of block.entries) bytes.set(e.vtlType.value, (bytes.get(e.vtlType.value) ?? 0n) + entrySize(e));
  const total = [...bytes.values()].reduce((a, b) => a + b, 0n);
  const parts: SceneRect[] = [];
  let done = 0n;
  for (const [type, n] of [...bytes].sort((a, b) => a[0] - b[0])) {
    if (total === 0n || n === 0n) continue;
    const x0 = x + Number((done * BigInt(width)) / total);
    done += n;
    const x1 = x + Number((done * BigInt(width)) / total);
    if (x1 > x0) parts.push(rect(x0, y, x1 - x0, MIX_BAR_H, vtlColor(type)));
  }
  parts.push(rect(x, y, width, MIX_BAR_H, 'none', 'ink', { strokeWidth: 0.5 }));
  return parts;
}

/** A hole between two sections: across the whole width of the columns. */
function holeBetweenSections(lowEnd: bigint, highStart: bigint, y: number, right: number): SceneGap {
  const height = BAND.gap - 8;
  return {
    start: lowEnd,
    end: highStart,
    rects: [rect(MARGIN, y, right - MARGIN, height, 'gap')],
    breaks: [breakLine(MARGIN, right, y + 4, 'line'), breakLine(MARGIN, right, y + height - 4, 'line')],
    text: textCentredOn(`gap · ${binarySize(highStart - lowEnd)}`, Math.floor((MARGIN + right) / 2), y + Math.floor(height / 2), { anchor: 'middle', fill: 'muted' }),
  };
}

/** Callouts top to bottom in the order of what they point at, none over another. */
function placeCallouts(scene: DiagramScene, callouts: CalloutContent[], regionYs: { span: Span; top: number; bottom: number; right: number }[], stripX: number): number {
  // Every callout belongs to a section (planSections), so there is a first one.
  const top = scene.sections[0]?.y ?? 0;
  const anchored = callouts.map((c) => {
    const ys = regionYs.filter((r) => c.spans.includes(r.span));
    const y0 = Math.min(...ys.map((r) => r.top));
    const y1 = Math.max(...ys.map((r) => r.bottom));
    return { c, y0, y1, right: Math.max(...ys.map((r) => r.right)) };
  });
  anchored.sort((a, b) => a.y0 - b.y0);
  let next = top;
  let bottom = top;
  for (const { c, y0, y1, right } of anchored) {
    const mid = Math.floor((y0 + y1) / 2);
    const y = Math.max(next, mid - Math.floor(c.height / 2));
    const bx = right + 10;
    const boxMid = y + Math.min(c.height - 8, Math.max(8, mid - y));
    scene.callouts.push({
      region: c.region,
      bracket: path([[bx - 4, y0 + 1], [bx, y0 + 1], [bx, y1 - 1], [bx - 4, y1 - 1]], 'fg', { strokeWidth: 1.5 }),
      leader: path([[bx, mid], [bx + 10, mid], [stripX - 10, boxMid], [stripX, boxMid]], 'fg'),
      frame: shiftRect(c.frame, stripX, y),
      rows: c.rows.map((r) => shiftRect(r, stripX, y)),
      paths: c.paths.map((p) => shiftPath(p, stripX, y)),
      texts: c.texts.map((t) => shiftText(t, stripX, y)),
    } satisfies SceneCallout);
    next = y + c.height + CALLOUT_SPACING;
    bottom = y + c.height;
  }
  return bottom;
}

function headingTexts(doc: TopologyDocument, name: string, mode: DiagramMode, entries: readonly Entry[], columns: PlannedColumn[], empty: boolean): SceneText[] {
  const kind = KIND_LABEL[doc.format.kind];
  const memory = entries.filter((e) => e.ref.table === 'memory').length;
  const vnodes = new Set(entries.flatMap((e) => (e.vnode === null ? [] : [e.vnode]))).size;
  const vnodeCount = `${groupedDecimal(vnodes)} ${vnodes === 1 ? 'vnode' : 'vnodes'}`;
  const blocks = columns.reduce((n, c) => n + c.blocks.length, 0);
  const lines: { text: string; size: number; bold: boolean; fill: Paint }[] = [
    { text: `${displayText(name, 80)} — ${mode === 'vtl2' ? 'VTL2 memory map' : 'memory map'}`, size: FONT.title, bold: true, fill: 'fg' },
    { text: `${kind} · ${mode === 'vtl2' ? `VTL2 ranges only: ${groupedDecimal(entries.length)} of ${groupedDecimal(doc.entries.length)}` : groupedDecimal(entries.length)} ranges (${groupedDecimal(memory)} memory, ${groupedDecimal(entries.length - memory)} MMIO) · ${vnodeCount}`, size: FONT.body, bold: false, fill: 'muted' },
    { text: 'High addresses at top; each boundary shows its address (ends exclusive). Heights are not to scale; gaps are collapsed.', size: FONT.body, bold: false, fill: 'muted' },
  ];
  if (empty) {
    const why = doc.error ? `The input did not decode: ${displayText(doc.error.message, 120)}` : doc.decoded ? (mode === 'vtl2' ? 'No VTL2 range in this topology.' : 'No range in this topology.') : 'No SavedState in this input.';
    lines.push({ text: why, size: FONT.body, bold: false, fill: 'fg' });
  }
  if (blocks < entries.length) lines.push({ text: `${groupedDecimal(entries.length)} ranges drawn as ${groupedDecimal(blocks)} blocks: runs of neighbouring ranges merged (dashed).`, size: FONT.body, bold: false, fill: 'fg' });
  let y = MARGIN;
  return lines.map((l, i) => {
    y += i === 0 ? 14 : i === 1 ? 22 : 16;
    return textAt(l.text, MARGIN, y, { size: l.size, bold: l.bold, fill: l.fill });
  });
}

function legendItems(columns: ColumnPlan[], sections: SectionPlan[], top: number, width: number): SceneLegendItem[] {
  const types = new Map<number, string>();
  let merged = false;
  for (const c of columns) {
    for (const b of c.planned.blocks) {
      if (b.kind === 'merged') merged = true;
      // A merged run's bar shows every type in it.
      for (const e of b.entries) if (!types.has(e.vtlType.value)) types.set(e.vtlType.value, enumLabel(e.vtlType));
    }
  }
  const gaps = sections.some((s) => s.axis.bands.some((b) => b.kind === 'gap')) || sections.some((s, i) => i > 0 && sections[i - 1]!.end < s.start);
  const items: { label: string; swatch: (x: number, y: number) => SceneRect }[] = [...types]
    .sort((a, b) => a[0] - b[0])
    .map(([value, label]) => ({ label, swatch: (x, y) => rect(x, y, 12, 12, vtlColor(value), 'ink') }));
  if (merged) items.push({ label: 'merged ranges', swatch: (x, y) => rect(x, y, 12, 12, 'none', 'ink', { dashed: true }) });
  if (gaps) items.push({ label: 'gap (collapsed)', swatch: (x, y) => rect(x, y, 12, 12, 'gap', 'line') });
  const out: SceneLegendItem[] = [];
  let x = MARGIN;
  let y = top;
  for (const item of items) {
    const w = 18 + textWidth(item.label, FONT.body) + 18;
    if (x > MARGIN && x + w > MARGIN + width) {
      x = MARGIN;
      y += 20;
    }
    out.push({ label: item.label, swatch: item.swatch(x, y), text: textCentredOn(item.label, x + 18, y + 6) });
    x += w;
  }
  return out;
}
