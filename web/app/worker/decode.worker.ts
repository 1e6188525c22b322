// Decodes off the main thread: the page stays responsive whatever the input.
import { openDocument, type OpenOptions } from '../../lib/document/openDocument.ts';
import { blobSource } from '../../lib/io/byteSource.ts';

export interface DecodeRequest {
  id: number;
  blob: Blob;
  options: OpenOptions;
}

self.onmessage = async (event: MessageEvent<DecodeRequest>) => {
  const { id, blob, options } = event.data;
  const doc = await openDocument(blobSource(blob), options);
  self.postMessage({ id, doc });
};
