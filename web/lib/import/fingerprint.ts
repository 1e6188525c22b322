// What identifies an input's content without carrying it: a view-only share
// link (for an input too large to travel in a link) names the file by this,
// so the app can tell whether the file open is the one the view was made of.
// SHA-256 (WebCrypto) over what a full link would carry: the size, an image's
// header and payload, a saved state, a device tree with its entropy seed zeroed
// (the seed never goes into anything that leaves the page, hashed or not).
import { toHex } from '../io/base64.ts';
import type { TopologyDocument } from '../model/topology.ts';

/** 32 hex digits (the first 128 bits); null where WebCrypto is missing (a page served over plain http from another host). */
export async function fingerprintOf(doc: TopologyDocument): Promise<string | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  const { format } = doc;
  const pieces = format.kind === 'device-tree' ? [format.redacted] : [format.header?.raw, format.payload];
  const size = new Uint8Array(8);
  new DataView(size.buffer).setBigUint64(0, BigInt(doc.source.size));
  const parts = [new TextEncoder().encode(format.kind), size, ...pieces.filter((p): p is Uint8Array => p instanceof Uint8Array)];
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  const digest = new Uint8Array(await subtle.digest('SHA-256', all));
  return toHex(digest.subarray(0, 16));
}
