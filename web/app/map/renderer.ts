// The address map's drawing, owned by d3 inside one host element: React only
// passes props (update / setWindow) and never re-renders while the user zooms.
// This class is the coordinator: it owns the state (the layout of the document
// in its scale — mapLayout —, props, zoom transform) and calls the modules, each
// with one job: zoomBehaviour (zoom, pan, keys, brush), windowSync (the window
// reported to the store and the one given by it), lanesLayer (marks in a
// reference frame, markFrame.ts), axisLayer, pinsLayer, minimap, tooltip;
// viewWindow converts between transform, view and GPA window. Each frame draws only what is in the visible window, with sub-pixel
// runs merged and cached per zoom level (web/lib/layout/aggregate.ts, levels.ts).
import { select, zoomIdentity, type BrushBehavior, type D3BrushEvent, type D3ZoomEvent, type ZoomTransform } from 'd3';
import { entryByRef, type EntryRef } from '../../lib/model/entries.ts';
import type { TopologyDocument } from '../../lib/model/topology.ts';
import type { View } from '../../lib/layout/aggregate.ts';
import { PAGE, type CompressedAxis } from '../../lib/layout/axis.ts';
import { undimmed } from '../../lib/layout/dimming.ts';
import { u64Window } from '../../lib/layout/span.ts';
import { laneItemFor, topologyAxis, type Lane, type LaneItem } from '../../lib/layout/lanes.ts';
import { hex as hexAddress } from '../../lib/model/text.ts';
import type { PersistedMarkers } from '../../lib/layout/persisted.ts';
import type { AddressWindow, Filters, MapScale, Theme } from '../../lib/model/view.ts';
import { drawAccepted } from './acceptedLayer.ts';
import { drawAxis, drawGaps } from './axisLayer.ts';
import { GUTTER, RIGHT, rows, type Rows } from './geometry.ts';
import { drawLaneFrames, drawLanes } from './lanesLayer.ts';
import { vtlLabels } from './legend.ts';
import type { LayerContext } from './layerContext.ts';
import { buildMapElements, sizeMapElements, type MapElements } from './mapElements.ts';
import { mapLayout } from './mapLayout.ts';
import { markAt } from './markAt.ts';
import { drawMinimapBase, drawMinimapWindow, minimapPlotX } from './minimap.ts';
import { themeColors, type ThemeColors } from './palette.ts';
import { drawPins } from './pinsLayer.ts';
import { hideTooltip, showTooltip } from './tooltip.ts';
import { deepestZoom, revealMove, transformFor, viewOf, viewScale, visibleMiddle, windowOf } from './viewWindow.ts';
import { WindowSync, type WindowCause } from './windowSync.ts';
import { attachZoom, brushedWindow, createBrush, drawBrush, keyZoom, sizeZoom, type Zoomer } from './zoomBehaviour.ts';

export interface MapProps {
  doc: TopologyDocument;
  filters: Filters;
  selection: EntryRef | null;
  theme: Theme;
  scale: MapScale;
}

export interface MapCallbacks {
  /** The window shown now, when the store does not hold it (why: WindowCause, windowSync.ts). */
  onWindowChange(w: AddressWindow | null, cause: WindowCause): void;
  onSelect(ref: EntryRef | null): void;
}

let instances = 0;

export class MapRenderer {
  private readonly uid = `m${++instances}`;
  private readonly el: MapElements;
  private readonly zoomer: Zoomer;
  private readonly brusher: BrushBehavior<unknown>;
  private readonly resize: ResizeObserver;
  private readonly sync: WindowSync;

  private props: MapProps | null = null;
  private axis: CompressedAxis = topologyAxis([]);
  private lanes: Lane[] = [];
  private markers: PersistedMarkers = { header: null, protobuf: null };
  /** The persisted-state entries' items and the selected one: drawn on their own at any zoom. */
  private persistedItems: LaneItem[] = [];
  private selectedItem: LaneItem | null = null;
  private keep: (item: LaneItem) => boolean = () => true;
  private vtlLabels = new Map<number, string>();
  private colors: ThemeColors = themeColors('light');
  private rows: Rows = rows(1, false);
  private plotWidth = 600;
  private transform: ZoomTransform = zoomIdentity;

  private frame = 0;
  /** Bumped by every change of props or size: marks drawn under another version are redrawn. */
  private version = 0;
  private measured = 0;

  constructor(
    private readonly container: HTMLElement,
    private readonly host: HTMLElement,
    private readonly callbacks: MapCallbacks,
  ) {
    this.el = buildMapElements(host, this.uid);
    const { plot, mini, tooltip } = this.el;
    this.sync = new WindowSync({
      shown: () => this.currentWindow(),
      show: (w) => this.zoomer.transform(this.el.plot, this.transformFor(w)),
      report: (w, cause) => this.callbacks.onWindowChange(w, cause),
    });

    this.zoomer = attachZoom(plot, {
      onZoom: (event) => this.onZoom(event),
      onEnd: () => this.sync.end(),
      scale: () => this.transform.k,
      deepest: (t) => deepestZoom(t, this.plotWidth, this.axis),
    });
    this.brusher = createBrush((event) => this.onBrush(event));

    const lanes = plot.select<SVGGElement>('.lanes');
    lanes.on('pointermove', (event: PointerEvent) => this.hover(event)).on('pointerleave', () => hideTooltip(tooltip));
    lanes.on('click', (event: MouseEvent) => this.click(event));
    plot.select('.markers').on('pointermove', (event: PointerEvent) => this.hover(event)).on('pointerleave', () => hideTooltip(tooltip));
    plot.select<SVGRectElement>('.surface').on('click', () => this.callbacks.onSelect(null));

    mini.on('pointerdown', (event: PointerEvent) => {
      (event.currentTarget as Element).setPointerCapture(event.pointerId);
      this.moveToMini(event);
    });
    mini.on('pointermove', (event: PointerEvent) => {
      if ((event.currentTarget as Element).hasPointerCapture(event.pointerId)) this.moveToMini(event);
    });

    select(container).on('keydown.map', (event: KeyboardEvent) => this.key(event));
    // Whatever the user does next (a key, a press anywhere) comes after the gesture: the store hears of it first.
    select(container.ownerDocument).on(`keydown.${this.uid} pointerdown.${this.uid}`, () => this.sync.end(), { capture: true });
    this.resize = new ResizeObserver(() => this.layout());
    this.resize.observe(host);
  }

  destroy(): void {
    this.resize.disconnect();
    this.sync.destroy();
    cancelAnimationFrame(this.frame);
    select(this.container).on('keydown.map', null);
    select(this.container.ownerDocument).on(`.${this.uid}`, null);
    select(this.host).selectAll('*').remove();
  }

  /** New props from React (not called while zooming). */
  update(props: MapProps): void {
    const prev = this.props;
    this.props = props;
    const docChanged = !prev || prev.doc !== props.doc;
    const scaleChanged = !docChanged && prev.scale !== props.scale;
    // Another scale shows the same addresses, laid out anew.
    const window = scaleChanged ? this.currentWindow() : undefined;
    if (docChanged) {
      this.vtlLabels = vtlLabels(props.doc.entries);
      // Elements drawn for the last document carry its attributes: start afresh.
      this.el.plot.select('.lanes').selectAll('*').remove();
    }
    if (docChanged || scaleChanged) {
      ({ markers: this.markers, axis: this.axis, lanes: this.lanes, persistedItems: this.persistedItems, rows: this.rows } = mapLayout(props.doc, props.scale));
      this.container.setAttribute('data-scale', props.scale);
    }
    if (docChanged) {
      this.sync.reset();
      this.transform = zoomIdentity;
      this.el.plot.property('__zoom', zoomIdentity);
    }
    if (docChanged || scaleChanged || prev.selection !== props.selection) {
      const entry = entryByRef(props.doc.entries, props.selection);
      this.selectedItem = entry && (laneItemFor(this.lanes, this.axis, entry)?.item ?? null);
    }
    if (!prev || prev.filters !== props.filters) this.keep = undimmed(props.filters);
    if (!prev || prev.theme !== props.theme) this.colors = themeColors(props.theme);
    this.layout(window);
  }

  /** The controlled window (see windowSync.ts). */
  setWindow(w: AddressWindow | null): void {
    this.sync.set(w);
  }

  /** Zoom to a GPA window as if the user had (reported to the store). */
  zoomToWindow(w: AddressWindow | null): void {
    this.zoomer.transform(this.el.plot, this.transformFor(w));
    this.sync.flush();
  }

  /**
   * Brings an entry's range into view (a row chosen in the table): a pan when it
   * fits, a zoom out when it does not, nothing when it is in view. Reported.
   */
  reveal(ref: EntryRef): void {
    const entry = this.props && entryByRef(this.props.doc.entries, ref);
    const found = entry && laneItemFor(this.lanes, this.axis, entry);
    const move = found && revealMove(this.view(), found.item, this.axis);
    if (!move) return;
    this.sync.moveAs('reveal', () => {
      // Same zoom: d3 pans by the shift (translateBy's units are scaled by k).
      if (move.pan !== undefined) this.zoomer.translateBy(this.el.plot, -move.pan / this.transform.k, 0);
      else this.zoomer.transform(this.el.plot, this.transformFor(move.window));
    });
  }

  /** What the layers draw from, for this frame. */
  private context(): LayerContext {
    return { uid: this.uid, plot: this.el.plot, colors: this.colors, rows: this.rows, plotWidth: this.plotWidth, axis: this.axis, lanes: this.lanes };
  }

  // ------------------------------------------------------------------ layout

  /** Sizes everything and shows `window` (by default the one in view now). */
  private layout(window: AddressWindow | null = this.currentWindow()): void {
    if (!this.props) return;
    // Whatever changed (props, size), the lanes redraw their marks: lanesLayer skips a lane only while this holds.
    this.version++;
    const width = Math.max(320, Math.floor(this.host.clientWidth || 800));
    this.plotWidth = width - GUTTER - RIGHT;
    const { height, brushTop } = this.rows;
    sizeMapElements(this.el, this.uid, width, height, this.plotWidth, this.colors);
    sizeZoom(this.zoomer, this.plotWidth, height);
    drawBrush(this.el.plot, this.brusher, this.plotWidth, brushTop, this.colors);
    const ctx = this.context();
    drawLaneFrames(this.el.svg, ctx);
    drawMinimapBase(this.el.mini, ctx);
    // Re-apply the window to the new size without reporting it.
    this.sync.showQuietly(window);
    this.render();
  }

  // ------------------------------------------------------------------ zoom

  private onZoom(event: D3ZoomEvent<SVGGElement, unknown>): void {
    this.transform = event.transform;
    this.sync.moved();
    // Apply synchronously when not inside a user gesture (props, keys, tests); else once per frame.
    if (!event.sourceEvent) this.render();
    else if (!this.frame) this.frame = requestAnimationFrame(() => this.render());
  }

  private view(): View {
    return viewOf(this.transform, this.plotWidth);
  }

  private currentWindow(): AddressWindow | null {
    return windowOf(this.transform, this.plotWidth, this.axis);
  }

  private transformFor(w: AddressWindow | null): ZoomTransform {
    return transformFor(w, this.plotWidth, this.axis);
  }

  private key(event: KeyboardEvent): void {
    if (keyZoom(event, this.zoomer, this.el.plot, this.plotWidth, this.transform.k, this.selectionFocus())) this.sync.flush();
  }

  /** Where + and - zoom around: the selection's visible middle when it is in view, else null (the centre). */
  private selectionFocus(): [number, number] | null {
    const x = this.selectedItem && visibleMiddle(this.view(), this.selectedItem, this.plotWidth);
    return x === null || x === undefined ? null : [x, this.rows.height / 2];
  }

  private onBrush(event: D3BrushEvent<unknown>): void {
    const w = brushedWindow(event, this.el.plot, this.brusher, this.view(), this.axis);
    if (w) this.zoomToWindow(w);
  }

  private moveToMini(event: PointerEvent): void {
    this.zoomer.translateTo(this.el.plot, minimapPlotX(event, this.el.mini.node()!), this.rows.height / 2);
    this.sync.flush();
  }

  // ------------------------------------------------------------------ render

  private render(): void {
    this.frame = 0;
    if (!this.props) return;
    const t0 = performance.now();
    const v = this.view();
    const sx = viewScale(this.transform, this.plotWidth);
    const ctx = this.context();

    // Window on the container, for tests and share links.
    const win = this.currentWindow();
    this.container.setAttribute('data-window-start', hexAddress(win ? win.start : this.axis.start));
    this.container.setAttribute('data-window-end', hexAddress(win ? win.end : this.axis.end));

    const pinned = this.selectedItem ? [this.selectedItem, ...this.persistedItems] : this.persistedItems;
    drawLanes(ctx, { selection: this.props.selection, keep: this.keep, vtlLabels: this.vtlLabels, pinned, version: this.version }, v);
    drawAxis(ctx, v, sx);
    drawGaps(ctx, v, sx);
    drawAccepted(ctx, this.props.doc.regions.accepted, sx);
    drawPins(ctx, this.markers, sx);
    drawMinimapWindow(this.el.mini, ctx, v);

    const dt = performance.now() - t0;
    performance.measure?.('address-map:render', { start: t0, duration: dt });
    if (++this.measured >= 500) {
      performance.clearMeasures?.('address-map:render');
      this.measured = 0;
    }
  }

  // ------------------------------------------------------------------ hover and click

  private hover(event: PointerEvent): void {
    showTooltip(this.el.tooltip, this.host, event, this.colors);
  }

  private click(event: MouseEvent): void {
    const hit = markAt(event.target as Element);
    if (hit?.kind === 'range') {
      event.stopPropagation();
      this.callbacks.onSelect(hit.item.entry.ref);
    } else if (hit?.kind === 'aggregate') {
      event.stopPropagation();
      const a = hit.aggregate;
      this.zoomToWindow(u64Window(a.start, a.end > a.start ? a.end : a.start + PAGE));
    }
  }
}
