// Every finding, errors first; clicking one selects the entries it is about.
import type { Diagnostic, Severity } from '../../lib/model/findings.ts';
import { Badge } from '../widgets/ui.tsx';
import { useAppStore } from '../store/index.ts';
import { currentBootCheck } from '../store/selectors.ts';
import { bootHeadline } from './bootPhrase.ts';

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function sortedDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
}

export default function DiagnosticsPanel() {
  const doc = useAppStore((s) => s.current?.doc ?? null);
  const marked = useAppStore((s) => s.marked);
  const mark = useAppStore((s) => s.mark);
  const setPanel = useAppStore((s) => s.setPanel);
  const check = useAppStore(currentBootCheck);
  if (!doc || !check) return null;
  const { headline } = bootHeadline(check, doc.format.kind);
  const diagnostics = sortedDiagnostics(doc.diagnostics);
  return (
    <div className="h-full overflow-auto p-3">
      <div className="mb-3 rounded border border-zinc-200 px-2.5 py-2 dark:border-zinc-800">
        <span className="text-[11px] font-semibold tracking-wide text-zinc-500 uppercase">Boot check</span>
        <p className="font-medium">{headline}</p>
        <p className="font-mono text-[11px] text-zinc-500">{check.step}</p>
      </div>
      {diagnostics.length === 0 && <p className="text-zinc-500">No findings: nothing unusual in this topology.</p>}
      <ul className="grid gap-1">
        {diagnostics.map((d, i) => {
          const active = d.entries.length > 0 && marked.length === d.entries.length && d.entries.every((e, j) => marked[j]?.table === e.table && marked[j]?.index === e.index);
          return (
            <li key={i}>
              <button
                type="button"
                data-testid="diagnostic"
                data-severity={d.severity}
                data-code={d.code}
                disabled={d.entries.length === 0}
                onClick={() => mark(d.entries)}
                onDoubleClick={() => setPanel('entries')}
                className={`flex w-full items-start gap-2 rounded border px-2.5 py-1.5 text-left ${active ? 'border-sky-500 bg-sky-50 dark:bg-sky-950/40' : 'border-zinc-200 dark:border-zinc-800'} ${d.entries.length > 0 ? 'cursor-pointer hover:bg-zinc-50 dark:hover:bg-zinc-900' : 'cursor-default'}`}
                title={d.entries.length > 0 ? `Select the ${d.entries.length} entr${d.entries.length === 1 ? 'y' : 'ies'} it is about` : undefined}
              >
                <Badge tone={d.severity}>{d.severity}</Badge>
                <span className="min-w-0 flex-1 break-words">{d.message}</span>
                <span className="shrink-0 font-mono text-[11px] text-zinc-500">{d.code}</span>
                {d.entries.length > 0 && <span className="shrink-0 text-[11px] text-sky-700 dark:text-sky-400">{d.entries.length} →</span>}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
