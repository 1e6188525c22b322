// The address map: a horizontal map of guest physical address space, one lane
// per NUMA vnode and one for MMIO. React renders the frame and the legend and
// passes props; d3 (renderer.ts) owns the SVG inside `host` and redraws it per
// zoom frame without React. The window is controlled: user zooms are reported
// through onWindowChange (throttled), a window prop from outside is applied
// without being echoed back.
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { TopologyDocument } from '../../lib/model/topology.ts';
import type { EntryRef } from '../../lib/model/entries.ts';
import type { AddressWindow, Filters, Theme } from '../../lib/model/view.ts';
import { legendEntries } from './legend.ts';
import { themeColors } from './palette.ts';
import { MapRenderer } from './renderer.ts';

export type { AddressWindow, EntryRef, Filters, Theme };

export interface AddressMapProps {
  doc: TopologyDocument;
  window: AddressWindow | null;
  selection: EntryRef | null;
  filters: Filters;
  theme: Theme;
  onWindowChange(w: AddressWindow | null): void;
  onSelect(ref: EntryRef | null): void;
}

export function AddressMap({ doc, window, selection, filters, theme, onWindowChange, onSelect }: AddressMapProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const rendererRef = useRef<MapRenderer | null>(null);
  // The renderer calls the latest callbacks without being rebuilt when they change.
  const callbacks = useRef({ onWindowChange, onSelect });
  useEffect(() => {
    callbacks.current = { onWindowChange, onSelect };
  });

  useLayoutEffect(() => {
    const renderer = new MapRenderer(containerRef.current!, hostRef.current!, {
      onWindowChange: (w) => callbacks.current.onWindowChange(w),
      onSelect: (ref) => callbacks.current.onSelect(ref),
    });
    rendererRef.current = renderer;
    return () => {
      renderer.destroy();
      rendererRef.current = null;
    };
  }, []);

  useLayoutEffect(() => {
    rendererRef.current?.update({ doc, filters, selection, theme });
  }, [doc, filters, selection, theme]);

  useLayoutEffect(() => {
    rendererRef.current?.setWindow(window);
  }, [window, doc]);

  const legend = useMemo(() => legendEntries(doc.entries), [doc]);
  const colors = themeColors(theme);
  const ranges = doc.entries.length;
  const { persistedHeader, protobufRegion, accepted } = doc.regions;
  const nothingToPlace = ranges === 0 && !persistedHeader && !protobufRegion && accepted.length === 0;

  return (
    <div
      ref={containerRef}
      data-testid="address-map"
      tabIndex={0}
      role="group"
      aria-label="Address map. Keys: + and - zoom, arrow keys pan, 0 shows everything."
      aria-keyshortcuts="+ - = 0 ArrowLeft ArrowRight"
      className="relative w-full outline-none focus-visible:ring-2 focus-visible:ring-sky-500/70"
      style={{ background: colors.bg, color: colors.fg }}
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 pt-2 pb-1 text-[11px]" data-testid="map-legend">
        <span className="text-[12px] font-semibold" data-role="map-title">
          Address map
        </span>
        <span style={{ color: colors.muted }}>{ranges === 0 ? 'no ranges' : `${ranges} ranges`}</span>
        {legend.vtl.map((e) => (
          <span key={e.value} className="inline-flex items-center gap-1">
            <span className="inline-block h-2.5 w-2.5 rounded-[2px]" style={{ background: e.color, outline: `1px solid ${colors.rangeStroke}` }} />
            {e.label}
          </span>
        ))}
        {legend.igvm.length > 0 && <span style={{ color: colors.muted }}>IGVM:</span>}
        {legend.igvm.map((e) => (
          <span key={e.value} className="inline-flex items-center gap-1">
            <svg width="12" height="12" aria-hidden="true">
              <defs>
                <pattern id={`legend-${e.cue.id}`} width="8" height="8" patternUnits="userSpaceOnUse">
                  <path d={e.cue.path} stroke={colors.fg} fill={colors.fg} strokeWidth="1.2" />
                </pattern>
              </defs>
              <rect x="0.5" y="0.5" width="11" height="11" rx="2" fill={e.cue.path ? `url(#legend-${e.cue.id})` : 'none'} stroke={colors.muted} strokeDasharray={e.cue.path ? undefined : '2 2'} />
            </svg>
            {e.label}
          </span>
        ))}
      </div>
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
