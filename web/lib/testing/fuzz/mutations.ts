// Byte-level mutations of known-good inputs, as fast-check arbitraries: the
// damage a crashed VM or a careless copy does (bit flips, bytes set to edge
// values, cuts, splices, repeated regions) plus varints at their boundaries.
// Every edit is plain data, so a counterexample prints as the list of edits.
import fc from 'fast-check';

/** Values that sit on a varint's byte-count boundaries, or past 64 bits. */
export const VARINT_BOUNDARIES: readonly bigint[] = [
  0n, 1n, 0x7fn, 0x80n, 0x3fffn, 0x4000n, 0x1f_ffffn, 0x20_0000n, 0xfff_ffffn, 0x1000_0000n,
  0xffff_ffffn, 0x1_0000_0000n, (1n << 35n) - 1n, 1n << 35n, (1n << 53n) - 1n, 1n << 53n,
  (1n << 63n) - 1n, 1n << 63n, (1n << 64n) - 1n,
];

/** Bytes that mean something to a varint or a key: continuation bits, wire types, all-ones. */
const EDGE_BYTES = [0x00, 0x01, 0x02, 0x06, 0x07, 0x08, 0x0a, 0x0e, 0x0f, 0x7f, 0x80, 0x81, 0xfe, 0xff];

/** The pieces one after another, as one array of bytes. */
export function concatBytes(pieces: readonly ArrayLike<number>[]): Uint8Array {
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A varint as protobuf writes it; `extra` adds redundant continuation bytes (over-long forms). */
export function varintBytes(value: bigint, extra = 0): Uint8Array {
  const out: number[] = [];
  let v = value;
  do {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  } while (v > 0n);
  for (let i = 0; i < extra; i++) out.push(0x80);
  out.push(0);
  // The last byte carries no continuation bit: drop the padding 0 when no extra was asked.
  if (extra === 0) {
    out.pop();
    out[out.length - 1]! &= 0x7f;
  }
  return new Uint8Array(out);
}

export type Mutation =
  | { op: 'flip'; at: number; bit: number }
  | { op: 'set'; at: number; value: number }
  | { op: 'truncate'; at: number }
  | { op: 'insert'; at: number; bytes: Uint8Array }
  | { op: 'delete'; at: number; length: number }
  | { op: 'duplicate'; from: number; length: number; to: number }
  | { op: 'varint'; at: number; value: bigint; extra: number; replace: boolean };

const arbBytes = (maxLength: number) => fc.uint8Array({ maxLength });

/** One edit; positions are taken modulo the current length when applied. */
export const arbMutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('flip' as const), at: fc.nat(), bit: fc.nat({ max: 7 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: fc.oneof(fc.constantFrom(...EDGE_BYTES), fc.nat({ max: 255 })) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('insert' as const), at: fc.nat(), bytes: arbBytes(16) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 32 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('duplicate' as const), from: fc.nat(), length: fc.integer({ min: 1, max: 64 }), to: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('varint' as const),
      at: fc.nat(),
      value: fc.oneof(fc.constantFrom(...VARINT_BOUNDARIES), fc.bigInt({ min: 0n, max: (1n << 64n) - 1n })),
      extra: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat({ max: 3 }) }),
      replace: fc.boolean(),
    }),
  },
);

/** Applies edits in order to a copy of `seed`. */
export function applyMutations(seed: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let bytes = seed.slice();
  const pos = (at: number, len = bytes.length) => (len === 0 ? 0 : at % len);
  const splice = (at: number, remove: number, insert: Uint8Array) => {
    const out = new Uint8Array(bytes.length - remove + insert.length);
    out.set(bytes.subarray(0, at));
    out.set(insert, at);
    out.set(bytes.subarray(at + remove), at + insert.length);
    bytes = out;
  };
  for (const m of mutations) {
    switch (m.op) {
      case 'flip':
        if (bytes.length) bytes[pos(m.at)]! ^= 1 << m.bit;
        break;
      case 'set':
        if (bytes.length) bytes[pos(m.at)] = m.value;
        break;
      case 'truncate':
        bytes = bytes.slice(0, pos(m.at, bytes.length + 1));
        break;
      case 'insert':
        splice(pos(m.at, bytes.length + 1), 0, m.bytes);
        break;
      case 'delete': {
        const at = pos(m.at);
        splice(at, Math.min(m.length, bytes.length - at), new Uint8Array());
        break;
      }
      case 'duplicate': {
        if (!bytes.length) break;
        const from = pos(m.from);
        const region = bytes.slice(from, Math.min(bytes.length, from + m.length));
        splice(pos(m.to, bytes.length + 1), 0, region);
        break;
      }
      case 'varint': {
        const encoded = varintBytes(m.value, m.extra);
        const at = pos(m.at, bytes.length + 1);
        splice(at, m.replace ? Math.min(encoded.length, bytes.length - at) : 0, encoded);
        break;
      }
    }
  }
  return bytes;
}

/** A seed, one to `maxEdits` edits, and the mutated bytes. */
export function arbMutated(seeds: readonly Uint8Array[], maxEdits = 6): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(fc.constantFrom(...seeds), fc.array(arbMutation, { minLength: 1, maxLength: maxEdits }))
    .map(([seed, edits]) => applyMutations(seed, edits));
}

/** Two seeds cut and joined: a payload that switches to another one mid-field. */
export function arbCrossover(seeds: readonly Uint8Array[]): fc.Arbitrary<Uint8Array> {
  return fc.tuple(fc.constantFrom(...seeds), fc.constantFrom(...seeds), fc.nat(), fc.nat()).map(([a, b, i, j]) => {
    const head = a.subarray(0, a.length ? i % (a.length + 1) : 0);
    const tail = b.subarray(b.length ? j % (b.length + 1) : 0);
    const out = new Uint8Array(head.length + tail.length);
    out.set(head);
    out.set(tail, head.length);
    return out;
  });
}

/** Key/varint soup: plausible tags and lengths in random order, the parser's worst case. */
export const arbVarintSoup: fc.Arbitrary<Uint8Array> = fc
  .array(
    fc.oneof(
      fc.record({ field: fc.nat({ max: 8 }), wire: fc.nat({ max: 7 }) }).map(({ field, wire }) => varintBytes(BigInt((field << 3) | wire))),
      fc.constantFrom(...VARINT_BOUNDARIES).map((v) => varintBytes(v)),
      fc.nat({ max: 40 }).map((n) => varintBytes(BigInt(n))),
      fc.uint8Array({ maxLength: 4 }),
    ),
    { maxLength: 48 },
  )
  .map(concatBytes);
