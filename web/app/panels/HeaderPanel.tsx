// The 32 header bytes, field by field (offset, raw little-endian bytes, value in
// hex and decimal), the magic verdict, and where the payload lies.
import { HEADER_FIELDS, MAGIC } from '../../lib/format/header.ts';
import type { PersistedHeader } from '../../lib/model/persistedState.ts';
import { binarySize, groupedHex, hex } from '../../lib/model/text.ts';
import { useAppStore } from '../store/index.ts';
import { Badge, Field, SectionTitle } from '../widgets/ui.tsx';
import { DeviceTreePanel } from './DeviceTreePanel.tsx';

const MAGIC_VERDICT = {
  valid: { tone: 'ok', text: 'valid (OHCLPHDR)' },
  legacy: { tone: 'warning', text: 'legacy byte order (RDHPLCHO)' },
  zero: { tone: 'info', text: 'zero: never written' },
  damaged: { tone: 'error', text: 'damaged' },
} as const;

const FIELD_NOTES: Record<string, string> = {
  magic: `${MAGIC} in memory`,
  protobuf_base: 'GPA of the protobuf region',
  protobuf_region_len: 'bytes reserved for the protobuf region',
  protobuf_payload_len: 'bytes of the encoded SavedState in it',
};

export default function HeaderPanel() {
  const current = useAppStore((s) => s.current);
  if (!current) return null;
  const { doc } = current;
  const { format, source } = doc;
  if (format.kind === 'device-tree') return <DeviceTreePanel format={format} source={source} />;
  const location = format.payloadLocation;
  return (
    <div className="flex h-full flex-wrap content-start gap-x-8 gap-y-5 overflow-auto p-3">
      <section className="flex-none">
        <SectionTitle>Persisted-state header</SectionTitle>
        {format.header ? (
          <HeaderBytes header={format.header} />
        ) : (
          <p className="text-zinc-600 dark:text-zinc-400" data-testid="no-header">
            {format.kind === 'saved-state' ? 'No header: the input was read as a raw SavedState payload.' : 'The input is too short to hold a header.'} <span className="text-zinc-500">({source.detection})</span>
          </p>
        )}
      </section>
      <section className="min-w-72 flex-1">
        <SectionTitle>Input</SectionTitle>
        <dl className="grid grid-cols-[7.5rem_minmax(0,1fr)] gap-x-3 gap-y-1 text-[12px]" data-testid="payload-location">
          <Field label="Kind" mono={false}>
            {format.kind === 'vtl2-image' ? 'VTL2 image' : 'saved-state payload'}
          </Field>
          <Field label="Why" mono={false}>
            {source.detection}
          </Field>
          <Field label="File size">
            {source.size.toLocaleString('en-US')} bytes ({binarySize(BigInt(source.size))})
          </Field>
          <Field label="Bytes read">{source.bytesRead.toLocaleString('en-US')}</Field>
          {location ? (
            <>
              <Field label="Payload offset">
                <span data-testid="payload-offset" data-value={location.offset.toString()}>
                  {hex(location.offset)} ({location.offset.toString()})
                </span>
              </Field>
              <Field label="Payload length">
                <span data-testid="payload-length" data-value={location.length.toString()}>
                  {location.length.toLocaleString('en-US')} bytes
                </span>
              </Field>
              {location.headerGpa !== null && (
                <Field label="Header GPA">
                  {groupedHex(location.headerGpa)} <span className="font-sans text-zinc-500">({location.headerGpaSource === 'given' ? 'as given' : 'protobuf_base − 0x1000'})</span>
                </Field>
              )}
            </>
          ) : (
            <Field label="Payload" mono={false}>
              not located
            </Field>
          )}
          <Field label="Unknown fields">{format.unknownFields.length}</Field>
        </dl>
      </section>
    </div>
  );
}

function HeaderBytes({ header }: { header: PersistedHeader }) {
  const verdict = MAGIC_VERDICT[header.magicKind];
  const values: Record<string, bigint> = { magic: header.magic, protobuf_base: header.protobuf_base, protobuf_region_len: header.protobuf_region_len, protobuf_payload_len: header.protobuf_payload_len };
  return (
    <div data-testid="header-panel" data-magic-kind={header.magicKind}>
      <div className="mb-2 flex items-center gap-2">
        <span className="text-[12px]">Magic seen:</span>
        <span className="font-mono">“{header.magicText}”</span>
        <Badge tone={verdict.tone}>
          <span data-testid="magic-kind">{verdict.text}</span>
        </Badge>
      </div>
      <table className="border-separate border-spacing-0 text-[12px]">
        <thead className="text-left text-zinc-500 dark:text-zinc-400">
          <tr>
            <th className="border-b border-zinc-200 px-2 py-1 font-medium dark:border-zinc-800">Offset</th>
            <th className="border-b border-zinc-200 px-2 py-1 font-medium dark:border-zinc-800">Bytes (little-endian)</th>
            <th className="border-b border-zinc-200 px-2 py-1 font-medium dark:border-zinc-800">Field</th>
            <th className="border-b border-zinc-200 px-2 py-1 text-right font-medium dark:border-zinc-800">Hex</th>
            <th className="border-b border-zinc-200 px-2 py-1 text-right font-medium dark:border-zinc-800">Decimal</th>
          </tr>
        </thead>
        <tbody className="font-mono tabular">
          {HEADER_FIELDS.map((f) => {
            const bytes = [...header.raw.subarray(f.offset, f.offset + 8)];
            const value = values[f.name]!;
            return (
              <tr key={f.name} data-testid="header-field" data-field={f.name} data-value={value.toString()}>
                <td className="border-b border-zinc-100 px-2 py-1 text-zinc-500 dark:border-zinc-800/70">0x{f.offset.toString(16).padStart(2, '0')}</td>
                <td className="border-b border-zinc-100 px-2 py-1 dark:border-zinc-800/70">
                  {bytes.map((b, i) => (
                    <span key={i} className={`mr-1 ${b === 0 ? 'text-zinc-400 dark:text-zinc-600' : ''}`}>
                      {b.toString(16).padStart(2, '0')}
                    </span>
                  ))}
                </td>
                <td className="border-b border-zinc-100 px-2 py-1 dark:border-zinc-800/70">
                  <div>{f.name}</div>
                  <div className="font-sans text-[11px] text-zinc-500 dark:text-zinc-400">{FIELD_NOTES[f.name]}</div>
                </td>
                <td className="border-b border-zinc-100 px-2 py-1 text-right dark:border-zinc-800/70">{hex(value)}</td>
                <td className="border-b border-zinc-100 px-2 py-1 text-right dark:border-zinc-800/70">
                  {f.name === 'magic' ? <span className="text-zinc-500">“{header.magicText}”</span> : value.toString()}
                  {f.name.endsWith('_len') && <div className="font-sans text-[11px] text-zinc-500">{binarySize(value)}</div>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
