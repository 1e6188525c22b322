// The diagram's scene as React SVG elements: the same marks, in the same order,
// as the SVG file (web/lib/diagram/svg.ts), with the chrome in the app's theme.
// Blocks are buttons: click or Enter selects the entry (a merged run: its first).
import type { KeyboardEvent } from 'react';
import { diagramPalette } from '../../lib/diagram/colors.ts';
import { MONO_STACK } from '../../lib/diagram/metrics.ts';
import { sceneMarks, type DiagramScene, type Paint, type SceneBlock, type ScenePath, type SceneRect, type SceneText } from '../../lib/diagram/scene.ts';
import { resolvePaint } from '../../lib/diagram/svg.ts';
import { refKey, sameRef, type EntryRef } from '../../lib/model/entries.ts';
import { hex } from '../../lib/model/text.ts';
import type { Theme } from '../../lib/model/view.ts';

interface SceneSvgProps {
  scene: DiagramScene;
  theme: Theme;
  selection: EntryRef | null;
  onSelect?: (ref: EntryRef) => void;
}

export function SceneSvg({ scene, theme, selection, onSelect }: SceneSvgProps) {
  const palette = diagramPalette(theme);
  const paint = (p: Paint) => resolvePaint(p, palette);
  return (
    <svg width={scene.width} height={scene.height} viewBox={`0 0 ${scene.width} ${scene.height}`} fontFamily={MONO_STACK} role={onSelect ? 'group' : 'img'} aria-label={scene.heading[0]?.text} data-testid="diagram-svg" data-mode={scene.mode}>
      <rect x={0} y={0} width={scene.width} height={scene.height} fill={paint('bg')} />
      {sceneMarks(scene).map((mark, i) => {
        if (mark.kind === 'rect') return <Rect key={i} r={mark.rect} paint={paint} />;
        if (mark.kind === 'path') return <Path key={i} p={mark.path} paint={paint} />;
        if (mark.kind === 'text') return <Text key={i} t={mark.text} paint={paint} />;
        const block = mark.block;
        return <Block key={`b-${refKey(block.refs[0]!)}`} block={block} paint={paint} accent={palette.accent} selected={block.refs.some((r) => sameRef(r, selection))} onSelect={onSelect} />;
      })}
    </svg>
  );
}

function Rect({ r, paint }: { r: SceneRect; paint: (p: Paint) => string }) {
  return <rect x={r.x} y={r.y} width={r.width} height={r.height} fill={paint(r.fill)} stroke={r.stroke === 'none' ? undefined : paint(r.stroke)} strokeWidth={r.stroke === 'none' ? undefined : r.strokeWidth} strokeDasharray={r.dashed ? '4 3' : undefined} />;
}

function Path({ p, paint }: { p: ScenePath; paint: (p: Paint) => string }) {
  return <polyline points={p.points.map(([x, y]) => `${x},${y}`).join(' ')} fill="none" stroke={paint(p.stroke)} strokeWidth={p.strokeWidth} strokeDasharray={p.dashed ? '4 3' : undefined} />;
}

function Text({ t, paint }: { t: SceneText; paint: (p: Paint) => string }) {
  return (
    <text x={t.x} y={t.y} fontSize={t.size} fontWeight={t.bold ? 'bold' : undefined} textAnchor={t.anchor === 'start' ? undefined : t.anchor} fill={paint(t.fill)}>
      {t.text}
    </text>
  );
}

function Block({ block, paint, accent, selected, onSelect }: { block: SceneBlock; paint: (p: Paint) => string; accent: string; selected: boolean; onSelect?: (ref: EntryRef) => void }) {
  const first = block.refs[0]!;
  const select = onSelect ? () => onSelect(first) : undefined;
  const onKeyDown = (e: KeyboardEvent) => {
    if (select && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      select();
    }
  };
  return (
    <g
      data-testid={block.kind === 'entry' ? 'diagram-block' : 'diagram-merged'}
      data-table={block.table}
      data-index={first.index}
      data-start={hex(block.start)}
      data-end={hex(block.end)}
      data-count={block.kind === 'merged' ? block.refs.length : undefined}
      data-selected={selected || undefined}
      role={select ? 'button' : undefined}
      tabIndex={select ? 0 : undefined}
      aria-label={block.title}
      aria-pressed={select ? selected : undefined}
      onClick={select}
      onKeyDown={select ? onKeyDown : undefined}
      style={select ? { cursor: 'pointer' } : undefined}
    >
      <title>{block.title}</title>
      <Rect r={{ ...block, fill: block.fill as Paint, stroke: 'ink', strokeWidth: 1, dashed: block.kind === 'merged' }} paint={paint} />
      {block.parts.map((r, i) => (
        <Rect key={i} r={r} paint={paint} />
      ))}
      {block.texts.map((t, i) => (
        <Text key={i} t={t} paint={paint} />
      ))}
      {selected && <rect x={block.x + 1.5} y={block.y + 1.5} width={block.width - 3} height={block.height - 3} fill="none" stroke={accent} strokeWidth={3} pointerEvents="none" />}
    </g>
  );
}
