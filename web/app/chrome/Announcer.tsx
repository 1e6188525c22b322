// Says what got selected, for screen readers (a polite live region): a row
// chosen with the arrow keys, a range clicked in the map, a finding's entries.
import { entryByRef, entrySize, refLabel } from '../../lib/model/entries.ts';
import { binarySize, groupedHex } from '../../lib/model/text.ts';
import { enumLabel } from '../../lib/model/vtlTypes.ts';
import { useAppStore } from '../store/index.ts';

export function Announcer() {
  const text = useAppStore((s) => {
    const entry = s.current ? entryByRef(s.current.doc.entries, s.view.selection) : null;
    if (!entry) return '';
    const where = entry.vnode === null ? '' : `, vnode ${entry.vnode}`;
    return `Selected ${refLabel(entry.ref)}: ${enumLabel(entry.vtlType)}, ${groupedHex(entry.start)} to ${groupedHex(entry.end)}, ${binarySize(entrySize(entry))}${where}.`;
  });
  return (
    <div aria-live="polite" aria-atomic="true" className="sr-only" data-testid="announcer">
      {text}
    </div>
  );
}
