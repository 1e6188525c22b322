// The main thread's side of the decode worker: one promise per input.
import type { OpenOptions, TopologyDocument } from '../../lib/document/openDocument.ts';
import type { DecodeInput, DecodeRequest } from './decode.worker.ts';

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, (doc: TopologyDocument) => void>();

function getWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./decode.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<{ id: number; doc: TopologyDocument }>) => {
      pending.get(event.data.id)?.(event.data.doc);
      pending.delete(event.data.id);
    };
  }
  return worker;
}

export function decodeInWorker(input: DecodeInput, options: OpenOptions = {}): Promise<TopologyDocument> {
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    const request: DecodeRequest = { id, input, options };
    getWorker().postMessage(request);
  });
}
