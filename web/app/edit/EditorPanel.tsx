// The editor: the open topology as a SavedState to change (add, delete,
// split, merge, resize, move, retype ranges; the CPU lists), with undo/redo,
// the findings of each state as it is made (the sidebar's boot verdict follows
// too), and Save as. A state that fails the checks is written only when the
// user says so, and its file is named as such. Loaded on demand.
import { useState } from 'react';
import { canRedo, canUndo, currentState } from '../../lib/edit/history.ts';
import { addMemory, addMmio, mergeWithNext, move, remove, resize, setAttributes, setCpuLists, split } from '../../lib/edit/operations.ts';
import { TEMPLATES } from '../../lib/edit/templates.ts';
import { entryByRef, refLabel, type Entry } from '../../lib/model/entries.ts';
import { IGVM_TYPE_NAMES, VTL_TYPE_NAMES } from '../../lib/model/enumNames.ts';
import { groupedHex, parseAddress } from '../../lib/model/text.ts';
import { useAppStore } from '../store/index.ts';
import { Button, SectionTitle } from '../widgets/ui.tsx';
import { SaveAs } from './SaveAs.tsx';

const input = 'h-7 rounded border border-zinc-300 bg-white px-1.5 font-mono text-[12px] dark:border-zinc-700 dark:bg-zinc-900';

export default function EditorPanel() {
  const editing = useAppStore((s) => s.editing);
  const current = useAppStore((s) => s.current);
  const startEditing = useAppStore((s) => s.startEditing);
  const newFromTemplate = useAppStore((s) => s.newFromTemplate);
  if (!editing) {
    return (
      <div className="grid content-start gap-3 p-3 text-[12px]" data-testid="editor-start">
        <p className="max-w-prose text-zinc-600 dark:text-zinc-400">
          Change a topology and write it as OpenHCL writes it: to build test inputs (a partition with three vnodes, a saved state whose VTL2 RAM no longer matches the host&apos;s, …) or to see what the next boot would make of a change.
        </p>
        <div className="flex flex-wrap gap-2">
          <Button active onClick={() => void startEditing()} disabled={!current?.doc.decoded} data-testid="start-editing">
            Edit {current?.doc.format.kind === 'device-tree' ? 'the state this tree implies' : (current?.name ?? 'the open topology')}
          </Button>
        </div>
        <SectionTitle>Or start from a template</SectionTitle>
        <div className="flex flex-wrap gap-2">
          {TEMPLATES.map((t) => (
            <Button key={t.id} data-testid={`template-${t.id}`} onClick={() => void newFromTemplate(t.id)}>
              {t.label}
            </Button>
          ))}
        </div>
      </div>
    );
  }
  return <EditSession />;
}

function EditSession() {
  const editing = useAppStore((s) => s.editing)!;
  const current = useAppStore((s) => s.current);
  const selection = useAppStore((s) => s.view.selection);
  const undoEdit = useAppStore((s) => s.undoEdit);
  const redoEdit = useAppStore((s) => s.redoEdit);
  const stopEditing = useAppStore((s) => s.stopEditing);
  const { history } = editing;
  const entry = current ? entryByRef(current.doc.entries, selection) : null;
  const problems = current?.doc.diagnostics.filter((d) => d.severity !== 'info') ?? [];
  return (
    <div className="flex h-full flex-wrap content-start gap-x-6 gap-y-4 overflow-auto p-3 text-[12px]" data-testid="editor">
      <div className="flex w-full flex-wrap items-center gap-2">
        <span className="font-semibold">Editing {editing.origin}</span>
        <span className="text-zinc-500" data-testid="edit-count">
          {history.at === 0 ? 'no changes' : `${history.at} change${history.at === 1 ? '' : 's'}`} · last: {history.labels[history.at]}
        </span>
        <Button onClick={() => void undoEdit()} disabled={!canUndo(history)} title="Undo (Ctrl/⌘+Z)">
          Undo
        </Button>
        <Button onClick={() => void redoEdit()} disabled={!canRedo(history)} title="Redo (Ctrl/⌘+Shift+Z)">
          Redo
        </Button>
        <Button className="ml-auto" onClick={stopEditing}>
          Stop editing
        </Button>
      </div>
      {editing.refused && (
        <p className="w-full text-red-700 dark:text-red-400" role="alert" data-testid="edit-refused">
          Not done: {editing.refused}
        </p>
      )}
      <section className="grid min-w-80 flex-1 content-start gap-2">
        <SectionTitle>{entry ? `${refLabel(entry.ref)}` : 'Selected range'}</SectionTitle>
        {entry ? <EntryEditor key={`${entry.ref.table}:${entry.ref.index}:${entry.start}:${entry.end}:${entry.vtlType.value}`} entry={entry} /> : <p className="text-zinc-500">Select a range in the map or the table to change it.</p>}
        <SectionTitle>Add a range</SectionTitle>
        <AddRange />
      </section>
      <section className="grid min-w-72 flex-1 content-start gap-2">
        <SectionTitle>CPU lists</SectionTitle>
        {/* From the history, not the document: the edited document lands after the worker replies. */}
        <CpuLists key={history.at} noIo={currentState(history).cpus_with_mapped_interrupts_no_io} outstanding={currentState(history).cpus_with_outstanding_io} />
        <SectionTitle>Checks of this state</SectionTitle>
        <ul className="grid gap-1" data-testid="edit-findings">
          {problems.length === 0 ? <li className="text-emerald-700 dark:text-emerald-400">No errors or warnings.</li> : problems.map((d, i) => (
            <li key={i} data-testid="edit-finding" data-code={d.code} className={d.severity === 'error' ? 'text-red-700 dark:text-red-400' : 'text-amber-700 dark:text-amber-400'}>
              {d.message}
            </li>
          ))}
        </ul>
        {current && <SaveAs file={current} />}
      </section>
    </div>
  );
}

function EntryEditor({ entry }: { entry: Entry }) {
  const applyEdit = useAppStore((s) => s.applyEdit);
  const [start, setStart] = useState(groupedHex(entry.start));
  const [end, setEnd] = useState(groupedHex(entry.end));
  const [at, setAt] = useState('');
  const [vtlType, setVtlType] = useState(entry.vtlType.value);
  const [vnode, setVnode] = useState(String(entry.vnode ?? 0));
  const [igvmType, setIgvmType] = useState(entry.igvmType?.value ?? 0);
  const ref = entry.ref;
  const memory = ref.table === 'memory';
  const s = parseAddress(start);
  const e = parseAddress(end);
  const splitAt = parseAddress(at);
  return (
    <div className="grid gap-2" data-testid="entry-editor">
      <div className="flex flex-wrap items-center gap-2">
        <input aria-label="Start" className={`${input} w-40`} value={start} onChange={(ev) => setStart(ev.target.value)} />
        –
        <input aria-label="End" className={`${input} w-40`} value={end} onChange={(ev) => setEnd(ev.target.value)} />
        <Button disabled={s === null || e === null} onClick={() => void applyEdit(`resize ${refLabel(ref)}`, (st) => resize(st, ref, s!, e!))}>
          Resize
        </Button>
        <Button disabled={s === null} onClick={() => void applyEdit(`move ${refLabel(ref)}`, (st) => move(st, ref, s!))} title="Keep the size, start at Start">
          Move
        </Button>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <TypeSelect label="VTL type" names={VTL_TYPE_NAMES} value={vtlType} onChange={setVtlType} />
        {memory && (
          <>
            <label className="flex items-center gap-1">
              vnode
              <input aria-label="vnode" className={`${input} w-14`} value={vnode} onChange={(ev) => setVnode(ev.target.value)} />
            </label>
            <TypeSelect label="IGVM type" names={IGVM_TYPE_NAMES} value={igvmType} onChange={setIgvmType} />
          </>
        )}
        <Button
          disabled={memory && !/^\d+$/.test(vnode)}
          onClick={() => void applyEdit(`retype ${refLabel(ref)}`, (st) => setAttributes(st, ref, memory ? { vtlType, vnode: Number(vnode), igvmType } : { vtlType }))}
        >
          Set types
        </Button>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <input aria-label="Split at" placeholder="split at (hex)" className={`${input} w-40`} value={at} onChange={(ev) => setAt(ev.target.value)} />
        <Button disabled={splitAt === null} onClick={() => void applyEdit(`split ${refLabel(ref)}`, (st) => split(st, ref, splitAt!))}>
          Split
        </Button>
        <Button onClick={() => void applyEdit(`merge ${refLabel(ref)}`, (st) => mergeWithNext(st, ref))} title="Merge with the next entry of its table (they must touch)">
          Merge with next
        </Button>
        <Button onClick={() => void applyEdit(`delete ${refLabel(ref)}`, (st) => remove(st, ref))}>Delete</Button>
      </div>
    </div>
  );
}

function TypeSelect({ label, names, value, onChange }: { label: string; names: ReadonlyMap<number, string>; value: number; onChange: (v: number) => void }) {
  const known = names.has(value);
  return (
    <label className="flex items-center gap-1">
      {label}
      <select aria-label={label} className={input} value={known ? String(value) : 'other'} onChange={(ev) => ev.target.value !== 'other' && onChange(Number(ev.target.value))}>
        {[...names].map(([v, name]) => (
          <option key={v} value={String(v)}>
            {name} ({v})
          </option>
        ))}
        {!known && <option value="other">unknown ({value})</option>}
      </select>
    </label>
  );
}

function AddRange() {
  const applyEdit = useAppStore((s) => s.applyEdit);
  const [table, setTable] = useState<'memory' | 'mmio'>('memory');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [vtlType, setVtlType] = useState(0);
  const [vnode, setVnode] = useState('0');
  const [igvmType, setIgvmType] = useState(0);
  const s = parseAddress(start);
  const e = parseAddress(end);
  return (
    <div className="grid gap-2" data-testid="add-range">
      <div className="flex flex-wrap items-center gap-2">
        <select aria-label="Table" className={input} value={table} onChange={(ev) => setTable(ev.target.value as 'memory' | 'mmio')}>
          <option value="memory">memory</option>
          <option value="mmio">MMIO</option>
        </select>
        <input aria-label="New start" placeholder="start (hex)" className={`${input} w-36`} value={start} onChange={(ev) => setStart(ev.target.value)} />
        –
        <input aria-label="New end" placeholder="end (hex)" className={`${input} w-36`} value={end} onChange={(ev) => setEnd(ev.target.value)} />
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <TypeSelect label="New VTL type" names={VTL_TYPE_NAMES} value={vtlType} onChange={setVtlType} />
        {table === 'memory' && (
          <>
            <label className="flex items-center gap-1">
              vnode
              <input aria-label="New vnode" className={`${input} w-14`} value={vnode} onChange={(ev) => setVnode(ev.target.value)} />
            </label>
            <TypeSelect label="New IGVM type" names={IGVM_TYPE_NAMES} value={igvmType} onChange={setIgvmType} />
          </>
        )}
        <Button
          disabled={s === null || e === null || (table === 'memory' && !/^\d+$/.test(vnode))}
          onClick={() => void applyEdit(`add ${table} ${groupedHex(s!)}`, (st) => (table === 'memory' ? addMemory(st, { start: s!, end: e!, vtlType, vnode: Number(vnode), igvmType }) : addMmio(st, { start: s!, end: e!, vtlType })))}
        >
          Add
        </Button>
      </div>
    </div>
  );
}

function CpuLists({ noIo, outstanding }: { noIo: number[]; outstanding: number[] }) {
  const applyEdit = useAppStore((s) => s.applyEdit);
  const [a, setA] = useState(noIo.join(', '));
  const [b, setB] = useState(outstanding.join(', '));
  const parse = (text: string) => (text.trim() === '' ? [] : text.split(/[\s,]+/).filter(Boolean).map(Number));
  const valid = (text: string) => parse(text).every((n) => Number.isInteger(n) && n >= 0 && n <= 0xffff_ffff);
  return (
    <div className="grid gap-1.5" data-testid="cpu-lists">
      <label className="grid gap-0.5">
        Mapped interrupts, no I/O
        <input aria-label="CPUs with mapped interrupts, no I/O" className={input} value={a} onChange={(ev) => setA(ev.target.value)} />
      </label>
      <label className="grid gap-0.5">
        Outstanding I/O
        <input aria-label="CPUs with outstanding I/O" className={input} value={b} onChange={(ev) => setB(ev.target.value)} />
      </label>
      <Button disabled={!valid(a) || !valid(b)} onClick={() => void applyEdit('CPU lists', (st) => setCpuLists(st, { withMappedInterruptsNoIo: parse(a), withOutstandingIo: parse(b) }))}>
        Set CPU lists
      </Button>
    </div>
  );
}
