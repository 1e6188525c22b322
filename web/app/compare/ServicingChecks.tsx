// Would B boot from the state A persisted: each openhcl_boot step as pass,
// fail or not applicable, with upstream's rule; then what else changed (CPUs,
// persisted regions). Clicking a check selects the ranges it names in A.
import type { CpuListDiff, TopologyComparison } from '../../lib/analysis/compare/index.ts';
import { REGION_WORDS } from '../../lib/analysis/compare/summary.ts';
import type { EntryRef } from '../../lib/model/entries.ts';
import { groupedHex } from '../../lib/model/text.ts';
import { Badge, SectionTitle } from '../widgets/ui.tsx';
import { ReleasePicker, ReleaseRules } from '../panels/ReleasePicker.tsx';

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const OUTCOME_TONE = { pass: 'ok', fail: 'error', 'n/a': 'muted' } as const;

export function ServicingChecks({ comparison, onMark }: { comparison: TopologyComparison; onMark: (refs: EntryRef[]) => void }) {
  const failing = comparison.servicing.filter((s) => s.outcome === 'fail').length;
  return (
    <section aria-label="Servicing checks" data-testid="servicing-checks" data-failing={failing}>
      <SectionTitle right={<ReleasePicker testId="compare-release-picker" />}>Servicing: B boots from A's persisted state</SectionTitle>
      <ul className="grid gap-1">
        {comparison.servicing.map((check) => (
          <li key={check.id}>
            <button
              type="button"
              data-testid="servicing-check"
              data-check={check.id}
              data-outcome={check.outcome}
              disabled={check.entries.a.length === 0}
              onClick={() => onMark(check.entries.a)}
              className="grid w-full grid-cols-[3.2rem_minmax(0,1fr)] items-start gap-x-2 rounded border border-zinc-200 px-2 py-1.5 text-left enabled:hover:bg-zinc-50 dark:border-zinc-800 dark:enabled:hover:bg-zinc-900"
              title={check.entries.a.length ? `Select the ${check.entries.a.length} range(s) of A it is about` : undefined}
            >
              <Badge tone={OUTCOME_TONE[check.outcome]}>{check.outcome}</Badge>
              <span className="min-w-0">
                <span className="block font-medium">{check.detail}</span>
                <span className="block font-mono text-[11px] [overflow-wrap:anywhere] text-zinc-500 dark:text-zinc-400">{check.rule}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      <div className="mt-1.5">
        <ReleaseRules testId="compare-release-rules" />
      </div>
    </section>
  );
}

export function OtherChanges({ comparison }: { comparison: TopologyComparison }) {
  const { cpus, regions } = comparison;
  const lists: [string, CpuListDiff][] = [
    ['CPUs with mapped interrupts, no IO', cpus.withMappedInterruptsNoIo],
    ['CPUs with outstanding IO', cpus.withOutstandingIo],
  ];
  return (
    <section aria-label="CPUs and persisted regions" data-testid="compare-other" className="grid gap-1 text-[12px]">
      <SectionTitle>CPUs and regions</SectionTitle>
      {lists.map(([label, d]) => (
        <p key={label} data-testid="compare-cpu-list" data-same={d.same}>
          <span className="text-zinc-500 dark:text-zinc-400">{label}: </span>
          {!d.compared ? 'not recorded by one side (a device tree holds no CPU lists)' : d.same ? 'same' : `only in A [${d.onlyA.join(', ')}], only in B [${d.onlyB.join(', ')}]`}
        </p>
      ))}
      <p data-testid="compare-cpu-vnodes">
        <span className="text-zinc-500 dark:text-zinc-400">CPU → vnode: </span>
        {!cpus.vnodes.compared
          ? 'not compared (both sides must map CPUs to vnodes, as device trees do)'
          : cpus.vnodes.changes.length === 0
            ? 'same'
            : cpus.vnodes.changes
                .slice(0, 12)
                .map((c) => `CPU ${c.index}: ${c.a ? `vnode ${c.a.vnode}` : '—'} → ${c.b ? `vnode ${c.b.vnode}` : '—'}`)
                .join('; ') + (cpus.vnodes.changes.length > 12 ? `; and ${cpus.vnodes.changes.length - 12} more` : '')}
      </p>
      {regions.length === 0 ? (
        <p className="text-zinc-500 dark:text-zinc-400">Persisted header, protobuf region and accepted memory: where they were.</p>
      ) : (
        regions.map((r) => (
          <p key={r.region} data-testid="compare-region" data-region={r.region}>
            <span className="text-zinc-500 dark:text-zinc-400">{capitalized(REGION_WORDS[r.region])}: </span>
            <span className="font-mono">
              {r.a.map((s) => `${groupedHex(s.start)}..${groupedHex(s.end)}`).join(', ') || '—'} → {r.b.map((s) => `${groupedHex(s.start)}..${groupedHex(s.end)}`).join(', ') || '—'}
            </span>
          </p>
        ))
      )}
    </section>
  );
}
