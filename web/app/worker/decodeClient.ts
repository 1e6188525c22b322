// The main thread's side of the decode worker: one promise per input, which
// always settles: a worker that fails to load or dies rejects what it held.
import type { OpenOptions, TopologyDocument } from '../../lib/document/openDocument.ts';
import type { DecodeInput, DecodeReply, DecodeRequest } from './decode.worker.ts';

interface Pending {
  resolve: (doc: TopologyDocument) => void;
  reject: (err: Error) => void;
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function getWorker(): Worker {
  if (!worker) {
    const w = new Worker(new URL('./decode.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (event: MessageEvent<DecodeReply>) => {
      const reply = event.data;
      const waiting = pending.get(reply.id);
      pending.delete(reply.id);
      if ('doc' in reply) waiting?.resolve(reply.doc);
      else waiting?.reject(new Error(reply.failure));
    };
    w.onerror = (event) => {
      event.preventDefault();
      failAll(`the decode worker stopped: ${event.message || 'it could not be loaded'}`);
    };
    w.onmessageerror = () => failAll('the decode worker sent a message that could not be read');
    worker = w;
  }
  return worker;
}

/** Rejects everything in flight and drops the worker, so the next input starts a fresh one. */
function failAll(message: string): void {
  worker?.terminate();
  worker = null;
  for (const { reject } of pending.values()) reject(new Error(message));
  pending.clear();
}

export function decodeInWorker(input: DecodeInput, options: OpenOptions = {}): Promise<TopologyDocument> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    const request: DecodeRequest = { id, input, options };
    getWorker().postMessage(request);
  });
}
