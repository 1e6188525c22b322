// Inputs from anywhere on the page: a dropped file, a pasted file or text.
// Two files dropped (or pasted) at once are compared: the first is A.
// Returns whether something is being dragged over the page (for the overlay).
import { useEffect, useState } from 'react';
import { useAppStore } from '../store/index.ts';

const isEditable = (target: EventTarget | null) => target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

function carriesFiles(e: DragEvent): boolean {
  return !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
}

/** One file opens; two are compared (a third and later are ignored). */
export function openFiles(files: FileList | readonly File[]): void {
  const [a, b] = [files[0], files[1]];
  if (!a) return;
  const named = (f: File, fallback: string) => ({ blob: f, name: f.name || fallback });
  if (b) void useAppStore.getState().openPair(named(a, 'pasted file A'), named(b, 'pasted file B'));
  else void useAppStore.getState().openBlob(a, a.name || 'pasted file');
}

export function useGlobalInputs(): boolean {
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    // dragenter/dragleave fire for every child crossed; count them to know when the page is left.
    let depth = 0;
    const onEnter = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      depth++;
      setDragging(true);
    };
    const onOver = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onDrop = (e: DragEvent) => {
      depth = 0;
      setDragging(false);
      const files = e.dataTransfer?.files;
      if (!files?.[0]) return;
      e.preventDefault();
      openFiles(files);
    };
    const onPaste = (e: ClipboardEvent) => {
      if (isEditable(e.target)) return;
      const data = e.clipboardData;
      if (!data) return;
      if (data.files[0]) {
        e.preventDefault();
        openFiles(data.files);
        return;
      }
      const text = data.getData('text/plain');
      if (text.trim() !== '') {
        e.preventDefault();
        void useAppStore.getState().openText(text, 'pasted text');
      }
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    window.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
      window.removeEventListener('paste', onPaste);
    };
  }, []);
  return dragging;
}
