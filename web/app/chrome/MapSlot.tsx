// The address map (web/app/map, another module) across the top, fed from the store.
import { AddressMap } from '../map/AddressMap.tsx';
import { useAppStore } from '../store/index.ts';

export function MapSlot() {
  const current = useAppStore((s) => s.current);
  const view = useAppStore((s) => s.view);
  const setWindow = useAppStore((s) => s.setWindow);
  const select = useAppStore((s) => s.select);
  if (!current) return null;
  return <AddressMap doc={current.doc} window={view.window} selection={view.selection} filters={view.filters} theme={view.theme} onWindowChange={setWindow} onSelect={select} />;
}
