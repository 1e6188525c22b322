// Filters above the entry table: the address box (an address or a range, or
// hex text found in a start or end, with the mode in view), and pick-lists of
// the VTL types, vnodes and IGVM types present in the file. The map dims what
// the filters leave out, so both always show the same entries.
import { useMemo } from 'react';
import type { Entry } from '../../lib/model/entries.ts';
import { parseAddressQuery, type AddressMode } from '../../lib/model/text.ts';
import { filtersActive, NO_FILTERS, type Filters } from '../../lib/model/view.ts';
import { enumLabel } from '../../lib/model/vtlTypes.ts';
import { ADDRESS_FILTER_ID } from '../dom.ts';
import { useAppStore } from '../store/index.ts';
import { allEntries } from '../store/selectors.ts';
import { Popover } from '../widgets/Popover.tsx';
import { Button, Swatch } from '../widgets/ui.tsx';
import { vtlColor } from '../widgets/vtlColors.ts';

interface Choice {
  value: number;
  label: string;
  /** Entries of this choice in the file. */
  count: number;
  color?: string;
}

const PLACEHOLDER: Record<AddressMode, string> = {
  address: 'Hex address or range a-b  ( / )',
  text: 'Hex digits in start or end  ( / )',
};

function choicesOf(entries: readonly Entry[]) {
  const vtl = new Map<number, Choice>();
  const vnodes = new Map<number, Choice>();
  const igvm = new Map<number, Choice>();
  const add = (map: Map<number, Choice>, value: number, make: () => Omit<Choice, 'count'>) => {
    const choice = map.get(value) ?? { ...make(), count: 0 };
    choice.count++;
    map.set(value, choice);
  };
  for (const e of entries) {
    add(vtl, e.vtlType.value, () => ({ value: e.vtlType.value, label: enumLabel(e.vtlType), color: vtlColor(e.vtlType.value) }));
    if (e.vnode !== null) add(vnodes, e.vnode, () => ({ value: e.vnode!, label: `vnode ${e.vnode}` }));
    if (e.igvmType) add(igvm, e.igvmType.value, () => ({ value: e.igvmType!.value, label: enumLabel(e.igvmType!) }));
  }
  const sorted = (m: Map<number, Choice>) => [...m.values()].sort((a, b) => a.value - b.value);
  return { vtl: sorted(vtl), vnodes: sorted(vnodes), igvm: sorted(igvm) };
}

interface FilterBarProps {
  shown: number;
  total: number;
  /** Where the choices come from (default: the open file's entries; a comparison: A's and B's). */
  entries?: readonly Entry[];
  /** What is counted: `12 of 40 entries`. */
  noun?: string;
  countTestId?: string;
}

export function FilterBar({ shown, total, entries: given, noun = 'entries', countTestId = 'entry-count' }: FilterBarProps) {
  const own = useAppStore(allEntries);
  const entries = given ?? own;
  const filters = useAppStore((s) => s.view.filters);
  const setFilters = useAppStore((s) => s.setFilters);
  const choices = useMemo(() => choicesOf(entries), [entries]);
  const query = parseAddressQuery(filters.address, filters.addressMode);
  const hint = { none: null, point: 'ranges holding it', range: 'ranges overlapping it', text: 'hex digits in start/end', invalid: query.kind === 'invalid' ? `expected ${query.reason}` : null }[query.kind];

  return (
    <div className="flex shrink-0 flex-wrap items-center gap-1.5 border-b border-zinc-200 px-2 py-1.5 dark:border-zinc-800">
      <div className="flex items-center" role="group" aria-label="Address filter">
        <select
          aria-label="Address filter mode"
          data-testid="address-mode"
          value={filters.addressMode}
          onChange={(e) => setFilters({ addressMode: e.target.value as AddressMode })}
          className="h-7 rounded-l border border-r-0 border-zinc-300 bg-zinc-50 px-1 text-[12px] dark:border-zinc-700 dark:bg-zinc-800"
          title="Address: the ranges holding an address, or overlapping a range. Text: the ranges whose start or end holds these hex digits."
        >
          <option value="address">Address</option>
          <option value="text">Text</option>
        </select>
        <input
          id={ADDRESS_FILTER_ID}
          aria-label={filters.addressMode === 'address' ? 'Filter by address or range (hex)' : 'Filter by hex digits in start or end'}
          value={filters.address}
          onChange={(e) => setFilters({ address: e.target.value })}
          onKeyDown={(e) => {
            if (e.key === 'Escape') (e.target as HTMLInputElement).blur();
          }}
          placeholder={PLACEHOLDER[filters.addressMode]}
          spellCheck={false}
          aria-invalid={query.kind === 'invalid'}
          className={`h-7 w-60 rounded-r border bg-white px-2 font-mono text-[12px] dark:bg-zinc-900 ${query.kind === 'invalid' ? 'border-red-500' : 'border-zinc-300 dark:border-zinc-700'}`}
        />
      </div>
      {hint && (
        <span className={`text-[11px] ${query.kind === 'invalid' ? 'text-red-700 dark:text-red-400' : 'text-zinc-500 dark:text-zinc-400'}`} data-testid="address-hint">
          {hint}
        </span>
      )}
      <Pick title="VTL type" choices={choices.vtl} selected={filters.vtlTypes} onChange={(vtlTypes) => setFilters({ vtlTypes })} />
      <Pick title="vnode" choices={choices.vnodes} selected={filters.vnodes} onChange={(vnodes) => setFilters({ vnodes })} />
      <Pick title="IGVM type" choices={choices.igvm} selected={filters.igvmTypes} onChange={(igvmTypes) => setFilters({ igvmTypes })} />
      {filtersActive(filters) && (
        <Button onClick={() => setFilters({ ...NO_FILTERS, addressMode: filters.addressMode })} title="Clear all filters">
          Clear
        </Button>
      )}
      <span className="ml-auto text-[12px] text-zinc-500 tabular dark:text-zinc-400" data-testid={countTestId}>
        {shown === total ? `${total} ${noun}` : `${shown} of ${total} ${noun}`}
      </span>
    </div>
  );
}

function Pick({ title, choices, selected, onChange }: { title: string; choices: Choice[]; selected: Filters['vtlTypes']; onChange: (v: number[] | null) => void }) {
  const set = new Set(selected ?? choices.map((c) => c.value));
  const summary = selected === null ? 'all' : selected.length === 1 ? (choices.find((c) => c.value === selected[0])?.label ?? String(selected[0])) : `${selected.length} of ${choices.length}`;
  const toggle = (value: number) => {
    const next = new Set(set);
    if (next.has(value)) next.delete(value);
    else next.add(value);
    onChange(next.size === choices.length ? null : [...next].sort((a, b) => a - b));
  };
  return (
    <Popover label={<>{title}: <span className={selected === null ? 'font-normal opacity-70' : ''}>{summary}</span> ▾</>} title={`Filter by ${title}`}>
      {() => (
        <div className="grid max-h-80 min-w-64 gap-0.5 overflow-auto text-[12px]" role="group" aria-label={`${title} filter`}>
          <div className="mb-1 flex gap-1">
            <Button onClick={() => onChange(null)}>All</Button>
            <Button onClick={() => onChange([])}>None</Button>
          </div>
          {choices.map((c) => (
            <label key={c.value} className="flex items-center gap-2 rounded px-1 py-0.5 hover:bg-zinc-100 dark:hover:bg-zinc-800">
              <input type="checkbox" checked={set.has(c.value)} onChange={() => toggle(c.value)} />
              {c.color && <Swatch color={c.color} />}
              <span className="font-mono">{c.label}</span>
              <span className="ml-auto pl-2 text-zinc-400 tabular">
                {c.count} {c.count === 1 ? 'range' : 'ranges'}
              </span>
            </label>
          ))}
          {choices.length === 0 && <span className="text-zinc-500">None in this file.</span>}
        </div>
      )}
    </Popover>
  );
}
