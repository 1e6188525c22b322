// The address map's drawing, owned by d3 inside one host element: React only
// passes props (update / setWindow) and never re-renders while the user zooms.
// Zoom and pan are d3-zoom (wheel, drag, trackpad, keyboard), the brush strip
// is d3-brush, the minimap moves the window. Each frame draws only what is in
// the visible window, with sub-pixel runs merged (web/lib/layout/aggregate.ts).
import { brushX, hsl, select, zoom, zoomIdentity, type BrushBehavior, type D3BrushEvent, type D3ZoomEvent, type Selection, type ZoomBehavior, type ZoomTransform } from 'd3';
import type { EntryRef } from '../../lib/analysis/diagnostics.ts';
import { enumLabel } from '../../lib/analysis/vtlTypes.ts';
import type { TopologyDocument } from '../../lib/document/openDocument.ts';
import { mapMarks, type Aggregate, type View } from '../../lib/layout/aggregate.ts';
import { gpaToX, narrowestPageWidth, PAGE, roundToPage, xToGpa, type CompressedAxis } from '../../lib/layout/axis.ts';
import { itemFilter } from '../../lib/layout/filters.ts';
import { binarySize, hexAddress } from '../../lib/layout/format.ts';
import { buildLanes, topologyAxis, type Lane, type LaneItem } from '../../lib/layout/lanes.ts';
import { persistedMarkers, type PersistedMark, type PersistedMarkers } from '../../lib/layout/persisted.ts';
import { dropOverlapping, hexTicks, type Tick } from '../../lib/layout/ticks.ts';
import type { AddressWindow, Filters, Theme } from '../store/viewState.ts';
import { GUTTER, MIN_MARKER_PX, MIN_RANGE_PX, MINI_H, MONO_CHAR_PX, RIGHT, rows, VIRTUAL_WIDTH, type Rows } from './geometry.ts';
import { IGVM_PATTERNS, igvmCue, MONO, SANS, themeColors, vtlColor, type ThemeColors } from './palette.ts';
import { aggregateTooltip, itemTooltip, markerTooltip, type TooltipText } from './tooltipText.ts';

export interface MapProps {
  doc: TopologyDocument;
  filters: Filters;
  selection: EntryRef | null;
  theme: Theme;
}

export interface MapCallbacks {
  onWindowChange(w: AddressWindow | null): void;
  onSelect(ref: EntryRef | null): void;
}

type G = Selection<SVGGElement, unknown, null, undefined>;
type Svg = Selection<SVGSVGElement, unknown, null, undefined>;

/** A zoom gesture reports its window to the store once it has paused this long (or at its end). */
const EMIT_AFTER_MS = 200;
/**
 * Marks (ranges + aggregates) the whole map draws per frame, split between lanes by
 * their visible counts: beyond it, narrow runs merge. Keeps a zoom frame's DOM work
 * bounded however many entries and lanes there are; pinned items come on top.
 */
const MAP_BUDGET = 1200;
let instances = 0;

export class MapRenderer {
  private readonly uid = `m${++instances}`;
  private readonly svg: Svg;
  private readonly mini: Svg;
  private readonly tooltip: Selection<HTMLDivElement, unknown, null, undefined>;
  private readonly plot: G;
  private readonly zoomer: ZoomBehavior<SVGGElement, unknown>;
  private readonly brusher: BrushBehavior<unknown>;
  private readonly resize: ResizeObserver;

  private props: MapProps | null = null;
  private axis: CompressedAxis = topologyAxis(null);
  private lanes: Lane[] = [];
  private markers: PersistedMarkers = { header: null, protobuf: null };
  private keep: (item: LaneItem) => boolean = () => true;
  private vtlLabels = new Map<number, string>();
  private colors: ThemeColors = themeColors('light');
  private rows: Rows = rows(1, false);
  private plotWidth = 600;
  private transform: ZoomTransform = zoomIdentity;

  /** The window prop last applied or last reported: a prop equal to it is not re-applied. */
  private lastWindow: AddressWindow | null = null;
  private applyingExternal = false;
  private emitTimer: ReturnType<typeof setTimeout> | null = null;
  private frame = 0;
  private measured = 0;

  constructor(
    private readonly container: HTMLElement,
    private readonly host: HTMLElement,
    private readonly callbacks: MapCallbacks,
  ) {
    const hostSel = select(host);
    this.svg = hostSel.append('svg').attr('data-role', 'map').attr('role', 'img').attr('aria-label', 'Guest physical address map').style('display', 'block');
    this.mini = hostSel.append('svg').attr('data-role', 'minimap').attr('aria-label', 'Overview of the whole address space: click or drag to move the window').style('display', 'block').style('cursor', 'pointer');
    this.tooltip = hostSel.append('div').attr('data-testid', 'map-tooltip').attr('role', 'tooltip').style('position', 'absolute').style('pointer-events', 'none').style('display', 'none').style('z-index', '10');

    const defs = this.svg.append('defs');
    defs.append('clipPath').attr('id', `${this.uid}-clip`).append('rect');
    for (const p of IGVM_PATTERNS) {
      defs.append('pattern').attr('id', `${this.uid}-${p.id}`).attr('class', 'igvm-pattern').attr('width', 8).attr('height', 8).attr('patternUnits', 'userSpaceOnUse').append('path').attr('d', p.path).attr('stroke-width', 1.2);
    }
    defs.append('pattern').attr('id', `${this.uid}-gap`).attr('class', 'gap-pattern').attr('width', 6).attr('height', 6).attr('patternUnits', 'userSpaceOnUse').attr('patternTransform', 'rotate(45)').append('line').attr('x1', 0).attr('y1', 0).attr('x2', 0).attr('y2', 6).attr('stroke-width', 1);

    this.svg.append('rect').attr('class', 'background');
    this.svg.append('g').attr('class', 'gutter');
    this.plot = this.svg.append('g').attr('class', 'plot');
    this.plot.append('rect').attr('class', 'surface').attr('fill', 'transparent').style('cursor', 'grab');
    const clipped = this.plot.append('g').attr('class', 'clipped').attr('clip-path', `url(#${this.uid}-clip)`);
    for (const name of ['lane-bgs', 'grid', 'gaps', 'lanes', 'selection-outline']) clipped.append('g').attr('class', name);
    for (const name of ['axis', 'gap-labels', 'markers']) this.plot.append('g').attr('class', name);
    // Decoration lets the pointer through to the zoom surface.
    for (const name of ['.lane-bgs', '.grid', '.gaps', '.selection-outline', '.axis', '.gap-labels']) this.plot.select(name).attr('pointer-events', 'none');
    this.plot.append('g').attr('class', 'brush');

    this.zoomer = zoom<SVGGElement, unknown>()
      .filter((event: Event) => {
        if (event.type === 'wheel') return !isSideways(event as WheelEvent);
        const e = event as MouseEvent;
        return (!e.ctrlKey || e.type === 'wheel') && !e.button && !(e.target as Element).closest?.('.brush');
      })
      .on('zoom', (event: D3ZoomEvent<SVGGElement, unknown>) => this.onZoom(event))
      .on('end', () => {
        if (this.emitTimer !== null) this.flushEmit();
      });
    this.plot.call(this.zoomer).on('dblclick.zoom', null);
    // Sideways wheel (trackpad two-finger swipe, shift+wheel) pans instead of zooming.
    this.plot.on('wheel.pan', (event: WheelEvent) => {
      if (!isSideways(event)) return;
      event.preventDefault();
      const dx = Math.abs(event.deltaX) > Math.abs(event.deltaY) ? event.deltaX : event.deltaY;
      this.zoomer.translateBy(this.plot, -dx / this.transform.k, 0);
    });

    this.brusher = brushX<unknown>().on('end', (event: D3BrushEvent<unknown>) => this.onBrush(event));

    const lanes = this.plot.select<SVGGElement>('.lanes');
    lanes.on('pointermove', (event: PointerEvent) => this.hover(event)).on('pointerleave', () => this.tooltip.style('display', 'none'));
    lanes.on('click', (event: MouseEvent) => this.click(event));
    this.plot.select('.markers').on('pointermove', (event: PointerEvent) => this.hover(event)).on('pointerleave', () => this.tooltip.style('display', 'none'));
    this.plot.select<SVGRectElement>('.surface').on('click', () => this.callbacks.onSelect(null));

    this.mini.on('pointerdown', (event: PointerEvent) => {
      (event.currentTarget as Element).setPointerCapture(event.pointerId);
      this.moveToMini(event);
    });
    this.mini.on('pointermove', (event: PointerEvent) => {
      if ((event.currentTarget as Element).hasPointerCapture(event.pointerId)) this.moveToMini(event);
    });

    select(container).on('keydown.map', (event: KeyboardEvent) => this.key(event));
    this.resize = new ResizeObserver(() => this.layout());
    this.resize.observe(host);
  }

  destroy(): void {
    this.resize.disconnect();
    if (this.emitTimer !== null) clearTimeout(this.emitTimer);
    cancelAnimationFrame(this.frame);
    select(this.container).on('keydown.map', null);
    select(this.host).selectAll('*').remove();
  }

  /** New props from React (not called while zooming). */
  update(props: MapProps): void {
    const prev = this.props;
    this.props = props;
    if (!prev || prev.doc !== props.doc) {
      this.markers = persistedMarkers(props.doc);
      const extra = [this.markers.header, this.markers.protobuf].filter((m): m is PersistedMark => m !== null);
      this.axis = topologyAxis(props.doc.decoded, extra, { width: VIRTUAL_WIDTH });
      this.lanes = buildLanes(props.doc.decoded, this.axis);
      this.vtlLabels = vtlLabelsOf(props.doc.decoded);
      // Elements drawn for the last document carry its attributes: start afresh.
      this.plot.select('.lanes').selectAll('*').remove();
      this.rows = rows(this.lanes.length, this.markers.header !== null || this.markers.protobuf !== null);
      this.lastWindow = null;
      this.transform = zoomIdentity;
      this.plot.property('__zoom', zoomIdentity);
    }
    if (!prev || prev.filters !== props.filters) this.keep = itemFilter(props.filters);
    if (!prev || prev.theme !== props.theme) this.colors = themeColors(props.theme);
    this.layout();
  }

  /** The controlled window: applied to the zoom without being reported back. */
  setWindow(w: AddressWindow | null): void {
    if (sameWindow(w, this.lastWindow)) return;
    this.lastWindow = w;
    this.applyingExternal = true;
    try {
      this.zoomer.transform(this.plot, this.transformFor(w));
    } finally {
      this.applyingExternal = false;
    }
  }

  /** Zoom to a GPA window as if the user had (reported to the store). */
  zoomToWindow(w: AddressWindow | null): void {
    this.zoomer.transform(this.plot, this.transformFor(w));
    this.flushEmit();
  }

  // ------------------------------------------------------------------ layout

  private layout(): void {
    if (!this.props) return;
    const width = Math.max(320, Math.floor(this.host.clientWidth || 800));
    const window = this.currentWindow();
    this.plotWidth = width - GUTTER - RIGHT;
    const { height, brushTop } = this.rows;
    const c = this.colors;
    this.svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`).style('background', c.bg).style('font-family', SANS);
    this.svg.select('.background').attr('width', width).attr('height', height).attr('fill', c.bg);
    this.svg.select(`#${this.uid}-clip rect`).attr('x', 0).attr('y', 0).attr('width', this.plotWidth).attr('height', height);
    this.svg.selectAll('.igvm-pattern path').attr('stroke', c.patternInk).attr('fill', c.patternInk);
    this.svg.selectAll('.gap-pattern line').attr('stroke', c.gapStroke).attr('stroke-opacity', 0.35);
    this.plot.attr('transform', `translate(${GUTTER},0)`);
    this.plot.select('.surface').attr('width', this.plotWidth).attr('height', height);

    const pageWidthPx = (narrowestPageWidth(this.axis) * this.plotWidth) / VIRTUAL_WIDTH;
    this.zoomer
      .extent([[0, 0], [this.plotWidth, height]])
      .translateExtent([[0, 0], [this.plotWidth, height]])
      .scaleExtent([1, Math.max(1, this.plotWidth / pageWidthPx)]);

    this.brusher.extent([[0, brushTop], [this.plotWidth, brushTop + 12]]);
    const brush = this.plot.select<SVGGElement>('.brush').call(this.brusher);
    brush.select('.overlay').attr('fill', c.brushFill).attr('rx', 3).style('cursor', 'crosshair');
    brush.select('.selection').attr('fill', c.accent).attr('fill-opacity', 0.25).attr('stroke', c.accent);
    brush.selectAll('title').data([0]).join('title').text('Drag here to zoom to a range');
    brush
      .selectAll('text.hint')
      .data([0])
      .join('text')
      .attr('class', 'hint')
      .attr('x', this.plotWidth - 4)
      .attr('y', brushTop + 9)
      .attr('text-anchor', 'end')
      .attr('font-size', 9)
      .attr('fill', c.muted)
      .attr('pointer-events', 'none')
      .text('drag here to zoom to a range');

    this.drawGutter();
    this.drawMinimapBase();
    // Re-apply the window to the new size without reporting it.
    this.applyingExternal = true;
    try {
      this.zoomer.transform(this.plot, this.transformFor(window));
    } finally {
      this.applyingExternal = false;
    }
    this.render();
  }

  private drawGutter(): void {
    const c = this.colors;
    const r = this.rows;
    const gutter = this.svg.select<SVGGElement>('.gutter');
    gutter
      .selectAll('text.lane-label')
      .data(this.lanes, (d) => (d as Lane).id)
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
    this.plot
      .select('.lane-bgs')
      .selectAll('rect')
      .data(this.lanes, (d) => (d as Lane).id)
      .join('rect')
      .attr('x', 0)
      .attr('width', this.plotWidth)
      .attr('y', (_, i) => r.laneY(i))
      .attr('height', r.laneH)
      .attr('rx', 2)
      .attr('fill', c.laneBg);
    const lanes = this.plot
      .select('.lanes')
      .selectAll<SVGGElement, Lane>('g.lane')
      .data(this.lanes, (d) => d.id)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'lane');
        // Aggregates under the ranges: a pinned range inside a merged run stays on top.
        g.append('g').attr('class', 'aggregates');
        g.append('g').attr('class', 'ranges');
        g.append('g').attr('class', 'cues');
        g.append('g').attr('class', 'labels').attr('pointer-events', 'none');
        return g;
      })
      .attr('data-lane', (d) => d.id)
      .attr('transform', (_, i) => `translate(0,${r.laneY(i)})`);
    lanes.order();
  }

  // ------------------------------------------------------------------ zoom

  private onZoom(event: D3ZoomEvent<SVGGElement, unknown>): void {
    this.transform = event.transform;
    if (!this.applyingExternal) this.scheduleEmit();
    // Apply synchronously when not inside a user gesture (props, keys, tests); else once per frame.
    if (!event.sourceEvent) this.render();
    else if (!this.frame) this.frame = requestAnimationFrame(() => this.render());
  }

  private view(): View {
    const t = this.transform;
    const unit = this.plotWidth / VIRTUAL_WIDTH;
    const x0 = -t.x / t.k / unit;
    return { x0, x1: x0 + this.plotWidth / t.k / unit, pxPerUnit: unit * t.k };
  }

  private currentWindow(): AddressWindow | null {
    if (this.transform.k <= 1 + 1e-9 && Math.abs(this.transform.x) < 1e-6) return null;
    const v = this.view();
    let start = xToGpa(this.axis, v.x0);
    let end = xToGpa(this.axis, v.x1);
    if (end - start >= PAGE) {
      start = roundToPage(start);
      end = roundToPage(end);
      if (end - start < PAGE) end = start + PAGE;
    }
    return { start, end };
  }

  private transformFor(w: AddressWindow | null): ZoomTransform {
    if (!w || w.end <= w.start) return zoomIdentity;
    const unit = this.plotWidth / VIRTUAL_WIDTH;
    const x0 = gpaToX(this.axis, w.start) * unit;
    const x1 = gpaToX(this.axis, w.end) * unit;
    if (!(x1 > x0)) return zoomIdentity;
    const [kMin, kMax] = this.zoomer.scaleExtent();
    const k = Math.min(kMax, Math.max(kMin, this.plotWidth / (x1 - x0)));
    return zoomIdentity.translate(-((x0 + x1) / 2) * k + this.plotWidth / 2, 0).scale(k);
  }

  private scheduleEmit(): void {
    // Debounced: the store (and all that re-renders from it) hears of a gesture when it pauses.
    if (this.emitTimer !== null) clearTimeout(this.emitTimer);
    this.emitTimer = setTimeout(() => this.flushEmit(), EMIT_AFTER_MS);
  }

  private flushEmit(): void {
    if (this.emitTimer !== null) clearTimeout(this.emitTimer);
    this.emitTimer = null;
    const w = this.currentWindow();
    if (sameWindow(w, this.lastWindow)) return;
    this.lastWindow = w;
    this.callbacks.onWindowChange(w);
  }

  private key(event: KeyboardEvent): void {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const pan = (this.plotWidth * (event.shiftKey ? 0.5 : 0.15)) / this.transform.k;
    switch (event.key) {
      case '+':
      case '=':
        this.zoomer.scaleBy(this.plot, 2);
        break;
      case '-':
      case '_':
        this.zoomer.scaleBy(this.plot, 0.5);
        break;
      case 'ArrowLeft':
        this.zoomer.translateBy(this.plot, pan, 0);
        break;
      case 'ArrowRight':
        this.zoomer.translateBy(this.plot, -pan, 0);
        break;
      case '0':
        this.zoomer.transform(this.plot, zoomIdentity);
        break;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
    this.flushEmit();
  }

  private onBrush(event: D3BrushEvent<unknown>): void {
    if (!event.sourceEvent || !event.selection) return;
    const [a, b] = event.selection as [number, number];
    this.plot.select<SVGGElement>('.brush').call(this.brusher.move, null);
    if (b - a < 3) return;
    const v = this.view();
    const toGpa = (px: number) => xToGpa(this.axis, v.x0 + px / v.pxPerUnit);
    this.zoomToWindow({ start: toGpa(a), end: toGpa(b) });
  }

  private moveToMini(event: PointerEvent): void {
    const [px] = pointerIn(event, this.mini.node()!);
    // Minimap x is plot x at zoom 1: the base coordinate d3-zoom translates to.
    this.zoomer.translateTo(this.plot, px - GUTTER, this.rows.height / 2);
    this.flushEmit();
  }

  // ------------------------------------------------------------------ render

  private render(): void {
    this.frame = 0;
    if (!this.props) return;
    const t0 = performance.now();
    const v = this.view();
    const c = this.colors;
    const state = this.props.doc.decoded;
    const sel = this.props.selection;
    const key = (d: LaneItem) => `${d.ref.table}:${d.ref.index}`;
    const keep = this.keep;
    const keepOpacity = (d: LaneItem) => (keep(d) ? '1' : '0.18');
    const labels = this.vtlLabels;
    const isSelected = (item: LaneItem) => sel !== null && item.ref.table === sel.table && item.ref.index === sel.index;
    const pinned = (item: LaneItem) => isSelected(item) || item.vtlType === 11 || item.vtlType === 12;
    const sx = (x: number) => (x - v.x0) * v.pxPerUnit;
    const clampPx = (px: number) => Math.max(-4, Math.min(this.plotWidth + 4, px));
    const w = this.plotWidth;
    const r = this.rows;

    // Window on the container, for tests and share links.
    const win = this.currentWindow();
    this.container.setAttribute('data-window-start', hexAddress(win ? win.start : this.axis.start));
    this.container.setAttribute('data-window-end', hexAddress(win ? win.end : this.axis.end));

    // Ranges and aggregates, lane by lane.
    const lanesSel = this.plot.select('.lanes').selectAll<SVGGElement, Lane>('g.lane');
    let selectedBox: { x: number; w: number; lane: number } | null = null;
    // One budget for the whole map, so many lanes of few ranges each still merge.
    const allMarks = mapMarks(this.lanes, v, { pinned, total: MAP_BUDGET });
    const marksOf = new Map(this.lanes.map((lane, i) => [lane.id, allMarks[i]!]));
    const rangeY = r.rangeInset;
    const rangeH = r.laneH - 2 * r.rangeInset;
    lanesSel.each((lane, laneIndex, nodes) => {
      const g = select(nodes[laneIndex]!);
      const marks = marksOf.get(lane.id)!;
      const box = (item: LaneItem) => {
        const a = clampPx(sx(item.x0));
        const b = clampPx(sx(item.x1));
        return { x: a, w: Math.max(b - a, item.end > item.start ? MIN_RANGE_PX : 2) };
      };
      g.select('.ranges')
        .selectAll<SVGRectElement, LaneItem>('rect')
        .data(marks.ranges, key)
        .join((enter) =>
          enter
            .append('rect')
            .attr('data-testid', 'range')
            .attr('data-table', (d) => d.ref.table)
            .attr('data-index', (d) => d.ref.index)
            .attr('data-start', (d) => hexAddress(d.start))
            .attr('data-end', (d) => hexAddress(d.end))
            .attr('data-vtl-type', (d) => vtlLabel(d, state))
            .attr('data-vnode', (d) => (d.vnode === null ? '' : d.vnode))
            .attr('data-igvm-type', (d) => (d.igvmType === null ? null : d.igvmType))
            .attr('y', rangeY)
            .attr('height', rangeH)
            .style('cursor', 'pointer'),
        )
        .each(function (d) {
          const b = box(d);
          const selected = isSelected(d);
          if (selected) selectedBox = { x: b.x, w: b.w, lane: laneIndex };
          this.setAttribute('x', String(b.x));
          this.setAttribute('width', String(b.w));
          this.setAttribute('fill', vtlColor(d.vtlType));
          this.setAttribute('stroke', d.end > d.start ? c.rangeStroke : c.fg);
          this.setAttribute('stroke-width', b.w >= 4 || d.end <= d.start ? '0.75' : '0');
          this.setAttribute('stroke-dasharray', d.end <= d.start || igvmCue(d.igvmType)?.path === '' ? '2 2' : '');
          this.setAttribute('opacity', keepOpacity(d));
          this.setAttribute('data-selected', selected ? 'true' : 'false');
          this.setAttribute('aria-selected', selected ? 'true' : 'false');
        });
      // IGVM cue over ranges wide enough to show a pattern.
      g.select('.cues')
        .selectAll<SVGRectElement, LaneItem>('rect')
        .data(
          marks.ranges.filter((d) => igvmCue(d.igvmType)?.path && box(d).w >= 4),
          key,
        )
        .join((enter) => enter.append('rect').attr('y', rangeY).attr('height', rangeH).attr('pointer-events', 'none'))
        .attr('x', (d) => box(d).x)
        .attr('width', (d) => box(d).w)
        .attr('fill', (d) => `url(#${this.uid}-${igvmCue(d.igvmType)!.id})`)
        .attr('opacity', (d) => keepOpacity(d));
      g.select('.aggregates')
        .selectAll<SVGRectElement, Aggregate>('rect')
        .data(marks.aggregates)
        .join((enter) => enter.append('rect').attr('data-testid', 'range-aggregate').attr('y', r.aggregateInset).attr('height', r.laneH - 2 * r.aggregateInset).style('cursor', 'zoom-in'))
        .attr('x', (d) => clampPx(sx(d.x0)))
        .attr('width', (d) => Math.max(MIN_RANGE_PX, clampPx(sx(d.x1)) - clampPx(sx(d.x0))))
        .attr('fill', (d) => vtlColor(d.dominantVtlType))
        .attr('opacity', (d) => (d.items.some(this.keep) ? '0.8' : '0.15'))
        .attr('data-count', (d) => d.count)
        .attr('data-vtl-type', (d) => labels.get(d.dominantVtlType) ?? `unknown (${d.dominantVtlType})`);
      // In-range labels where they fit.
      const labelled = r.rangeLabels ? marks.ranges.filter((d) => box(d).w >= 70) : [];
      g.select('.labels')
        .selectAll<SVGTextElement, LaneItem>('text')
        .data(labelled, key)
        .join((enter) => enter.append('text').attr('y', r.laneH / 2 + 4).attr('font-size', 11))
        .each(function (d) {
          const b = box(d);
          const left = Math.max(b.x, 0);
          const right = Math.min(b.x + b.w, w);
          const room = right - left - 10;
          const name = vtlLabel(d, state);
          const full = `${name} · ${binarySize(d.end - d.start)}`;
          const text = full.length * 6.2 <= room ? full : name.length * 6.2 <= room ? name : '';
          select(this)
            .attr('x', left + 5)
            .attr('fill', hsl(vtlColor(d.vtlType)).l > 0.6 ? '#111827' : '#ffffff')
            .attr('opacity', keepOpacity(d))
            .text(text);
        });
    });

    // Selection outline: visible even when the range is a sliver.
    this.plot
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

    this.drawAxis(v, sx);
    this.drawGaps(v, sx);
    this.drawMarkers(sx);
    this.drawMinimapWindow(v);

    const dt = performance.now() - t0;
    performance.measure?.('address-map:render', { start: t0, duration: dt });
    if (++this.measured >= 500) {
      performance.clearMeasures?.('address-map:render');
      this.measured = 0;
    }
  }

  private drawAxis(v: View, sx: (x: number) => number): void {
    const c = this.colors;
    const r = this.rows;
    const ticks = hexTicks(this.axis, v, { charPx: MONO_CHAR_PX });
    this.plot
      .select('.grid')
      .selectAll<SVGLineElement, Tick>('line')
      .data(ticks, (d) => d.label)
      .join('line')
      .attr('x1', (d) => sx(d.x))
      .attr('x2', (d) => sx(d.x))
      .attr('y1', r.axisY)
      .attr('y2', r.lanesBottom)
      .attr('stroke', c.grid)
      .attr('stroke-width', 1);
    const axis = this.plot.select('.axis');
    axis
      .selectAll('line.baseline')
      .data([0])
      .join('line')
      .attr('class', 'baseline')
      .attr('x1', 0)
      .attr('x2', this.plotWidth)
      .attr('y1', r.axisY)
      .attr('y2', r.axisY)
      .attr('stroke', c.muted);
    axis
      .selectAll<SVGGElement, Tick>('g.tick')
      .data(ticks, (d) => d.label)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'tick');
        g.append('line').attr('y1', -4).attr('y2', 0);
        g.append('text').attr('y', -7).attr('text-anchor', 'middle').attr('font-size', 11).attr('font-family', MONO);
        return g;
      })
      .attr('transform', (d) => `translate(${sx(d.x)},${r.axisY})`)
      .call((g) => g.select('line').attr('stroke', c.muted))
      .call((g) =>
        g
          .select('text')
          .attr('fill', c.fg)
          // Labels at the edges slide inward instead of being cut off.
          .attr('x', (d) => {
            const half = (d.label.length * MONO_CHAR_PX) / 2;
            const x = sx(d.x);
            return Math.max(half, Math.min(this.plotWidth - half, x)) - x;
          })
          .text((d) => d.label),
      );
  }

  private drawGaps(v: View, sx: (x: number) => number): void {
    const c = this.colors;
    const r = this.rows;
    const gaps = this.axis.pieces.filter((p) => p.kind === 'gap' && p.x1 >= v.x0 && p.x0 <= v.x1);
    const bands = this.plot
      .select('.gaps')
      .selectAll<SVGGElement, (typeof gaps)[number]>('g.gap')
      .data(gaps, (d) => d.start.toString())
      .join((enter) => {
        const g = enter.append('g').attr('class', 'gap').attr('data-testid', 'gap');
        g.append('rect').attr('class', 'band');
        g.append('path').attr('class', 'edge-left');
        g.append('path').attr('class', 'edge-right');
        return g;
      })
      .attr('data-start', (d) => hexAddress(d.start))
      .attr('data-end', (d) => hexAddress(d.end));
    const top = r.axisY - 4;
    const bottom = r.lanesBottom + 2;
    // A zigzag break line at each edge of the collapsed hole.
    const zigzag = (x: number) => {
      let d = `M${x},${top}`;
      for (let y = top, i = 0; y < bottom; y += 6, i++) d += ` L${x + (i % 2 === 0 ? 2.5 : -2.5)},${Math.min(bottom, y + 6)}`;
      return d;
    };
    bands
      .select('.band')
      .attr('x', (d) => sx(d.x0))
      .attr('width', (d) => Math.max(1, sx(d.x1) - sx(d.x0)))
      .attr('y', top)
      .attr('height', bottom - top)
      .attr('fill', `url(#${this.uid}-gap)`);
    bands.select('.edge-left').attr('d', (d) => zigzag(sx(d.x0))).attr('fill', 'none').attr('stroke', c.gapStroke).attr('stroke-width', 1);
    bands.select('.edge-right').attr('d', (d) => zigzag(sx(d.x1))).attr('fill', 'none').attr('stroke', c.gapStroke).attr('stroke-width', 1);
    // The hole's size under the lanes, where it fits.
    const labels = dropOverlapping(
      gaps.map((g) => ({ gpa: g.start, x: (Math.max(g.x0, v.x0) + Math.min(g.x1, v.x1)) / 2, label: `⋯ ${binarySize(g.end - g.start)} ⋯` })),
      v,
      5.8,
      8,
    );
    this.plot
      .select('.gap-labels')
      .selectAll<SVGTextElement, Tick>('text')
      .data(labels, (d) => d.gpa.toString())
      .join('text')
      .attr('x', (d) => sx(d.x))
      .attr('y', r.gapLabelY)
      .attr('text-anchor', 'middle')
      .attr('font-size', 10)
      .attr('fill', c.muted)
      .text((d) => d.label);
  }

  private drawMarkers(sx: (x: number) => number): void {
    const c = this.colors;
    const r = this.rows;
    const w = this.plotWidth;
    type Placed = { key: 'header' | 'protobuf'; mark: PersistedMark; x: number; width: number; off: -1 | 0 | 1 };
    const place = (key: 'header' | 'protobuf', mark: PersistedMark | null): Placed[] => {
      if (!mark) return [];
      const a = sx(gpaToX(this.axis, mark.start));
      const b = sx(gpaToX(this.axis, mark.end));
      const off = b < 0 ? -1 : a > w ? 1 : 0;
      if (off !== 0) return [{ key, mark, x: off < 0 ? 0 : w - MIN_MARKER_PX, width: MIN_MARKER_PX, off }];
      // Only the visible part, at least a few pixels wide. The header page sits left
      // of its end (it touches the protobuf region), the region right of its start.
      const left = Math.max(a, 0);
      const right = Math.min(b, w);
      const width = Math.max(MIN_MARKER_PX, right - left);
      const x = Math.max(0, Math.min(w - width, key === 'header' && right - left < MIN_MARKER_PX ? right - width : left));
      return [{ key, mark, x, width, off }];
    };
    const placed = [...place('header', this.markers.header), ...place('protobuf', this.markers.protobuf)];
    const groups = this.plot
      .select('.markers')
      .selectAll<SVGGElement, Placed>('g.marker')
      .data(placed, (d) => d.key)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'marker');
        g.append('path').attr('class', 'leader');
        g.append('rect').attr('class', 'pin');
        g.append('rect').attr('class', 'guide').attr('pointer-events', 'none');
        g.append('text').attr('class', 'label').attr('font-size', 11);
        return g;
      })
      .attr('data-testid', (d) => (d.key === 'header' ? 'persisted-header-marker' : 'protobuf-region-marker'))
      .attr('data-start', (d) => hexAddress(d.mark.start))
      .attr('data-end', (d) => hexAddress(d.mark.end))
      .attr('data-offscreen', (d) => (d.off === 0 ? 'false' : 'true'))
      .style('cursor', 'help');
    const colorOf = (d: Placed) => vtlColor(d.key === 'header' ? 11 : 12);
    const pinTop = 32;
    groups
      .select('.pin')
      .attr('x', (d) => d.x)
      .attr('width', (d) => d.width)
      .attr('y', pinTop)
      .attr('height', r.axisY - pinTop)
      .attr('fill', colorOf)
      .attr('fill-opacity', (d) => (d.off ? 0.4 : 1))
      .attr('stroke', c.fg)
      .attr('stroke-width', 0.75);
    // An outline through the lanes shows where the pin falls without hiding the ranges under it.
    groups
      .select('.guide')
      .attr('x', (d) => d.x - 0.5)
      .attr('width', (d) => d.width + 1)
      .attr('y', r.lanesTop - 2)
      .attr('height', r.lanesBottom - r.lanesTop + 4)
      .attr('fill', 'none')
      .attr('stroke', c.fg)
      .attr('stroke-opacity', (d) => (d.off ? 0 : 0.7))
      .attr('stroke-dasharray', '3 2')
      .attr('stroke-width', 1);
    // Labels: the header's on the first line, to the left; the region's on the second, to the right.
    const lineY = (d: Placed) => (d.key === 'header' ? 12 : 28);
    const texts = (d: Placed) => ({ label: `${d.off < 0 ? '◀ ' : ''}${d.mark.label}`, fields: `${d.mark.callout}${d.off > 0 ? ' ▶' : ''}` });
    const anchorOf = (d: Placed) => {
      const t = texts(d);
      const len = (t.label.length + t.fields.length + 2) * MONO_CHAR_PX;
      const centre = d.x + d.width / 2;
      // Left of the pin for the header, right for the region, flipped where there is no room.
      const wantsLeft = d.key === 'header';
      const left = wantsLeft ? centre - 8 >= len : centre + 8 + len > w;
      return { left, x: left ? centre - 8 : centre + 8, len };
    };
    groups
      .select('.leader')
      .attr('d', (d) => {
        const a = anchorOf(d);
        const centre = d.x + d.width / 2;
        const y = lineY(d) - 4;
        return `M${centre},${pinTop} V${y} H${a.left ? a.x + 4 : a.x - 4}`;
      })
      .attr('fill', 'none')
      .attr('stroke', c.muted)
      .attr('stroke-width', 1);
    groups
      .select('.label')
      .attr('x', (d) => anchorOf(d).x)
      .attr('y', lineY)
      .attr('text-anchor', (d) => (anchorOf(d).left ? 'end' : 'start'))
      .attr('fill', c.fg)
      .attr('font-weight', 600)
      .text((d) => {
        const t = texts(d);
        return t.fields ? `${t.label} · ${t.fields}` : t.label;
      });
  }

  // ------------------------------------------------------------------ minimap

  private miniLaneY(i: number): number {
    const n = Math.max(1, this.lanes.length);
    const h = (MINI_H - 8) / n;
    return 4 + i * h;
  }

  private drawMinimapBase(): void {
    const c = this.colors;
    const width = this.plotWidth + GUTTER + RIGHT;
    this.mini.attr('width', width).attr('height', MINI_H).style('background', c.bg);
    const n = Math.max(1, this.lanes.length);
    const laneH = Math.max(2, (MINI_H - 8) / n - 1);
    const whole: View = { x0: 0, x1: VIRTUAL_WIDTH, pxPerUnit: this.plotWidth / VIRTUAL_WIDTH };
    this.mini
      .selectAll('text.mini-label')
      .data([0])
      .join('text')
      .attr('class', 'mini-label')
      .attr('x', GUTTER - 10)
      .attr('y', MINI_H / 2 + 4)
      .attr('text-anchor', 'end')
      .attr('font-size', 10)
      .attr('fill', c.muted)
      .text('overview');
    const body = this.mini
      .selectAll<SVGGElement, number>('g.mini-body')
      .data([0])
      .join((enter) => {
        const g = enter.append('g').attr('class', 'mini-body');
        g.append('rect').attr('class', 'mini-bg');
        g.append('g').attr('class', 'mini-gaps');
        g.append('g').attr('class', 'mini-marks');
        g.append('rect').attr('class', 'mini-window');
        return g;
      })
      .attr('transform', `translate(${GUTTER},0)`);
    body.select('.mini-bg').attr('width', this.plotWidth).attr('height', MINI_H).attr('rx', 3).attr('fill', c.laneBg);
    body
      .select('.mini-gaps')
      .selectAll('rect')
      .data(this.axis.pieces.filter((p) => p.kind === 'gap'))
      .join('rect')
      .attr('x', (d) => d.x0 * whole.pxPerUnit)
      .attr('width', (d) => Math.max(1, (d.x1 - d.x0) * whole.pxPerUnit))
      .attr('y', 0)
      .attr('height', MINI_H)
      .attr('fill', `url(#${this.uid}-gap)`);
    type MiniMark = { x0: number; x1: number; type: number; lane: number };
    const marks: MiniMark[] = mapMarks(this.lanes, whole, { total: MAP_BUDGET }).flatMap((m, i) => {
      return [...m.ranges.map((d) => ({ x0: d.x0, x1: d.x1, type: d.vtlType, lane: i })), ...m.aggregates.map((a) => ({ x0: a.x0, x1: a.x1, type: a.dominantVtlType, lane: i }))];
    });
    body
      .select('.mini-marks')
      .selectAll('rect')
      .data(marks)
      .join('rect')
      .attr('x', (d) => d.x0 * whole.pxPerUnit)
      .attr('width', (d) => Math.max(1, (d.x1 - d.x0) * whole.pxPerUnit))
      .attr('y', (d) => this.miniLaneY(d.lane))
      .attr('height', laneH)
      .attr('fill', (d) => vtlColor(d.type));
  }

  private drawMinimapWindow(v: View): void {
    const c = this.colors;
    const unit = this.plotWidth / VIRTUAL_WIDTH;
    const x = Math.max(0, v.x0 * unit);
    const width = Math.max(4, Math.min(this.plotWidth, v.x1 * unit) - x);
    this.mini
      .select('.mini-window')
      .attr('data-testid', 'minimap-window')
      .attr('x', Math.min(x, this.plotWidth - width))
      .attr('width', width)
      .attr('y', 1)
      .attr('height', MINI_H - 2)
      .attr('rx', 2)
      .attr('fill', c.accent)
      .attr('fill-opacity', 0.12)
      .attr('stroke', c.accent)
      .attr('stroke-width', 1.5);
  }

  // ------------------------------------------------------------------ hover and click

  private hover(event: PointerEvent): void {
    const state = this.props?.doc.decoded;
    const target = event.target as Element;
    const datum = (target as unknown as { __data__?: unknown }).__data__;
    let text: TooltipText | null = null;
    if (state && target.getAttribute('data-testid') === 'range') text = itemTooltip(datum as LaneItem, state);
    else if (state && target.getAttribute('data-testid') === 'range-aggregate') text = aggregateTooltip(datum as Aggregate, state);
    else {
      const marker = target.closest('g.marker');
      const placed = marker ? (marker as unknown as { __data__?: { key: string; mark: PersistedMark } }).__data__ : undefined;
      if (placed) text = markerTooltip(placed.key === 'header' ? 'Persisted-state header page' : 'Protobuf region', placed.mark);
    }
    if (!text) {
      this.tooltip.style('display', 'none');
      return;
    }
    const c = this.colors;
    const tip = this.tooltip
      .style('display', 'block')
      .style('background', c.tooltipBg)
      .style('color', c.fg)
      .style('border', `1px solid ${c.grid}`)
      .style('border-radius', '6px')
      .style('padding', '6px 8px')
      .style('font', `11px/1.45 ${MONO}`)
      .style('box-shadow', '0 4px 14px rgba(0,0,0,0.18)')
      .style('white-space', 'nowrap');
    tip
      .selectAll('div')
      .data([text.title, ...text.lines])
      .join('div')
      .style('font-weight', (_, i) => (i === 0 ? '600' : '400'))
      .style('font-family', (_, i) => (i === 0 ? SANS : MONO))
      .text((d) => d);
    const hostBox = this.host.getBoundingClientRect();
    const tipBox = (tip.node() as HTMLDivElement).getBoundingClientRect();
    let left = event.clientX - hostBox.left + 14;
    if (left + tipBox.width > hostBox.width) left = event.clientX - hostBox.left - tipBox.width - 14;
    const top = event.clientY - hostBox.top + 16;
    tip.style('left', `${Math.max(0, left)}px`).style('top', `${top}px`);
  }

  private click(event: MouseEvent): void {
    const target = event.target as Element;
    const datum = (target as unknown as { __data__?: unknown }).__data__;
    if (target.getAttribute('data-testid') === 'range') {
      event.stopPropagation();
      this.callbacks.onSelect((datum as LaneItem).ref);
    } else if (target.getAttribute('data-testid') === 'range-aggregate') {
      event.stopPropagation();
      const a = datum as Aggregate;
      this.zoomToWindow({ start: a.start, end: a.end > a.start ? a.end : a.start + PAGE });
    }
  }
}

function vtlLabel(item: LaneItem, state: TopologyDocument['decoded']): string {
  const e = item.ref.table === 'memory' ? state?.partition_memory[item.ref.index] : state?.partition_mmio[item.ref.index];
  return e ? enumLabel(e.vtl_type) : `unknown (${item.vtlType})`;
}

/** VTL type value -> the label the document gives it (name, or "unknown (N)"). */
function vtlLabelsOf(state: TopologyDocument['decoded']): Map<number, string> {
  const out = new Map<number, string>();
  for (const e of state?.partition_memory ?? []) out.set(e.vtl_type.value, enumLabel(e.vtl_type));
  for (const e of state?.partition_mmio ?? []) out.set(e.vtl_type.value, enumLabel(e.vtl_type));
  return out;
}


function isSideways(e: WheelEvent): boolean {
  return e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY);
}

function sameWindow(a: AddressWindow | null, b: AddressWindow | null): boolean {
  return a === b || (a !== null && b !== null && a.start === b.start && a.end === b.end);
}

function pointerIn(event: PointerEvent, el: Element): [number, number] {
  const box = el.getBoundingClientRect();
  return [event.clientX - box.left, event.clientY - box.top];
}
