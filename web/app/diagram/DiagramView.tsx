// The memory-layout diagram panel: the scene of web/lib/diagram drawn with
// React SVG elements (never an HTML string), a "VTL2 only" toggle, and the
// picture to download: the SVG file exactly as `cli diagram` writes it (the
// light document figure, whatever the app's theme), or that SVG as a PNG.
// Loaded on demand: default-exported for React.lazy.
import { useEffect, useMemo, useRef, useState } from 'react';
import { layoutDiagram } from '../../lib/diagram/layout.ts';
import { stemOf } from '../../lib/export/exports.ts';
import { diagramSvg } from '../../lib/diagram/svg.ts';
import type { EntryRef } from '../../lib/model/entries.ts';
import type { TopologyDocument } from '../../lib/model/topology.ts';
import type { Theme } from '../../lib/model/view.ts';
import { downloadBlob } from '../share/download.ts';
import { Button } from '../widgets/ui.tsx';
import { SceneSvg } from './SceneSvg.tsx';
import { svgToPng } from '../share/rasterize.ts';

export interface DiagramViewProps {
  doc: TopologyDocument;
  theme: Theme;
  /** The input's name: the diagram's title and the downloads' names. */
  name: string;
  onSelect?: (ref: EntryRef) => void;
  selection?: EntryRef | null;
}

export function DiagramView({ doc, theme, name, onSelect, selection = null }: DiagramViewProps) {
  const [vtl2Only, setVtl2Only] = useState(false);
  const [pngError, setPngError] = useState<string | null>(null);
  const mode = vtl2Only ? 'vtl2' : 'all';
  const scene = useMemo(() => layoutDiagram(doc, { name, mode }), [doc, name, mode]);
  const fileName = `${stemOf(name)}${vtl2Only ? '.vtl2' : ''}.memory-map`;
  const scroller = useRef<HTMLDivElement>(null);

  // A selection made elsewhere (table, map) is brought into view.
  useEffect(() => {
    scroller.current?.querySelector('[data-selected]')?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }, [selection, scene]);

  const downloadSvg = () => downloadBlob(new Blob([diagramSvg(scene)], { type: 'image/svg+xml' }), `${fileName}.svg`);
  const downloadPng = async () => {
    setPngError(null);
    try {
      downloadBlob(await svgToPng(diagramSvg(scene), scene.width, scene.height), `${fileName}.png`);
    } catch (err) {
      setPngError(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <div className="flex h-full min-h-0 flex-col" data-testid="diagram-view">
      <div className="flex shrink-0 flex-wrap items-center gap-2 border-b border-zinc-200 px-3 py-1.5 dark:border-zinc-800">
        <Button active={vtl2Only} aria-pressed={vtl2Only} onClick={() => setVtl2Only((v) => !v)} title="Only the VTL2 ranges, with the persisted-state region in detail">
          VTL2 only
        </Button>
        <Button onClick={downloadSvg} data-testid="diagram-download-svg" title="The diagram as an SVG file, as `cli diagram` draws it">
          Download SVG
        </Button>
        <Button onClick={() => void downloadPng()} data-testid="diagram-download-png" title="The same picture as a PNG">
          Download PNG
        </Button>
        <span className="text-[12px] text-zinc-500 dark:text-zinc-400" data-testid="diagram-counts">
          {scene.counts.blocks === scene.counts.entries ? `${scene.counts.entries.toLocaleString('en-US')} ranges` : `${scene.counts.entries.toLocaleString('en-US')} ranges in ${scene.counts.blocks.toLocaleString('en-US')} blocks (runs merged)`}
        </span>
        {pngError && (
          <span role="alert" className="text-[12px] text-red-700 dark:text-red-400">
            PNG failed: {pngError}
          </span>
        )}
      </div>
      <div ref={scroller} className="min-h-0 flex-1 overflow-auto">
        <SceneSvg scene={scene} theme={theme} selection={selection} onSelect={onSelect} />
      </div>
    </div>
  );
}

export default DiagramView;
