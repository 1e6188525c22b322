// The map's header: its title and range count, the legend (a VTL type's entry
// filters by that type; clicked again, the filter goes), the scale switch and
// the quick views. Buttons only: what they do is the store's (MapSlot wires it).
import type { LegendEntries } from './legend.ts';
import type { QuickView } from '../../lib/layout/quickViews.ts';
import type { MapScale } from '../../lib/model/view.ts';
import type { ThemeColors } from './palette.ts';

export interface MapHeaderProps {
  ranges: number;
  legend: LegendEntries;
  colors: ThemeColors;
  /** The VTL type filter (null: all types). */
  vtlTypes: number[] | null;
  scale: MapScale;
  /** Which quick views have something to show. */
  available: Record<QuickView, boolean>;
  onLegendClick(value: number): void;
  onScaleChange(scale: MapScale): void;
  onQuickView(view: QuickView): void;
}

const SCALES: { value: MapScale; label: string; title: string }[] = [
  { value: 'proportional', label: 'Proportional', title: 'Every byte the same width: sizes to scale (s)' },
  { value: 'readable', label: 'Readable', title: 'Every range readable: width grows with the log of its size, true sizes in labels (s)' },
];

const QUICK: { value: QuickView; label: string; key: string; title: string }[] = [
  { value: 'whole', label: 'All', key: 'w', title: 'The whole address space' },
  { value: 'vtl2', label: 'VTL2', key: 'v', title: 'VTL2 memory: the span of its ranges' },
  { value: 'persisted', label: 'Persisted', key: 'r', title: 'The persisted state: header page and protobuf region' },
  { value: 'selection', label: 'Selection', key: 'f', title: 'The selected range' },
];

const chip = 'inline-flex h-6 items-center rounded border px-2 text-[11px] font-medium whitespace-nowrap disabled:opacity-40';
const chipOff = 'border-zinc-300 bg-white text-zinc-700 hover:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:bg-zinc-800';
const chipOn = 'border-sky-600 bg-sky-600 text-white dark:border-sky-500 dark:bg-sky-600';

export function MapHeader({ ranges, legend, colors, vtlTypes, scale, available, onLegendClick, onScaleChange, onQuickView }: MapHeaderProps) {
  const only = vtlTypes !== null && vtlTypes.length === 1 ? vtlTypes[0] : null;
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 pt-2 pb-1 text-[11px]" data-testid="map-legend">
      <span className="text-[12px] font-semibold" data-role="map-title">
        Address map
      </span>
      <span style={{ color: colors.muted }}>{ranges === 0 ? 'no ranges' : `${ranges.toLocaleString('en-US')} ranges`}</span>
      {legend.vtl.map((e) => {
        const filtering = vtlTypes !== null;
        const on = only === e.value;
        return (
          <button
            key={e.value}
            type="button"
            data-testid="legend-vtl"
            data-value={e.value}
            aria-pressed={on}
            title={on ? `Show every VTL type again` : `Show only ${e.label} (filters the table too)`}
            onClick={() => onLegendClick(e.value)}
            className={`inline-flex items-center gap-1 rounded px-1 py-px hover:bg-zinc-200/70 dark:hover:bg-zinc-700/60 ${on ? 'ring-1 ring-sky-600 dark:ring-sky-500' : ''}`}
            style={{ opacity: filtering && !(vtlTypes ?? []).includes(e.value) ? 0.45 : 1 }}
          >
            <span className="inline-block h-2.5 w-2.5 rounded-[2px]" style={{ background: e.color, outline: `1px solid ${colors.rangeStroke}` }} />
            {e.label}
          </button>
        );
      })}
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
      <span className="ml-auto inline-flex items-center gap-2">
        <span className="inline-flex items-center gap-1" role="group" aria-label="Map scale">
          <span style={{ color: colors.muted }}>Scale</span>
          {SCALES.map((s) => (
            <button key={s.value} type="button" data-testid="map-scale" data-value={s.value} aria-pressed={scale === s.value} title={s.title} onClick={() => onScaleChange(s.value)} className={`${chip} ${scale === s.value ? chipOn : chipOff}`}>
              {s.label}
            </button>
          ))}
        </span>
        <span className="inline-flex items-center gap-1" role="group" aria-label="Quick views">
          <span style={{ color: colors.muted }}>Show</span>
          {QUICK.map((q) => (
            <button key={q.value} type="button" data-testid="quick-view" data-value={q.value} disabled={!available[q.value]} title={`${q.title} (${q.key})`} aria-keyshortcuts={q.key} onClick={() => onQuickView(q.value)} className={`${chip} ${chipOff}`}>
              {q.label}
            </button>
          ))}
        </span>
      </span>
    </div>
  );
}
