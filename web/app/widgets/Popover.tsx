// A button with a panel below it; closes on Escape or a click outside.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Button } from './ui.tsx';

export function Popover({ label, title, children }: { label: ReactNode; title?: string; children: (close: () => void) => ReactNode }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    window.addEventListener('pointerdown', onDown);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('pointerdown', onDown);
      window.removeEventListener('keydown', onKey);
    };
  }, [open]);
  return (
    <div ref={ref} className="relative">
      <Button aria-expanded={open} aria-haspopup="dialog" title={title} active={open} onClick={() => setOpen(!open)}>
        {label}
      </Button>
      {open && (
        <div role="dialog" className="absolute right-0 z-30 mt-1 rounded-md border border-zinc-200 bg-white p-3 shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
          {children(() => setOpen(false))}
        </div>
      )}
    </div>
  );
}
