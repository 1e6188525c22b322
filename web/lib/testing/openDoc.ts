// Tests open inputs the way the app does (openInput) and mostly want the
// document: this returns it, and fails the test when the input opened none.
import { openInput } from '../import/index.ts';
import type { OpenOptions } from '../import/options.ts';
import type { ByteSource } from '../io/byteSource.ts';
import type { PersistedStateDetails, TopologyDocument } from '../model/topology.ts';

export async function openDoc(source: ByteSource, options: OpenOptions = {}, name = 'input.bin'): Promise<TopologyDocument> {
  const opened = await openInput(source, { name, options });
  if (!opened.ok) throw new Error(`${name} opened no document: ${opened.error.code}: ${opened.error.message}`);
  return opened.doc;
}

/** The persisted-state details of an image's or a saved state's document (a test that expects one fails otherwise). */
export function persisted(doc: TopologyDocument): PersistedStateDetails {
  if (doc.format.kind === 'device-tree') throw new Error('a device tree has no persisted-state details');
  return doc.format;
}
