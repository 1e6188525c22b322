// The lanes: one row per NUMA vnode and one for MMIO, each holding its ranges
// (with IGVM cues and in-range labels) and the aggregates that merge sub-pixel
// runs, plus the outline around the selected range.
import { select } from 'd3';
import type { EntryRef } from '../../lib/model/entries.ts';
import { enumLabel } from '../../lib/model/vtlTypes.ts';
import { mapMarks, type Aggregate, type View } from '../../lib/layout/aggregate.ts';
import { aggregateKept } from '../../lib/layout/dimming.ts';
import { aggregateKey } from '../../lib/layout/levels.ts';
import type { Lane, LaneItem } from '../../lib/layout/lanes.ts';
import { fitLabel, labelForms } from '../../lib/layout/rangeLabels.ts';
import { refKey, sameRef, type Entry } from '../../lib/model/entries.ts';
import { hex as hexAddress } from '../../lib/model/text.ts';
import { put, px } from './attrs.ts';
import { GUTTER, MIN_RANGE_PX } from './geometry.ts';
import type { LayerContext } from './layerContext.ts';
import { frameTransform, markFrame, refPx, viewPx } from './markFrame.ts';
import type { Svg } from './mapElements.ts';
import { igvmCue, labelInk, SANS, vtlColor } from './palette.ts';
import { measureIn } from './textWidth.ts';

/** Range labels: 11 px, measured; a label needs this much padding inside its range. */
const LABEL_FONT = `11px ${SANS}`;
const LABEL_PAD_PX = 6;
const measureLabel = measureIn(LABEL_FONT);
/** Label forms per entry, made once (an entry never changes). */
const formsOf = new WeakMap<Entry, string[]>();

/**
 * Marks (ranges + aggregates) the whole map draws per frame, split between lanes by
 * their visible counts: beyond it, narrow runs merge. Keeps a zoom frame's DOM work
 * bounded however many entries and lanes there are; pinned items come on top.
 */
export const MAP_BUDGET = 600;

/** What the lanes show beyond the layout: the user's choices. */
export interface LaneContent {
  selection: EntryRef | null;
  /** Items the filters keep (the table's rows); the rest are drawn dimmed. */
  keep: (item: LaneItem) => boolean;
  /** VTL type value → its label, for aggregates (legend.ts vtlLabels). */
  vtlLabels: Map<number, string>;
  /** Items drawn on their own whatever the zoom: the selected one and the persisted-state entries. */
  pinned: readonly LaneItem[];
  /** Changes whenever anything above, the document, the scale or the theme does: a lane whose marks and frame are unchanged is left as it is. */
  version: number;
}

/** Lane names in the gutter, lane backgrounds and one `g.lane` per lane (on layout). */
export function drawLaneFrames(svg: Svg, { plot, colors: c, rows: r, plotWidth, lanes }: LayerContext): void {
  const gutter = svg.select<SVGGElement>('.gutter');
  gutter
    .selectAll('text.lane-label')
    .data(lanes, (d) => (d as Lane).id)
    .join('text')
    .attr('class', 'lane-label')
    .attr('x', GUTTER - 10)
    .attr('y', (_, i) => r.laneY(i) + r.laneH / 2 + r.laneLabelPx / 3)
    .attr('text-anchor', 'end')
    .attr('font-size', r.laneLabelPx)
    .attr('font-weight', 600)
    .attr('fill', c.fg)
    // Many short lanes: "v12" in a small font, so every lane keeps its name.
    .text((d) => (r.laneLabelPx < 11 && d.vnode !== null ? `v${d.vnode}` : d.label));
  gutter
    .selectAll('text.axis-label')
    .data([0])
    .join('text')
    .attr('class', 'axis-label')
    .attr('x', GUTTER - 10)
    .attr('y', r.axisY - 6)
    .attr('text-anchor', 'end')
    .attr('font-size', 10)
    .attr('fill', c.muted)
    .text('GPA');
  plot
    .select('.lane-bgs')
    .selectAll('rect')
    .data(lanes, (d) => (d as Lane).id)
    .join('rect')
    .attr('x', 0)
    .attr('width', plotWidth)
    .attr('y', (_, i) => r.laneY(i))
    .attr('height', r.laneH)
    .attr('rx', 2)
    .attr('fill', c.laneBg);
  const laneGroups = plot
    .select('.lanes')
    .selectAll<SVGGElement, Lane>('g.lane')
    .data(lanes, (d) => d.id)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'lane');
      // The marks in the reference frame (markFrame.ts), under one transform; labels in view pixels.
      const marks = g.append('g').attr('class', 'marks');
      // Aggregates under the ranges: a pinned range inside a merged run stays on top.
      marks.append('g').attr('class', 'aggregates');
      marks.append('g').attr('class', 'ranges');
      marks.append('g').attr('class', 'cues');
      g.append('g').attr('class', 'labels').attr('pointer-events', 'none');
      return g;
    })
    .attr('data-lane', (d) => d.id)
    .attr('transform', (_, i) => `translate(0,${r.laneY(i)})`);
  laneGroups.order();
}

/** Each lane's ranges and aggregates in the view, and the selection outline (every frame). */
export function drawLanes({ uid, plot, colors: c, rows: r, plotWidth: w, lanes }: LayerContext, content: LaneContent, v: View): void {
  const { selection: sel, keep, vtlLabels: labels, pinned, version } = content;
  const key = (d: LaneItem) => refKey(d.entry.ref);
  const keepOpacity = (d: LaneItem) => (keep(d) ? '1' : '0.18');
  const isSelected = (item: LaneItem) => sameRef(item.entry.ref, sel);
  const clampPx = (px: number) => Math.max(-4, Math.min(w + 4, px));
  const frame = markFrame(v, w);
  const transform = frameTransform(frame);

  const lanesSel = plot.select('.lanes').selectAll<SVGGElement, Lane>('g.lane');
  let selectedBox: { x: number; w: number; lane: number } | null = null;
  // One budget for the whole map, so many lanes of few ranges each still merge.
  const allMarks = mapMarks(lanes, v, { pinned, total: MAP_BUDGET });
  const marksOf = new Map(lanes.map((lane, i) => [lane.id, allMarks[i]!]));
  const rangeY = r.rangeInset;
  const rangeH = r.laneH - 2 * r.rangeInset;
  lanesSel.each((lane, laneIndex, nodes) => {
    const g = select(nodes[laneIndex]!);
    const marks = marksOf.get(lane.id)!;
    const markGroup = g.select<SVGGElement>('.marks');
    put(markGroup.node()!, 'transform', transform);
    /** A mark's box in reference pixels; at least a pixel wide (an empty or inverted range: 2). */
    const refBox = (item: LaneItem) => {
      const a = refPx(frame, item.x0);
      const b = refPx(frame, item.x1);
      return { x: a, w: Math.max(b - a, item.entry.end > item.entry.start ? MIN_RANGE_PX : 2) };
    };
    /** The same box in view pixels (clamped just outside the plot). */
    const box = (item: LaneItem) => {
      const ref = refBox(item);
      const a = clampPx(viewPx(frame, ref.x));
      return { x: a, w: Math.max(clampPx(viewPx(frame, ref.x + ref.w)) - a, 1) };
    };
    for (const d of marks.ranges) if (isSelected(d)) selectedBox = { ...box(d), lane: laneIndex };
    // The same marks in the same frame, drawn the same way: only the transform moves them.
    const sig = `${version} ${frame.kRef} ${frame.origin} ${marks.sig}`;
    const node = nodes[laneIndex] as SVGGElement & { __marks?: string };
    const unchanged = node.__marks === sig;
    node.__marks = sig;
    if (!unchanged) drawMarks();
    // Labels sit in view pixels: redrawn every frame, in lanes tall enough to hold them.
    if (r.rangeLabels) labelRanges();
    function drawMarks(): void {
      markGroup
        .select('.ranges')
        .selectAll<SVGRectElement, LaneItem>('rect')
        .data(marks.ranges, key)
        .join((enter) =>
          enter
            .append('rect')
            .attr('data-testid', 'range')
            .attr('data-table', (d) => d.entry.ref.table)
            .attr('data-index', (d) => d.entry.ref.index)
            .attr('data-start', (d) => hexAddress(d.entry.start))
            .attr('data-end', (d) => hexAddress(d.entry.end))
            .attr('data-vtl-type', (d) => enumLabel(d.entry.vtlType))
            .attr('data-vnode', (d) => (d.entry.vnode === null ? '' : d.entry.vnode))
            .attr('data-igvm-type', (d) => (d.entry.igvmType === null ? '' : enumLabel(d.entry.igvmType)))
            .attr('y', rangeY)
            .attr('height', rangeH)
            // The frame's horizontal scale must not thicken or thin the outlines.
            .attr('vector-effect', 'non-scaling-stroke')
            .style('cursor', 'pointer'),
        )
        .each(function (d) {
          const b = refBox(d);
          const e = d.entry;
          const selected = isSelected(d);
          const kept = keep(d);
          put(this, 'x', px(b.x));
          put(this, 'width', px(b.w));
          put(this, 'fill', vtlColor(e.vtlType.value));
          put(this, 'stroke', e.end > e.start ? c.rangeStroke : c.fg);
          put(this, 'stroke-width', b.w >= 4 || e.end <= e.start ? '0.75' : '0');
          put(this, 'stroke-dasharray', e.end <= e.start || igvmCue(igvmOf(e))?.path === '' ? '2 2' : '');
          // Fill and stroke opacity, not `opacity`: element opacity makes the rasteriser paint each mark into a layer of its own.
          put(this, 'fill-opacity', kept ? '1' : '0.18');
          put(this, 'stroke-opacity', kept ? '1' : '0.18');
          put(this, 'data-dimmed', kept ? 'false' : 'true');
          put(this, 'data-selected', selected ? 'true' : 'false');
          put(this, 'aria-selected', selected ? 'true' : 'false');
        });
      // IGVM cue over ranges wide enough to show a pattern.
      markGroup
        .select('.cues')
        .selectAll<SVGRectElement, LaneItem>('rect')
        .data(
          marks.ranges.filter((d) => igvmCue(igvmOf(d.entry))?.path && refBox(d).w >= 4),
          key,
        )
        .join((enter) => enter.append('rect').attr('y', rangeY).attr('height', rangeH).attr('pointer-events', 'none'))
        .each(function (d) {
          const b = refBox(d);
          put(this, 'x', px(b.x));
          put(this, 'width', px(b.w));
          put(this, 'fill', `url(#${uid}-${igvmCue(igvmOf(d.entry))!.id})`);
          put(this, 'fill-opacity', keepOpacity(d));
        });
      markGroup
        .select('.aggregates')
        .selectAll<SVGRectElement, Aggregate>('rect')
        // Keyed by the items merged, so a mark that stays in view keeps its element.
        .data(marks.aggregates, aggregateKey)
        .join((enter) => enter.append('rect').attr('data-testid', 'range-aggregate').attr('y', r.aggregateInset).attr('height', r.laneH - 2 * r.aggregateInset).style('cursor', 'zoom-in'))
        .each(function (d) {
          const x0 = refPx(frame, d.x0);
          const kept = aggregateKept(d, keep);
          put(this, 'x', px(x0));
          put(this, 'width', px(Math.max(MIN_RANGE_PX, refPx(frame, d.x1) - x0)));
          put(this, 'fill', vtlColor(d.dominantVtlType));
          put(this, 'fill-opacity', kept ? '0.8' : '0.15');
          put(this, 'data-dimmed', kept ? 'false' : 'true');
          put(this, 'data-count', String(d.count));
          put(this, 'data-vtl-type', labels.get(d.dominantVtlType) ?? `unknown (${d.dominantVtlType})`);
        });
    }
    function labelRanges(): void {
      // In-range labels where a form of one fits (rangeLabels.ts): the visible part of the range, measured.
      const labelled: { item: LaneItem; x: number; text: string }[] = [];
      for (const d of marks.ranges) {
        const b = box(d);
        const left = Math.max(b.x, 0);
        const room = Math.min(b.x + b.w, w) - left - LABEL_PAD_PX;
        if (room < 12) continue;
        let forms = formsOf.get(d.entry);
        if (!forms) formsOf.set(d.entry, (forms = labelForms(d.entry)));
        const text = fitLabel(forms, room, measureLabel);
        if (text) labelled.push({ item: d, x: left + LABEL_PAD_PX / 2, text });
      }
      g.select('.labels')
        .selectAll<SVGTextElement, (typeof labelled)[number]>('text')
        .data(labelled, (d) => key(d.item))
        .join((enter) => enter.append('text').attr('data-testid', 'range-label').attr('y', r.laneH / 2 + 4).attr('font-size', 11))
        .attr('data-table', (d) => d.item.entry.ref.table)
        .attr('data-index', (d) => d.item.entry.ref.index)
        .attr('x', (d) => d.x)
        .attr('fill', (d) => labelInk(d.item.entry.vtlType.value))
        .attr('fill-opacity', (d) => keepOpacity(d.item))
        .text((d) => d.text);
    }
  });

  // Selection outline: visible even when the range is a sliver.
  plot
    .select('.selection-outline')
    .selectAll('rect')
    .data(selectedBox ? [selectedBox as { x: number; w: number; lane: number }] : [])
    .join('rect')
    .attr('x', (d) => d.x - 2)
    .attr('width', (d) => Math.max(d.w, 3) + 4)
    .attr('y', (d) => r.laneY(d.lane) - 1)
    .attr('height', r.laneH + 2)
    .attr('rx', 3)
    .attr('fill', 'none')
    .attr('stroke', c.selection)
    .attr('stroke-width', 2)
    .attr('pointer-events', 'none');
}

function igvmOf(entry: Entry): number | null {
  return entry.igvmType === null ? null : entry.igvmType.value;
}
