// Encodes a SavedState the way mesh_protobuf does (FORMAT.md §3 rules 1–4):
// declaration order, zero scalars and empty nested messages omitted, every
// element of a repeated message written (even empty), u32 lists packed.
// The project's own encoder: samples, benchmarks and round-trip tests use it;
// the decoder's truth remains the upstream fixtures.
import protobuf from 'protobufjs/light.js';
import { Long } from './protobufLong.ts';
import { messageSpec, SAVED_STATE_TYPE, type FieldSpec, type MessageSpec } from '../schema/schema.ts';
import type { SavedState } from '../model/savedState.ts';

const WIRE_VARINT = 0;
const WIRE_LEN = 2;

export function encodeSavedState(state: SavedState): Uint8Array {
  const writer = protobuf.Writer.create();
  writeMessage(writer, messageSpec(SAVED_STATE_TYPE), state as unknown as Record<string, unknown>);
  // protobufjs hands back a Node Buffer in Node: give every caller a plain Uint8Array.
  return new Uint8Array(writer.finish());
}

function writeMessage(writer: protobuf.Writer, spec: MessageSpec, message: Record<string, unknown>): void {
  for (const field of spec.fields) writeField(writer, field, message[field.name]);
}

function writeField(writer: protobuf.Writer, field: FieldSpec, value: unknown): void {
  if (field.kind === 'message') {
    const sub = field.message();
    if (field.repeated) {
      for (const element of value as Record<string, unknown>[]) {
        writer.uint32(key(field.id, WIRE_LEN)).fork();
        writeMessage(writer, sub, element);
        writer.ldelim();
      }
    } else {
      // Written only when it has content: mesh_protobuf omits an empty nested message.
      const nested = protobuf.Writer.create();
      writeMessage(nested, sub, value as Record<string, unknown>);
      const bytes = nested.finish();
      if (bytes.length > 0) writer.uint32(key(field.id, WIRE_LEN)).bytes(bytes);
    }
    return;
  }
  if (field.repeated) {
    const list = value as (number | bigint)[];
    if (list.length === 0) return;
    writer.uint32(key(field.id, WIRE_LEN)).fork();
    for (const v of list) writer.uint64(toLong(v));
    writer.ldelim();
    return;
  }
  const v = value as number | bigint;
  if (v === 0 || v === 0n) return;
  writer.uint32(key(field.id, WIRE_VARINT)).uint64(toLong(v));
}

function key(id: number, wireType: number): number {
  return ((id << 3) | wireType) >>> 0;
}

function toLong(value: number | bigint): Long {
  const big = BigInt(value) & 0xffff_ffff_ffff_ffffn;
  return Long.fromBits(Number(big & 0xffff_ffffn) | 0, Number(big >> 32n) | 0, true);
}
