// Importer of a device tree as openhcl_boot writes it for the kernel
// (/sys/firmware/fdt, FORMAT.md §5): read the FDT container, parse it as
// OpenHCL's usermode does, and lay out its unified memory map as the entries.
// The document carries, as `decoded`, the SavedState its next servicing would
// write. The host's entropy seed never enters the document: only its length,
// and the tree's bytes with the seed zeroed (for links and exports).
import { deviceTreeBootCheck, deviceTreeDiagnostics } from '../analysis/deviceTreeChecks.ts';
import type { OpenhclRelease } from '../model/view.ts';
import { topologyDiagnostics } from '../analysis/diagnostics.ts';
import { savedStateFromDeviceTree } from '../analysis/savedStateFromDeviceTree.ts';
import { redactDeviceTreeEntropy } from '../format/deviceTreeEntropy.ts';
import { encodeSavedState } from '../format/encodeSavedState.ts';
import { asDecodeError, errorInfo, type DecodeError } from '../format/errors.ts';
import { readFdt, type Fdt } from '../format/fdt.ts';
import { parseOpenhclDeviceTree, type OpenhclDeviceTree } from '../format/openhclDeviceTree.ts';
import type { CountingSource } from '../io/byteSource.ts';
import { entriesOfSavedState } from '../model/entries.ts';
import type { Diagnostic } from '../model/findings.ts';
import { regionsFromEntries } from '../model/regions.ts';
import type { SavedState } from '../model/savedState.ts';
import type { DeviceTreeDetails, FdtFacts, TopologyDocument } from '../model/topology.ts';
import type { ReadPlan } from './readPlan.ts';

/** `whole`: the input's bytes, or null when the plan refused to read them (too large). */
export function importDeviceTree(source: CountingSource, whole: Uint8Array | null, plan: ReadPlan, release?: OpenhclRelease): TopologyDocument {
  const format: DeviceTreeDetails = { kind: 'device-tree', fdt: null, deviceTree: null, redacted: null, impliedPayload: null };
  let failure: DecodeError | null = plan.error;
  let dt: OpenhclDeviceTree | null = null;
  let implied: SavedState | null = null;
  if (!failure && whole) {
    try {
      const fdt = readFdt(whole);
      format.fdt = factsOf(fdt);
      format.redacted = redactDeviceTreeEntropy(whole, fdt);
      dt = parseOpenhclDeviceTree(fdt);
      implied = savedStateFromDeviceTree(dt);
      format.deviceTree = dt;
      format.impliedPayload = encodeSavedState(implied);
    } catch (err) {
      failure = asDecodeError(err, 0);
    }
  }
  const entries = entriesOfSavedState(implied);
  const error = failure && errorInfo(failure);
  const diagnostics: Diagnostic[] = [];
  if (error) diagnostics.push({ severity: 'error', code: `decode-${error.code}`, message: error.message, entries: [] });
  // One by one, not spread as arguments: there may be one finding per range.
  if (implied) for (const d of topologyDiagnostics(entries, [], null)) diagnostics.push(d);
  if (dt) for (const d of deviceTreeDiagnostics(dt)) diagnostics.push(d);
  return {
    source: { detection: plan.detection, size: source.size, bytesRead: source.bytesRead },
    format,
    entries,
    regions: { ...regionsFromEntries(entries), accepted: dt ? dt.accepted_ranges.map((a) => ({ start: a.range.start, end: a.range.end })) : [] },
    cpus: { cpus: dt ? dt.cpus.map((c, index) => ({ index, reg: c.reg, vnode: c.vnode })) : null, withMappedInterruptsNoIo: [], withOutstandingIo: [] },
    decoded: implied,
    error,
    bootCheck: deviceTreeBootCheck(dt, implied, error, release, { payloadLength: format.impliedPayload?.length }),
    diagnostics,
  };
}

function factsOf(fdt: Fdt): FdtFacts {
  const { header } = fdt;
  return {
    version: header.version,
    lastCompVersion: header.last_comp_version,
    totalsize: header.totalsize,
    bootCpuidPhys: header.boot_cpuid_phys,
    memoryReservations: fdt.reservations.map((r) => ({ address: r.address, size: r.size })),
  };
}
