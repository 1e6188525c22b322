// Tests open inputs the way the app does (openInput) and mostly want the
// document: this returns it, and fails the test when the input opened none.
import { openInput } from '../import/index.ts';
import type { OpenOptions } from '../import/options.ts';
import type { ByteSource } from '../io/byteSource.ts';
import type { TopologyDocument } from '../model/topology.ts';

export async function openDoc(source: ByteSource, options: OpenOptions = {}, name = 'input.bin'): Promise<TopologyDocument> {
  const opened = await openInput(source, { name, options });
  if (!opened.ok) throw new Error(`${name} opened no document: ${opened.error.code}: ${opened.error.message}`);
  return opened.doc;
}
