// The OpenHCL release whose boot rules the verdicts and the comparison apply
// (analysis/releases.ts), and what those rules are.
import { parseRelease, RELEASES, releaseRuleStatements } from '../../lib/analysis/releases.ts';
import { useAppStore } from '../store/index.ts';

export function ReleasePicker({ testId = 'release-picker' }: { testId?: string }) {
  const release = useAppStore((s) => s.view.release);
  const setRelease = useAppStore((s) => s.setRelease);
  return (
    <label className="inline-flex items-center gap-1.5 text-[12px]">
      <span className="text-zinc-500 dark:text-zinc-400">Rules of</span>
      <select
        data-testid={testId}
        aria-label="OpenHCL release whose boot rules apply"
        value={release}
        onChange={(e) => setRelease(parseRelease(e.target.value) ?? release)}
        className="h-6 rounded border border-zinc-300 bg-white px-1 text-[12px] dark:border-zinc-700 dark:bg-zinc-900"
      >
        {RELEASES.map((r) => (
          <option key={r.id} value={r.id}>
            {r.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The rules the chosen release applies, one line each, naming the upstream changes. */
export function ReleaseRules({ testId = 'release-rules' }: { testId?: string }) {
  const release = useAppStore((s) => s.view.release);
  return (
    <details className="text-[11px] opacity-80" data-testid={testId}>
      <summary className="cursor-pointer select-none">Rules applied ({release})</summary>
      <ul className="mt-1 grid list-disc gap-0.5 pl-4">
        {releaseRuleStatements(release).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </details>
  );
}
