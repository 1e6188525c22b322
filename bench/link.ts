// Figure 5: share link length (the URL fragment after `#`) for the realistic
// sample and a 1,000-range topology, each with the default view.
import fs from 'node:fs';
import path from 'node:path';
import { openDocument, type TopologyDocument } from '../web/lib/document/openDocument.ts';
import { encodeSavedState } from '../web/lib/format/encodeSavedState.ts';
import { bytesSource } from '../web/lib/io/byteSource.ts';
import { syntheticSavedState } from '../web/lib/testing/syntheticTopology.ts';
import { ROOT } from './server.ts';

export interface LinkResult {
  /** Null when web/lib/share is not there. */
  realisticChars: number | null;
  syntheticChars: number | null;
  syntheticRanges: number;
  realisticBytes: number;
  syntheticBytes: number;
  note: string | null;
}

interface ShareApi {
  encodeLink(parts: unknown, view: unknown): string;
  partsOfDocument(doc: TopologyDocument, name: string): unknown;
  DEFAULT_VIEW: unknown;
}

/** The share modules, loaded by path so the bench still runs (with n/a) where they are missing. */
async function loadShare(): Promise<ShareApi | null> {
  const dir = path.join(ROOT, 'web/lib/share');
  const load = async (file: string) => (fs.existsSync(path.join(dir, file)) ? ((await import(path.join(dir, file))) as Record<string, unknown>) : null);
  const link = await load('link.ts');
  const parts = await load('parts.ts');
  const types = await load('types.ts');
  if (!link?.encodeLink || !parts?.partsOfDocument || !types?.DEFAULT_VIEW) return null;
  return { encodeLink: link.encodeLink, partsOfDocument: parts.partsOfDocument, DEFAULT_VIEW: types.DEFAULT_VIEW } as ShareApi;
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
  const share = await loadShare();
  if (!share) return { ...base, realisticChars: null, syntheticChars: null, note: 'n/a (share links not built yet)' };
  const linkLength = async (bytes: Uint8Array, name: string) => {
    const doc = await openDocument(bytesSource(new Uint8Array(bytes)));
    return share.encodeLink(share.partsOfDocument(doc, name), share.DEFAULT_VIEW).length;
  };
  return {
    ...base,
    realisticChars: await linkLength(realistic, 'p03_realistic_x64_2node.bin'),
    syntheticChars: await linkLength(synthetic, 'synthetic-1000.bin'),
    note: null,
  };
}
