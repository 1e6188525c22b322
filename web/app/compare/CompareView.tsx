// The compare panel (key 7), loaded on demand: the one-line summary, A and B
// as paired lanes with the changes marked, the changes table, and whether B
// would boot from the state A persisted, by the release picked. A change
// chosen in the table or the strip moves the map's window to it (shared in
// the link) and selects A's range there.
import { useMemo, useState } from 'react';
import { CHANGE_KINDS, CHANGE_WORDS, filterChangeRows, type ChangeRow } from '../../lib/analysis/compare/changeRows.ts';
import { windowWithin } from '../../lib/model/view.ts';
import { comparisonFile } from '../../lib/export/comparisonJson.ts';
import { downloadExport } from '../share/download.ts';
import { useAppStore } from '../store/index.ts';
import { FilterBar } from '../panels/FilterBar.tsx';
import { KIND_LABEL } from '../widgets/kindLabels.ts';
import { Button } from '../widgets/ui.tsx';
import { CHANGE_COLOR } from './changeColors.ts';
import { ChangesTable } from './ChangesTable.tsx';
import { CompareStrip } from './CompareStrip.tsx';
import { comparisonOf, windowAround } from './comparison.ts';
import { OtherChanges, ServicingChecks } from './ServicingChecks.tsx';
import { COMPARE_INPUT_ID } from '../dom.ts';

export default function CompareView() {
  const current = useAppStore((s) => s.current);
  const comparing = useAppStore((s) => s.comparing);
  if (!current || !comparing) return <NotComparing hasFile={current !== null} />;
  return <Comparison />;
}

function NotComparing({ hasFile }: { hasFile: boolean }) {
  return (
    <div className="grid h-full place-items-center p-6 text-center text-zinc-500 dark:text-zinc-400" data-testid="compare-empty">
      <div className="grid max-w-md gap-2">
        <p>Compare two topologies: what changed across servicing, and whether the next boot would take it.</p>
        <p>Drop two files at once (the first is A), or open one and choose the other with Compare… (c). Any kinds: saved state, VTL2 image, device tree, JSON document.</p>
        {hasFile && (
          <div>
            <Button onClick={() => document.getElementById(COMPARE_INPUT_ID)?.click()}>Compare with a file…</Button>
          </div>
        )}
      </div>
    </div>
  );
}

function Comparison() {
  const a = useAppStore((s) => s.current!);
  const b = useAppStore((s) => s.comparing!.b);
  const release = useAppStore((s) => s.view.release);
  const filters = useAppStore((s) => s.view.filters);
  const window = useAppStore((s) => s.view.window);
  const scale = useAppStore((s) => s.view.scale);
  const swap = useAppStore((s) => s.swapCompared);
  const leave = useAppStore((s) => s.leaveCompare);
  const setWindow = useAppStore((s) => s.setWindow);
  const showSpan = useAppStore((s) => s.showSpan);
  const mark = useAppStore((s) => s.mark);
  const { comparison, rows } = comparisonOf(a, b, release);
  // The entry table's filters, on both sides: a change stays when A's or B's range there passes them.
  const shown = useMemo(() => filterChangeRows(rows, filters), [rows, filters]);
  const bothEntries = useMemo(() => [...a.doc.entries, ...b.doc.entries], [a, b]);
  const [chosen, setChosen] = useState<{ rows: typeof rows; row: ChangeRow } | null>(null);
  // A chosen change stays marked while the map still looks at it: Back, a quick view or a zoom away unmark it.
  const selected = chosen?.rows === rows && window !== null && windowWithin(window, windowAround(chosen.row)) ? chosen.row.id : null;

  const choose = (row: ChangeRow) => {
    setChosen({ rows, row });
    // The map moves there, and A's range there is selected (none where only B has a range).
    const inA = a.doc.entries.find((e) => e.ref.table === row.table && e.start <= row.start && row.start < e.end);
    showSpan(windowAround(row), inA?.ref ?? null);
  };

  return (
    <div className="flex h-full min-h-0 flex-col" data-testid="compare-view" data-same={comparison.same}>
      <div className="flex shrink-0 flex-wrap items-center gap-x-3 gap-y-1 border-b border-zinc-200 px-3 py-1.5 dark:border-zinc-800">
        <span className="min-w-0 truncate" title={`A: ${a.name}`}>
          <span className="font-semibold">A</span> {a.name} <span className="text-zinc-500">({KIND_LABEL[a.doc.format.kind]})</span>
        </span>
        <span aria-hidden className="text-zinc-400">→</span>
        <span className="min-w-0 truncate" title={`B: ${b.name}`}>
          <span className="font-semibold">B</span> {b.name} <span className="text-zinc-500">({KIND_LABEL[b.doc.format.kind]})</span>
        </span>
        <span className="ml-auto flex items-center gap-1.5">
          <Button data-testid="compare-swap" onClick={swap} title="B becomes A, A becomes B">
            Swap A ⇄ B
          </Button>
          <Button data-testid="compare-download" onClick={() => downloadExport(comparisonFile(comparison, a, b))} title="The comparison as JSON, as `cli diff A B` prints it">
            Comparison JSON
          </Button>
          <Button data-testid="compare-leave" onClick={leave} title="Back to A alone">
            Leave compare
          </Button>
        </span>
        {(
          [
            ['A', a],
            ['B', b],
          ] as const
        ).map(([side, file]) =>
          file.doc.error ? (
            <p key={side} className="basis-full text-[12px] text-amber-700 dark:text-amber-400" data-testid="compare-partial" data-side={side}>
              {side} did not decode whole ({file.doc.error.message}): the comparison holds what was read before the error.
            </p>
          ) : null,
        )}
        <p className="basis-full font-medium" data-testid="compare-summary" role="status">
          {comparison.summary.charAt(0).toUpperCase() + comparison.summary.slice(1)}
        </p>
      </div>
      <div className="max-h-72 shrink-0 overflow-x-hidden overflow-y-auto border-b border-zinc-200 px-2 py-1.5 dark:border-zinc-800">
        <CompareStrip a={a.doc.entries} b={b.doc.entries} rows={shown} window={window} scale={scale} filters={filters} selected={selected} onSelect={choose} />
        <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-0.5 text-[11px] text-zinc-500 dark:text-zinc-400" aria-label="Legend of changes">
          {CHANGE_KINDS.map((k) => (
            <span key={k} className="inline-flex items-center gap-1">
              <span aria-hidden className="inline-block size-2.5 rounded-sm" style={{ background: CHANGE_COLOR[k] }} />
              {CHANGE_WORDS[k]}
            </span>
          ))}
          <span>· changes are drawn at least 3 px wide; the strip follows the map's window</span>
          {window && (
            <button type="button" className="underline" onClick={() => setWindow(null)}>
              whole space
            </button>
          )}
        </div>
      </div>
      <div className="grid min-h-0 flex-1 grid-cols-[minmax(0,1fr)_24rem]">
        <div className="flex min-h-0 flex-col">
          <FilterBar shown={shown.length} total={rows.length} entries={bothEntries} noun="changes" countTestId="compare-count" />
          <div className="min-h-0 flex-1">
            <ChangesTable rows={shown} total={rows.length} selected={selected} onSelect={choose} />
          </div>
        </div>
        <div className="grid min-h-0 content-start gap-3 overflow-auto border-l border-zinc-200 p-3 dark:border-zinc-800">
          <ServicingChecks comparison={comparison} onMark={mark} />
          <OtherChanges comparison={comparison} />
        </div>
      </div>
    </div>
  );
}
