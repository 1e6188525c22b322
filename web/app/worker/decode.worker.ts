// Decodes off the main thread: the page stays responsive whatever the input.
import { openDocument, type OpenOptions } from '../../lib/document/openDocument.ts';
import { blobSource, partsSource } from '../../lib/io/byteSource.ts';

/** What to decode: a Blob or File (read by slices), or an image rebuilt from its parts (share links). */
export type DecodeInput = { blob: Blob } | { parts: { header: Uint8Array; payloadOffset: number; payload: Uint8Array; size?: number } };

export interface DecodeRequest {
  id: number;
  input: DecodeInput;
  options: OpenOptions;
}

/** A document, or (only if openDocument broke its promise never to throw) what went wrong. */
export type DecodeReply = { id: number; doc: Awaited<ReturnType<typeof openDocument>> } | { id: number; failure: string };

self.onmessage = async (event: MessageEvent<DecodeRequest>) => {
  const { id, input, options } = event.data;
  let reply: DecodeReply;
  try {
    const source = 'blob' in input ? blobSource(input.blob) : partsSource(input.parts);
    reply = { id, doc: await openDocument(source, options) };
  } catch (err) {
    reply = { id, failure: err instanceof Error ? err.message : String(err) };
  }
  self.postMessage(reply);
};
