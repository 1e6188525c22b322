// Re-opening shared parts in Node, a Worker or a test (the page sends the parts
// to the decode worker instead: see parts.ts for why it cannot import this).
import { openDocument, type TopologyDocument } from '../document/openDocument.ts';
import { partsSource, type ByteSource } from '../io/byteSource.ts';
import { partsInput } from './parts.ts';
import type { SharedParts } from './types.ts';

export function sourceOfParts(parts: SharedParts): ByteSource {
  return partsSource(partsInput(parts));
}

/** Opens shared parts exactly as the app's worker does. */
export function openSharedParts(parts: SharedParts): Promise<TopologyDocument> {
  return openDocument(sourceOfParts(parts), parts.options);
}
