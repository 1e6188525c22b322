// The address map: a horizontal map of guest physical address space, one lane
// per NUMA vnode and one for MMIO. React renders the frame and the legend and
// passes props; d3 (renderer.ts) owns the SVG inside `host` and redraws it per
// zoom frame without React. The window is controlled: user zooms are reported
// through onWindowChange (throttled), a window prop from outside is applied
// without being echoed back.
import { useLayoutEffect, useMemo, useRef } from 'react';
import { quickViewTarget, type QuickView } from '../../lib/layout/quickViews.ts';
import type { TopologyDocument } from '../../lib/model/topology.ts';
import type { EntryRef } from '../../lib/model/entries.ts';
import type { AddressWindow, Filters, MapScale, Theme } from '../../lib/model/view.ts';
import { legendEntries } from './legend.ts';
import { MapHeader } from './MapHeader.tsx';
import { themeColors } from './palette.ts';
import { MapRenderer } from './renderer.ts';
import type { WindowCause } from './windowSync.ts';

export interface AddressMapProps {
  doc: TopologyDocument;
  /** The open file's name: the map's exports name it. */
  fileName: string;
  window: AddressWindow | null;
  selection: EntryRef | null;
  filters: Filters;
  theme: Theme;
  scale: MapScale;
  /** A range to bring into view (a row chosen in the table); a new serial asks again. */
  reveal: { ref: EntryRef; serial: number } | null;
  /** `cause` 'reveal': the map moved to show a row chosen in the table (part of that choice). */
  onWindowChange(w: AddressWindow | null, cause: WindowCause): void;
  onSelect(ref: EntryRef | null): void;
  onScaleChange(scale: MapScale): void;
  onQuickView(view: QuickView): void;
  /** A VTL type's legend entry was clicked. */
  onLegendClick(value: number): void;
}

export function AddressMap({ doc, fileName, window, selection, filters, theme, scale, reveal, onWindowChange, onSelect, onScaleChange, onQuickView, onLegendClick }: AddressMapProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const rendererRef = useRef<MapRenderer | null>(null);
  // The renderer calls the latest callbacks without being rebuilt when they change
  // (updated before the layout effects below, which may make it call them).
  const callbacks = useRef({ onWindowChange, onSelect });
  useLayoutEffect(() => {
    callbacks.current = { onWindowChange, onSelect };
  });

  useLayoutEffect(() => {
    const renderer = new MapRenderer(containerRef.current!, hostRef.current!, {
      onWindowChange: (w, cause) => callbacks.current.onWindowChange(w, cause),
      onSelect: (ref) => callbacks.current.onSelect(ref),
    });
    rendererRef.current = renderer;
    return () => {
      renderer.destroy();
      rendererRef.current = null;
    };
  }, []);

  useLayoutEffect(() => {
    rendererRef.current?.update({ doc, filters, selection, theme, scale });
  }, [doc, filters, selection, theme, scale]);

  // On every render, not on a change of `window`: the renderer compares it with the window the
  // store last had from it. (w right after a zoom: the zoom is reported first, then w sets null
  // again, and React renders both at once, so `window` looks unchanged.)
  useLayoutEffect(() => {
    rendererRef.current?.setWindow(window);
  });

  useLayoutEffect(() => {
    if (reveal) rendererRef.current?.reveal(reveal.ref);
  }, [reveal]);

  const legend = useMemo(() => legendEntries(doc.entries), [doc]);
  const fixedViews = useMemo(() => ({ vtl2: quickViewTarget(doc, 'vtl2', null) !== null, persisted: quickViewTarget(doc, 'persisted', null) !== null }), [doc]);
  const colors = themeColors(theme);
  const { persistedHeader, protobufRegion, accepted } = doc.regions;
  const nothingToPlace = doc.entries.length === 0 && !persistedHeader && !protobufRegion && accepted.length === 0;

  return (
    <div
      ref={containerRef}
      data-testid="address-map"
      data-file-name={fileName}
      tabIndex={0}
      role="group"
      aria-label="Address map. Keys: + and - zoom, arrow keys pan, 0 shows everything."
      aria-keyshortcuts="+ - = 0 ArrowLeft ArrowRight"
      className="relative w-full outline-none focus-visible:ring-2 focus-visible:ring-sky-500/70"
      style={{ background: colors.bg, color: colors.fg }}
    >
      <MapHeader
        ranges={doc.entries.length}
        legend={legend}
        colors={colors}
        vtlTypes={filters.vtlTypes}
        scale={scale}
        available={{ whole: true, ...fixedViews, selection: selection !== null }}
        onLegendClick={onLegendClick}
        onScaleChange={onScaleChange}
        onQuickView={onQuickView}
      />
      {/* Nothing to place on an axis: say so rather than draw a meaningless one. */}
      {nothingToPlace && (
        <p className="px-3 pb-3 text-[12px]" style={{ color: colors.muted }} data-testid="map-empty">
          {doc.decoded ? 'The topology holds no ranges.' : 'No ranges to draw: nothing was decoded (see the banner above).'}
        </p>
      )}
      <div ref={hostRef} className="relative w-full" style={nothingToPlace ? { display: 'none' } : undefined} />
    </div>
  );
}
