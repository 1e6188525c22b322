// OpenHCL releases whose boot rules differ (FORMAT.md §6), as data: which
// upstream change brought or removed each rule, and which releases have it.
// The boot check and the comparison take a release and say which rules they
// applied; a view offers RELEASES as a picker. A new release or rule is a new
// row here, not a new branch in the checks. The ids, and their order (a link
// stores the index), are model/view.ts's RELEASE_IDS.

import { RELEASE_IDS, type OpenhclRelease } from '../model/view.ts';

// For modules that still import the type from here (analysis/compare, deviceTreeChecks.ts): model/view.ts defines it.
export { DEFAULT_RELEASE, type OpenhclRelease } from '../model/view.ts';

/** An openvmm pull request and the day it was merged (ISO date). */
export interface UpstreamChange {
  pr: number;
  date: string;
}

export interface ReleaseInfo {
  id: OpenhclRelease;
  /** For a picker. */
  label: string;
  /** Releases built before this day (ISO date); null: built from today's openvmm. */
  builtBefore: string | null;
}

/** One row per release id (the type holds every id to one). */
const RELEASE_ROWS: Record<OpenhclRelease, Omit<ReleaseInfo, 'id'>> = {
  current: { label: 'current (openvmm main)', builtBefore: null },
  'pre-2026-04': { label: 'before April 2026', builtBefore: '2026-04-01' },
};

/** In RELEASE_IDS order. */
export const RELEASES: readonly ReleaseInfo[] = RELEASE_IDS.map((id) => ({ id, ...RELEASE_ROWS[id] }));

export type ReleaseRuleId = 'single-gpa-pool' | 'cpu-lists-off-sidecar';

export interface ReleaseRule {
  id: ReleaseRuleId;
  /** What the boot does in a release that has the rule. */
  inForce: string;
  /** What it does in one that does not. */
  notInForce: string;
  /** Upstream's own words for the rule (an assert's message), when it has some. */
  upstream: string | null;
  /** The change that brought the rule, and any that completed it. */
  since: UpstreamChange[];
  /** The change that removed it; null while upstream still has it. */
  until: UpstreamChange | null;
}

export const RELEASE_RULES: readonly ReleaseRule[] = [
  {
    id: 'single-gpa-pool',
    inForce: 'a persisted state with more than one VTL2_GPA_POOL range panics the boot',
    notInForce: 'more than one VTL2_GPA_POOL range is accepted (the pool may be split across NUMA nodes, one range per node, at most 64)',
    upstream: 'previous instance had multiple pool ranges',
    since: [{ pr: 2030, date: '2025-10-20' }],
    until: { pr: 3312, date: '2026-04-30' },
  },
  {
    id: 'cpu-lists-off-sidecar',
    inForce: 'the union of both CPU lists, sorted and de-duplicated, is the set of CPUs the kernel starts itself instead of the sidecar',
    notInForce: 'the CPU lists are decoded but do not choose which CPUs the kernel starts instead of the sidecar',
    upstream: null,
    since: [
      { pr: 3166, date: '2026-04-14' },
      { pr: 3706, date: '2026-06-18' },
    ],
    until: null,
  },
];

export function releaseInfo(release: OpenhclRelease): ReleaseInfo {
  return RELEASES.find((r) => r.id === release)!;
}

export function parseRelease(text: string): OpenhclRelease | null {
  return RELEASES.find((r) => r.id === text)?.id ?? null;
}

/** Whether releases of `release` have `rule`: built after the change that brought it, before the one that removed it. */
export function hasRule(release: OpenhclRelease, rule: ReleaseRuleId): boolean {
  const r = RELEASE_RULES.find((x) => x.id === rule)!;
  const before = releaseInfo(release).builtBefore;
  if (before === null) return r.until === null;
  return r.since[0]!.date < before && (r.until === null || r.until.date >= before);
}

const changeText = (c: UpstreamChange) => `openvmm #${c.pr}, ${c.date}`;

/** One sentence per rule, as `release` applies it, naming the upstream changes (for JSON and views). */
export function releaseRuleStatements(release: OpenhclRelease): string[] {
  return RELEASE_RULES.map((rule) => {
    if (hasRule(release, rule.id)) {
      const words = rule.upstream ? ` ("${rule.upstream}")` : '';
      const until = rule.until ? `, until ${changeText(rule.until)}` : '';
      return `${rule.inForce}${words} (since ${rule.since.map(changeText).join('; ')}${until})`;
    }
    const when = rule.until && !predates(release, rule) ? `since ${changeText(rule.until)}` : `before ${changeText(rule.since[0]!)}`;
    return `${rule.notInForce} (${when})`;
  });
}

/** Whether `release` was built before the change that brought `rule`. */
function predates(release: OpenhclRelease, rule: ReleaseRule): boolean {
  const before = releaseInfo(release).builtBefore;
  return before !== null && rule.since[0]!.date >= before;
}

/** The releases that have `rule`, e.g. to say which would panic. */
export function releasesWith(rule: ReleaseRuleId): ReleaseInfo[] {
  return RELEASES.filter((r) => hasRule(r.id, rule));
}

export function ruleById(rule: ReleaseRuleId): ReleaseRule {
  return RELEASE_RULES.find((r) => r.id === rule)!;
}
