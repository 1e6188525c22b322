// A device tree's own facts, beside the map and the entry table: the FDT
// container (version, boot CPU, /memreserve/), what OpenHCL reads from
// /openhcl (isolation, allocation mode, VTL2 RAM, accepted memory, pools,
// sidecars, boot times), its CPUs with their vnodes, and what openhcl_boot
// would not have written. The entropy seed: its length, never its bytes.
// Every list shows its first SHOWN items and how many more: a hostile tree
// may hold a million of any of them.
import type { ReactNode } from 'react';
import type { DtRange, OpenhclDeviceTree } from '../../lib/format/openhclDeviceTree.ts';
import type { DeviceTreeDetails, InputSource } from '../../lib/model/topology.ts';
import { binarySize, groupedDecimal, groupedHex } from '../../lib/model/text.ts';
import { Field, SectionTitle } from '../widgets/ui.tsx';

/** Items a list shows before "and N more". */
export const SHOWN = 256;

function More({ count }: { count: number }) {
  return count > 0 ? <span className="font-sans text-zinc-500" data-testid="dt-more">and {groupedDecimal(count)} more</span> : null;
}

function Range({ range, vnode }: { range: DtRange; vnode?: number }) {
  return (
    <span>
      {groupedHex(range.start)}–{groupedHex(range.end)} <span className="text-zinc-500">({binarySize(range.end - range.start)}{vnode === undefined ? '' : `, vnode ${vnode}`})</span>
    </span>
  );
}

/** The first SHOWN of `ranges` (of `total`, when the caller shortened the list already). */
function Ranges({ ranges, total = ranges.length }: { ranges: readonly { range: DtRange; vnode?: number }[]; total?: number }) {
  if (total === 0) return <span className="font-sans text-zinc-500">none</span>;
  return (
    <ul className="grid gap-0.5">
      {ranges.slice(0, SHOWN).map((r, i) => (
        <li key={i}>
          <Range range={r.range} vnode={r.vnode} />
        </li>
      ))}
      {total > SHOWN && (
        <li>
          <More count={total - SHOWN} />
        </li>
      )}
    </ul>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="min-w-72 flex-1">
      <SectionTitle>{title}</SectionTitle>
      <dl className="grid grid-cols-[10rem_minmax(0,1fr)] gap-x-3 gap-y-1 text-[12px]">{children}</dl>
    </section>
  );
}

/** One fact, with a stable selector for tests and automation. */
function Fact({ id, label, children, mono = true }: { id: string; label: string; children: ReactNode; mono?: boolean }) {
  return (
    <Field label={label} mono={mono}>
      <span data-testid="dt-field" data-field={id}>
        {children}
      </span>
    </Field>
  );
}

export function DeviceTreePanel({ format, source }: { format: DeviceTreeDetails; source: InputSource }) {
  const { fdt, deviceTree: dt } = format;
  return (
    <div className="flex h-full flex-wrap content-start gap-x-8 gap-y-5 overflow-auto p-3" data-testid="dt-panel">
      <Section title="Device tree (FDT)">
        <Fact id="detection" label="Why" mono={false}>
          {source.detection}
        </Fact>
        {fdt ? (
          <>
            <Fact id="version" label="Version">
              {fdt.version} (last compatible {fdt.lastCompVersion})
            </Fact>
            <Fact id="totalsize" label="Total size">
              {groupedDecimal(fdt.totalsize)} bytes
            </Fact>
            <Fact id="boot-cpu" label="Boot CPU (boot_cpuid_phys)">
              {fdt.bootCpuidPhys}
            </Fact>
            <Fact id="memreserve" label="/memreserve/">
              <Ranges ranges={fdt.memoryReservations.slice(0, SHOWN).map((r) => ({ range: { start: r.address, end: r.address + r.size } }))} total={fdt.memoryReservations.length} />
            </Fact>
          </>
        ) : (
          <Fact id="unreadable" label="Container" mono={false}>
            does not read (see the error above)
          </Fact>
        )}
      </Section>
      {dt ? <OpenhclFacts dt={dt} /> : fdt && <p className="text-zinc-600 dark:text-zinc-400">OpenHCL&apos;s usermode refuses this tree: the error above names the node.</p>}
      {dt && <CpuTable dt={dt} />}
    </div>
  );
}

function OpenhclFacts({ dt }: { dt: OpenhclDeviceTree }) {
  const mode = dt.memory_allocation_mode;
  return (
    <>
      <Section title="/openhcl">
        <Fact id="isolation" label="Isolation">
          {dt.isolation}
        </Fact>
        <Fact id="allocation-mode" label="Memory allocation">
          {mode.mode === 'host' ? 'host' : `vtl2${mode.memory_size !== null ? `, memory ${binarySize(mode.memory_size)}` : ''}${mode.mmio_size !== null ? `, MMIO ${binarySize(mode.mmio_size)}` : ''}`}
        </Fact>
        <Fact id="vtl0-alias-map" label="vtl0-alias-map">
          {dt.vtl0_alias_map === null ? <span className="font-sans text-zinc-500">none</span> : groupedHex(dt.vtl0_alias_map)}
        </Fact>
        <Fact id="vtl2-ram" label="VTL2 RAM (memory@)">
          <Ranges ranges={dt.vtl2_memory} />
        </Fact>
        <Fact id="accepted" label="Accepted memory">
          <Ranges ranges={dt.accepted_ranges} />
        </Fact>
        <Fact id="pool" label="VTL2 GPA pool">
          <Ranges ranges={dt.private_pool_ranges} />
        </Fact>
        <Fact id="config" label="VTL2 config">
          <Ranges ranges={dt.config_ranges.slice(0, SHOWN).map((range) => ({ range }))} total={dt.config_ranges.length} />
        </Fact>
        <Fact id="entropy" label="Entropy seed">
          {dt.entropy ? `${dt.entropy.length} bytes (secret: never shown)` : <span className="font-sans text-zinc-500">none</span>}
        </Fact>
      </Section>
      <Section title="Boot and sidecars">
        <Fact id="boot-times" label="Boot times (reftime)">
          {dt.boot_times.ok ? `${dt.boot_times.start ?? '—'} → ${dt.boot_times.end ?? '—'}` : dt.boot_times.message}
        </Fact>
        <Fact id="sidecars" label="Sidecar nodes">
          {dt.sidecars.length === 0 ? (
            <span className="font-sans text-zinc-500">none</span>
          ) : (
            <>
              {dt.sidecars
                .slice(0, SHOWN)
                .map((s) => s.source.path)
                .join(', ')}{' '}
              <More count={dt.sidecars.length - SHOWN} />
            </>
          )}
        </Fact>
        <Fact id="unknown" label="Not written by openhcl_boot">
          {dt.unknown.length === 0 ? (
            <span className="font-sans text-zinc-500">nothing</span>
          ) : (
            <ul className="grid gap-0.5">
              {dt.unknown.slice(0, SHOWN).map((u, i) => (
                <li key={i}>
                  {u.kind} {u.path} <span className="text-zinc-500">at byte {u.offset}</span>
                </li>
              ))}
              {dt.unknown.length + dt.unknown_omitted > SHOWN && (
                <li>
                  <More count={dt.unknown.length + dt.unknown_omitted - SHOWN} />
                </li>
              )}
            </ul>
          )}
        </Fact>
      </Section>
    </>
  );
}

function CpuTable({ dt }: { dt: OpenhclDeviceTree }) {
  return (
    <section className="min-w-60 flex-none">
      <SectionTitle>CPUs ({dt.cpus.length})</SectionTitle>
      <div className="max-h-72 overflow-auto">
        <table className="text-[12px]">
          <thead className="sticky top-0 bg-white text-left text-zinc-500 dark:bg-zinc-950">
            <tr>
              <th className="px-2 py-0.5 font-medium">VP</th>
              <th className="px-2 py-0.5 font-medium">reg</th>
              <th className="px-2 py-0.5 font-medium">vnode</th>
            </tr>
          </thead>
          <tbody className="font-mono tabular">
            {dt.cpus.slice(0, SHOWN).map((c, i) => (
              <tr key={i} data-testid="dt-cpu" data-vp={i} data-vnode={c.vnode}>
                <td className="px-2">{i}</td>
                <td className="px-2">{groupedHex(c.reg)}</td>
                <td className="px-2">{c.vnode}</td>
              </tr>
            ))}
            {dt.cpus.length > SHOWN && (
              <tr>
                <td className="px-2" colSpan={3}>
                  <More count={dt.cpus.length - SHOWN} />
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
