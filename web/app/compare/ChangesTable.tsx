// The changes, one row each (piece, A, B, what changed), only the rows in view
// in the DOM. A row is chosen by click, Enter or the arrow keys; the choice
// moves the map and the strip to it. Stable selectors for tests and scripts:
// `compare-change` rows with data-start, data-end (hex), data-kind, data-table.
import { memo } from 'react';
import { attributesText, CHANGE_WORDS, rangesText, type ChangeRow } from '../../lib/analysis/compare/changeRows.ts';
import { binarySize, exactBytes, groupedHex, hex } from '../../lib/model/text.ts';
import { PadRow } from '../widgets/PadRow.tsx';
import { useVirtualRows } from '../widgets/useVirtualRows.ts';
import { CHANGE_COLOR } from './changeColors.ts';

const ROW_H = 22;
const COLUMNS = [
  { label: 'Start', className: 'w-36' },
  { label: 'End (excl.)', className: 'w-36' },
  { label: 'Size', className: 'w-20 text-right' },
  { label: 'What changed', className: 'w-32' },
  { label: 'A', className: '' },
  { label: 'B', className: '' },
];

interface Props {
  rows: readonly ChangeRow[];
  total: number;
  selected: number | null;
  onSelect: (row: ChangeRow) => void;
}

export function ChangesTable({ rows, total, selected, onSelect }: Props) {
  const selectedIndex = selected === null ? -1 : rows.findIndex((r) => r.id === selected);
  const { scroller, selectedRow, items, padTop, padBottom } = useVirtualRows(rows.length, selectedIndex, ROW_H);
  const tabStop = selectedIndex >= 0 ? selectedIndex : 0;
  const move = (by: number) => {
    const next = rows[Math.min(rows.length - 1, Math.max(0, (selectedIndex < 0 ? (by > 0 ? -1 : rows.length) : selectedIndex) + by))];
    if (next) onSelect(next);
  };

  return (
    <div ref={scroller} className="h-full min-h-0 overflow-auto" data-testid="compare-changes">
      <table className="w-full table-fixed border-separate border-spacing-0 text-[12px]" aria-label="Changes from A to B" aria-rowcount={rows.length + 1}>
        <thead className="sticky top-0 z-10 bg-zinc-50 dark:bg-zinc-900">
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.label} scope="col" className={`border-b border-zinc-200 px-2 py-1 text-left font-medium text-zinc-500 dark:border-zinc-800 dark:text-zinc-400 ${c.className}`}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody
          className="font-mono tabular"
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              e.stopPropagation();
              move(e.key === 'ArrowDown' ? 1 : -1);
            }
          }}
        >
          <PadRow height={padTop} columns={COLUMNS.length} />
          {items.map((item) => {
            const row = rows[item.index]!;
            const isSelected = row.id === selected;
            return <ChangeRowView key={row.id} row={row} position={item.index + 2} selected={isSelected} tabbable={item.index === tabStop} rowRef={isSelected ? selectedRow : undefined} onSelect={onSelect} />;
          })}
          <PadRow height={padBottom} columns={COLUMNS.length} />
        </tbody>
      </table>
      {rows.length === 0 && <p className="p-4 text-zinc-500">{total === 0 ? 'No address changes: every byte has the same attributes in A and B, and every range the same bounds.' : 'No change matches the filters.'}</p>}
    </div>
  );
}

interface RowProps {
  row: ChangeRow;
  position: number;
  selected: boolean;
  tabbable: boolean;
  rowRef?: React.Ref<HTMLTableRowElement>;
  onSelect: (row: ChangeRow) => void;
}

const ChangeRowView = memo(function ChangeRowView({ row, position, selected, tabbable, rowRef, onSelect }: RowProps) {
  const cell = 'border-b border-zinc-100 px-2 py-[3px] truncate dark:border-zinc-800/70';
  const size = row.end - row.start;
  const a = row.kind === 'boundary' ? rangesText(row.aRanges, row.aMore) : attributesText(row.a, row.aMore);
  const b = row.kind === 'boundary' ? rangesText(row.bRanges, row.bMore) : attributesText(row.b, row.bMore);
  return (
    <tr
      ref={rowRef}
      data-testid="compare-change"
      data-table={row.table}
      data-start={hex(row.start)}
      data-end={hex(row.end)}
      data-kind={row.kind}
      aria-selected={selected}
      aria-rowindex={position}
      tabIndex={tabbable ? 0 : -1}
      style={{ height: ROW_H }}
      onClick={() => onSelect(row)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onSelect(row);
        }
      }}
      className={`cursor-pointer outline-none focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:ring-inset ${selected ? 'bg-sky-100 dark:bg-sky-900/50' : 'hover:bg-zinc-50 dark:hover:bg-zinc-900'}`}
    >
      <td className={cell}>
        {row.table === 'mmio' && <span className="mr-1 font-sans text-[10px] text-zinc-500">MMIO</span>}
        {groupedHex(row.start)}
      </td>
      <td className={cell}>{groupedHex(row.end)}</td>
      <td className={`${cell} text-right`} title={exactBytes(size)}>
        {binarySize(size)}
      </td>
      <td className={`${cell} font-sans`}>
        <span className="inline-flex items-center gap-1.5">
          <span aria-hidden className="inline-block size-2.5 rounded-sm" style={{ background: CHANGE_COLOR[row.kind] }} />
          {CHANGE_WORDS[row.kind]}
        </span>
      </td>
      <td className={cell} title={a}>
        {a}
      </td>
      <td className={cell} title={b}>
        {b}
      </td>
    </tr>
  );
});
