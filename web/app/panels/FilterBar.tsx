// Filters above the entry table: address (a point, a range or hex text), and
// pick-lists of the VTL types, vnodes and IGVM types present in the file.
import { useMemo } from 'react';
import { enumLabel } from '../../lib/analysis/vtlTypes.ts';
import { Popover } from '../chrome/Popover.tsx';
import { Button, Swatch } from '../chrome/ui.tsx';
import { parseAddressQuery } from '../model/rows.ts';
import { allRows } from '../model/visibleRows.ts';
import { vtlColor } from '../model/vtlColors.ts';
import { NO_FILTERS, useAppStore, type Filters } from '../store/index.ts';

export const ADDRESS_FILTER_ID = 'entry-filter-address';

interface Choice {
  value: number;
  label: string;
  color?: string;
}

export function FilterBar({ shown, total }: { shown: number; total: number }) {
  const decoded = useAppStore((s) => s.current?.doc.decoded ?? null);
  const filters = useAppStore((s) => s.view.filters);
  const setFilters = useAppStore((s) => s.setFilters);
  const choices = useMemo(() => {
    const vtl = new Map<number, Choice>();
    const vnodes = new Map<number, Choice>();
    const igvm = new Map<number, Choice>();
    for (const r of allRows(decoded)) {
      vtl.set(r.vtlType.value, { value: r.vtlType.value, label: enumLabel(r.vtlType), color: vtlColor(r.vtlType.value) });
      if (r.vnode !== null) vnodes.set(r.vnode, { value: r.vnode, label: `vnode ${r.vnode}` });
      if (r.igvmType) igvm.set(r.igvmType.value, { value: r.igvmType.value, label: enumLabel(r.igvmType) });
    }
    const sorted = (m: Map<number, Choice>) => [...m.values()].sort((a, b) => a.value - b.value);
    return { vtl: sorted(vtl), vnodes: sorted(vnodes), igvm: sorted(igvm) };
  }, [decoded]);
  const query = parseAddressQuery(filters.address);
  const active = filters !== NO_FILTERS && (filters.vtlTypes || filters.vnodes || filters.igvmTypes || filters.address);

  return (
    <div className="flex shrink-0 flex-wrap items-center gap-1.5 border-b border-zinc-200 px-2 py-1.5 dark:border-zinc-800">
      <label className="relative">
        <span className="sr-only">Filter by address</span>
        <input
          id={ADDRESS_FILTER_ID}
          value={filters.address}
          onChange={(e) => setFilters({ address: e.target.value })}
          onKeyDown={(e) => {
            if (e.key === 'Escape') (e.target as HTMLInputElement).blur();
          }}
          placeholder="Address, range or hex  ( / )"
          spellCheck={false}
          className="h-7 w-64 rounded border border-zinc-300 bg-white px-2 font-mono text-[12px] dark:border-zinc-700 dark:bg-zinc-900"
        />
      </label>
      {query.kind !== 'none' && (
        <span className="text-[11px] text-zinc-500 dark:text-zinc-400">{query.kind === 'point' ? 'ranges containing it' : query.kind === 'range' ? 'ranges overlapping it' : 'hex text in start/end'}</span>
      )}
      <Pick title="VTL type" choices={choices.vtl} selected={filters.vtlTypes} onChange={(vtlTypes) => setFilters({ vtlTypes })} />
      <Pick title="vnode" choices={choices.vnodes} selected={filters.vnodes} onChange={(vnodes) => setFilters({ vnodes })} />
      <Pick title="IGVM type" choices={choices.igvm} selected={filters.igvmTypes} onChange={(igvmTypes) => setFilters({ igvmTypes })} />
      {active && (
        <Button onClick={() => setFilters(NO_FILTERS)} title="Clear all filters">
          Clear
        </Button>
      )}
      <span className="ml-auto text-[12px] text-zinc-500 tabular dark:text-zinc-400" data-testid="entry-count">
        {shown === total ? `${total} entries` : `${shown} of ${total} entries`}
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
        <div className="grid max-h-80 min-w-56 gap-0.5 overflow-auto text-[12px]">
          <div className="mb-1 flex gap-1">
            <Button onClick={() => onChange(null)}>All</Button>
            <Button onClick={() => onChange([])}>None</Button>
          </div>
          {choices.map((c) => (
            <label key={c.value} className="flex items-center gap-2 rounded px-1 py-0.5 hover:bg-zinc-100 dark:hover:bg-zinc-800">
              <input type="checkbox" checked={set.has(c.value)} onChange={() => toggle(c.value)} />
              {c.color && <Swatch color={c.color} />}
              <span className="font-mono">{c.label}</span>
              <span className="ml-auto pl-2 text-zinc-400 tabular">{c.value}</span>
            </label>
          ))}
          {choices.length === 0 && <span className="text-zinc-500">None in this file.</span>}
        </div>
      )}
    </Popover>
  );
}
