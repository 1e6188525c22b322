// Tests re-open a link's parts as the app does: its worker opens them with
// openInput over partsSource (web/app/worker/decode.worker.ts).
import { openInput, type Opened } from '../import/index.ts';
import { partsSource } from '../io/inputParts.ts';
import type { SharedParts } from '../share/types.ts';

export function openSharedParts(parts: SharedParts): Promise<Opened> {
  return openInput(partsSource(parts.input), { name: parts.name, options: parts.options });
}
