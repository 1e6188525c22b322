// The generic decoder of the `SavedState` payload: it walks the schema tables of
// proto/ (web/lib/schema/schema.ts) at run time. It is the reference of the
// decoder generated from the same schema (format/savedState.generated.ts), which
// `decodeSavedState` uses: a differential test (format/savedStateGenerated.test.ts)
// and a fuzz target hold the two to identical results and errors. Tests only.
//
// It follows mesh_protobuf (OpenHCL's own decoder) rule for rule; see FORMAT.md
// §3. protobufjs does the wire work (its Reader reads every varint); this
// module adds only where mesh_protobuf differs from a stock protobuf decoder:
// - every varint is checked to end inside its message first (protobufjs' Reader
//   can read past a truncated 4-byte varint), 11+ bytes is an error;
// - keys are 64-bit; the field number is the low 32 bits of key >> 3;
// - wire type 6 (mesh message: resource count, length, bytes) is a message
//   form; resources are never present here, so a non-zero count fails; wire
//   types 3, 4 and 7 fail even on unknown fields;
// - known fields check their wire type: a message wants 2 or 6, a scalar 0
//   (or 2, packed, when repeated);
// - a nested message seen twice is merged, a scalar seen twice takes the last;
// - narrowing keeps the low 32 (u32) or 16 (u16) bits, with no range check.
import protobuf from 'protobufjs/light.js';
import Long from 'long';
import { DecodeError } from '../format/errors.ts';
import { MAX_KEPT_UNKNOWN_FIELDS, type DecodedSavedState } from '../format/savedState.ts';
import { MAX_REPEATED_ELEMENTS, tooManyElementsText } from '../format/savedStateWire.ts';
import { messageSpec, SAVED_STATE_TYPE, type FieldSpec, type MessageSpec, type ScalarField } from '../schema/schema.ts';
import type { SavedState, UnknownField } from '../model/savedState.ts';

// Without this, protobufjs returns u64 values as lossy JS numbers in a browser bundle.
protobuf.util.Long = Long;
protobuf.configure();

/**
 * Decodes exactly `bytes` as a SavedState by walking the schema tables. Throws
 * only DecodeError, whose offset is `fileOffset` + the position in `bytes`.
 */
export function decodeSavedStateGeneric(bytes: Uint8Array, fileOffset = 0): DecodedSavedState {
  const spec = messageSpec(SAVED_STATE_TYPE);
  const decoder = new PayloadDecoder(bytes, fileOffset);
  const value = defaultMessage(spec);
  decoder.decodeMessage(spec, bytes.length, value);
  return { value: value as unknown as SavedState, unknownFields: decoder.unknownFields, unknownFieldsOmitted: decoder.unknownFieldsOmitted };
}

type DecodedMessage = Record<string, unknown>;

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LEN = 2;
const WIRE_FIXED32 = 5;
const WIRE_MESH_MESSAGE = 6;
const WIRE_RESOURCE = 7;

class PayloadDecoder {
  readonly unknownFields: UnknownField[] = [];
  unknownFieldsOmitted = 0;
  private readonly reader: protobuf.Reader;

  // The field last read by readField (one mutable record: no allocation per field).
  private wireType = 0;
  private lo = 0;
  private hi = 0;
  private dataStart = 0;
  private dataEnd = 0;
  /**
   * Where the decoder is, as `.name` / `.name[index]` steps below SavedState;
   * turned into a string only when an unknown field needs it.
   */
  private readonly pathSteps: string[] = [];
  private readonly pathIndexes: number[] = [];

  constructor(
    private readonly bytes: Uint8Array,
    private readonly fileOffset: number,
  ) {
    this.reader = protobuf.Reader.create(bytes);
  }

  decodeMessage(spec: MessageSpec, end: number, target: DecodedMessage): void {
    const reader = this.reader;
    while (reader.pos < end) {
      const tagPos = reader.pos;
      const fieldNumber = this.readField(end);
      const field = spec.byId.get(fieldNumber);
      if (field === undefined && this.unknownFields.length >= MAX_KEPT_UNKNOWN_FIELDS) {
        this.unknownFieldsOmitted++;
      } else if (field === undefined) {
        this.unknownFields.push({
          path: this.path(),
          field: fieldNumber,
          wire_type: this.wireType,
          offset: this.fileOffset + tagPos,
          bytes: this.bytes.slice(tagPos, reader.pos),
        });
      } else if (field.kind === 'message') {
        this.decodeMessageField(spec, field, target, tagPos);
      } else {
        this.decodeScalarField(spec, field, target, tagPos);
      }
    }
    if (spec.knownValues) target.name = spec.knownValues.get(target.value as number) ?? null;
  }

  private decodeMessageField(
    owner: MessageSpec,
    field: Extract<FieldSpec, { kind: 'message' }>,
    target: DecodedMessage,
    tagPos: number,
  ): void {
    if (this.wireType !== WIRE_LEN && this.wireType !== WIRE_MESH_MESSAGE) {
      throw this.error('expected-message', `a message (wire type 2 or 6) for ${owner.name}.${field.name}, not wire type ${this.wireType}`, tagPos);
    }
    const sub = field.message();
    const start = this.dataStart;
    const end = this.dataEnd;
    this.reader.pos = start;
    if (field.repeated) {
      const list = target[field.name] as DecodedMessage[];
      this.checkCap(owner, field, list, tagPos);
      const index = list.length;
      const element = defaultMessage(sub);
      list.push(element);
      this.enter(field.name, index);
      this.decodeMessage(sub, end, element);
      this.leave();
    } else {
      // A message seen twice merges into what the first one left (mesh_protobuf, unlike protobufjs).
      this.enter(field.name, -1);
      this.decodeMessage(sub, end, target[field.name] as DecodedMessage);
      this.leave();
    }
  }

  private enter(name: string, index: number): void {
    this.pathSteps.push(name);
    this.pathIndexes.push(index);
  }

  private leave(): void {
    this.pathSteps.pop();
    this.pathIndexes.pop();
  }

  /** The current path, e.g. `SavedState.partition_memory[3].range`. */
  private path(): string {
    let path = 'SavedState';
    this.pathSteps.forEach((name, i) => {
      const index = this.pathIndexes[i]!;
      path += index >= 0 ? `.${name}[${index}]` : `.${name}`;
    });
    return path;
  }

  private decodeScalarField(owner: MessageSpec, field: ScalarField, target: DecodedMessage, tagPos: number): void {
    if (this.wireType === WIRE_VARINT) {
      const value = narrow(field, this.lo, this.hi);
      if (field.repeated) this.checkCap(owner, field, target[field.name] as unknown[], tagPos);
      if (field.repeated) (target[field.name] as unknown[]).push(value);
      else target[field.name] = value;
      return;
    }
    if (field.repeated && this.wireType === WIRE_LEN) {
      const list = target[field.name] as unknown[];
      const end = this.dataEnd;
      this.reader.pos = this.dataStart;
      while (this.reader.pos < end) {
        this.checkCap(owner, field, list, this.reader.pos);
        this.readVarint(end);
        list.push(narrow(field, this.lo, this.hi));
      }
      return;
    }
    const what = field.repeated ? 'a varint (wire type 0) or a packed list (wire type 2)' : 'a varint (wire type 0)';
    throw this.error('expected-varint', `${what} for ${owner.name}.${field.name}, not wire type ${this.wireType}`, tagPos);
  }

  /** A repeated field refuses an element past MAX_REPEATED_ELEMENTS (at `pos`) before building it. */
  private checkCap(owner: MessageSpec, field: FieldSpec, list: readonly unknown[], pos: number): void {
    if (list.length >= MAX_REPEATED_ELEMENTS) throw this.error('too-many-entries', tooManyElementsText(owner.name, field.name), pos);
  }

  /**
   * Reads one key and its value's extent, as mesh_protobuf's parse_field does
   * before any field decoder looks at it. Returns the field number; leaves the
   * reader after the field.
   */
  private readField(end: number): number {
    const reader = this.reader;
    const keyPos = reader.pos;
    this.readVarint(end);
    const fieldNumber = ((this.hi << 29) | (this.lo >>> 3)) >>> 0;
    this.wireType = this.lo & 7;
    switch (this.wireType) {
      case WIRE_VARINT:
        this.readVarint(end);
        return fieldNumber;
      case WIRE_FIXED64:
        this.readFixed(8, end, 'eof-fixed64');
        return fieldNumber;
      case WIRE_FIXED32:
        this.readFixed(4, end, 'eof-fixed32');
        return fieldNumber;
      case WIRE_LEN:
        this.readLength(end);
        return fieldNumber;
      case WIRE_MESH_MESSAGE: {
        const countPos = reader.pos;
        this.readVarint(end);
        const resources = this.lo; // mesh_protobuf truncates the count to u32
        this.readLength(end, () => {
          if (resources !== 0) {
            throw this.error('invalid-resource-range', `a resource count of 0 (a saved state carries no resources), not ${resources >>> 0}`, countPos);
          }
        });
        return fieldNumber;
      }
      case WIRE_RESOURCE:
        throw this.error('missing-resource', 'no resource field (wire type 7): a saved state carries no resources', keyPos);
      default:
        throw this.error('unknown-wire-type', `a wire type of 0, 1, 2, 5 or 6, not ${this.wireType}`, keyPos);
    }
  }

  /** Reads a length varint and skips that many bytes, recording their extent. */
  private readLength(end: number, beforeBoundsCheck?: () => void): void {
    const reader = this.reader;
    this.readVarint(end);
    beforeBoundsCheck?.();
    const start = reader.pos;
    const remaining = end - start;
    if (this.hi !== 0 || this.lo >>> 0 > remaining) {
      const len = (BigInt(this.hi >>> 0) << 32n) | BigInt(this.lo >>> 0);
      throw this.error('eof-byte-array', `${len} bytes of a length-delimited field, but only ${remaining} remain`, start);
    }
    this.dataStart = start;
    this.dataEnd = start + (this.lo >>> 0);
    reader.pos = this.dataEnd;
  }

  private readFixed(size: number, end: number, code: 'eof-fixed64' | 'eof-fixed32'): void {
    const reader = this.reader;
    if (end - reader.pos < size) {
      throw this.error(code, `${size} bytes of a fixed${size * 8} value, but only ${end - reader.pos} remain`, reader.pos);
    }
    reader.skip(size);
  }

  /** Reads a varint that must end before `end` into lo/hi (bits above 64 dropped). */
  private readVarint(end: number): void {
    const reader = this.reader;
    const buf = this.bytes;
    const start = reader.pos;
    const limit = Math.min(end, start + 10);
    let last = start;
    while (last < limit && buf[last]! >= 0x80) last++;
    if (last === limit) {
      if (limit - start === 10) throw this.error('varint-too-big', 'a varint of at most 10 bytes', start);
      throw this.error('eof-varint', `a varint, but the ${end === buf.length ? 'input' : 'enclosing message'} ends after ${end - start} bytes`, start);
    }
    if (last - start < 4) {
      // Up to 28 bits: the 32-bit read is exact and allocates nothing.
      this.lo = reader.uint32();
      this.hi = 0;
    } else {
      const value = reader.uint64() as Long;
      this.lo = value.low;
      this.hi = value.high;
    }
  }

  private error(code: ConstructorParameters<typeof DecodeError>[0], expected: string, pos: number): DecodeError {
    return new DecodeError(code, expected, this.fileOffset + pos);
  }
}

function narrow(field: ScalarField, lo: number, hi: number): bigint | number {
  switch (field.bits) {
    case 64:
      // Below 2^53 one exact double makes the bigint: a third of the work of shifting halves.
      return hi >>> 0 < 0x20_0000 ? BigInt((hi >>> 0) * 0x1_0000_0000 + (lo >>> 0)) : (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
    case 32:
      return lo >>> 0;
    case 16:
      return lo & 0xffff;
  }
}

/** A message as mesh_protobuf defaults it when absent: zeros, empty lists, nested defaults. */
function defaultMessage(spec: MessageSpec): DecodedMessage {
  const message: DecodedMessage = {};
  for (const field of spec.fields) {
    if (field.repeated) message[field.name] = [];
    else if (field.kind === 'message') message[field.name] = defaultMessage(field.message());
    else message[field.name] = field.bits === 64 ? 0n : 0;
  }
  if (spec.knownValues) message.name = spec.knownValues.get(0) ?? null;
  return message;
}
