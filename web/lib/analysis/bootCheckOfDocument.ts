// A document's boot verdict by another release's rules, without decoding
// again: a release picker re-judges at once, and a comparison judges A by the
// release it was asked for, whatever A was opened with.
import type { BootCheck } from '../model/findings.ts';
import type { TopologyDocument } from '../model/topology.ts';
import { bootCheck } from './bootCheck.ts';
import { deviceTreeBootCheck, type DeviceTreeBootOptions } from './deviceTreeChecks.ts';
import type { OpenhclRelease } from '../model/view.ts';

/**
 * `ownHost: false` (servicing): a device tree is judged on the state it would
 * persist only, not against its own host's VTL2 RAM (the next instance's host
 * is another document's).
 */
export function bootCheckOfDocument(doc: TopologyDocument, release: OpenhclRelease, options: DeviceTreeBootOptions = {}): BootCheck {
  const check = doc.bootCheck;
  const ownHost = options.ownHost ?? true;
  if (check.release === release && (ownHost || doc.format.kind !== 'device-tree')) return check;
  // Decided before the saved state is read (a header the boot ignores, an input cut short): the same in every release.
  if (check.outcome === 'unknown' || check.outcome === 'first-boot') return { ...check, release };
  const { format } = doc;
  if (format.kind === 'device-tree') return deviceTreeBootCheck(format.deviceTree, doc.decoded, doc.error, release, { ownHost, payloadLength: format.impliedPayload?.length });
  return bootCheck({ kind: format.kind, header: format.header, headerGpa: format.payloadLocation?.headerGpa ?? null, decoded: doc.decoded, error: doc.error, payloadUnreadable: false, payloadLength: format.payload?.length }, release);
}
