// What the state a device tree implies means for the next boot, and what else
// in the tree is worth a look. A device tree is the topology of a running
// OpenHCL; at servicing it persists the SavedState the tree implies
// (savedStateFromDeviceTree), which the next boot then reads.
import type { DecodeErrorInfo } from '../format/errors.ts';
import type { OpenhclDeviceTree } from '../format/openhclDeviceTree.ts';
import type { BootCheck, Diagnostic } from '../model/findings.ts';
import type { SavedState } from '../model/savedState.ts';
import { groupedHex } from '../model/text.ts';
import { checkSavedState, firstVtl2RamDifference, hostVtl2Ram, vtl2RamFromPersisted, vtl2RamLabel, type Verdict } from './bootCheck.ts';
import { DEFAULT_RELEASE, type OpenhclRelease } from './releases.ts';

const NAMED_IN_MESSAGE = 5;

export interface DeviceTreeBootOptions {
  /**
   * Whether the next boot's host is this tree's own (its root memory@ nodes):
   * true for the tree's own verdict; false at servicing, where the next
   * instance's host is B's and compare/servicing.ts's vtl2-ram check judges it.
   */
  ownHost?: boolean;
  /** The implied state's encoded length (the document's impliedPayload), checked against its protobuf region; omitted: not checked. */
  payloadLength?: number | undefined;
}

/** The next boot's verdict on the state the tree implies, by `release`'s rules. */
export function deviceTreeBootCheck(dt: OpenhclDeviceTree | null, implied: SavedState | null, error: DecodeErrorInfo | null, release: OpenhclRelease = DEFAULT_RELEASE, options: DeviceTreeBootOptions = {}): BootCheck {
  return { ...verdictOf(dt, implied, error, release, options.ownHost ?? true, options.payloadLength ?? null), release };
}

function verdictOf(dt: OpenhclDeviceTree | null, implied: SavedState | null, error: DecodeErrorInfo | null, release: OpenhclRelease, ownHost: boolean, payloadLength: number | null): Verdict {
  if (!dt || !implied) {
    return {
      outcome: 'unknown',
      step: 'bootloader_fdt_parser::ParsedBootDtInfo::new_from_raw',
      reason: `OpenHCL's usermode refuses this device tree${error ? ` (${error.message})` : ''}, so no servicing would persist a state from it`,
    };
  }
  if (dt.isolation === 'snp' || dt.isolation === 'tdx') {
    return { outcome: 'first-boot', step: 'read_persisted_region_header (skipped when isolated)', reason: `the VM is isolated (${dt.isolation.toUpperCase()}): OpenHCL never reads persisted state there, so the next boot takes the first-boot path` };
  }
  const verdict = checkSavedState(implied, null, release, payloadLength);
  if (verdict) return { ...verdict, reason: `the state its next servicing would persist: ${verdict.reason}` };
  if (!ownHost) {
    return { outcome: 'accepted', step: 'all payload checks', reason: 'the state this VM\'s next servicing would persist from this tree passes every payload check (VTL2 RAM against the next host\'s is checked apart)' };
  }
  if (dt.memory_allocation_mode.mode === 'host') {
    const mismatch = vtl2RamMismatch(dt, implied);
    if (mismatch) return { outcome: 'panic', step: 'assert_eq!(vtl2_ram, host_vtl2_ram, "vtl2 ram from persisted state does not match host provided ram")', reason: `vtl2 ram from persisted state does not match host provided ram: ${mismatch}` };
  }
  return {
    outcome: 'accepted',
    step: 'all payload checks, and VTL2 RAM against the host\'s',
    reason: 'the state this VM\'s next servicing would persist from this tree would be accepted by the next OpenHCL boot, which would rebuild this topology from it',
  };
}

/** Where VTL2 RAM rebuilt from the implied state differs from the VTL2 RAM the host gave (root memory@ nodes), or null. */
function vtl2RamMismatch(dt: OpenhclDeviceTree, implied: SavedState): string | null {
  const rebuilt = vtl2RamFromPersisted(implied.partition_memory);
  const host = hostVtl2Ram(dt.vtl2_memory);
  const at = firstVtl2RamDifference(rebuilt, host);
  if (at < 0) return null;
  const side = (list: typeof host) => (list[at] ? vtl2RamLabel(list[at]) : 'nothing');
  return `${rebuilt.length} ranges rebuilt, ${host.length} from the host (memory@ nodes, VTL2_PROTECTABLE); first difference at #${at}: rebuilt ${side(rebuilt)}, the host's ${side(host)}`;
}

export function deviceTreeDiagnostics(dt: OpenhclDeviceTree): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (dt.entropy) {
    out.push({ severity: 'info', code: 'dt-entropy', message: `The tree carries a ${dt.entropy.length}-byte entropy seed from the host (${dt.entropy.source.path}). It is a secret: this tool never shows, exports, links or logs its bytes; links and exports carry it zeroed.`, entries: [] });
  }
  const unknown = dt.unknown.length + dt.unknown_omitted;
  if (unknown > 0) {
    const named = dt.unknown.slice(0, NAMED_IN_MESSAGE).map((u) => `${u.kind} ${u.path} at byte ${u.offset}`).join('; ');
    const more = unknown > NAMED_IN_MESSAGE ? `; and ${unknown - NAMED_IN_MESSAGE} more` : '';
    const kept = dt.unknown_omitted > 0 ? ` Only the first ${dt.unknown.length} are listed.` : '';
    out.push({ severity: 'info', code: 'dt-unknown', message: `${unknown} nodes or properties openhcl_boot does not write: ${named}${more}. A newer OpenHCL wrote them, or the tree was edited.${kept}`, entries: [] });
  }
  if (dt.boot_times.ok === false) {
    out.push({ severity: 'warning', code: 'dt-boot-times', message: `The boot times do not read (${dt.boot_times.message}); upstream fails only these.`, entries: [] });
  }
  if (dt.vtl0_alias_map !== null) {
    out.push({ severity: 'info', code: 'dt-vtl0-alias-map', message: `VTL0 memory is aliased at ${groupedHex(dt.vtl0_alias_map)} (vtl0-alias-map).`, entries: [] });
  }
  return out;
}
