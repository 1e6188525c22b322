// The page: top bar, error banner, the address map across the top, the panels
// as tabs below with the boot verdict and the selection in a sidebar.
import { lazy, Suspense, useEffect } from 'react';
import { Announcer } from './chrome/Announcer.tsx';
import { ErrorBanner } from './chrome/ErrorBanner.tsx';
import { HelpOverlay } from './chrome/HelpOverlay.tsx';
import { MapSlot } from './chrome/MapSlot.tsx';
import { PasteDialog } from './chrome/PasteDialog.tsx';
import { Tabs } from './chrome/Tabs.tsx';
import { TopBar } from './chrome/TopBar.tsx';
import { useGlobalInputs } from './hooks/useGlobalInputs.ts';
import { useShortcuts } from './hooks/useShortcuts.ts';
import { BootCheckCard } from './panels/BootCheckCard.tsx';
import { EntryTable } from './panels/EntryTable.tsx';
import { SelectionDetails } from './panels/SelectionDetails.tsx';
import { DEFAULT_SAMPLE } from './store/samples.ts';
import { useAppStore } from './store/index.ts';

// The entry table shows first; the other panels load when opened (first-load JS stays small).
const NumaPanel = lazy(() => import('./panels/NumaPanel.tsx'));
const HeaderPanel = lazy(() => import('./panels/HeaderPanel.tsx'));
const DiagnosticsPanel = lazy(() => import('./panels/DiagnosticsPanel.tsx'));
const EditorPanel = lazy(() => import('./edit/EditorPanel.tsx'));
const DiagramView = lazy(() => import('./diagram/DiagramView.tsx'));
const CompareView = lazy(() => import('./compare/CompareView.tsx'));

export function App() {
  const theme = useAppStore((s) => s.view.theme);
  const panel = useAppStore((s) => s.view.panel);
  const hasFile = useAppStore((s) => s.current !== null);
  const dragging = useGlobalInputs();
  useShortcuts();

  useEffect(() => {
    document.documentElement.classList.toggle('dark', theme === 'dark');
  }, [theme]);

  useEffect(() => {
    // A share link (#…) brings its own document; otherwise start on the realistic sample.
    if (!location.hash && !useAppStore.getState().current) void useAppStore.getState().openSample(DEFAULT_SAMPLE);
  }, []);

  return (
    <div className="flex h-full min-h-0 flex-col">
      <TopBar />
      <ErrorBanner />
      <div className="shrink-0 border-b border-zinc-200 bg-zinc-50/60 dark:border-zinc-800 dark:bg-zinc-900/40">
        <MapSlot />
      </div>
      <div className="flex min-h-0 flex-1">
        <main className="flex min-w-0 flex-1 flex-col">
          <Tabs />
          <div className="min-h-0 flex-1" role="tabpanel" id={`panel-${panel}`} aria-labelledby={`tab-${panel}`}>
            {hasFile && panel === 'entries' && <EntryTable />}
            <Suspense fallback={<p className="p-4 text-zinc-500">Loading…</p>}>
              {hasFile && panel === 'numa' && <NumaPanel />}
              {hasFile && panel === 'header' && <HeaderPanel />}
              {hasFile && panel === 'diagnostics' && <DiagnosticsPanel />}
              {hasFile && panel === 'diagram' && <DiagramSlot />}
              {panel === 'edit' && <EditorPanel />}
              {panel === 'compare' && <CompareView />}
            </Suspense>
          </div>
        </main>
        <aside className="grid w-72 shrink-0 grid-cols-[minmax(0,1fr)] content-start gap-4 overflow-auto border-l border-zinc-200 p-3 dark:border-zinc-800" aria-label="Verdict and selection">
          <BootCheckCard />
          {hasFile && <SelectionDetails />}
        </aside>
      </div>
      <Announcer />
      <HelpOverlay />
      <PasteDialog />
      {dragging && (
        <div className="pointer-events-none fixed inset-0 z-40 grid place-items-center bg-sky-500/10 ring-4 ring-sky-500 ring-inset" data-testid="drop-overlay">
          <div className="rounded-lg bg-white px-5 py-3 text-[14px] font-medium shadow-lg dark:bg-zinc-900">Drop to open: read in this tab, never uploaded</div>
        </div>
      )}
    </div>
  );
}

/** The memory-layout diagram of the open topology, tied to the selection. */
function DiagramSlot() {
  const current = useAppStore((s) => s.current!);
  const theme = useAppStore((s) => s.view.theme);
  const selection = useAppStore((s) => s.view.selection);
  const select = useAppStore((s) => s.select);
  return <DiagramView doc={current.doc} name={current.name} theme={theme} selection={selection} onSelect={select} />;
}
