// Importer of a raw SavedState payload: the input is the payload, read whole.
import type { OpenhclRelease } from '../model/view.ts';
import type { CountingSource } from '../io/byteSource.ts';
import type { Diagnostic } from '../model/findings.ts';
import type { TopologyDocument } from '../model/topology.ts';
import { persistedDocument } from './persistedDocument.ts';
import type { ReadPlan } from './readPlan.ts';

/** `whole`: the input's bytes, or null when the plan refused to read them (too large). */
export function importSavedState(source: CountingSource, whole: Uint8Array | null, plan: ReadPlan, notes: Diagnostic[] = [], release?: OpenhclRelease): TopologyDocument {
  return persistedDocument({
    kind: 'saved-state',
    detection: plan.detection,
    size: source.size,
    bytesRead: source.bytesRead,
    header: null,
    payloadLocation: { offset: 0n, length: BigInt(source.size), headerGpa: null, headerGpaSource: null },
    payload: whole && { bytes: whole, offset: 0 },
    failure: plan.error,
    payloadUnreadable: false,
    notes,
    release,
  });
}
