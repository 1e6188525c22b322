// The address map (web/app/map, another module) across the top, fed from the store.
import { AddressMap } from '../map/AddressMap.tsx';
import { useAppStore } from '../store/index.ts';

export function MapSlot() {
  const current = useAppStore((s) => s.current);
  const view = useAppStore((s) => s.view);
  const reveal = useAppStore((s) => s.reveal);
  const setWindow = useAppStore((s) => s.setWindow);
  const select = useAppStore((s) => s.select);
  const setScale = useAppStore((s) => s.setScale);
  const showQuickView = useAppStore((s) => s.showQuickView);
  const toggleVtlType = useAppStore((s) => s.toggleVtlTypeFilter);
  if (!current) return null;
  return (
    <AddressMap
      doc={current.doc}
      fileName={current.name}
      window={view.window}
      selection={view.selection}
      filters={view.filters}
      theme={view.theme}
      scale={view.scale}
      reveal={reveal}
      // A window the map fitted belongs to whatever set the window it was given (a choice too, if that was one).
      onWindowChange={(w, cause) => setWindow(w, cause === 'reveal' || (cause === 'fit' && useAppStore.getState().windowFollowsChoice), cause === 'fit')}
      onSelect={select}
      onScaleChange={setScale}
      onQuickView={showQuickView}
      onLegendClick={toggleVtlType}
    />
  );
}
