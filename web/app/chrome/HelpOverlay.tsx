// `?`: the keyboard shortcuts, and where inputs come from.
import { useAppStore } from '../store/index.ts';
import { Modal } from '../widgets/Modal.tsx';
import { Kbd } from '../widgets/ui.tsx';

const SHORTCUTS: [string[], string][] = [
  [['o'], 'Open a file (pick or drop two to compare them)'],
  [['c'], 'Compare the open input with another file'],
  [['Ctrl/⌘', 'V'], 'Open pasted hex or base64 (or a copied file)'],
  [['p'], 'Paste dialog'],
  [['/'], 'Filter the entry table by address'],
  [['↑', '↓'], 'Previous / next entry in the table (also j / k)'],
  [['Home', 'End'], 'First / last entry'],
  [['Esc'], 'Clear the selection (or close a dialog)'],
  [['1', '2', '3', '4'], 'Entries, NUMA, Header (Device tree), Diagnostics'],
  [['5'], 'Memory-layout diagram'],
  [['6'], 'Edit the topology'],
  [['7'], 'Compare (A against B)'],
  [['Ctrl/⌘', 'Z'], 'Undo an edit (with Shift: redo)'],
  [['+', '−', '←', '→', '0'], 'On the focused map: zoom in / out (around the selection when it is in view), pan, whole address space'],
  [['s'], 'Map scale: proportional / readable'],
  [['w', 'v', 'r', 'f'], 'Map: whole space, VTL2 memory, persisted state, the selection'],
  [['t'], 'Toggle light / dark theme'],
  [['?'], 'This help'],
];

export function HelpOverlay() {
  const open = useAppStore((s) => s.helpOpen);
  const setOpen = useAppStore((s) => s.setHelpOpen);
  if (!open) return null;
  return (
    <Modal title="Keyboard shortcuts" onClose={() => setOpen(false)} testId="help-overlay">
      <table className="w-full text-[13px]">
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={what}>
              <td className="py-1 pr-4 whitespace-nowrap">
                {keys.map((k) => (
                  <span key={k} className="mr-1">
                    <Kbd>{k}</Kbd>
                  </span>
                ))}
              </td>
              <td className="py-1">{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-3 text-[12px] text-zinc-500 dark:text-zinc-400">Drop a file anywhere on the page to open it. Files are read in this tab only: nothing is uploaded.</p>
    </Modal>
  );
}
