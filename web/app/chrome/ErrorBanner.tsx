// Bad input, said in place, cause first: what failed, where (byte or character
// offset), what followed from it, and a way back to the last file that opened.
// An image whose header OpenHCL ignores gets a notice instead, saying what the
// next boot would do, with a way to look at its payload anyway. Never a stack trace.
import type { ReactNode } from 'react';
import { explain } from '../../lib/analysis/explain.ts';
import { exactBytes } from '../../lib/model/text.ts';
import { useAppStore } from '../store/index.ts';
import { Button } from '../widgets/ui.tsx';
import { DecodeAnyway } from './DecodeAnyway.tsx';

const TONES = {
  error: 'border-red-200 bg-red-50 text-red-900 dark:border-red-900 dark:bg-red-950/60 dark:text-red-200',
  notice: 'border-amber-200 bg-amber-50 text-amber-950 dark:border-amber-900 dark:bg-amber-950/50 dark:text-amber-100',
} as const;

export function ErrorBanner() {
  const current = useAppStore((s) => s.current);
  const previous = useAppStore((s) => s.previous);
  const lastError = useAppStore((s) => s.lastError);
  const clearError = useAppStore((s) => s.clearError);
  const goBack = useAppStore((s) => s.goBack);
  const awaited = useAppStore((s) => s.awaited);
  const clearAwaited = useAppStore((s) => s.clearAwaited);

  // A failure that produced no document (bad paste, sample not loaded) comes first: it is the newest.
  if (lastError) {
    const unit = lastError.code === 'paste-format' ? 'character' : 'byte';
    return (
      <Banner tone="error" testId="error-banner" code={lastError.code} offset={lastError.offset} unit={unit} title={`Could not open ${lastError.source}`} message={lastError.message} actions={<Button onClick={clearError}>Dismiss</Button>}>
        {current && <div className="text-[12px] opacity-80">{current.name} is still open below.</div>}
      </Banner>
    );
  }
  if (awaited) {
    return (
      <Banner
        tone="notice"
        testId="awaited-banner"
        code="view-only-link"
        offset={null}
        unit="byte"
        title={`This link shows a view of ${awaited.name}`}
        message={`${awaited.name} (${exactBytes(awaited.size)}) is too large to travel in a link, so the link carries the view only. Open that file (drop it here, or Open…) to see it.`}
        actions={<Button onClick={clearAwaited}>Dismiss</Button>}
      />
    );
  }
  if (!current) return null;
  const explanation = explain(current.doc);
  if (!explanation) return null;
  const { format, source } = current.doc;
  const canDecodeAnyway = explanation.tone === 'notice' && format.kind === 'vtl2-image' && !current.options.anyway && source.size > 32;
  return (
    <Banner
      tone={explanation.tone}
      testId={explanation.tone === 'error' ? 'error-banner' : 'notice-banner'}
      code={explanation.code}
      offset={explanation.offset}
      unit="byte"
      title={explanation.tone === 'error' ? `${current.name} did not decode` : `${current.name}: OpenHCL ignores this header`}
      message={explanation.headline}
      actions={
        explanation.tone === 'error' &&
        previous && (
          <Button onClick={goBack} title={`Back to ${previous.name}`}>
            ← Back to {previous.name}
          </Button>
        )
      }
    >
      {explanation.consequence && (
        <div className="break-words" data-testid="banner-consequence">
          {explanation.consequence}
        </div>
      )}
      {explanation.tone === 'error' && <div className="text-[12px] opacity-80">What was read before the error is shown below.</div>}
      {/* Keyed by the file: another damaged image starts from its own offset and length. */}
      {canDecodeAnyway && format.kind === 'vtl2-image' && <DecodeAnyway key={source.fingerprint ?? `${current.name}:${source.size}`} format={format} size={source.size} />}
    </Banner>
  );
}

interface BannerProps {
  tone: keyof typeof TONES;
  testId: string;
  code: string;
  offset: number | null;
  unit: string;
  title: string;
  message: string;
  children?: ReactNode;
  actions?: ReactNode;
}

function Banner({ tone, testId, code, offset, unit, title, message, children, actions }: BannerProps) {
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} data-testid={testId} data-code={code} data-offset={offset ?? ''} className={`flex items-start gap-3 border-b px-4 py-2 ${TONES[tone]}`}>
      <span aria-hidden className="mt-px font-bold">
        {tone === 'error' ? '!' : 'i'}
      </span>
      <div className="min-w-0 flex-1">
        <div className="font-semibold">
          {title}
          {offset !== null && (
            <span className="ml-2 font-mono font-normal tabular">
              at {unit} {offset} (0x{offset.toString(16)})
            </span>
          )}
          <span className="ml-2 font-mono text-[11px] font-normal opacity-70">{code}</span>
        </div>
        <div className="break-words" data-testid="banner-message">
          {message}
        </div>
        {children}
      </div>
      {actions}
    </div>
  );
}
