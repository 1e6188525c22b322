// Opens every input off the main thread, through the one open path
// (web/lib/import): the page stays responsive whatever the input, and it never
// loads the decoder itself.
import { openInput } from '../../lib/import/index.ts';
import type { OpenOptions } from '../../lib/import/options.ts';
import { blobSource, bytesSource } from '../../lib/io/byteSource.ts';
import { partsSource, type InputParts } from '../../lib/io/inputParts.ts';
import { toWire, type WireOpened } from './wireDocument.ts';
import type { SavedState } from '../../lib/model/savedState.ts';

/**
 * What to open: a Blob or File (read by slices; `pasted` when the user pasted
 * it as text), bytes, an input's parts (share links, JSON documents), or an
 * edited SavedState (written as OpenHCL's encoder writes it, then opened).
 */
export type DecodeInput = { blob: Blob; pasted?: boolean } | { bytes: Uint8Array } | { parts: InputParts } | { state: SavedState };

export interface DecodeRequest {
  id: number;
  input: DecodeInput;
  name: string;
  options: OpenOptions;
}

/** What opened, or (only if openInput broke its promise never to throw) what went wrong. */
export type DecodeReply = { id: number; opened: WireOpened } | { id: number; failure: string };

self.onmessage = async (event: MessageEvent<DecodeRequest>) => {
  const { id, input, name, options } = event.data;
  let reply: DecodeReply;
  // A large SavedState's columns are transferred, not copied (wireDocument.ts).
  let transfer: ArrayBuffer[] = [];
  try {
    const source = 'blob' in input ? blobSource(input.blob) : 'bytes' in input ? bytesSource(input.bytes) : 'state' in input ? bytesSource(await encoded(input.state)) : partsSource(input.parts);
    const posted = toWire(await openInput(source, { name, options, pasted: 'blob' in input && input.pasted === true }));
    reply = { id, opened: posted.wire };
    transfer = posted.transfer;
  } catch (err) {
    reply = { id, failure: err instanceof Error ? err.message : String(err) };
  }
  self.postMessage(reply, { transfer });
};

/** An edited state's bytes: the encoder (protobufjs' reflection and the schema) loads with the first edit, not with the worker. */
async function encoded(state: SavedState): Promise<Uint8Array> {
  const { encodeSavedState } = await import('../../lib/format/encodeSavedState.ts');
  return encodeSavedState(state);
}
