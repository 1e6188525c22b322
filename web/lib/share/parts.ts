// From an opened document to the parts a link carries. A link carries the
// bytes the decoder read and nothing else; opening it reads exactly those
// (import/readPlan.ts decides, for both). Decoder-free: the page imports it.
import { DecodeError } from '../format/errors.ts';
import { forcedOptions, type OpenOptions } from '../import/options.ts';
import { optionsToKeepKind } from '../import/readPlan.ts';
import type { InputParts } from '../io/inputParts.ts';
import type { TopologyDocument } from '../model/topology.ts';
import type { SharedParts } from './types.ts';

const MAX_NAME = 80;

/** A file name short enough for a link: no folders, at most 80 characters (middle elided). */
export function shortName(name: string): string {
  const base = name.split(/[\\/]/).pop() || name;
  if (base.length <= MAX_NAME) return base;
  const half = (MAX_NAME - 1) / 2;
  return `${base.slice(0, Math.ceil(half))}…${base.slice(base.length - Math.floor(half))}`;
}

/**
 * What a link needs to re-open `doc` as it was opened (with `options`).
 * Throws `link-too-large` for a saved-state input that was not read whole.
 */
export function partsOfDocument(doc: TopologyDocument, name: string, options: OpenOptions = {}): SharedParts {
  const { format, source } = doc;
  let input: InputParts;
  if (format.kind === 'device-tree') {
    // The tree travels whole with its entropy seed zeroed; a tree that does not read cannot say where the seed is.
    if (!format.redacted) throw new DecodeError('not-shareable', 'a device tree that reads', 0, `${name} does not read as a device tree, so where its entropy seed lies is unknown: it cannot travel in a link`);
    input = { header: new Uint8Array(0), payloadOffset: 0, payload: format.redacted, size: source.size };
  } else if (format.kind === 'saved-state') {
    if (format.payload === null || format.payload.length !== source.size) {
      throw new DecodeError('link-too-large', 'a saved-state input read whole', 0, `${name} was not read whole (${source.size} bytes), so it cannot travel in a link`);
    }
    input = { header: new Uint8Array(0), payloadOffset: 0, payload: format.payload, size: source.size };
  } else {
    const payload = format.payload ?? new Uint8Array(0);
    input = {
      header: format.header?.raw ?? new Uint8Array(0),
      payloadOffset: payload.length > 0 && format.payloadLocation ? Number(format.payloadLocation.offset) : 0,
      payload,
      size: source.size,
    };
  }
  return { name: shortName(name), input, options: { ...optionsToKeepKind(format.kind, input), ...forcedOptions(options) } };
}
