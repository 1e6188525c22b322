// For an image whose header OpenHCL ignores (a damaged or all-zero magic): look
// at its payload anyway, where the header would put it or at a chosen offset.
// The document that comes back is marked "decoded anyway"; the boot verdict
// stays what OpenHCL would do.
import { useState } from 'react';
import { PAGE_SIZE, PERSISTED_REGION_SIZE } from '../../lib/format/header.ts';
import { anywayPastHeader } from '../../lib/import/readPlan.ts';
import type { PersistedStateDetails } from '../../lib/model/topology.ts';
import { hex, parseU64Literal } from '../../lib/model/text.ts';
import { useAppStore } from '../store/index.ts';
import { Button } from '../widgets/ui.tsx';

/** Where the header would put the payload (the region one page above the header), and how long it says it is, within the input. */
function defaults(format: PersistedStateDetails, size: number): { offset: bigint; length: bigint } {
  const offset = BigInt(PAGE_SIZE);
  const room = BigInt(Math.max(0, Math.min(size, PERSISTED_REGION_SIZE) - PAGE_SIZE));
  const said = format.header?.protobuf_payload_len ?? 0n;
  return { offset, length: said > 0n && said <= room ? said : room };
}

export function DecodeAnyway({ format, size }: { format: PersistedStateDetails; size: number }) {
  const current = useAppStore((s) => s.current);
  const reopen = useAppStore((s) => s.reopen);
  const initial = defaults(format, size);
  const [offset, setOffset] = useState(hex(initial.offset));
  const [length, setLength] = useState(String(initial.length));
  const at = parseU64Literal(offset);
  const len = parseU64Literal(length);
  const fits = at !== null && len !== null && anywayPastHeader(at) && at + len <= BigInt(size) && len <= BigInt(PERSISTED_REGION_SIZE);
  return (
    <form
      className="mt-1.5 flex flex-wrap items-center gap-2 text-[12px]"
      data-testid="decode-anyway"
      onSubmit={(e) => {
        e.preventDefault();
        if (fits && current) void reopen({ ...current.options, anyway: { offset: at, length: len } });
      }}
    >
      <label className="flex items-center gap-1">
        offset
        <input aria-label="Offset to decode at" value={offset} onChange={(e) => setOffset(e.target.value)} className="h-6 w-28 rounded border border-amber-400 bg-white px-1 font-mono dark:bg-zinc-900" />
      </label>
      <label className="flex items-center gap-1">
        bytes
        <input aria-label="Bytes to decode" value={length} onChange={(e) => setLength(e.target.value)} className="h-6 w-24 rounded border border-amber-400 bg-white px-1 font-mono dark:bg-zinc-900" />
      </label>
      <Button type="submit" disabled={!fits} title={fits ? 'Decode these bytes as a SavedState, marked as decoded anyway' : `Offset (past the 32-byte header) and length (decimal or 0x hex) within the ${size}-byte input and the 2 MiB region`}>
        Decode the payload anyway
      </Button>
    </form>
  );
}
