// Writes a VTL2 image as OpenHCL lays one out when it saves (FORMAT.md §1–§2):
// the header page (magic `OHCLPHDR`, then protobuf_base, protobuf_region_len,
// protobuf_payload_len as little-endian u64), the protobuf region right after
// it, the payload at the region's start, every other byte zero.
// OpenHCL zeroes neither the rest of the header page nor the region after the
// payload, so a real image may hold stale bytes there; a written image holds
// none: it is the image of a save into a region that was zero before (as
// img02_realistic is).
// Byte layout only: it takes the encoded payload, so page code can lay out an
// image without loading the protobuf encoder.
import { hex } from '../model/text.ts';
import { DecodeError, type DecodeErrorCode } from './errors.ts';
import { HEADER_SIZE, MAGIC, PAGE_SIZE, PERSISTED_REGION_SIZE, PROTOBUF_REGION_SIZE, type HeaderFieldName } from './header.ts';

/** The VTL2 base GPA of the golden image fixtures (img02_realistic: 0x4_8000_0000), used when none is given. */
export const DEFAULT_BASE_GPA = 0x4_8000_0000n;
/** The persisted region the IGVM loader reserves: the default image is exactly that region. */
export const DEFAULT_IMAGE_SIZE = BigInt(PERSISTED_REGION_SIZE);
/** The 19-page region openhcl_boot lays out on a first boot and keeps on later ones. */
export const DEFAULT_REGION_LEN = BigInt(PROTOBUF_REGION_SIZE);
/**
 * `encodeImage` builds the whole image in memory up to this size (1 GiB); a
 * larger one is written as `encodeImageHead` and zeros (the CLI extends its
 * output file), since VTL2 memory dumps run to gigabytes.
 */
export const MAX_IN_MEMORY_IMAGE_SIZE = 0x4000_0000;

const U64_LIMIT = 1n << 64n;
const PAGE = BigInt(PAGE_SIZE);

export interface ImageOptions {
  /** GPA of the image's first byte, the header page; 4 KiB aligned. Default DEFAULT_BASE_GPA. */
  baseGpa?: bigint;
  /** Bytes of the protobuf region after the header page, whole pages. Default 0x13000. */
  regionLen?: bigint;
  /** Bytes of the whole image, whole pages. Default 2 MiB. */
  imageSize?: bigint;
}

/** Where everything lies in a written image; checked by `imageLayout`. */
export interface ImageLayout {
  /** GPA of the header page, the image's first byte. */
  baseGpa: bigint;
  /** GPA of the protobuf region: baseGpa + 0x1000, as OpenHCL writes it. */
  protobufBase: bigint;
  regionLen: number;
  payloadLen: number;
  imageSize: number;
}

/** The three u64 header fields after the magic. */
export type HeaderFields = Record<Exclude<HeaderFieldName, 'magic'>, bigint>;

/** The 32-byte header: `OHCLPHDR` and the three fields, little-endian. */
export function encodeHeader(fields: HeaderFields): Uint8Array {
  const header = new Uint8Array(HEADER_SIZE);
  const view = new DataView(header.buffer);
  for (let i = 0; i < MAGIC.length; i++) header[i] = MAGIC.charCodeAt(i);
  const put = (name: keyof HeaderFields, offset: number) => {
    const value = fields[name];
    if (value < 0n || value >= U64_LIMIT) fail('image-header-field', name, value, 'must be a u64 (0 to 2^64-1)');
    view.setBigUint64(offset, value, true);
  };
  put('protobuf_base', 0x08);
  put('protobuf_region_len', 0x10);
  put('protobuf_payload_len', 0x18);
  return header;
}

/**
 * Checks the options against OpenHCL's layout and a payload of `payloadLen`
 * bytes; throws a DecodeError naming the option and its value.
 */
export function imageLayout(payloadLen: number, options: ImageOptions = {}): ImageLayout {
  const baseGpa = options.baseGpa ?? DEFAULT_BASE_GPA;
  const regionLen = options.regionLen ?? DEFAULT_REGION_LEN;
  const imageSize = options.imageSize ?? DEFAULT_IMAGE_SIZE;

  if (baseGpa < 0n || baseGpa >= U64_LIMIT) fail('image-base-gpa', 'baseGpa', baseGpa, 'must be a u64 GPA');
  if (baseGpa % PAGE !== 0n) fail('image-base-gpa', 'baseGpa', baseGpa, 'must be 4 KiB aligned: it is the GPA of the header page');

  // OpenHCL panics when the region is not inside the 2 MiB persisted region (FORMAT.md §4).
  const maxRegion = DEFAULT_IMAGE_SIZE - PAGE;
  if (regionLen < PAGE || regionLen % PAGE !== 0n) fail('image-region-len', 'regionLen', regionLen, 'must be a whole number of 4 KiB pages, at least one');
  if (regionLen > maxRegion) fail('image-region-len', 'regionLen', regionLen, `must fit in the 2 MiB persisted region after the header page (at most ${hex(maxRegion)})`);

  // Whole pages: a memory dump is, and `--size 2000000` (not 2 MiB) is caught.
  if (imageSize % PAGE !== 0n || imageSize < 0n) fail('image-size', 'imageSize', imageSize, 'must be a whole number of 4 KiB pages');
  if (imageSize < PAGE + regionLen) fail('image-size', 'imageSize', imageSize, `must hold the header page and the ${hex(regionLen)}-byte protobuf region (at least ${hex(PAGE + regionLen)})`);
  if (imageSize > BigInt(Number.MAX_SAFE_INTEGER)) fail('image-size', 'imageSize', imageSize, 'must be at most 2^53-1 bytes');

  // The image's end GPA must be a u64, as a MemoryRange end is.
  if (baseGpa + imageSize >= U64_LIMIT) fail('image-base-gpa', 'baseGpa', baseGpa, `plus imageSize ${hex(imageSize)} passes 2^64-1`);

  if (BigInt(payloadLen) > regionLen) {
    throw new DecodeError('image-payload-len', `a payload of at most regionLen ${hex(regionLen)} (${regionLen}) bytes`, 0, `the ${payloadLen}-byte payload does not fit in the protobuf region: regionLen ${hex(regionLen)} (${regionLen}) bytes (OpenHCL asserts protobuf_payload_len <= protobuf_region_len)`);
  }
  return { baseGpa, protobufBase: baseGpa + PAGE, regionLen: Number(regionLen), payloadLen, imageSize: Number(imageSize) };
}

/** The image's leading bytes (header page, then the payload); the rest up to `layout.imageSize` is zero. */
export interface ImageHead {
  layout: ImageLayout;
  bytes: Uint8Array;
}

/** The header page and payload of an image of any size, without allocating the zeros after them. */
export function encodeImageHead(payload: Uint8Array, options: ImageOptions = {}): ImageHead {
  const layout = imageLayout(payload.length, options);
  const bytes = new Uint8Array(PAGE_SIZE + payload.length);
  bytes.set(encodeHeader({ protobuf_base: layout.protobufBase, protobuf_region_len: BigInt(layout.regionLen), protobuf_payload_len: BigInt(payload.length) }));
  bytes.set(payload, PAGE_SIZE);
  return { layout, bytes };
}

/** `imageLayout`, for an image `encodeImage` builds whole in memory: checked before anything is allocated. */
export function inMemoryImageLayout(payloadLen: number, options: ImageOptions = {}): ImageLayout {
  const layout = imageLayout(payloadLen, options);
  if (layout.imageSize > MAX_IN_MEMORY_IMAGE_SIZE) {
    fail('image-size', 'imageSize', BigInt(layout.imageSize), `is over the ${hex(BigInt(MAX_IN_MEMORY_IMAGE_SIZE))} bytes built in memory: write encodeImageHead's bytes and extend with zeros`);
  }
  return layout;
}

/** The whole image around an encoded SavedState payload. */
export function encodeImage(payload: Uint8Array, options: ImageOptions = {}): Uint8Array {
  inMemoryImageLayout(payload.length, options);
  const { layout, bytes } = encodeImageHead(payload, options);
  const image = new Uint8Array(layout.imageSize);
  image.set(bytes);
  return image;
}

function fail(code: DecodeErrorCode, option: string, value: bigint, rule: string): never {
  throw new DecodeError(code, `${option} that ${rule}`, 0, `${option} ${hex(value)} (${value}) ${rule}`);
}
