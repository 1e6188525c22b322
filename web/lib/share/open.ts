// Re-opening shared parts in Node, a Worker or a test, exactly as the app's
// worker does (the page sends the parts to the worker instead: it never loads
// the decoder).
import { openInput, type Opened } from '../import/index.ts';
import { partsSource } from '../io/inputParts.ts';
import type { SharedParts } from './types.ts';

export function openSharedParts(parts: SharedParts): Promise<Opened> {
  return openInput(partsSource(parts.input), { name: parts.name, options: parts.options });
}
