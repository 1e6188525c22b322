// Figure 5: share link length (the URL fragment after `#`) for the realistic
// sample and a 1,000-range topology, each with the default view.
import fs from 'node:fs';
import path from 'node:path';
import { openDoc as openDocument } from '../web/lib/testing/openDoc.ts';
import { encodeSavedState } from '../web/lib/format/encodeSavedState.ts';
import { bytesSource } from '../web/lib/io/byteSource.ts';
import { encodeLink } from '../web/lib/share/link.ts';
import { partsOfDocument } from '../web/lib/share/parts.ts';
import { DEFAULT_VIEW } from '../web/lib/model/view.ts';
import { syntheticSavedState } from '../web/lib/testing/syntheticTopology.ts';
import { ROOT } from './server.ts';

export interface LinkResult {
  /** Characters of the fragment after `#`. */
  realisticChars: number;
  syntheticChars: number;
  syntheticRanges: number;
  realisticBytes: number;
  syntheticBytes: number;
}

export async function runLinkBench(): Promise<LinkResult> {
  const realistic = fs.readFileSync(path.join(ROOT, 'public/samples/p03_realistic_x64_2node.bin'));
  const state = syntheticSavedState({ entries: 1_000, vnodes: 8 });
  const synthetic = encodeSavedState(state);
  const base = {
    syntheticRanges: state.partition_memory.length + state.partition_mmio.length,
    realisticBytes: realistic.length,
    syntheticBytes: synthetic.length,
  };
  const linkLength = async (bytes: Uint8Array, name: string) => {
    const doc = await openDocument(bytesSource(new Uint8Array(bytes)));
    return encodeLink(partsOfDocument(doc, name), DEFAULT_VIEW).length;
  };
  return {
    ...base,
    realisticChars: await linkLength(realistic, 'p03_realistic_x64_2node.bin'),
    syntheticChars: await linkLength(synthetic, 'synthetic-1000.bin'),
  };
}
