// Memory and MMIO entries in one table: sortable columns, filters by VTL type,
// vnode, IGVM type and address, pages of rows, and only the rows in view in the
// DOM (react-virtual), so "all" of 100,000 entries scrolls smoothly. Rows take
// focus (one Tab stop, the selection; arrows move it), Enter selects.
import { memo, useCallback, useMemo, useState } from 'react';
import { entrySize, refKey, sameRef, type Entry, type EntryRef } from '../../lib/model/entries.ts';
import type { EnumValue } from '../../lib/model/savedState.ts';
import { binarySize, exactBytes, groupedHex, hex } from '../../lib/model/text.ts';
import type { SortKey } from '../../lib/model/view.ts';
import { enumLabel } from '../../lib/model/vtlTypes.ts';
import { useAppStore } from '../store/index.ts';
import { allEntries, visibleEntries } from '../store/selectors.ts';
import { Swatch } from '../widgets/ui.tsx';
import { PadRow } from '../widgets/PadRow.tsx';
import { useVirtualRows } from '../widgets/useVirtualRows.ts';
import { vtlColor } from '../widgets/vtlColors.ts';
import { FilterBar } from './FilterBar.tsx';

const PAGE_SIZES = [100, 500, 2000, Infinity] as const;

const COLUMNS: { key: SortKey; label: string; className: string }[] = [
  { key: 'index', label: '#', className: 'w-14' },
  { key: 'start', label: 'Start', className: 'w-40' },
  { key: 'end', label: 'End (excl.)', className: 'w-40' },
  { key: 'size', label: 'Size', className: 'w-24 text-right' },
  { key: 'vnode', label: 'vnode', className: 'w-16 text-right' },
  { key: 'vtl', label: 'VTL type', className: 'w-64' },
  { key: 'igvm', label: 'IGVM type', className: '' },
];

/** Row height in px (fixed layout: the virtualiser places rows by it). */
const ROW_H = 22;

export function EntryTable() {
  const rows = useAppStore(visibleEntries);
  const total = useAppStore(allEntries).length;
  const selection = useAppStore((s) => s.view.selection);
  const marked = useAppStore((s) => s.marked);
  const sort = useAppStore((s) => s.view.sort);
  const setSort = useAppStore((s) => s.setSort);
  const select = useAppStore((s) => s.select);
  const choose = useAppStore((s) => s.choose);
  // A row chosen here is brought into the map's view; clicked again, the selection clears.
  const onRow = useCallback((ref: EntryRef | null) => (ref ? choose(ref) : select(null)), [choose, select]);
  const [pageSize, setPageSize] = useState<number>(500);
  const pages = Math.max(1, Math.ceil(rows.length / pageSize));

  // Where each row is, indexed once per rows array (when first asked): a selection change (↑/↓ through
  // 100,000 rows) is a lookup, not a scan.
  const positionOf = useMemo(() => {
    let index: Map<string, number> | null = null;
    return (ref: EntryRef) => (index ??= new Map(rows.map((r, i) => [refKey(r.ref), i]))).get(refKey(ref)) ?? -1;
  }, [rows]);
  const selectedPosition = selection ? positionOf(selection) : -1;
  // The page follows the selection (arrow keys, a click in the map or a diagnostic) until the user turns
  // one: a page turned is kept while the selection, the rows and the page size it was turned under hold.
  const [turned, setTurned] = useState<{ page: number; selection: typeof selection; rows: typeof rows; pageSize: number } | null>(null);
  const followed = turned !== null && turned.selection === selection && turned.rows === rows && turned.pageSize === pageSize ? turned.page : selectedPosition >= 0 ? Math.floor(selectedPosition / pageSize) : (turned?.page ?? 0);
  const shownPage = Math.min(followed, pages - 1);
  const setPage = (page: number) => setTurned({ page, selection, rows, pageSize });

  const markedKeys = useMemo(() => new Set(marked.map(refKey)), [marked]);
  const shown = pageSize === Infinity ? rows : rows.slice(shownPage * pageSize, (shownPage + 1) * pageSize);
  const selectedIndex = selectedPosition >= 0 ? selectedPosition - (pageSize === Infinity ? 0 : shownPage * pageSize) : -1;
  // Only the rows in view are in the DOM (100,000 rows scroll as smoothly as 100).
  const { scroller, selectedRow, items, padTop, padBottom } = useVirtualRows(shown.length, selectedIndex, ROW_H);
  // One row takes Tab: the selected one, else the first.
  const tabStop = selectedIndex >= 0 && selectedIndex < shown.length ? selectedIndex : 0;

  return (
    <div className="flex h-full min-h-0 flex-col">
      <FilterBar shown={rows.length} total={total} />
      <div ref={scroller} className="min-h-0 flex-1 overflow-auto" data-testid="entry-table">
        <table className="w-full table-fixed border-separate border-spacing-0 text-[12px]" aria-rowcount={shown.length + 1}>
          <thead className="sticky top-0 z-10 bg-zinc-50 dark:bg-zinc-900">
            <tr>
              {COLUMNS.map((c) => (
                <th key={c.key} scope="col" aria-sort={sort.key === c.key ? (sort.descending ? 'descending' : 'ascending') : 'none'} className={`border-b border-zinc-200 px-2 py-1 text-left font-medium text-zinc-500 dark:border-zinc-800 dark:text-zinc-400 ${c.className}`}>
                  <button type="button" className="inline-flex items-center gap-1 hover:text-zinc-900 dark:hover:text-zinc-100" onClick={() => setSort({ key: c.key, descending: sort.key === c.key ? !sort.descending : false })}>
                    {c.label}
                    <span aria-hidden className="w-2 text-[9px]">{sort.key === c.key ? (sort.descending ? '▼' : '▲') : ''}</span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="font-mono tabular">
            <PadRow height={padTop} columns={COLUMNS.length} />
            {items.map((item) => {
              const r = shown[item.index]!;
              const selected = sameRef(r.ref, selection);
              return <EntryRow key={refKey(r.ref)} row={r} position={item.index + 2} selected={selected} marked={markedKeys.has(refKey(r.ref))} tabbable={item.index === tabStop} rowRef={selected ? selectedRow : undefined} onSelect={onRow} />;
            })}
            <PadRow height={padBottom} columns={COLUMNS.length} />
          </tbody>
        </table>
        {rows.length === 0 && <p className="p-4 text-zinc-500">{total === 0 ? 'No entries: nothing was decoded, or the saved state holds none.' : 'No entry matches the filters.'}</p>}
      </div>
      <Pager rows={rows.length} page={shownPage} pages={pages} pageSize={pageSize} setPage={setPage} setPageSize={(n) => { setPageSize(n); setTurned(null); }} />
    </div>
  );
}

interface EntryRowProps {
  row: Entry;
  /** 1-based row number in the table, header row included (aria-rowindex: rows outside the view are not in the DOM). */
  position: number;
  selected: boolean;
  marked: boolean;
  /** The one row Tab reaches. */
  tabbable: boolean;
  rowRef?: React.Ref<HTMLTableRowElement>;
  onSelect: (ref: EntryRef | null) => void;
}

/** Memoised: a selection change re-renders two rows, not all. */
const EntryRow = memo(function EntryRow({ row: r, position, selected, marked, tabbable, rowRef, onSelect }: EntryRowProps) {
  const cell = 'border-b border-zinc-100 px-2 py-[3px] dark:border-zinc-800/70';
  return (
    <tr
      ref={rowRef}
      data-testid="entry-row"
      data-table={r.ref.table}
      data-index={r.ref.index}
      data-start={hex(r.start)}
      data-end={hex(r.end)}
      data-vtl-type={enumLabel(r.vtlType)}
      data-vnode={r.vnode ?? ''}
      data-igvm-type={r.igvmType ? enumLabel(r.igvmType) : ''}
      aria-selected={selected}
      aria-rowindex={position}
      tabIndex={tabbable ? 0 : -1}
      style={{ height: ROW_H }}
      onClick={() => onSelect(selected ? null : r.ref)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onSelect(selected ? null : r.ref);
        }
      }}
      className={`cursor-pointer outline-none focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:ring-inset ${selected ? 'bg-sky-100 dark:bg-sky-900/50' : marked ? 'bg-amber-50 dark:bg-amber-900/20' : 'hover:bg-zinc-50 dark:hover:bg-zinc-900'}`}
    >
      <td className={`${cell} text-zinc-500 ${selected ? 'shadow-[inset_3px_0_0] shadow-sky-600' : ''}`}>
        {r.ref.table === 'mmio' ? <span title="MMIO entry">m{r.ref.index}</span> : r.ref.index}
      </td>
      <td className={cell}>{groupedHex(r.start)}</td>
      <td className={cell}>{groupedHex(r.end)}</td>
      <td className={`${cell} text-right`} title={exactBytes(entrySize(r))}>
        {binarySize(entrySize(r))}
      </td>
      <td className={`${cell} text-right`}>{r.vnode ?? <span className="text-zinc-400">—</span>}</td>
      <td className={cell}>
        <span className="inline-flex items-center gap-1.5">
          <Swatch color={vtlColor(r.vtlType.value)} />
          <EnumText value={r.vtlType} />
        </span>
      </td>
      <td className={cell}>{r.igvmType ? <EnumText value={r.igvmType} /> : <span className="font-sans text-zinc-400">MMIO</span>}</td>
    </tr>
  );
});

function EnumText({ value }: { value: EnumValue }) {
  return value.name ? <span>{value.name}</span> : <span className="text-red-600 dark:text-red-400">unknown ({value.value})</span>;
}

function Pager({ rows, page, pages, pageSize, setPage, setPageSize }: { rows: number; page: number; pages: number; pageSize: number; setPage: (p: number) => void; setPageSize: (n: number) => void }) {
  // "All" is one page: no Infinity × 0 (that read "NaN–17 of 17").
  const first = rows === 0 ? 0 : pageSize === Infinity ? 1 : page * pageSize + 1;
  const last = pageSize === Infinity ? rows : Math.min(rows, (page + 1) * pageSize);
  return (
    <div className="flex h-8 shrink-0 items-center gap-2 border-t border-zinc-200 px-2 text-[12px] text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
      <span className="tabular" data-testid="page-range">
        {first.toLocaleString('en-US')}–{last.toLocaleString('en-US')} of {rows.toLocaleString('en-US')}
      </span>
      {pages > 1 && (
        <>
          <button type="button" className="rounded px-1.5 hover:bg-zinc-100 disabled:opacity-40 dark:hover:bg-zinc-800" disabled={page === 0} onClick={() => setPage(page - 1)} aria-label="Previous page">
            ‹
          </button>
          <span className="tabular">
            page {page + 1}/{pages}
          </span>
          <button type="button" className="rounded px-1.5 hover:bg-zinc-100 disabled:opacity-40 dark:hover:bg-zinc-800" disabled={page >= pages - 1} onClick={() => setPage(page + 1)} aria-label="Next page">
            ›
          </button>
        </>
      )}
      <label className="ml-auto flex items-center gap-1">
        Rows per page
        <select aria-label="Rows per page" className="h-6 rounded border border-zinc-300 bg-white px-1 dark:border-zinc-700 dark:bg-zinc-900" value={String(pageSize)} onChange={(e) => setPageSize(Number(e.target.value))}>
          {PAGE_SIZES.map((n) => (
            <option key={n} value={String(n)}>
              {n === Infinity ? 'all' : n}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
