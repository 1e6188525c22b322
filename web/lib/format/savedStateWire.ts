// The wire layer of the generated SavedState decoder (savedState.generated.ts):
// what every message's decode function shares, written once by hand. It
// follows mesh_protobuf exactly as the generic decoder (testing/savedStateGeneric.ts,
// the reference) does; a differential test holds the two to the same results
// and the same errors on every input.
//
// protobufjs' Reader reads every varint. What is ours: the bounds check of a
// varint against its enclosing message (mesh_protobuf's errors and order of
// checks; the Reader knows only the input's end, and takes a truncated varint
// in its last bytes), the 64-bit key, wire types 6 and 7, the bigint made from
// a varint's two halves, and reusing the value of a long varint whose bytes
// repeat the last one's (a range mostly starts where the one before it ended).
import protobuf from 'protobufjs/minimal.js';
import './protobufLong.ts'; // fails at load without long.js
import type { Long } from './protobufLong.ts';
import { DecodeError, type DecodeErrorCode } from './errors.ts';
import type { UnknownField } from '../model/savedState.ts';

export const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
export const WIRE_LEN = 2;
const WIRE_FIXED32 = 5;
export const WIRE_MESH_MESSAGE = 6;
const WIRE_RESOURCE = 7;

/**
 * Elements kept per repeated field (each of partition_memory, partition_mmio
 * and the two CPU lists); one more is a 'too-many-entries' error. An entry
 * costs ~165-190 bytes of heap once decoded (measured: an empty `0a 00` entry
 * ~186, a full one ~165), yet takes 2 bytes of input: a 64 MiB payload of
 * `0a 00` would be 33M entries, ~6 GB. 2^18 keeps a field under ~50 MB and is
 * 2.6 times the 100,000-entry synthetic sample; OpenHCL writes a few hundred.
 */
export const MAX_REPEATED_ELEMENTS = 2 ** 18;

/** A payload being decoded: the reader, the field last read, unknown fields and the path. */
export class Wire {
  readonly reader: protobuf.Reader;
  readonly unknownFields: UnknownField[] = [];
  unknownFieldsOmitted = 0;

  /** The field last read by readField: its wire type, varint value (lo/hi halves) or extent. */
  wireType = 0;
  lo = 0;
  hi = 0;
  dataStart = 0;
  dataEnd = 0;

  /**
   * Where the decoder is: step `d` below SavedState is `.names[d]`, with
   * `[indexes[d]]` when it is an element of a repeated field (-1 otherwise).
   * Each decode function writes its own step before descending (two stores,
   * no push/pop); the path becomes a string only for an unknown field.
   */
  private readonly names: string[] = [];
  private readonly indexes: number[] = [];

  /** Scratch for assembling a u64 bigint from its halves with one allocation. */
  private readonly halves = new DataView(new ArrayBuffer(8));

  /** The input, to compare a varint's bytes with the last long one's four at a time. */
  private readonly words: DataView;

  /**
   * The last varint of 5 bytes or more read through the Reader: where its bytes
   * are, how many, and its halves. A range mostly starts where the one before it
   * ended, so its start repeats those bytes: readVarint then takes the halves
   * from here instead of building a LongBits and a Long again.
   */
  private longVarintStart = 0;
  private longVarintLength = 0;
  private longVarintLo = 0;
  private longVarintHi = 0;

  /** The last u64 made (and its halves): a start equal to the end before it shares that bigint. */
  private lastU64Lo = 0;
  private lastU64Hi = 0;
  private lastU64 = 0n;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly fileOffset: number,
    private readonly maxKeptUnknownFields: number,
  ) {
    this.reader = protobuf.Reader.create(bytes);
    this.words = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /**
   * Reads one key and its value's extent, as mesh_protobuf's parse_field does
   * before any field decoder looks at it: a varint's value lands in lo/hi, a
   * length-delimited field's extent in dataStart/dataEnd (the reader is left
   * after the field). Returns the field number (low 32 bits of key >> 3).
   */
  readField(end: number): number {
    const reader = this.reader;
    const keyPos = reader.pos;
    let fieldNumber: number;
    let wireType: number;
    if (this.bytes[keyPos]! < 0x80 && keyPos < end) {
      // A one-byte key (fields 1 to 15, every key of a payload OpenHCL writes).
      const key = reader.uint32();
      fieldNumber = key >>> 3;
      wireType = key & 7;
    } else {
      this.readVarint(end);
      fieldNumber = ((this.hi << 29) | (this.lo >>> 3)) >>> 0;
      wireType = this.lo & 7;
    }
    this.wireType = wireType;
    switch (wireType) {
      case WIRE_VARINT:
        this.readVarint(end);
        return fieldNumber;
      case WIRE_LEN:
        this.readLength(end, -1);
        return fieldNumber;
      case WIRE_FIXED64:
        this.readFixed(8, end, 'eof-fixed64');
        return fieldNumber;
      case WIRE_FIXED32:
        this.readFixed(4, end, 'eof-fixed32');
        return fieldNumber;
      case WIRE_MESH_MESSAGE: {
        const countPos = reader.pos;
        this.readVarint(end);
        // mesh_protobuf truncates the count to u32; the count is checked after the length is read.
        this.readLength(end, this.lo === 0 ? -1 : countPos);
        return fieldNumber;
      }
      case WIRE_RESOURCE:
        throw this.error('missing-resource', 'no resource field (wire type 7): a saved state carries no resources', keyPos);
      default:
        throw this.error('unknown-wire-type', `a wire type of 0, 1, 2, 5 or 6, not ${wireType}`, keyPos);
    }
  }

  /** The varint last read as a u64. */
  u64(): bigint {
    if (this.lo === this.lastU64Lo && this.hi === this.lastU64Hi) return this.lastU64;
    this.lastU64Lo = this.lo;
    this.lastU64Hi = this.hi;
    const halves = this.halves;
    halves.setInt32(0, this.lo, true);
    halves.setInt32(4, this.hi, true);
    return (this.lastU64 = halves.getBigUint64(0, true));
  }

  /**
   * Reads a varint that must end before `end` into lo/hi (bits above 64 dropped).
   * One function on purpose: split into helpers, it measured 5-20% slower in
   * `npm run bench` (V8 inlines less, and then builds the Long it need not).
   */
  readVarint(end: number): void {
    const reader = this.reader;
    const buf = this.bytes;
    const start = reader.pos;
    // One byte (every key and small value here): in bounds as soon as it is before `end`.
    if (start < end && buf[start]! < 0x80) {
      this.lo = reader.uint32();
      this.hi = 0;
      return;
    }
    // The bytes of the last long varint again: its value. Those bytes are a whole
    // varint (its last byte alone is below 0x80), so the one here ends where they
    // do, inside `end`: every check below would pass.
    const repeatLength = this.longVarintLength;
    if (repeatLength !== 0 && repeatLength <= end - start) {
      const repeatStart = this.longVarintStart;
      const words = this.words;
      let i = 0;
      while (i + 4 <= repeatLength && words.getInt32(start + i) === words.getInt32(repeatStart + i)) i += 4;
      while (i < repeatLength && buf[start + i] === buf[repeatStart + i]) i++;
      if (i === repeatLength) {
        this.lo = this.longVarintLo;
        this.hi = this.longVarintHi;
        reader.pos = start + repeatLength;
        return;
      }
    }
    if (start < end && buf.length - start >= 10) {
      // Ten bytes or more left in the input: the Reader reads at most ten of them
      // (it refuses a tenth that still carries a continuation bit), so only `end`
      // is left to check, after the read.
      let value: Long;
      try {
        value = reader.uint64() as Long;
      } catch {
        throw end - start >= 10 ? this.varintTooBig(start) : this.varintCut(start, end);
      }
      if (reader.pos > end) throw this.varintCut(start, end);
      this.lo = value.low;
      this.hi = value.high;
      const length = reader.pos - start;
      if (length > 4) {
        this.longVarintLo = value.low;
        this.longVarintHi = value.high;
        this.longVarintStart = start;
        this.longVarintLength = length;
      }
      return;
    }
    // In the input's last nine bytes the Reader would take four bytes that all carry
    // a continuation bit as a whole varint: the varint's end is found first.
    const limit = Math.min(end, start + 10);
    let last = start;
    while (last < limit && buf[last]! >= 0x80) last++;
    if (last === limit) throw limit - start === 10 ? this.varintTooBig(start) : this.varintCut(start, end);
    if (last - start < 4) {
      // Up to 28 bits: the 32-bit read is exact and allocates nothing.
      this.lo = reader.uint32();
      this.hi = 0;
    } else {
      const value = reader.uint64() as Long;
      this.lo = this.longVarintLo = value.low;
      this.hi = this.longVarintHi = value.high;
      this.longVarintStart = start;
      this.longVarintLength = last + 1 - start;
    }
  }

  /**
   * Reads a length varint and skips that many bytes, recording their extent.
   * A wire-type-6 field passes where its non-zero resource count was (else -1):
   * that fails after the length is read and before it is checked.
   */
  private readLength(end: number, badCountPos: number): void {
    const reader = this.reader;
    const count = this.lo;
    this.readVarint(end);
    if (badCountPos >= 0) {
      throw this.error('invalid-resource-range', `a resource count of 0 (a saved state carries no resources), not ${count >>> 0}`, badCountPos);
    }
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

  /** A varint at `start` whose first ten bytes all carry a continuation bit. */
  private varintTooBig(start: number): DecodeError {
    return this.error('varint-too-big', 'a varint of at most 10 bytes', start);
  }

  /** A varint at `start` that does not end before `end`, which comes first. */
  private varintCut(start: number, end: number): DecodeError {
    return this.error('eof-varint', `a varint, but the ${end === this.bytes.length ? 'input' : 'enclosing message'} ends after ${end - start} bytes`, start);
  }

  private readFixed(size: number, end: number, code: 'eof-fixed64' | 'eof-fixed32'): void {
    const reader = this.reader;
    if (end - reader.pos < size) {
      throw this.error(code, `${size} bytes of a fixed${size * 8} value, but only ${end - reader.pos} remain`, reader.pos);
    }
    reader.skip(size);
  }

  /** Enters a nested message: the field's value, from dataStart to dataEnd, is next. */
  enter(depth: number, name: string, index: number): void {
    this.names[depth] = name;
    this.indexes[depth] = index;
    this.reader.pos = this.dataStart;
  }

  /** Records the field just read (tag at `tagPos`) as unknown, `depth` steps below SavedState. */
  unknown(fieldNumber: number, tagPos: number, depth: number): void {
    if (this.unknownFields.length >= this.maxKeptUnknownFields) {
      this.unknownFieldsOmitted++;
      return;
    }
    let path = 'SavedState';
    for (let d = 0; d < depth; d++) {
      const index = this.indexes[d]!;
      path += index >= 0 ? `.${this.names[d]}[${index}]` : `.${this.names[d]}`;
    }
    this.unknownFields.push({
      path,
      field: fieldNumber,
      wire_type: this.wireType,
      offset: this.fileOffset + tagPos,
      bytes: this.bytes.slice(tagPos, this.reader.pos),
    });
  }

  /** A known message field met with another wire type than 2 or 6. */
  expectedMessage(owner: string, field: string, tagPos: number): DecodeError {
    return this.error('expected-message', `a message (wire type 2 or 6) for ${owner}.${field}, not wire type ${this.wireType}`, tagPos);
  }

  /** A known scalar field met with another wire type than 0 (or 2, packed, when repeated). */
  expectedVarint(owner: string, field: string, repeated: boolean, tagPos: number): DecodeError {
    const what = repeated ? 'a varint (wire type 0) or a packed list (wire type 2)' : 'a varint (wire type 0)';
    return this.error('expected-varint', `${what} for ${owner}.${field}, not wire type ${this.wireType}`, tagPos);
  }

  /** One element of a repeated field past MAX_REPEATED_ELEMENTS, at `pos` (its key, or its varint in a packed list). */
  tooManyElements(owner: string, field: string, pos: number): DecodeError {
    return this.error('too-many-entries', tooManyElementsText(owner, field), pos);
  }

  private error(code: DecodeErrorCode, expected: string, pos: number): DecodeError {
    return new DecodeError(code, expected, this.fileOffset + pos);
  }
}

/** The `expected` text of a 'too-many-entries' error (the generic decoder says the same). */
export function tooManyElementsText(owner: string, field: string): string {
  return `at most ${MAX_REPEATED_ELEMENTS.toLocaleString('en-US')} elements of ${owner}.${field} (this decoder's cap; OpenHCL writes a few hundred)`;
}
