// The boot verdict, always in view: accept, panic, or first boot, and the
// openhcl_boot step that decides it, by the rules of the release picked here.
import { useAppStore } from '../store/index.ts';
import { currentBootCheck } from '../store/selectors.ts';
import { ReleasePicker, ReleaseRules } from './ReleasePicker.tsx';
import { bootHeadline } from './bootPhrase.ts';

const TONE = {
  accepted: { icon: '✓', box: 'border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950/50 dark:text-emerald-200', label: 'Accepted' },
  panic: { icon: '✕', box: 'border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950/50 dark:text-red-200', label: 'Panic' },
  'first-boot': { icon: '↺', box: 'border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-200', label: 'First boot' },
  unknown: { icon: '?', box: 'border-zinc-300 bg-zinc-50 text-zinc-800 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200', label: 'Unknown' },
} as const;

export function BootCheckCard() {
  const check = useAppStore(currentBootCheck);
  const kind = useAppStore((s) => s.current?.doc.format.kind ?? 'saved-state');
  if (!check) return null;
  const tone = TONE[check.outcome];
  const { headline, detail } = bootHeadline(check, kind);
  return (
    <section data-testid="boot-check" data-outcome={check.outcome} data-release={check.release} className={`rounded border p-2.5 ${tone.box}`} aria-label="Boot check">
      <div className="mb-1 flex items-center gap-1.5 text-[11px] font-semibold tracking-wide uppercase opacity-80">
        <span aria-hidden className="font-mono">{tone.icon}</span> Boot check · {tone.label}
      </div>
      <p className="leading-snug font-medium">{headline}</p>
      {detail && <p className="mt-1 text-[12px] leading-snug opacity-80">{detail}</p>}
      {check.step && (
        <p className="mt-1.5 font-mono text-[11px] [overflow-wrap:anywhere] opacity-70" title="The openhcl_boot step that decides">
          {check.step}
        </p>
      )}
      <div className="mt-2 grid gap-1 border-t border-current/15 pt-1.5">
        <ReleasePicker />
        <ReleaseRules />
      </div>
    </section>
  );
}
