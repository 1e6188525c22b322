// Paste hex (spaced, 0x-prefixed, xxd / hexdump -C) or base64 text of a blob.
import { useState } from 'react';
import { useAppStore } from '../store/index.ts';
import { Modal } from '../widgets/Modal.tsx';
import { Button } from '../widgets/ui.tsx';

export function PasteDialog() {
  const open = useAppStore((s) => s.pasteOpen);
  const setOpen = useAppStore((s) => s.setPasteOpen);
  const openText = useAppStore((s) => s.openText);
  const lastError = useAppStore((s) => s.lastError);
  const [text, setText] = useState('');
  if (!open) return null;
  const pasteError = lastError?.code === 'paste-format' ? lastError : null;
  return (
    <Modal title="Open pasted bytes" onClose={() => setOpen(false)} testId="paste-dialog">
      <form
        className="grid gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          void openText(text);
        }}
      >
        <label className="grid gap-1 text-[12px]">
          <span>Hex (spaces, 0x, line breaks, xxd or hexdump -C output) or base64 / base64url of an image or saved-state blob</span>
          <textarea
            aria-label="Pasted hex or base64"
            autoFocus
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                void openText(text);
              }
            }}
            rows={8}
            spellCheck={false}
            className="rounded border border-zinc-300 bg-white p-2 font-mono text-[12px] dark:border-zinc-700 dark:bg-zinc-950"
            placeholder="0a 12 0a 06 08 80 20 10 80 40 …"
          />
        </label>
        {pasteError && (
          <p className="text-[12px] text-red-700 dark:text-red-400" role="alert">
            {pasteError.message}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button type="submit" active disabled={text.trim() === ''}>
            Open
          </Button>
        </div>
      </form>
    </Modal>
  );
}
