// The image writer lays bytes out exactly as OpenHCL does: checked against the
// golden images byte for byte, with every byte it does not reproduce named.
import { describe, expect, it } from 'vitest';
import { openDoc } from '../testing/openDoc.ts';
import { bytesSource } from '../io/byteSource.ts';
import { differingRanges, nonZeroRanges } from '../testing/byteDiff.ts';
import { loadFixtures, type Fixture } from '../testing/fixtures.ts';
import { encodeSavedState } from './encodeSavedState.ts';
import { DEFAULT_BASE_GPA, encodeHeader, encodeImage, encodeImageHead, imageLayout, MAX_IN_MEMORY_IMAGE_SIZE, type ImageOptions } from './encodeImage.ts';
import { DecodeError } from './errors.ts';
import { parseHeader } from './header.ts';
import { hexBytes } from '../testing/hexBytes.ts';
import { decodeSavedState } from './savedState.ts';

const fixtures = loadFixtures();
const fixture = (name: string) => fixtures.find((f) => f.name === name)!;
const img02 = fixture('img02_realistic');
const p03 = fixture('p03_realistic_x64_2node');
const p03State = decodeSavedState(p03.bytes).value;

/** The options that write an image back with its own header fields and size. */
function optionsOf(image: Uint8Array): ImageOptions {
  const h = parseHeader(image);
  return { baseGpa: h.protobuf_base - 0x1000n, regionLen: h.protobuf_region_len, imageSize: BigInt(image.length) };
}

function thrown(fn: () => unknown): DecodeError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DecodeError);
    return err as DecodeError;
  }
  throw new Error('expected a DecodeError');
}

describe('encodeHeader', () => {
  it('writes OHCLPHDR and the three fields little-endian: img02_realistic\'s 32 header bytes', () => {
    const header = encodeHeader({ protobuf_base: 0x4_8000_1000n, protobuf_region_len: 0x13000n, protobuf_payload_len: 380n });
    expect(header).toEqual(hexBytes('4f 48 43 4c 50 48 44 52 00 10 00 80 04 00 00 00 00 30 01 00 00 00 00 00 7c 01 00 00 00 00 00 00'));
    expect(header).toEqual(img02.bytes.subarray(0, 32));
  });

  it('keeps every u64 exact up to 2^64-1, and names a field out of range', () => {
    const max = (1n << 64n) - 1n;
    const header = encodeHeader({ protobuf_base: max, protobuf_region_len: 1n << 53n, protobuf_payload_len: (1n << 53n) + 1n });
    expect(parseHeader(header)).toMatchObject({ magicKind: 'valid', protobuf_base: max, protobuf_region_len: 1n << 53n, protobuf_payload_len: (1n << 53n) + 1n });
    const err = thrown(() => encodeHeader({ protobuf_base: 0n, protobuf_region_len: 1n << 64n, protobuf_payload_len: 0n }));
    expect(err.code).toBe('image-header-field');
    expect(err.message).toBe('protobuf_region_len 0x10000000000000000 (18446744073709551616) must be a u64 (0 to 2^64-1)');
    expect(thrown(() => encodeHeader({ protobuf_base: 0n, protobuf_region_len: 0n, protobuf_payload_len: -1n })).message).toMatch(/^protobuf_payload_len -0x1 \(-1\)/);
  });
});

describe('encodeImage', () => {
  it('with no options writes img02_realistic exactly: base 0x4_8000_0000, 19-page region, 2 MiB', () => {
    expect(DEFAULT_BASE_GPA).toBe(BigInt(img02.expected.image_base_gpa!));
    expect(differingRanges(encodeImage(encodeSavedState(p03State)), img02.bytes)).toEqual([]);
    expect(differingRanges(encodeImage(p03.bytes), img02.bytes)).toEqual([]);
  });

  it('lays out a given base GPA, region length and size', () => {
    const payload = encodeSavedState(p03State);
    const image = encodeImage(payload, { baseGpa: 0x1_0000_0000n, regionLen: 0x1000n, imageSize: 0x3000n });
    expect(image.length).toBe(0x3000);
    expect(parseHeader(image)).toMatchObject({ magicKind: 'valid', protobuf_base: 0x1_0000_1000n, protobuf_region_len: 0x1000n, protobuf_payload_len: 380n });
    expect(image.subarray(0, 32)).toEqual(hexBytes('4f 48 43 4c 50 48 44 52 00 10 00 00 01 00 00 00 00 10 00 00 00 00 00 00 7c 01 00 00 00 00 00 00'));
    expect(image.subarray(0x1000, 0x1000 + 380)).toEqual(payload);
    expect([...nonZeroRanges(image, 32, 0x1000), ...nonZeroRanges(image, 0x1000 + 380)]).toEqual([]);
  });

  it('writes an empty state as a zero-length payload', () => {
    const image = encodeImage(encodeSavedState({ partition_memory: [], partition_mmio: [], cpus_with_mapped_interrupts_no_io: [], cpus_with_outstanding_io: [] }));
    expect(image.subarray(0, 32)).toEqual(hexBytes('4f 48 43 4c 50 48 44 52 00 10 00 80 04 00 00 00 00 30 01 00 00 00 00 00 00 00 00 00 00 00 00 00'));
    expect(nonZeroRanges(image, 32)).toEqual([]);
  });

  it('opens again as the same state, which the next boot accepts', async () => {
    const doc = await openDoc(bytesSource(encodeImage(encodeSavedState(p03State))));
    expect(doc).toMatchObject({ format: { kind: 'vtl2-image', unknownFields: [] }, decoded: p03State, error: null });
    expect(doc.bootCheck.outcome).toBe('accepted');
  });

  it('fits a payload of exactly the region length, and not one byte more', () => {
    const fill = (n: number) => new Uint8Array(n).fill(0x08);
    expect(encodeImage(fill(0x1000), { regionLen: 0x1000n }).subarray(0x1000, 0x2000)).toEqual(fill(0x1000));
    const err = thrown(() => encodeImage(fill(0x1001), { regionLen: 0x1000n }));
    expect(err.code).toBe('image-payload-len');
    expect(err.message).toContain('the 4097-byte payload does not fit in the protobuf region: regionLen 0x1000 (4096) bytes');
  });

  it('names the option and value of every layout OpenHCL cannot have', () => {
    const cases: [ImageOptions, string, string][] = [
      [{ baseGpa: 0x4_8000_0800n }, 'image-base-gpa', 'baseGpa 0x480000800 (19327354880) must be 4 KiB aligned'],
      [{ baseGpa: 1n << 64n }, 'image-base-gpa', 'baseGpa 0x10000000000000000 (18446744073709551616) must be a u64 GPA'],
      [{ baseGpa: -0x1000n }, 'image-base-gpa', 'baseGpa -0x1000 (-4096) must be a u64 GPA'],
      [{ baseGpa: (1n << 64n) - 0x20_0000n }, 'image-base-gpa', 'baseGpa 0xffffffffffe00000 (18446744073707454464) plus imageSize 0x200000 passes 2^64-1'],
      [{ regionLen: 0x13001n }, 'image-region-len', 'regionLen 0x13001 (77825) must be a whole number of 4 KiB pages'],
      [{ regionLen: 0n }, 'image-region-len', 'regionLen 0x0 (0) must be a whole number of 4 KiB pages, at least one'],
      [{ regionLen: 0x20_0000n }, 'image-region-len', 'regionLen 0x200000 (2097152) must fit in the 2 MiB persisted region after the header page (at most 0x1ff000)'],
      [{ imageSize: 2_000_000n }, 'image-size', 'imageSize 0x1e8480 (2000000) must be a whole number of 4 KiB pages'],
      [{ imageSize: 0x13000n }, 'image-size', 'imageSize 0x13000 (77824) must hold the header page and the 0x13000-byte protobuf region (at least 0x14000)'],
      [{ imageSize: 1n << 53n }, 'image-size', 'imageSize 0x20000000000000 (9007199254740992) must be at most 2^53-1 bytes'],
    ];
    for (const [options, code, message] of cases) {
      const err = thrown(() => encodeImage(p03.bytes, options));
      expect({ code: err.code, message: err.message }, message).toEqual({ code, message: expect.stringContaining(message) });
    }
    // The smallest image OpenHCL's layout allows: header page and region, nothing after.
    expect(imageLayout(380, { imageSize: 0x14000n })).toEqual({ baseGpa: 0x4_8000_0000n, protobufBase: 0x4_8000_1000n, regionLen: 0x13000, payloadLen: 380, imageSize: 0x14000 });
  });

  it('lays out a 4 GiB image without allocating it, and refuses to build one in memory', () => {
    const { layout, bytes } = encodeImageHead(p03.bytes, { imageSize: 1n << 32n });
    expect(layout.imageSize).toBe(2 ** 32);
    expect(bytes).toEqual(img02.bytes.subarray(0, 0x1000 + 380));
    const err = thrown(() => encodeImage(p03.bytes, { imageSize: BigInt(MAX_IN_MEMORY_IMAGE_SIZE) + 0x1000n }));
    expect(err.code).toBe('image-size');
    expect(err.message).toContain('over the 0x40000000 bytes built in memory');
  });
});

describe('writing the golden images back', () => {
  /**
   * Each image fixture decoded (header fields, payload at protobuf_base) and
   * written back with its own header fields and size, and exactly the bytes
   * that differ. None of the fixtures holds stale bytes (after the payload or
   * in the header page past byte 32): their regions were zero before the save.
   * The only differences are the header fields the bad_img* fixtures damaged,
   * which the writer writes as OpenHCL would.
   */
  const WRITE_BACK: Record<string, { differs: [number, number][]; why: string; payloadLen?: number }> = {
    img02_realistic: { differs: [], why: 'nothing: header page, payload and zeros, as the fixture note says' },
    bad_img01_bad_magic: { differs: [[7, 8]], why: 'magic byte 7: the damaged X (0x58) is written as R (0x52), OHCLPHDR' },
    bad_img03_payload_len_gt_region_len: {
      differs: [[24, 27]],
      why: 'protobuf_payload_len: the damaged 77825 (01 30 01) is written as the 380-byte payload the region holds (7c 01 00)',
      // Its header's 77825 bytes do not decode (as upstream, eof-varint): the payload is img02's 380 bytes it was derived from.
      payloadLen: 380,
    },
  };

  function writeBack(f: Fixture): Uint8Array {
    const header = parseHeader(f.bytes);
    const length = WRITE_BACK[f.name]?.payloadLen ?? Number(header.protobuf_payload_len);
    const state = decodeSavedState(f.bytes.subarray(0x1000, 0x1000 + length), 0x1000).value;
    return encodeImage(encodeSavedState(state), optionsOf(f.bytes));
  }

  const images = fixtures.filter((f) => f.expected.header);

  it('covers every image fixture', () => {
    expect(images.map((f) => f.name).sort()).toEqual(Object.keys(WRITE_BACK).sort());
  });

  for (const f of images) {
    const expected = WRITE_BACK[f.name];
    it(`${f.name}: differs only in ${expected?.why ?? '(unlisted fixture)'}`, () => {
      const written = writeBack(f);
      const payloadEnd = 0x1000 + Number(parseHeader(written).protobuf_payload_len);
      // The fixture holds no stale bytes: zero past the header, and past the payload.
      expect(nonZeroRanges(f.bytes, 32, 0x1000)).toEqual([]);
      expect(nonZeroRanges(f.bytes, payloadEnd)).toEqual([]);
      expect(differingRanges(written, f.bytes)).toEqual(expected?.differs ?? []);
    });
  }

  it('bad_img03\'s header length does not decode, as upstream says', () => {
    const f = fixture('bad_img03_payload_len_gt_region_len');
    expect(() => decodeSavedState(f.bytes.subarray(0x1000, 0x1000 + 77825), 0x1000)).toThrow(expect.objectContaining({ code: 'eof-varint' }));
  });

  it('a region with stale bytes is written back without them: those bytes, and only those, differ', () => {
    // OpenHCL saved p03 (380 bytes) over an older, longer payload (tol01: p03 and
    // 24 bytes of unknown fields), and the header page held junk past its 32 bytes.
    const older = fixture('tol01_unknown_fields_appended').bytes;
    const stale = img02.bytes.slice();
    stale.set(older, 0x1000);
    stale.set(p03.bytes, 0x1000);
    stale.fill(0xa5, 0x20, 0x28);
    const written = encodeImage(encodeSavedState(decodeSavedState(stale.subarray(0x1000, 0x1000 + 380)).value), optionsOf(stale));
    expect(differingRanges(written, stale)).toEqual([[0x20, 0x28], [0x1000 + 380, 0x1000 + 404]]);
    expect(stale.subarray(0x1000 + 380, 0x1000 + 404)).toEqual(older.subarray(380));
    expect(differingRanges(written, img02.bytes)).toEqual([]);
  });
});
