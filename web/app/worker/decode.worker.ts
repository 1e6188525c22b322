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

self.onmessage = async (event: MessageEvent<DecodeRequest>) => {
  const { id, input, options } = event.data;
  const source = 'blob' in input ? blobSource(input.blob) : partsSource(input.parts);
  const doc = await openDocument(source, options);
  self.postMessage({ id, doc });
};
