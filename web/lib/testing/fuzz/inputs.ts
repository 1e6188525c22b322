// Input generators shared by the fuzz targets: seeds from the golden fixtures,
// headers whose u64 fields sit on every boundary a decoder can trip on, images
// built from them, and a hostile ByteSource that records every read.
import fc from 'fast-check';
import { encodeSavedState } from '../../format/encodeSavedState.ts';
import { HEADER_SIZE, LEGACY_MAGIC, MAGIC, PAGE_SIZE } from '../../format/header.ts';
import type { ByteSource } from '../../io/byteSource.ts';
import { arbSavedState } from '../arbitraries.ts';
import { loadFixtures } from '../fixtures.ts';
import { arbCrossover, arbMutated, arbMutation, applyMutations, arbVarintSoup } from './mutations.ts';

const U64_MAX = (1n << 64n) - 1n;

export interface Seeds {
  /** Raw SavedState payloads (p*, tol*, bad_p*). */
  payloads: Uint8Array[];
  /** The payloads that images carry, cut out of the image fixtures. */
  imagePayloads: Uint8Array[];
  /** Image fixtures cut to their header page and payload (2 MiB copies would only slow the fuzzer). */
  imageHeads: Uint8Array[];
}

let cached: Seeds | null = null;

export function loadSeeds(): Seeds {
  if (cached) return cached;
  const fixtures = loadFixtures();
  const payloads = fixtures.filter((f) => !f.expected.header && f.bytes.length < 64 * 1024).map((f) => f.bytes);
  const images = fixtures.filter((f) => f.expected.header);
  const imagePayloads: Uint8Array[] = [];
  const imageHeads: Uint8Array[] = [];
  for (const image of images) {
    const view = new DataView(image.bytes.buffer, image.bytes.byteOffset, HEADER_SIZE);
    const len = Math.min(Number(view.getBigUint64(24, true)), 8192);
    imagePayloads.push(image.bytes.slice(PAGE_SIZE, PAGE_SIZE + len));
    imageHeads.push(image.bytes.slice(0, PAGE_SIZE + len + 64));
  }
  cached = { payloads: payloads.filter((p) => p.length > 0), imagePayloads, imageHeads };
  return cached;
}

/** u64 values on the boundaries: 0, the header size, pages, 2^32, 2^53, 2^63, 2^64-1, and page-aligned/unaligned neighbours. */
export const arbU64: fc.Arbitrary<bigint> = fc.oneof(
  fc.constantFrom(
    0n, 1n, 31n, 32n, 33n, 0xfffn, 0x1000n, 0x1001n, 0x2000n, 0x13000n, 0x13001n, 0x20_0000n,
    0xffff_ffffn, 0x1_0000_0000n, 0x4_8000_0000n, 0x4_8000_1000n, (1n << 53n) - 1n, 1n << 53n, (1n << 53n) + 1n,
    (1n << 63n) - 1n, 1n << 63n, (1n << 63n) + 0x1000n, U64_MAX - 0xfffn, U64_MAX - 0x1000n, U64_MAX,
  ),
  fc.bigInt({ min: 0n, max: (1n << 52n) - 1n }).map((pages) => pages * BigInt(PAGE_SIZE)),
  fc.tuple(fc.constantFrom(0n, 0x4_8000_0000n, 1n << 53n, 1n << 63n, U64_MAX), fc.integer({ min: -0x3000, max: 0x3000 })).map(([near, delta]) => (near + BigInt(delta)) & U64_MAX),
  fc.bigInt({ min: 0n, max: U64_MAX }),
);

/** Small values for lengths, so that some payloads are actually read and decoded. */
const arbSmallLen = fc.oneof(fc.nat({ max: 600 }).map(BigInt), fc.constantFrom(0n, 380n, 404n, 0x13000n));

export interface HeaderFields {
  magic: 'valid' | 'legacy' | 'zero' | 'random' | 'near';
  magicBytes: Uint8Array;
  base: bigint;
  regionLen: bigint;
  payloadLen: bigint;
}

export const arbHeaderFields: fc.Arbitrary<HeaderFields> = fc.record({
  magic: fc.constantFrom('valid', 'valid', 'valid', 'legacy', 'zero', 'random', 'near'),
  magicBytes: fc.uint8Array({ minLength: 8, maxLength: 8 }),
  base: fc.oneof(arbU64, fc.constantFrom(0x4_8000_1000n, 0x1000n)),
  regionLen: fc.oneof(arbU64, fc.constant(0x13000n)),
  payloadLen: fc.oneof(arbU64, arbSmallLen),
});

/** The 32 header bytes for `fields`. */
export function headerBytes(fields: HeaderFields): Uint8Array {
  const out = new Uint8Array(HEADER_SIZE);
  const view = new DataView(out.buffer);
  const text = (s: string) => out.set([...s].map((c) => c.charCodeAt(0)));
  switch (fields.magic) {
    case 'valid':
      text(MAGIC);
      break;
    case 'legacy':
      text(LEGACY_MAGIC);
      break;
    case 'zero':
      break;
    case 'random':
      out.set(fields.magicBytes);
      break;
    case 'near':
      // OHCLPHDR with the first two bytes replaced: a damaged magic the detector still calls an image.
      text(MAGIC);
      out.set(fields.magicBytes.subarray(0, 2));
      break;
  }
  if (fields.magic !== 'zero') {
    view.setBigUint64(8, fields.base, true);
    view.setBigUint64(16, fields.regionLen, true);
    view.setBigUint64(24, fields.payloadLen, true);
  }
  return out;
}

/** Header bytes: boundary-valued fields, or mutated real headers. */
export function arbHeader(): fc.Arbitrary<Uint8Array> {
  const { imageHeads } = loadSeeds();
  return fc.oneof(arbHeaderFields.map(headerBytes), arbMutated(imageHeads.map((h) => h.subarray(0, HEADER_SIZE)), 3));
}

/** SavedState payloads: structure-aware (the encoder's output, then damaged), mutated fixtures, crossovers, soup, random. */
export function arbPayload(): fc.Arbitrary<Uint8Array> {
  const { payloads, imagePayloads } = loadSeeds();
  const all = [...payloads, ...imagePayloads];
  const encoded = arbSavedState.map(encodeSavedState);
  return fc.oneof(
    { weight: 3, arbitrary: arbMutated(all) },
    { weight: 2, arbitrary: fc.tuple(encoded, fc.array(arbMutation, { maxLength: 4 })).map(([bytes, edits]) => applyMutations(bytes, edits)) },
    { weight: 1, arbitrary: arbCrossover(all) },
    { weight: 1, arbitrary: arbVarintSoup },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 512 }) },
  );
}

/** An image laid out in memory: header, zeros, payload at `payloadOffset`, cut or padded to `size`. */
export interface ImageLayout {
  header: Uint8Array;
  payloadOffset: number;
  payload: Uint8Array;
  /** Bytes after the header region; may cut the payload short. */
  size: number;
}

export function arbImageLayout(): fc.Arbitrary<ImageLayout> {
  return fc
    .record({
      header: arbHeader(),
      payloadOffset: fc.oneof(fc.constant(PAGE_SIZE), fc.constant(2 * PAGE_SIZE), fc.nat({ max: 2 * PAGE_SIZE })),
      payload: arbPayload(),
      cut: fc.oneof({ weight: 4, arbitrary: fc.constant(-1) }, { weight: 1, arbitrary: fc.nat({ max: 5000 }) }),
    })
    .map(({ header, payloadOffset, payload, cut }) => ({ header, payloadOffset, payload, size: cut < 0 ? Math.max(header.length, payloadOffset + payload.length) : cut }));
}

/** The image's bytes, in memory. */
export function layoutBytes(layout: ImageLayout): Uint8Array {
  const out = new Uint8Array(layout.size);
  out.set(layout.header.subarray(0, layout.size));
  if (layout.payloadOffset < layout.size) out.set(layout.payload.subarray(0, layout.size - layout.payloadOffset), layout.payloadOffset);
  return out;
}

/** Sizes a File can claim: small, page-aligned images, 4 GiB, up to 2^53-1; never 32 MiB of real reading. */
export const arbHugeSize: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, 1, 31, 32, 4095, 4096, 0x20_0000, 0x20_1000, 4 * 1024 ** 3, 2 ** 32 + 4096, 2 ** 53 - 1, 2 ** 53 - 4096, 64 * 1024 * 1024 + 1),
  fc.integer({ min: 512, max: 2 ** 40 }).map((pages) => pages * PAGE_SIZE),
  fc.integer({ min: 64 * 1024 * 1024 + 1, max: Number.MAX_SAFE_INTEGER }),
);

/** One read a decoder made of a RecordingSource. */
export interface ReadRecord {
  offset: number;
  length: number;
}

/**
 * A source of `size` bytes holding `parts` and zeros elsewhere, that records
 * every read and refuses (without allocating) any read longer than `maxRead`:
 * a decoder that trusts a header's length shows up in `reads`, not as an
 * out-of-memory crash of the fuzzer.
 */
export function recordingSource(size: number, parts: { header: Uint8Array; payloadOffset: number; payload: Uint8Array }, maxRead: number): ByteSource & { reads: ReadRecord[] } {
  const reads: ReadRecord[] = [];
  return {
    size,
    reads,
    read: async (offset, length) => {
      reads.push({ offset, length });
      if (length > maxRead) throw new Error(`refused a read of ${length} bytes at ${offset}`);
      const out = new Uint8Array(length);
      const copy = (part: Uint8Array, at: number) => {
        const from = Math.max(offset, at);
        const to = Math.min(offset + length, at + part.length);
        if (from < to) out.set(part.subarray(from - at, to - at), from - offset);
      };
      copy(parts.header, 0);
      copy(parts.payload, parts.payloadOffset);
      return out;
    },
  };
}
