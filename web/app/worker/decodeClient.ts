// The main thread's side of the decode worker: one promise per input, which
// always settles: a worker that fails to load or dies rejects what it held.
import type { Opened } from '../../lib/import/index.ts';
import type { OpenOptions } from '../../lib/import/options.ts';
import type { DecodeInput, DecodeReply, DecodeRequest } from './decode.worker.ts';
import { fromWire } from './wireDocument.ts';

interface Pending {
  resolve: (opened: Opened) => void;
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
      if ('opened' in reply) waiting?.resolve(fromWire(reply.opened));
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

export function decodeInWorker(input: DecodeInput, name: string, options: OpenOptions = {}): Promise<Opened> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    const request: DecodeRequest = { id, input, name, options };
    getWorker().postMessage(request);
  });
}
