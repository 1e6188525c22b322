// The boot verdict as one sentence a user reads first.
import type { BootCheck } from '../../lib/model/findings.ts';
import type { InputKind } from '../../lib/model/topology.ts';

const ACCEPTED_DETAIL: Record<InputKind, string> = {
  'vtl2-image': 'It would rebuild its topology from this persisted state. Host device-tree cross-checks are not simulated.',
  'saved-state': 'As a raw payload it has no header to check; the payload passes every check.',
  'device-tree': 'The state its next servicing would persist passes every payload check, and (in host allocation mode) its VTL2 RAM matches the host’s.',
};

export function bootHeadline(check: BootCheck, kind: InputKind): { headline: string; detail: string } {
  switch (check.outcome) {
    case 'accepted':
      return {
        headline: 'The next OpenHCL boot would accept this',
        detail: ACCEPTED_DETAIL[kind],
      };
    case 'panic':
      return { headline: `The next OpenHCL boot would panic because ${check.reason}`, detail: '' };
    case 'first-boot':
      return { headline: `The next OpenHCL boot would take the first-boot path because ${check.reason}`, detail: '' };
    case 'unknown':
      return { headline: `Cannot tell what the next OpenHCL boot would do: ${check.reason}`, detail: '' };
  }
}
