// Bad input, said in place: what failed, where (byte or character offset), and
// a way back to the file that was open before. Never a stack trace.
import { useAppStore } from '../store/index.ts';
import { Button } from '../widgets/ui.tsx';

export function ErrorBanner() {
  const current = useAppStore((s) => s.current);
  const previous = useAppStore((s) => s.previous);
  const lastError = useAppStore((s) => s.lastError);
  const clearError = useAppStore((s) => s.clearError);
  const goBack = useAppStore((s) => s.goBack);

  // A failure that produced no document (bad paste, sample not loaded) comes first: it is the newest.
  const error = lastError
    ? { title: `Could not open ${lastError.source}`, message: lastError.message, code: lastError.code, offset: lastError.offset, unit: lastError.code === 'paste-format' ? 'character' : 'byte', kept: current?.name ?? null }
    : current?.doc.error
      ? { title: `${current.name} did not decode`, message: current.doc.error.message, code: current.doc.error.code, offset: current.doc.error.offset, unit: 'byte', kept: null }
      : null;
  if (!error) return null;

  return (
    <div
      role="alert"
      data-testid="error-banner"
      data-code={error.code}
      data-offset={error.offset ?? ''}
      className="flex items-start gap-3 border-b border-red-200 bg-red-50 px-4 py-2 text-red-900 dark:border-red-900 dark:bg-red-950/60 dark:text-red-200"
    >
      <span aria-hidden className="mt-px font-bold">!</span>
      <div className="min-w-0 flex-1">
        <div className="font-semibold">
          {error.title}
          {error.offset !== null && (
            <span className="ml-2 font-mono font-normal tabular">
              at {error.unit} {error.offset} (0x{error.offset.toString(16)})
            </span>
          )}
          <span className="ml-2 font-mono text-[11px] font-normal opacity-70">{error.code}</span>
        </div>
        <div className="break-words">{error.message}</div>
        {error.kept && <div className="text-[12px] opacity-80">{error.kept} is still open below.</div>}
        {!lastError && current?.doc.error && <div className="text-[12px] opacity-80">What was read before the error is shown below.</div>}
      </div>
      {!lastError && previous && (
        <Button onClick={goBack} title={`Back to ${previous.name}`}>
          ← Back to {previous.name}
        </Button>
      )}
      {lastError && <Button onClick={clearError}>Dismiss</Button>}
    </div>
  );
}
