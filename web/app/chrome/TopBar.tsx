// The top bar: name, what is open (size, kind and why, bytes read), samples,
// open/paste, decode options, share, theme, help.
import { binarySize, exactBytes } from '../../lib/model/text.ts';
import { COMPARE_INPUT_ID, FILE_INPUT_ID } from '../dom.ts';
import { openFiles } from '../hooks/useGlobalInputs.ts';
import { useAppStore } from '../store/index.ts';
import { SAMPLES } from '../store/samples.ts';
import { Popover } from '../widgets/Popover.tsx';
import { KIND_LABEL } from '../widgets/kindLabels.ts';
import { Button } from '../widgets/ui.tsx';
import { DecodeOptions } from './DecodeOptions.tsx';
// Share links and exports (web/app/share) slot in here.
import { ShareSlot } from './ShareSlot.tsx';


export function TopBar() {
  const current = useAppStore((s) => s.current);
  const loading = useAppStore((s) => s.loading);
  const theme = useAppStore((s) => s.view.theme);
  const compareWithBlob = useAppStore((s) => s.compareWithBlob);
  const comparing = useAppStore((s) => s.comparing);
  const openSample = useAppStore((s) => s.openSample);
  const toggleTheme = useAppStore((s) => s.toggleTheme);
  const setPasteOpen = useAppStore((s) => s.setPasteOpen);
  const setHelpOpen = useAppStore((s) => s.setHelpOpen);
  const doc = current?.doc;

  return (
    <header className="flex h-11 shrink-0 items-center gap-3 border-b border-zinc-200 bg-zinc-50 px-3 dark:border-zinc-800 dark:bg-zinc-900">
      <div className="flex items-center gap-2 pr-1">
        <span aria-hidden className="grid size-6 place-items-center rounded bg-sky-600 font-mono text-[11px] font-bold text-white">⬒</span>
        <span className="text-[14px] font-semibold tracking-tight">
          ohcl<span className="text-sky-600 dark:text-sky-400">-topology</span>
        </span>
      </div>

      <div className="flex min-w-0 flex-1 items-center gap-2 border-l border-zinc-200 pl-3 dark:border-zinc-800" data-testid="file-info">
        {loading ? (
          <span className="text-zinc-500">Decoding {loading}…</span>
        ) : current && doc ? (
          <>
            <span className="max-w-80 shrink-0 truncate font-medium" title={comparing ? `A: ${current.name}` : current.name} data-testid="file-name">
              {comparing && <span className="mr-1 text-zinc-500">A</span>}
              {current.name}
            </span>
            <span className="shrink-0 whitespace-nowrap text-zinc-500 tabular dark:text-zinc-400" title={exactBytes(doc.source.size)}>
              {binarySize(BigInt(doc.source.size))}
            </span>
            <span
              className="shrink-0 cursor-help whitespace-nowrap rounded bg-zinc-200 px-1.5 py-px text-[11px] font-medium text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
              title={`Detected because: ${doc.source.detection}`}
              data-testid="file-kind"
              data-kind={doc.format.kind}
            >
              {KIND_LABEL[doc.format.kind]}
            </span>
            {comparing && (
              <span className="max-w-64 shrink-0 truncate font-medium" title={`B: ${comparing.b.name}`} data-testid="file-name-b">
                <span className="mr-1 text-zinc-500">⇄ B</span>
                {comparing.b.name} <span className="font-normal text-zinc-500">({KIND_LABEL[comparing.b.doc.format.kind]})</span>
              </span>
            )}
            <span className="hidden min-w-0 truncate text-[12px] text-zinc-500 xl:inline dark:text-zinc-400" title={doc.source.detection}>
              {doc.source.detection}
            </span>
            <span className="ml-auto shrink-0 whitespace-nowrap text-[12px] text-zinc-500 tabular dark:text-zinc-400" data-testid="bytes-read" title={`${exactBytes(doc.source.bytesRead)} of ${exactBytes(doc.source.size)} read from the file`}>
              {doc.source.bytesRead.toLocaleString('en-US')} bytes read
            </span>
          </>
        ) : (
          <span className="text-zinc-500">Drop a VTL2 image, saved-state blob or device tree anywhere</span>
        )}
      </div>

      <div className="flex shrink-0 items-center gap-1.5">
        <select
          aria-label="Open a sample"
          className="h-7 w-24 rounded border border-zinc-300 bg-white px-1.5 text-[12px] dark:border-zinc-700 dark:bg-zinc-900"
          value=""
          onChange={(e) => {
            const sample = SAMPLES.find((s) => s.file === e.target.value);
            if (sample) void openSample(sample);
          }}
        >
          <option value="">Samples…</option>
          {SAMPLES.map((s) => (
            <option key={s.file} value={s.file}>
              {s.label}
            </option>
          ))}
        </select>
        <input
          id={FILE_INPUT_ID}
          type="file"
          // The button below is the control; this input only serves it (one "Open file" for screen readers).
          aria-hidden="true"
          className="sr-only"
          tabIndex={-1}
          multiple
          onChange={(e) => {
            if (e.target.files) openFiles([...e.target.files]);
            e.target.value = '';
          }}
        />
        <input
          id={COMPARE_INPUT_ID}
          type="file"
          aria-hidden="true"
          className="sr-only"
          tabIndex={-1}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void compareWithBlob(file, file.name);
            e.target.value = '';
          }}
        />
        <Button onClick={() => document.getElementById(FILE_INPUT_ID)?.click()} title="Open a file, or two to compare (o)" aria-label="Open file">
          Open…
        </Button>
        <Button onClick={() => document.getElementById(COMPARE_INPUT_ID)?.click()} disabled={!current} title="Compare the open input (A) with another file (B) (c)" aria-label="Compare with a file">
          Compare…
        </Button>
        <Button onClick={() => setPasteOpen(true)} title="Paste hex or base64 (Ctrl/Cmd+V anywhere)">
          Paste…
        </Button>
        <Popover label="Options" title="Decode options: force the kind or give the base GPA">
          {(close) => <DecodeOptions onDone={close} />}
        </Popover>
        <ShareSlot />
        <Button onClick={toggleTheme} title="Toggle theme (t)" aria-label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}>
          {theme === 'dark' ? '☀' : '☾'}
        </Button>
        <Button onClick={() => setHelpOpen(true)} title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts">
          ?
        </Button>
      </div>
    </header>
  );
}
