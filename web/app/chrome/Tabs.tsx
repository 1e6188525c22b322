// The panel tabs, with the entry and finding counts.
import type { Severity } from '../../lib/model/findings.ts';
import { PANELS, type PanelId } from '../../lib/model/view.ts';
import { useAppStore } from '../store/index.ts';

const LABELS: Record<PanelId, string> = { entries: 'Entries', numa: 'NUMA', header: 'Header', diagnostics: 'Diagnostics', diagram: 'Diagram', edit: 'Edit', compare: 'Compare' };
/** The panels offered as tabs, in key order. */
const TABS: readonly PanelId[] = PANELS;
/** The format panel is named after what it shows. */
const DEVICE_TREE_LABELS: Partial<Record<PanelId, string>> = { header: 'Device tree' };

export function Tabs() {
  const panel = useAppStore((s) => s.view.panel);
  const setPanel = useAppStore((s) => s.setPanel);
  const doc = useAppStore((s) => s.current?.doc ?? null);
  const entries = doc?.entries.length ?? 0;
  const labelOf = (id: PanelId) => (doc?.format.kind === 'device-tree' ? DEVICE_TREE_LABELS[id] : undefined) ?? LABELS[id];
  const worst: Severity | null = doc?.diagnostics.some((d) => d.severity === 'error') ? 'error' : doc?.diagnostics.some((d) => d.severity === 'warning') ? 'warning' : doc?.diagnostics.length ? 'info' : null;
  const counts: Partial<Record<PanelId, { n: number; tone: string }>> = {
    entries: { n: entries, tone: 'bg-zinc-200 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300' },
    numa: doc?.decoded ? { n: new Set(doc.entries.flatMap((e) => (e.vnode === null ? [] : [e.vnode]))).size, tone: 'bg-zinc-200 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300' } : undefined,
    diagnostics: doc
      ? { n: doc.diagnostics.length, tone: worst === 'error' ? 'bg-red-600 text-white' : worst === 'warning' ? 'bg-amber-500 text-white' : 'bg-zinc-200 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300' }
      : undefined,
  };
  return (
    <div role="tablist" aria-label="Panels" className="flex h-9 shrink-0 items-end gap-1 border-b border-zinc-200 px-2 dark:border-zinc-800">
      {TABS.map((id) => (
        <button
          key={id}
          id={`tab-${id}`}
          role="tab"
          type="button"
          aria-selected={panel === id}
          aria-controls={`panel-${id}`}
          title={`${labelOf(id)} (${PANELS.indexOf(id) + 1})`}
          onClick={() => setPanel(id)}
          className={`-mb-px flex h-8 items-center gap-1.5 border-b-2 px-3 text-[12px] font-medium ${panel === id ? 'border-sky-600 text-zinc-900 dark:border-sky-400 dark:text-zinc-100' : 'border-transparent text-zinc-500 hover:text-zinc-800 dark:text-zinc-400 dark:hover:text-zinc-200'}`}
        >
          {labelOf(id)}
          {counts[id] && <span className={`rounded-full px-1.5 text-[10px] leading-4 tabular ${counts[id].tone}`}>{counts[id].n}</span>}
        </button>
      ))}
    </div>
  );
}
