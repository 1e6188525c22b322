// Per-vnode summary: total and per-VTL-type bytes as a stacked bar, ranges,
// span; then the CPU lists, which are global (the saved state maps no CPU to a vnode).
import { useMemo } from 'react';
import { summarizeNuma, type VnodeSummary } from '../../lib/analysis/numa.ts';
import type { Cpu } from '../../lib/model/topology.ts';
import { binarySize, exactBytes, groupedHex } from '../../lib/model/text.ts';
import { filtersActive, NO_FILTERS } from '../../lib/model/view.ts';
import { enumLabel } from '../../lib/model/vtlTypes.ts';
import { useAppStore } from '../store/index.ts';
import { allEntries, visibleEntries } from '../store/selectors.ts';
import { Button, SectionTitle, Swatch } from '../widgets/ui.tsx';
import { vtlColor } from '../widgets/vtlColors.ts';

/** Share of `part` in `whole` as a percentage, for pixel widths only. */
function percent(part: bigint, whole: bigint): number {
  return whole === 0n ? 0 : Number((part * 10000n) / whole) / 100;
}

export default function NumaPanel() {
  const cpus = useAppStore((s) => s.current?.doc.cpus ?? null);
  const decoded = useAppStore((s) => s.current?.doc.decoded ?? null);
  const filters = useAppStore((s) => s.view.filters);
  // The entries the filters keep (the table's rows): the panel sums what the table lists.
  const kept = useAppStore(visibleEntries);
  const total = useAppStore(allEntries).length;
  // Derived here, once per change: the store keeps only what was read.
  const numa = useMemo(() => (cpus ? summarizeNuma(kept, cpus) : null), [kept, cpus]);
  if (!numa || (!decoded && numa.vnodes.length === 0)) return <p className="p-4 text-zinc-500">Nothing decoded.</p>;
  const filtered = filtersActive(filters);
  const largest = numa.vnodes.reduce((m, n) => (n.totalBytes > m ? n.totalBytes : m), 0n);
  return (
    <div className="flex h-full flex-wrap content-start gap-x-6 gap-y-4 overflow-auto p-3">
      <section className="min-w-0 flex-[1_1_34rem]">
        <SectionTitle right={<span className="text-[12px] text-zinc-500 tabular">{binarySize(numa.totalBytes)} in {numa.vnodes.length} vnode{numa.vnodes.length === 1 ? '' : 's'}</span>}>Memory per vnode</SectionTitle>
        {filtered && (
          <p className="mb-2 text-[12px] text-amber-700 dark:text-amber-400" data-testid="numa-filtered">
            Filtered: the sums count the {kept.length} of {total} entries the filters keep.
          </p>
        )}
        {numa.vnodes.length === 0 && <p className="text-zinc-500">No memory entries (MMIO entries have no vnode).</p>}
        <div className="grid gap-2">
          {numa.vnodes.map((n) => (
            <VnodeCard key={n.vnode} node={n} largest={largest} />
          ))}
        </div>
      </section>
      <section className="min-w-0 flex-[0_1_18rem]">
        <SectionTitle>CPUs (all vnodes)</SectionTitle>
        {numa.cpusPerVnode ? (
          <p className="mb-2 text-[12px] text-zinc-500 dark:text-zinc-400">Each vnode above lists its CPUs. The run-time lists below are those a saved state carries.</p>
        ) : (
          <p className="mb-2 text-[12px] text-zinc-500 dark:text-zinc-400">The saved state lists CPUs by number only; it records no CPU → vnode mapping, so these lists are global.</p>
        )}
        <CpuList label="Mapped interrupts, no I/O" cpus={numa.cpusWithMappedInterruptsNoIo} testId="cpus-no-io" />
        <CpuList label="Outstanding I/O" cpus={numa.cpusWithOutstandingIo} testId="cpus-outstanding-io" />
      </section>
    </div>
  );
}

function VnodeCard({ node, largest }: { node: VnodeSummary; largest: bigint }) {
  const setFilters = useAppStore((s) => s.setFilters);
  const setPanel = useAppStore((s) => s.setPanel);
  return (
    <div className="rounded border border-zinc-200 p-2.5 dark:border-zinc-800" data-testid="numa-vnode" data-vnode={node.vnode}>
      <div className="mb-1.5 flex items-baseline gap-3">
        <span className="font-semibold">vnode {node.vnode}</span>
        <span className="font-mono tabular" title={exactBytes(node.totalBytes)}>
          {binarySize(node.totalBytes)}
        </span>
        <span className="text-zinc-500 tabular">{node.memoryIndices.length} ranges</span>
        {node.span && (
          <span className="font-mono text-[12px] text-zinc-500 tabular">
            {groupedHex(node.span.start)}–{groupedHex(node.span.end)}
          </span>
        )}
        <Button
          className="ml-auto"
          onClick={() => {
            setFilters({ ...NO_FILTERS, vnodes: [node.vnode] });
            setPanel('entries');
          }}
        >
          Show ranges
        </Button>
      </div>
      {/* Bar length: this node against the largest; segments: bytes per VTL type. */}
      <div className="h-3 rounded-sm bg-zinc-100 dark:bg-zinc-800" role="img" aria-label={`vnode ${node.vnode}: ${node.byVtlType.map((t) => `${enumLabel(t.vtlType)} ${binarySize(t.bytes)}`).join(', ')}`}>
        <div className="flex h-full overflow-hidden rounded-sm" style={{ width: `${Math.max(percent(node.totalBytes, largest), 0.5)}%` }}>
          {node.byVtlType.map((t) => (
            <div key={t.vtlType.value} style={{ width: `${percent(t.bytes, node.totalBytes)}%`, minWidth: t.bytes > 0n ? 2 : 0, background: vtlColor(t.vtlType.value) }} title={`${enumLabel(t.vtlType)}: ${binarySize(t.bytes)}`} />
          ))}
        </div>
      </div>
      {node.cpus && <VnodeCpus cpus={node.cpus} />}
      <table className="mt-2 w-full text-[12px]">
        <tbody className="tabular">
          {node.byVtlType.map((t) => (
            <tr key={t.vtlType.value} data-testid="numa-type" data-vtl-type={enumLabel(t.vtlType)} data-bytes={t.bytes.toString()}>
              <td className="py-px">
                <span className="inline-flex items-center gap-1.5 font-mono">
                  <Swatch color={vtlColor(t.vtlType.value)} />
                  {enumLabel(t.vtlType)}
                </span>
              </td>
              <td className="text-right font-mono">{binarySize(t.bytes)}</td>
              <td className="w-40 text-right font-mono text-zinc-500">{t.bytes.toLocaleString('en-US')} B</td>
              <td className="w-20 text-right text-zinc-500">
                {t.ranges} range{t.ranges === 1 ? '' : 's'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function VnodeCpus({ cpus }: { cpus: Cpu[] }) {
  return (
    <div className="mt-1.5 flex flex-wrap items-baseline gap-1 text-[11px]" data-testid="numa-cpus">
      <span className="mr-1 text-zinc-500">{cpus.length === 0 ? 'no CPUs' : `${cpus.length} CPU${cpus.length === 1 ? '' : 's'}:`}</span>
      {cpus.map((c) => (
        <span key={c.index} className="rounded bg-zinc-100 px-1 font-mono tabular dark:bg-zinc-800" title={`VP ${c.index}, reg ${groupedHex(c.reg)}`}>
          {c.index}
        </span>
      ))}
    </div>
  );
}

function CpuList({ label, cpus, testId }: { label: string; cpus: number[]; testId: string }) {
  return (
    <div className="mb-3">
      <div className="mb-1 text-[12px] font-medium">
        {label} <span className="text-zinc-500">({cpus.length})</span>
      </div>
      <div className="flex flex-wrap gap-1 font-mono text-[11px] tabular" data-testid={testId}>
        {cpus.length === 0 ? <span className="text-zinc-500">none</span> : cpus.map((c, i) => <span key={i} className="rounded bg-zinc-100 px-1 dark:bg-zinc-800">{c}</span>)}
      </div>
    </div>
  );
}
