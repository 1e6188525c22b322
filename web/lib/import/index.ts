// The one way in: every input (a file, a blob, share-link parts, pasted text,
// an exported JSON document) is opened here, in the decode worker, in the CLI
// and in tests alike. The first 32 bytes, the size and the options decide what
// it is and what is read (readPlan.ts); one importer per format builds the
// document. Never throws: a failure is a document with its error, or, when
// nothing could be recognised at all (a paste that is not hex, a JSON document
// that does not parse), a typed error.
import { asDecodeError, errorInfo, type DecodeErrorInfo } from '../format/errors.ts';
import { bytesSource, CountingSource, type ByteSource } from '../io/byteSource.ts';
import type { InputParts } from '../io/inputParts.ts';
import type { TopologyDocument } from '../model/topology.ts';
import { importDocumentJson } from './documentJson.ts';
import { fingerprintOf } from './fingerprint.ts';
import type { OpenOptions } from './options.ts';
import { checkPasteLength, pastedTextOf, textNote } from './pastedText.ts';
import { opensAsJson } from './detect.ts';
import { headLength, planReads, type ReadPlan } from './readPlan.ts';
import { importSavedState } from './savedState.ts';
import { importVtl2Image } from './vtl2Image.ts';

export type { OpenOptions };

/** The topology bytes inside a container (pasted text, a JSON document): what re-opening with other options decodes. */
export type InnerInput = { bytes: Uint8Array } | { parts: InputParts };

export type Opened =
  | { ok: true; name: string; doc: TopologyDocument; inner: InnerInput | null }
  | { ok: false; name: string; error: DecodeErrorInfo };

export interface OpenRequest {
  /** The input's name (a file name); a JSON document names its own. */
  name: string;
  options?: OpenOptions;
  /** The input is text pasted by the user: it must be hex or base64. */
  pasted?: boolean;
}

export async function openInput(input: ByteSource, request: OpenRequest): Promise<Opened> {
  try {
    const opened = await open(input, request);
    if (opened.ok) opened.doc.source.fingerprint = await fingerprintOf(opened.doc);
    return opened;
  } catch (err) {
    return { ok: false, name: request.name, error: errorInfo(asDecodeError(err, 0)) };
  }
}

async function open(input: ByteSource, { name, options = {}, pasted = false }: OpenRequest): Promise<Opened> {
  const source = new CountingSource(input);
  if (pasted) {
    // Refused by its size: a paste past the cap is never read.
    checkPasteLength(source.size);
    const bytes = pastedTextOf(await source.read(0, source.size), true)!.bytes;
    return inner(await open(bytesSource(bytes), { name, options }), { bytes });
  }
  const head = await source.read(0, headLength(source.size));
  const plan = planReads(head, source.size, options);
  const { release } = options;
  if (plan.kind === 'vtl2-image') return { ok: true, name, doc: await importVtl2Image(source, plan, release), inner: null };
  const whole = plan.error ? null : await readWhole(source, head, plan);
  if (plan.kind === 'device-tree') {
    // Loaded when a tree comes: the FDT reader and OpenHCL's tree semantics stay out of the app's first load.
    const { importDeviceTree } = await import('./deviceTree.ts');
    return { ok: true, name, doc: importDeviceTree(source, whole, plan, release), inner: null };
  }
  if (!whole) return { ok: true, name, doc: importSavedState(source, null, plan, [], release), inner: null };

  if (options.as === undefined) {
    // Containers: an exported JSON document, or hex/base64 text in a file.
    if (opensAsJson(head)) {
      const imported = importDocumentJson(new TextDecoder().decode(whole));
      const opened = await open(imported.source, { name: imported.file, options: { ...imported.options, ...keptThroughDocument(options) } });
      return inner(opened, { parts: imported.parts });
    }
    const text = pastedTextOf(whole, false);
    if (text && !('error' in text)) return inner(await open(bytesSource(text.bytes), { name, options }), { bytes: text.bytes });
    if (text) return { ok: true, name, doc: importSavedState(source, whole, plan, [textNote(text.error)], release), inner: null };
  }
  return { ok: true, name, doc: importSavedState(source, whole, plan, [], release), inner: null };
}

/** What a JSON document's own options do not override: the base GPA and the release the user gave. */
function keptThroughDocument(options: OpenOptions): OpenOptions {
  const kept: OpenOptions = {};
  if (options.baseGpa !== undefined) kept.baseGpa = options.baseGpa;
  if (options.release !== undefined) kept.release = options.release;
  return kept;
}

/** The whole input: its head, then what the plan reads after it. */
async function readWhole(source: CountingSource, head: Uint8Array, plan: ReadPlan): Promise<Uint8Array> {
  const whole = new Uint8Array(source.size);
  whole.set(head);
  for (const { offset, length } of plan.reads) whole.set(await source.read(offset, length), offset);
  return whole;
}

/** The container's own bytes to re-open (the innermost wins when containers nest). */
function inner(opened: Opened, own: InnerInput): Opened {
  return opened.ok ? { ...opened, inner: opened.inner ?? own } : opened;
}
