// Force the input kind or give the image's base GPA, then decode the current file again.
import { useState } from 'react';
import { parseAddress } from '../../lib/model/text.ts';
import { useAppStore, type OpenOptions } from '../store/index.ts';
import { Button } from '../widgets/ui.tsx';

type KindChoice = 'auto' | 'image' | 'saved-state' | 'device-tree';

const KIND_CHOICES: Record<KindChoice, string> = {
  auto: 'Detect (magic, size)',
  image: 'VTL2 image (header page first)',
  'saved-state': 'Saved-state payload',
  'device-tree': 'Device tree (/sys/firmware/fdt)',
};

export function DecodeOptions({ onDone }: { onDone: () => void }) {
  const current = useAppStore((s) => s.current);
  const reopen = useAppStore((s) => s.reopen);
  const [kind, setKind] = useState<KindChoice>(current?.options.as ?? 'auto');
  const [base, setBase] = useState(current?.options.baseGpa !== undefined ? `0x${current.options.baseGpa.toString(16)}` : '');
  const baseGpa = base.trim() === '' ? undefined : parseAddress(base);
  const baseInvalid = baseGpa === null;

  const apply = () => {
    if (baseInvalid) return;
    const options: OpenOptions = {};
    if (kind !== 'auto') options.as = kind;
    if (baseGpa !== undefined) options.baseGpa = baseGpa;
    void reopen(options);
    onDone();
  };

  return (
    <form
      className="grid w-72 gap-2.5 text-[12px]"
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
    >
      <fieldset className="grid gap-1">
        <legend className="mb-1 font-semibold">Read the file as</legend>
        {(Object.keys(KIND_CHOICES) as KindChoice[]).map((k) => (
          <label key={k} className="flex items-center gap-2">
            <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
            {KIND_CHOICES[k]}
          </label>
        ))}
      </fieldset>
      <label className="grid gap-1">
        <span className="font-semibold">Image base GPA</span>
        <input
          value={base}
          onChange={(e) => setBase(e.target.value)}
          placeholder="protobuf_base − 0x1000"
          aria-invalid={baseInvalid}
          className={`h-7 rounded border bg-white px-2 font-mono dark:bg-zinc-900 ${baseInvalid ? 'border-red-500' : 'border-zinc-300 dark:border-zinc-700'}`}
        />
        <span className="text-zinc-500 dark:text-zinc-400">{baseInvalid ? 'Hex, e.g. 0x480000000' : 'GPA of the image’s first byte; empty = derived from the header.'}</span>
      </label>
      <div className="flex justify-end gap-2">
        <Button onClick={onDone}>Cancel</Button>
        <Button type="submit" active disabled={!current || baseInvalid}>
          Decode again
        </Button>
      </div>
    </form>
  );
}
