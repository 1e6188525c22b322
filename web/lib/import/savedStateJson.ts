// A SavedState from JSON, to be written again (`cli encode`): the `decoded`
// object of a document `cli decode` prints, the same object alone, or a golden
// fixture's `decoded`. u64 values are decimal strings (or 0x hex), u32 values
// numbers, enums `{ value, name }` or a bare number, a missing list is empty.
// Checked strictly, walking the schema of proto/ as the encoder and decoder do:
// a field the schema lacks, a missing field, a number out of its type's range
// or a name that contradicts its value fails with DecodeError('json-format')
// naming the path, e.g. `decoded.partition_memory[3].range.start`.
// The state comes from `decoded` only, never from `payload.base64`: an edited
// document encodes the edit, and fields no schema names are not written.
import type { ImageOptions } from '../format/encodeImage.ts';
import { MAX_REPEATED_ELEMENTS, tooManyElementsText } from '../format/savedStateWire.ts';
import { writtenHeaderGpa, derivedHeaderGpa } from '../format/payloadLocation.ts';
import type { SavedState } from '../model/savedState.ts';
import { messageSpec, SAVED_STATE_TYPE, type FieldSpec, type MessageSpec, type ScalarField } from '../schema/schema.ts';
import { isObject, jsonFail as fail, parseJson, safeIntegerValue, u64Value, type Json } from './json.ts';
import { short } from '../model/text.ts';

export interface ImportedSavedState {
  state: SavedState;
  /** An image's document: the layout its header and size record, the defaults for writing it back. */
  imageDefaults: Required<ImageOptions> | null;
  /** What the document holds that a state written from it will not, for the user to read. */
  notes: string[];
}

/** Keys only a decode document has at its top: without `decoded` beside them, its state is missing. */
const DOCUMENT_KEYS = ['file', 'ok', 'kind', 'header', 'payload'];

/** Parses JSON text: a decode document, or a SavedState object alone. Throws only DecodeError. */
export function parseSavedStateJson(text: string): ImportedSavedState {
  return savedStateOfDocument(parseJson(text));
}

/** The state (and an image's layout) from a parsed document or a SavedState object alone. */
export function savedStateOfDocument(root: unknown): ImportedSavedState {
  if (!isObject(root)) return fail('the JSON', 'a decode document or a SavedState object', `got ${short(root)}`);
  const isDocument = 'decoded' in root || DOCUMENT_KEYS.some((key) => key in root);
  if (!isDocument) return { state: savedStateFromJson(root), imageDefaults: null, notes: [] };

  if (!('decoded' in root)) return fail('decoded', 'the document\'s SavedState', 'missing');
  if (root.decoded === null) return fail('decoded', 'a SavedState object', `got null: ${whyNotDecoded(root)}`);
  const state = savedStateFromJson(root.decoded);
  const kind = root.kind;
  // A device tree's `decoded` is the state it implies; like a saved state's, it has no image layout.
  if (kind !== undefined && kind !== 'vtl2-image' && kind !== 'saved-state' && kind !== 'device-tree') fail('kind', '"vtl2-image", "saved-state" or "device-tree"', `got ${short(kind)}`);
  const notes: string[] = [];
  const imageDefaults = kind === 'vtl2-image' ? imageDefaultsOf(root, notes) : null;
  const unknown = root.unknown_fields;
  if (Array.isArray(unknown) && unknown.length > 0) {
    notes.push(`the document's ${unknown.length} unknown field${unknown.length === 1 ? '' : 's'} (written by a newer OpenHCL) ${unknown.length === 1 ? 'is' : 'are'} not written: the state comes from "decoded", which holds only the fields of proto/`);
  }
  return { state, imageDefaults, notes };
}

/** A SavedState from its JSON form; `path` names it in errors. */
export function savedStateFromJson(value: unknown, path = 'decoded'): SavedState {
  return readMessage(messageSpec(SAVED_STATE_TYPE), value, path) as unknown as SavedState;
}

/**
 * An image is written back with its header's layout: the header page at
 * protobuf_base - 0x1000 (so protobuf_base, which the state's
 * VTL2_PERSISTED_STATE_HEADER entry must end at, is kept), its region length
 * and its size.
 */
function imageDefaultsOf(root: Json, notes: string[]): Required<ImageOptions> {
  const header = root.header;
  if (!isObject(header)) return fail('header', 'the image header (kind is "vtl2-image")', `got ${short(header)}`);
  const protobufBase = u64Value(header.protobuf_base, 'header.protobuf_base');
  const regionLen = u64Value(header.protobuf_region_len, 'header.protobuf_region_len');
  const size = safeIntegerValue(root.size, 'size', 'the image size, a non-negative integer');

  const payload = isObject(root.payload) ? root.payload : null;
  const headerGpa = payload && payload.header_gpa !== null && payload.header_gpa !== undefined ? u64Value(payload.header_gpa, 'payload.header_gpa') : null;
  const derived = derivedHeaderGpa(protobufBase);
  if (derived !== null && headerGpa !== null && headerGpa !== derived) {
    notes.push(`the image was read with base GPA 0x${headerGpa.toString(16)} (payload.header_gpa), its payload at offset 0x${(protobufBase - headerGpa).toString(16)}; it is written as OpenHCL lays it out: header page at protobuf_base - 0x1000 = 0x${derived.toString(16)}, payload right after it`);
  }
  const baseGpa = writtenHeaderGpa(protobufBase, headerGpa);
  if (baseGpa === null) return fail('header.protobuf_base', 'at least 0x1000, the header page lying below it', `got ${protobufBase}`);
  return { baseGpa, regionLen, imageSize: BigInt(size) };
}

/** Why a document has no decoded state, from what it says. */
function whyNotDecoded(root: Json): string {
  const error = root.error;
  if (isObject(error) && typeof error.message === 'string') {
    return `its input did not decode (${typeof error.code === 'string' ? `${error.code}: ` : ''}${error.message}), so there is no state to write`;
  }
  const header = root.header;
  if (isObject(header) && typeof header.magic === 'string' && header.magic !== 'OHCLPHDR') {
    return `the image's header magic is ${JSON.stringify(header.magic)}, not OHCLPHDR, so its payload was not decoded and there is no state to write`;
  }
  return 'the document holds no state to write';
}

function readMessage(spec: MessageSpec, value: unknown, path: string): Json {
  if (spec.knownValues) return readEnum(spec, value, path);
  if (!isObject(value)) return fail(path, `a ${spec.name} object`, `got ${short(value)}`);
  for (const key of Object.keys(value)) {
    if (!spec.fields.some((f) => f.name === key)) {
      fail(`${path}.${key}`, `a field of ${spec.name}`, `it has ${spec.fields.map((f) => f.name).join(', ')}${spec.fullName === SAVED_STATE_TYPE ? '; a decode document holds its state under "decoded"' : ''}`);
    }
  }
  const message: Json = {};
  for (const field of spec.fields) message[field.name] = readField(spec, field, value[field.name], `${path}.${field.name}`);
  return message;
}

function readField(owner: MessageSpec, field: FieldSpec, value: unknown, path: string): unknown {
  if (field.repeated) {
    // An absent list is an empty one, as on the wire.
    if (value === undefined) return [];
    if (!Array.isArray(value)) return fail(path, 'a list', `got ${short(value)}`);
    // The decoder's cap: a state written from here must decode again.
    if (value.length > MAX_REPEATED_ELEMENTS) fail(path, tooManyElementsText(owner.name, field.name), `got ${value.length}`);
    return value.map((element, i) => readOne(field, element, `${path}[${i}]`));
  }
  return readOne(field, value, path);
}

function readOne(field: FieldSpec, value: unknown, path: string): unknown {
  if (field.kind === 'message') return readMessage(field.message(), value, path);
  return field.bits === 64 ? u64Value(value, path) : readNarrow(field, value, path);
}

/** An open enum: `{ value, name }` (name optional, null or the value's own) or the bare number. */
function readEnum(spec: MessageSpec, value: unknown, path: string): Json {
  const valueField = spec.fields[0] as ScalarField;
  const names = spec.knownValues!;
  if (typeof value === 'number') return { value: readNarrow(valueField, value, path), name: names.get(value) ?? null };
  if (!isObject(value)) return fail(path, `a ${spec.name}: { "value": N, "name": … } or a bare number`, `got ${short(value)}`);
  for (const key of Object.keys(value)) if (key !== 'value' && key !== 'name') fail(`${path}.${key}`, `a field of ${spec.name}`, 'it has value and name');
  const number = readNarrow(valueField, value.value, `${path}.value`);
  const known = names.get(number) ?? null;
  const name = value.name;
  if (name !== undefined && name !== null) {
    if (typeof name !== 'string') fail(`${path}.name`, 'a string or null', `got ${short(name)}`);
    // The value is what is written; a name that says otherwise is an edit left half done.
    if (known !== null && name !== known) fail(`${path}.name`, `${known}, the name of value ${number}, or null`, `got ${short(name)}; edit "value", the number written`);
  }
  return { value: number, name: known };
}

/** A u32, or a u16 (igvm_type): a JSON number in range; mesh_protobuf would keep only its low bits. */
function readNarrow(field: ScalarField, value: unknown, path: string): number {
  const max = 2 ** field.bits - 1;
  const expected = `a u${field.bits} number (0 to ${max})`;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    fail(path, expected, value === undefined ? 'missing' : `got ${short(value)}`);
  }
  return value as number;
}
