// Test support for holding the generated decoder (decodeSavedState) to the
// generic one (decodeSavedStateGeneric, the reference; compared with
// savedStateOutcome.ts): payloads built field by field from the schema to hit
// every mesh_protobuf rule (merges, wrong wire types, wire types 6 and 7, 64-bit
// keys, over-long and 11-byte varints, packed/unpacked lists, unknown fields
// past the kept maximum). Used by savedStateGenerated.test.ts and the
// `payload-differential` fuzz target; never by the app.
import fc from 'fast-check';
import { messageSpec, SAVED_STATE_TYPE, type FieldSpec, type MessageSpec } from '../schema/schema.ts';
import { concatBytes, VARINT_BOUNDARIES, varintBytes } from './fuzz/mutations.ts';


const U64_MAX = (1n << 64n) - 1n;

/** A varint of 1 to 10 bytes: boundary values, over-long forms, 10 bytes with bits past 64 set; 11 bytes (an error) when `hostile`. */
const arbVarint = (hostile: boolean): fc.Arbitrary<Uint8Array> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...VARINT_BOUNDARIES).map((v) => varintBytes(v)) },
    { weight: 4, arbitrary: fc.bigInt({ min: 0n, max: U64_MAX }).map((v) => varintBytes(v)) },
    { weight: 3, arbitrary: fc.nat({ max: 300 }).map((v) => varintBytes(BigInt(v))) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(0n, 1n, 0xffffn, 0xffff_ffffn), fc.integer({ min: 1, max: 9 })).map(([v, extra]) => varintBytes(v, extra).slice(-10)) },
    // Ten bytes, the last holding bits 63..69 (those past 64 are dropped).
    { weight: 1, arbitrary: fc.tuple(fc.uint8Array({ minLength: 9, maxLength: 9 }), fc.nat({ max: 0x7f })).map(([head, last]) => Uint8Array.from([...head.map((b) => b | 0x80), last])) },
    { weight: hostile ? 1 : 0, arbitrary: fc.uint8Array({ minLength: 10, maxLength: 10 }).map((head) => Uint8Array.from([...head.map((b) => b | 0x80), 0x01])) },
  );

/** A key for field `id` and wire type `wire`, sometimes with high bits that mesh_protobuf drops (64-bit keys). */
const arbKey = (id: number, wire: number): fc.Arbitrary<Uint8Array> =>
  fc.oneof(
    { weight: 8, arbitrary: fc.constant(varintBytes((BigInt(id) << 3n) | BigInt(wire))) },
    { weight: 1, arbitrary: fc.bigInt({ min: 1n, max: (1n << 29n) - 1n }).map((high) => varintBytes((high << 35n) | (BigInt(id) << 3n) | BigInt(wire))) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 4 }).map((extra) => varintBytes((BigInt(id) << 3n) | BigInt(wire), extra)) },
  );

/** A length-delimited value (wire type 2), or its wire-type-6 form with a resource count (non-zero, an error, when `hostile`). */
const lengthDelimited = (key: (wire: number) => fc.Arbitrary<Uint8Array>, body: fc.Arbitrary<Uint8Array>, hostile: boolean): fc.Arbitrary<Uint8Array> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.tuple(key(2), body).map(([k, b]) => concatBytes([k, varintBytes(BigInt(b.length)), b])) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(key(6), hostile ? fc.oneof({ weight: 3, arbitrary: fc.constant(0n) }, { weight: 1, arbitrary: fc.constantFrom(1n, 0xffff_ffffn, 1n << 32n) }) : fc.constant(0n), body)
        .map(([k, count, b]) => concatBytes([k, varintBytes(count), varintBytes(BigInt(b.length)), b])),
    },
  );

/**
 * A field of any wire type with a plausible body: 0, 1, 2, 5 and 6 well-formed;
 * when `hostile`, also 3, 4 and 7, and fixed-size bodies cut short.
 */
const arbAnyWire = (id: number, hostile: boolean): fc.Arbitrary<Uint8Array> => {
  const fixed = (wire: number, size: number) => fc.tuple(arbKey(id, wire), fc.uint8Array({ minLength: hostile ? size - 2 : size, maxLength: size })).map(([k, v]) => concatBytes([k, v]));
  const forms = [
    fc.tuple(arbKey(id, 0), arbVarint(hostile)).map(([k, v]) => concatBytes([k, v])),
    fixed(1, 8),
    fixed(5, 4),
    lengthDelimited((wire) => arbKey(id, wire), fc.uint8Array({ maxLength: 12 }), hostile),
  ];
  if (hostile) forms.push(fc.tuple(fc.constantFrom(3, 4, 7), fc.uint8Array({ maxLength: 4 })).chain(([wire, rest]) => arbKey(id, wire).map((k) => concatBytes([k, rest]))));
  return fc.oneof(...forms);
};

const cache = new Map<string, fc.Arbitrary<Uint8Array>>();

/**
 * The bytes of a message of `spec`, field by field: known fields well-formed
 * (nested messages, possibly twice; u64/u32/u16 varints; packed, unpacked and
 * mixed lists) and unknown fields; when `hostile`, also known fields with any
 * wire type and the wire forms mesh_protobuf rejects.
 */
export function arbMessageBytes(spec: MessageSpec, hostile: boolean, depth = 0): fc.Arbitrary<Uint8Array> {
  const cacheKey = `${spec.fullName}/${hostile}/${depth}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const known = spec.fields.map((f) => ({ weight: 6, arbitrary: arbKnownField(f, hostile, depth) }));
  const unknownIds = fc.oneof(fc.constant(0), fc.integer({ min: spec.fields.length + 1, max: 40 }), fc.constant(0xffff_ffff));
  const arbitrary = fc
    .array(
      fc.oneof(
        ...known,
        { weight: 1, arbitrary: unknownIds.chain((id) => arbAnyWire(id, hostile)) },
        { weight: hostile ? 1 : 0, arbitrary: fc.constantFrom(...spec.fields.map((f) => f.id)).chain((id) => arbAnyWire(id, true)) },
      ),
      { maxLength: depth === 0 ? 16 : 6 },
    )
    .map(concatBytes);
  cache.set(cacheKey, arbitrary);
  return arbitrary;
}

function arbKnownField(field: FieldSpec, hostile: boolean, depth: number): fc.Arbitrary<Uint8Array> {
  const key = (wire: number) => arbKey(field.id, wire);
  if (field.kind === 'message') {
    if (depth >= 4) return fc.constant(new Uint8Array());
    return lengthDelimited(key, arbMessageBytes(field.message(), hostile, depth + 1), hostile);
  }
  const single = fc.tuple(key(0), arbVarint(hostile)).map(([k, v]) => concatBytes([k, v]));
  if (!field.repeated) return single;
  const packed = fc.tuple(key(2), fc.array(arbVarint(hostile), { maxLength: 6 }).map(concatBytes)).map(([k, b]) => concatBytes([k, varintBytes(BigInt(b.length)), b]));
  return fc.oneof(single, packed);
}

/**
 * SavedState payloads for the differential test: built from the schema (well
 * formed, or with the wire forms mesh_protobuf rejects mixed in), then
 * sometimes cut short, with a byte changed, or with a run of `00 00` fields
 * (more unknown fields than are kept).
 */
export function arbWirePayload(): fc.Arbitrary<Uint8Array> {
  const spec = messageSpec(SAVED_STATE_TYPE);
  const message = fc.oneof({ weight: 3, arbitrary: arbMessageBytes(spec, false) }, { weight: 2, arbitrary: arbMessageBytes(spec, true) });
  return fc.oneof(
    { weight: 8, arbitrary: message },
    { weight: 2, arbitrary: fc.tuple(message, fc.nat()).map(([bytes, cut]) => bytes.slice(0, bytes.length ? cut % bytes.length : 0)) },
    {
      weight: 2,
      arbitrary: fc.tuple(message, fc.nat(), fc.nat({ max: 255 })).map(([bytes, at, value]) => {
        const out = bytes.slice();
        if (out.length) out[at % out.length] = value;
        return out;
      }),
    },
    { weight: 1, arbitrary: fc.tuple(message, fc.integer({ min: 1000, max: 1100 }), message).map(([a, pairs, b]) => concatBytes([a, new Uint8Array(2 * pairs), b])) },
  );
}
