// The selected entry in full: range in hex, size in binary units and exact
// bytes, vnode, types, index, and the findings that name it.
import { entryByRef, entrySize, refLabel, sameRef } from '../../lib/model/entries.ts';
import { binarySize, exactBytes, groupedHex } from '../../lib/model/text.ts';
import { enumLabel } from '../../lib/model/vtlTypes.ts';
import { useAppStore } from '../store/index.ts';
import { Badge, Field, SectionTitle, Swatch } from '../widgets/ui.tsx';
import { vtlColor } from '../widgets/vtlColors.ts';

export function SelectionDetails() {
  const selection = useAppStore((s) => s.view.selection);
  const doc = useAppStore((s) => s.current?.doc ?? null);
  const marked = useAppStore((s) => s.marked);
  const select = useAppStore((s) => s.select);
  const entry = doc ? entryByRef(doc.entries, selection) : null;
  if (!doc || !selection || !entry) {
    return (
      <section>
        <SectionTitle>Selection</SectionTitle>
        <p className="text-[12px] text-zinc-500 dark:text-zinc-400">Click a range in the map or a row in the table; ↑/↓ move through the table.</p>
      </section>
    );
  }
  const size = entrySize(entry);
  const findings = doc.diagnostics.filter((d) => d.entries.some((e) => sameRef(e, selection)));
  return (
    <section data-testid="selection-details" data-table={selection.table} data-index={selection.index}>
      <SectionTitle
        right={
          <button type="button" className="text-[11px] text-zinc-500 hover:text-zinc-900 dark:hover:text-zinc-100" onClick={() => select(null)} title="Clear selection (Esc)">
            clear
          </button>
        }
      >
        Selection{marked.length > 1 ? ` (1 of ${marked.length} marked)` : ''}
      </SectionTitle>
      <div className="mb-2 flex items-center gap-2 font-mono text-[13px] font-semibold">
        <Swatch color={vtlColor(entry.vtlType.value)} />
        {enumLabel(entry.vtlType)}
      </div>
      <dl className="grid grid-cols-[5.5rem_minmax(0,1fr)] gap-x-2 gap-y-1 text-[12px]">
        <Field label="Entry">{refLabel(entry.ref)}</Field>
        <Field label="Start">{groupedHex(entry.start)}</Field>
        <Field label="End (excl.)">{groupedHex(entry.end)}</Field>
        <Field label="Size">
          {binarySize(size)}
          <div className="text-zinc-500">{exactBytes(size)}</div>
          {entry.start > entry.end && <div className="font-sans text-red-600">inverted: start is after end</div>}
        </Field>
        <Field label="vnode">{entry.vnode ?? <span className="font-sans text-zinc-500">— (MMIO has none)</span>}</Field>
        <Field label="VTL type">
          {enumLabel(entry.vtlType)} <span className="text-zinc-500">({entry.vtlType.value})</span>
        </Field>
        <Field label="IGVM type">
          {entry.igvmType ? (
            <>
              {enumLabel(entry.igvmType)} <span className="text-zinc-500">({entry.igvmType.value})</span>
            </>
          ) : (
            <span className="font-sans text-zinc-500">—</span>
          )}
        </Field>
      </dl>
      {findings.length > 0 && (
        <ul className="mt-2 grid gap-1 text-[12px]">
          {findings.map((d, i) => (
            <li key={i} className="flex items-start gap-1.5">
              <Badge tone={d.severity}>{d.severity}</Badge>
              <span className="min-w-0 break-words">{d.message}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
