// Tables that keep only the rows in view in the DOM (react-virtual), scroll to
// the selected row when it changes, and hand it the focus while the focus is
// in the table (keyboard users move through rows). Used by the entry table and
// the changes table.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';

export function useVirtualRows(count: number, selectedIndex: number, rowHeight: number) {
  const scroller = useRef<HTMLDivElement>(null);
  const selectedRow = useRef<HTMLTableRowElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualiser re-renders the table itself; nothing memoises what it returns
  const virtual = useVirtualizer({ count, getScrollElement: () => scroller.current, estimateSize: () => rowHeight, overscan: 30 });
  useEffect(() => {
    if (selectedIndex < 0 || selectedIndex >= count) return;
    virtual.scrollToIndex(selectedIndex, { align: 'auto' });
    requestAnimationFrame(() => {
      if (scroller.current?.contains(document.activeElement)) selectedRow.current?.focus({ preventScroll: true });
    });
  }, [selectedIndex, count, virtual]);
  const items = virtual.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = items.length > 0 ? virtual.getTotalSize() - items.at(-1)!.end : 0;
  return { scroller, selectedRow, items, padTop, padBottom };
}
