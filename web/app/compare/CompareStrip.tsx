// A and B side by side on one address axis: a pair of lanes per vnode (A above
// B) and for MMIO, the changes as marks across them, at least 3 px wide so a
// one-page change shows in the whole-space view. The strip shows the map's
// window; clicking a change selects it.
import { useMemo } from 'react';
import type { ChangeRow } from '../../lib/analysis/compare/changeRows.ts';
import { mapMarks, type View } from '../../lib/layout/aggregate.ts';
import { gpaToX } from '../../lib/layout/axis.ts';
import { changeMarks, compareLayout } from '../../lib/layout/compareLanes.ts';
import { undimmed } from '../../lib/layout/dimming.ts';
import type { Lane } from '../../lib/layout/lanes.ts';
import { hexTicks, labelBox } from '../../lib/layout/ticks.ts';
import type { Entry } from '../../lib/model/entries.ts';
import { groupedHex } from '../../lib/model/text.ts';
import type { AddressWindow, Filters, MapScale } from '../../lib/model/view.ts';
import { vtlColor } from '../widgets/vtlColors.ts';
import { useWidth } from '../hooks/useWidth.ts';
import { CHANGE_COLOR } from './changeColors.ts';
import { CHANGE_WORDS } from '../../lib/analysis/compare/changeRows.ts';

const GUTTER = 64;
/** Lanes share at most this height: with many vnodes they thin (down to 4 px) so the changes table keeps its room. */
const LANES_MAX_H = 150;
const TRACK_H = 12;
const AXIS_H = 16;
/** Width of a character of the 9 px monospace tick labels. */
const CHAR_PX = 5.6;
/** Marks the lanes may draw in all (sub-pixel runs merge beyond it). */
const MARK_BUDGET = 3000;

interface Props {
  a: readonly Entry[];
  b: readonly Entry[];
  rows: readonly ChangeRow[];
  window: AddressWindow | null;
  /** The map's scale: the strip draws in the same one. */
  scale: MapScale;
  filters: Filters;
  selected: number | null;
  onSelect: (row: ChangeRow) => void;
}

export function CompareStrip({ a, b, rows, window, scale, filters, selected, onSelect }: Props) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const layout = useMemo(() => compareLayout(a, b, scale), [a, b, scale]);
  const plot = Math.max(50, width - GUTTER - 8);
  const { axis, pairs } = layout;
  const x0 = window ? gpaToX(axis, window.start) : 0;
  const x1 = window ? Math.max(x0 + 1e-9, gpaToX(axis, window.end)) : axis.width;
  const view: View = { x0, x1, pxPerUnit: plot / (x1 - x0) };
  const lanes = useMemo(() => pairs.flatMap((p) => [p.a, p.b]).filter((l): l is Lane => l !== null), [pairs]);
  const marks = useMemo(() => mapMarks(lanes, view, { total: MARK_BUDGET }), [lanes, view.x0, view.x1, view.pxPerUnit]); // eslint-disable-line react-hooks/exhaustive-deps -- the view is its three numbers
  const marksOf = new Map(lanes.map((l, i) => [l, marks[i]!]));
  const changes = useMemo(() => changeMarks(rows, axis, view), [rows, axis, view.x0, view.x1, view.pxPerUnit]); // eslint-disable-line react-hooks/exhaustive-deps -- the view is its three numbers
  const keep = undimmed(filters);
  const ticks = hexTicks(axis, view, { charPx: CHAR_PX });
  const px = (x: number) => GUTTER + (x - view.x0) * view.pxPerUnit;
  const PAIR_GAP = pairs.length > 6 ? 2 : 5;
  const LANE_H = Math.max(4, Math.min(11, Math.floor((LANES_MAX_H / Math.max(1, pairs.length) - PAIR_GAP) / 2)));
  const labelled = LANE_H >= 8;
  const lanesTop = TRACK_H + 4;
  const height = lanesTop + pairs.length * (2 * LANE_H + PAIR_GAP) + AXIS_H;

  const laneRects = (lane: Lane | null, y: number) => {
    if (!lane) return labelled ? <text x={GUTTER + 4} y={y + LANE_H - 2} className="fill-zinc-400 text-[9px]">none</text> : null;
    const m = marksOf.get(lane)!;
    return (
      <>
        {m.ranges.map((item) => {
          const left = Math.max(GUTTER, px(item.x0));
          const right = Math.min(GUTTER + plot, px(item.x1));
          return <rect key={`${item.entry.ref.table}${item.entry.ref.index}`} x={left} y={y} width={Math.max(1, right - left)} height={LANE_H} fill={vtlColor(item.entry.vtlType.value)} opacity={keep(item) ? 1 : 0.25} />;
        })}
        {m.aggregates.map((g, i) => {
          const left = Math.max(GUTTER, px(g.x0));
          const right = Math.min(GUTTER + plot, px(g.x1));
          return <rect key={`g${i}`} x={left} y={y} width={Math.max(1, right - left)} height={LANE_H} fill={vtlColor(g.dominantVtlType)} opacity={0.8} />;
        })}
      </>
    );
  };

  return (
    <div ref={ref} className="relative w-full" data-testid="compare-strip">
      {width > 0 && (
        <svg width={width} height={height} role="img" aria-label={`A and B as paired lanes: ${pairs.length} lanes, ${rows.length} changes`} className="block text-zinc-500">
          <text x={4} y={TRACK_H - 2} className="fill-current text-[10px]">
            changes
          </text>
          {axis.gaps
            .filter((p) => p.x1 >= view.x0 && p.x0 <= view.x1)
            .map((p) => (
              <rect key={`gap${p.start}`} x={Math.max(GUTTER, px(p.x0))} y={lanesTop} width={Math.max(1, Math.min(GUTTER + plot, px(p.x1)) - Math.max(GUTTER, px(p.x0)))} height={height - lanesTop - AXIS_H} className="fill-zinc-200/60 dark:fill-zinc-800/60">
                <title>{`hole ${groupedHex(p.start)}..${groupedHex(p.end)} (collapsed)`}</title>
              </rect>
            ))}
          {pairs.map((pair, i) => {
            const y = lanesTop + i * (2 * LANE_H + PAIR_GAP);
            return (
              <g key={pair.id} data-testid="compare-lane-pair" data-lane={pair.id}>
                <text x={4} y={y + LANE_H + 3} className="fill-current" fontSize={Math.min(10, 2 * LANE_H + PAIR_GAP - 1)}>
                  {pair.label}
                </text>
                {labelled && (
                  <>
                    <text x={GUTTER - 5} y={y + LANE_H - 2} textAnchor="end" className="fill-current font-semibold text-[9px]">
                      A
                    </text>
                    <text x={GUTTER - 5} y={y + 2 * LANE_H - 2} textAnchor="end" className="fill-current font-semibold text-[9px]">
                      B
                    </text>
                  </>
                )}
                {laneRects(pair.a, y)}
                {laneRects(pair.b, y + LANE_H)}
              </g>
            );
          })}
          {changes.map((mark) => {
            const first = mark.rows[0]!;
            const isSelected = mark.rows.some((r) => r.id === selected);
            const label = mark.rows.length === 1 ? `${CHANGE_WORDS[first.kind]}: ${groupedHex(first.start)}..${groupedHex(first.end)}` : `${mark.rows.length} changes from ${groupedHex(first.start)}`;
            return (
              <g key={first.id} data-testid="compare-change-mark" data-kind={first.kind} className="cursor-pointer" onClick={() => onSelect(first)}>
                <title>{label}</title>
                <rect x={mark.left + GUTTER} y={lanesTop} width={mark.width} height={height - lanesTop - AXIS_H} fill={CHANGE_COLOR[first.kind]} opacity={isSelected ? 0.25 : 0.1} />
                <rect x={mark.left + GUTTER} y={1} width={mark.width} height={TRACK_H - 2} fill={CHANGE_COLOR[first.kind]} stroke={isSelected ? 'currentColor' : 'none'} strokeWidth={1.5} />
              </g>
            );
          })}
          {ticks.map((t) => (
            // Placed as hexTicks judged them (labelBox): clear of each other and of collapsed gaps.
            <text key={String(t.gpa)} x={GUTTER + labelBox(t, view, plot, CHAR_PX).left} y={height - 4} className="fill-current font-mono text-[9px]">
              {t.label}
            </text>
          ))}
        </svg>
      )}
    </div>
  );
}
