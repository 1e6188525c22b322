// The document of a SavedState as the app would open it (encoded, then read by
// the saved-state importer), synchronously: for property tests that build
// many documents.
import type { OpenhclRelease } from '../model/view.ts';
import { encodeSavedState } from '../format/encodeSavedState.ts';
import { persistedDocument } from '../import/persistedDocument.ts';
import type { SavedState } from '../model/savedState.ts';
import type { TopologyDocument } from '../model/topology.ts';

export function savedStateDoc(state: SavedState, release?: OpenhclRelease): TopologyDocument {
  const bytes = encodeSavedState(state);
  return persistedDocument({
    kind: 'saved-state',
    detection: 'a saved state, for a test',
    size: bytes.length,
    bytesRead: bytes.length,
    header: null,
    payloadLocation: { offset: 0n, length: BigInt(bytes.length), headerGpa: null, headerGpaSource: null },
    payload: { bytes, offset: 0 },
    failure: null,
    payloadUnreadable: false,
    release,
  });
}
