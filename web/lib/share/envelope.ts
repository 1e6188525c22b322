// The link envelope: SharedParts + the view as a small protobuf message,
// written and read with protobufjs' Writer/Reader (no hand-made varints).
// Unknown fields are skipped, so a later v1 app may add fields and a link
// made by it still opens here; changing what a field means needs a new
// version (see LINK_VERSION in link.ts).
//
//   Envelope                          View
//   1 name           string           1 window     { 1 start uint64, 2 end uint64 }  (absent = whole topology)
//   2 header         bytes (32)       2 selection  { 1 table uint32 (0 memory, 1 mmio), 2 index uint32 }
//   3 payload_offset uint64           3 vtl_types  { 1 values packed uint32 }  (absent = all)
//   4 payload        bytes            4 vnodes     { 1 values packed uint32 }
//   5 size           uint64           5 igvm_types { 1 values packed uint32 }
//   6 as             uint32 (1 image, 2 saved-state, 3 device-tree)   6 address string
//   7 base_gpa       uint64 (present = given)          7 panel uint32 (0 entries, 1 numa, 2 header, 3 diagnostics, 4 diagram, 5 edit, 6 compare)
//   8 view           View                               8 theme uint32 (0 light, 1 dark)
//   9 anyway         { 1 offset uint64, 2 length uint64 }  (decode an ignored header's payload anyway)
//  10 fingerprint    bytes (16: the input's, import/fingerprint.ts)         11 release uint32 (RELEASE_IDS index; absent = current)
//  11 view_only      uint32 (1: the link carries no bytes, only the view of the input the fingerprint names)
//  12 compare_with   Envelope (fields 1–7, 9–11: input B of a comparison, A is this envelope's; in a view-only link B's view-only target;
//                    its own fields 8 and 12 are skipped: one level only)
//                                                      9 sort { 1 key uint32 (SORT_KEYS index), 2 descending uint32 }  (absent = index, ascending)
//                                                     10 address_mode uint32 (0 address, 1 text)
//                                                     12 scale uint32 (0 proportional, 1 readable)  (absent = proportional: links made before it)
import { Long } from '../format/protobufLong.ts';
import protobuf from 'protobufjs/minimal.js';
import { DecodeError } from '../format/errors.ts';
import { toHex } from '../io/base64.ts';
import { DEFAULT_RELEASE, DEFAULT_SORT, DEFAULT_VIEW, LEGACY_SCALE, MAP_SCALES, PANELS, RELEASE_IDS, SORT_KEYS, type ViewState } from '../model/view.ts';
import type { SharedParts } from './types.ts';

const { Reader, Writer } = protobuf;
type Reader = protobuf.Reader;
type Writer = protobuf.Writer;

const MAX_NAME_CHARS = 1024;
/** Field 6's values, from 1. */
const FORCED_KINDS = ['image', 'saved-state', 'device-tree'] as const;
const MAX_ADDRESS_CHARS = 1024;

const VARINT = 0;
const LEN = 2;

const U64_LIMIT = 1n << 64n;

/** Long.fromString wraps a value past 2^64-1 to its low bits: a value out of range is refused, never written as another. */
function u64(value: bigint, what: string): Long {
  if (value < 0n || value >= U64_LIMIT) throw new DecodeError('not-shareable', `${what} as a u64 (0 to 2^64-1)`, 0, `${what} ${value} is not a u64: it cannot travel in a link`);
  return Long.fromString(value.toString(), true);
}
const key = (w: Writer, field: number, wireType: number) => w.uint32((field << 3) | wireType);

/** A view-only link's target: the input it shows a view of, named by its fingerprint. */
export interface ViewOnlyTarget {
  name: string;
  size: number;
  /** 32 hex digits. */
  fingerprint: string;
}

/** `compareWith`: input B of a comparison shown (`parts` is A); in a view-only link, B's name, size and fingerprint, no bytes. */
export function writeEnvelope(parts: SharedParts, view: ViewState, viewOnly: { fingerprint: string } | null = null, compareWith: { parts: SharedParts; viewOnly: { fingerprint: string } | null } | null = null): Uint8Array {
  const w = Writer.create();
  const { input } = parts;
  key(w, 1, LEN).string(parts.name);
  if (input.header.length > 0) key(w, 2, LEN).bytes(input.header);
  if (input.payloadOffset !== 0) key(w, 3, VARINT).uint64(u64(BigInt(input.payloadOffset), 'the payload offset'));
  if (input.payload.length > 0) key(w, 4, LEN).bytes(input.payload);
  key(w, 5, VARINT).uint64(u64(BigInt(input.size), 'the input size'));
  if (parts.options.as) key(w, 6, VARINT).uint32(FORCED_KINDS.indexOf(parts.options.as) + 1);
  if (parts.options.baseGpa !== undefined) key(w, 7, VARINT).uint64(u64(parts.options.baseGpa, 'the base GPA'));
  if (parts.options.anyway) {
    key(w, 9, LEN).fork();
    key(w, 1, VARINT).uint64(u64(parts.options.anyway.offset, 'the offset to decode at'));
    key(w, 2, VARINT).uint64(u64(parts.options.anyway.length, 'the length to decode'));
    w.ldelim();
  }
  key(w, 8, LEN).fork();
  writeView(w, view);
  w.ldelim();
  if (compareWith) key(w, 12, LEN).bytes(writeEnvelope(compareWith.parts, DEFAULT_VIEW, compareWith.viewOnly));
  if (viewOnly) {
    key(w, 10, LEN).bytes(hexBytes(viewOnly.fingerprint));
    key(w, 11, VARINT).uint32(1);
  }
  return w.finish();
}

function writeView(w: Writer, view: ViewState): void {
  if (view.window) {
    key(w, 1, LEN).fork();
    key(w, 1, VARINT).uint64(u64(view.window.start, 'the window start'));
    // An exclusive end at the top of the space (2^64) has no u64: one byte short of it is the same view.
    key(w, 2, VARINT).uint64(u64(view.window.end === U64_LIMIT ? U64_LIMIT - 1n : view.window.end, 'the window end'));
    w.ldelim();
  }
  if (view.selection) {
    key(w, 2, LEN).fork();
    key(w, 1, VARINT).uint32(view.selection.table === 'mmio' ? 1 : 0);
    key(w, 2, VARINT).uint32(view.selection.index);
    w.ldelim();
  }
  const lists = [view.filters.vtlTypes, view.filters.vnodes, view.filters.igvmTypes];
  lists.forEach((list, i) => {
    if (list === null) return;
    key(w, 3 + i, LEN).fork();
    if (list.length > 0) {
      key(w, 1, LEN).fork();
      for (const v of list) w.uint32(v);
      w.ldelim();
    }
    w.ldelim();
  });
  if (view.filters.address !== '') key(w, 6, LEN).string(view.filters.address);
  key(w, 7, VARINT).uint32(PANELS.indexOf(view.panel));
  key(w, 8, VARINT).uint32(view.theme === 'dark' ? 1 : 0);
  // Written only when not the default, so a default view's link is what v1 always wrote.
  if (view.sort.key !== DEFAULT_SORT.key || view.sort.descending !== DEFAULT_SORT.descending) {
    key(w, 9, LEN).fork();
    key(w, 1, VARINT).uint32(SORT_KEYS.indexOf(view.sort.key));
    if (view.sort.descending) key(w, 2, VARINT).uint32(1);
    w.ldelim();
  }
  if (view.filters.addressMode === 'text') key(w, 10, VARINT).uint32(1);
  if (view.release !== DEFAULT_RELEASE) key(w, 11, VARINT).uint32(RELEASE_IDS.indexOf(view.release));
  // Absent means proportional, so a proportional view's link is what v1 wrote before scales.
  if (view.scale !== LEGACY_SCALE) key(w, 12, VARINT).uint32(MAP_SCALES.indexOf(view.scale));
}

/** The envelope's fields; `at` holds the byte offset of each field seen, for later checks' errors. */
export interface Envelope {
  parts: SharedParts;
  view: ViewState;
  /** Set for a view-only link: it carries no bytes. */
  viewOnly: { fingerprint: string } | null;
  /** Input B of a comparison, when the link shows one. */
  compareWith: { parts: SharedParts; viewOnly: { fingerprint: string } | null; at: { parts: number } } | null;
  /** Where the parts' fields start (the input bytes, or the name when there are none). */
  at: { parts: number };
}

/**
 * Reads an envelope whose first byte is at `base` in the outermost one (so
 * errors name offsets there). `nested`: this is B's envelope inside A's; its
 * own comparison and view are skipped, so nesting costs one level, whatever
 * the link holds.
 */
export function readEnvelope(bytes: Uint8Array, base = 0, nested = false): Envelope {
  const parts: SharedParts = { name: '', input: { header: new Uint8Array(0), payloadOffset: 0, payload: new Uint8Array(0), size: 0 }, options: {} };
  const { input } = parts;
  let view: ViewState = { ...structuredClone(DEFAULT_VIEW), scale: LEGACY_SCALE };
  const at = { parts: -1 };
  let sawSize = false;
  let fingerprint: string | null = null;
  let viewOnly = false;
  let compareWith: Envelope['compareWith'] = null;
  readMessage(bytes, base, nested ? 'the input compared with' : 'the link envelope', (r, field, wireType, offset) => {
    switch (field) {
      case 1:
        parts.name = readString(r, wireType, offset, 'the file name', MAX_NAME_CHARS);
        return true;
      case 2:
        if (at.parts < 0) at.parts = offset;
        input.header = copyOf(readBytes(r, wireType, offset, 'the header bytes'));
        return true;
      case 3:
        input.payloadOffset = readSafeInteger(r, wireType, offset, 'the payload offset');
        return true;
      case 4:
        if (at.parts < 0) at.parts = offset;
        input.payload = copyOf(readBytes(r, wireType, offset, 'the payload bytes'));
        return true;
      case 5:
        sawSize = true;
        input.size = readSafeInteger(r, wireType, offset, 'the input size');
        return true;
      case 6: {
        const as = FORCED_KINDS[readVarint32(r, wireType, offset, 'the forced input kind') - 1];
        if (!as) throw new DecodeError('link-format', 'a forced input kind of 1 (image), 2 (saved-state) or 3 (device-tree)', offset, 'the link forces an input kind this app does not know');
        parts.options.as = as;
        return true;
      }
      case 7:
        parts.options.baseGpa = readU64(r, wireType, offset, 'the base GPA');
        return true;
      case 8: {
        if (nested) return false;
        const sub = readBytes(r, wireType, offset, 'the view');
        view = readView(sub, base + r.pos - sub.length);
        return true;
      }
      case 10: {
        const bytes = readBytes(r, wireType, offset, 'the input\'s fingerprint');
        if (bytes.length !== 16) throw new DecodeError('link-format', 'a 16-byte fingerprint', offset, `the link's fingerprint has ${bytes.length} bytes, not 16`);
        fingerprint = toHex(bytes);
        return true;
      }
      case 11:
        viewOnly = readVarint32(r, wireType, offset, 'the view-only flag') === 1;
        return true;
      case 12: {
        if (nested) return false;
        const sub = readBytes(r, wireType, offset, 'the input compared with');
        const inner = readEnvelope(sub, base + r.pos - sub.length, true);
        compareWith = { parts: inner.parts, viewOnly: inner.viewOnly, at: inner.at };
        return true;
      }
      case 9: {
        const anyway = { offset: 0n, length: 0n };
        const sub = readBytes(r, wireType, offset, 'where to decode anyway');
        readMessage(sub, base + r.pos - sub.length, 'where to decode anyway', (rr, f, wt, o) => {
          if (f === 1) anyway.offset = readU64(rr, wt, o, 'the offset to decode at');
          else if (f === 2) anyway.length = readU64(rr, wt, o, 'the length to decode');
          else return false;
          return true;
        });
        parts.options.anyway = anyway;
        return true;
      }
      default:
        return false;
    }
  });
  const end = base + bytes.length;
  if (!sawSize) throw new DecodeError('link-format', 'the input size (field 5)', end, 'the link does not say how large its input was');
  if (viewOnly && fingerprint === null) throw new DecodeError('link-format', 'the fingerprint of the input a view-only link shows', end, 'the view-only link does not say which input it shows');
  return { parts, view, viewOnly: viewOnly ? { fingerprint: fingerprint! } : null, compareWith, at: { parts: at.parts < 0 ? base : at.parts } };
}

function readView(bytes: Uint8Array, end: number): ViewState {
  const base = end - bytes.length;
  // A link without field 12 was made before scale modes: it opens as it looked then.
  const view: ViewState = { ...structuredClone(DEFAULT_VIEW), scale: LEGACY_SCALE };
  readMessage(bytes, base, 'the view', (r, field, wireType, offset) => {
    switch (field) {
      case 1: {
        const window = { start: 0n, end: 0n };
        const sub = readBytes(r, wireType, offset, 'the address window');
        readMessage(sub, base + r.pos - sub.length, 'the address window', (rr, f, wt, o) => {
          if (f === 1) window.start = readU64(rr, wt, o, 'the window start');
          else if (f === 2) window.end = readU64(rr, wt, o, 'the window end');
          else return false;
          return true;
        });
        view.window = window;
        return true;
      }
      case 2: {
        const selection = { table: 'memory' as 'memory' | 'mmio', index: 0 };
        const sub = readBytes(r, wireType, offset, 'the selection');
        readMessage(sub, base + r.pos - sub.length, 'the selection', (rr, f, wt, o) => {
          if (f === 1) {
            const table = readVarint32(rr, wt, o, 'the selected table');
            if (table > 1) throw new DecodeError('link-format', 'a selected table of 0 (memory) or 1 (mmio)', o, `the link selects an entry of table ${table}, which this app does not know`);
            selection.table = table === 1 ? 'mmio' : 'memory';
          } else if (f === 2) selection.index = readVarint32(rr, wt, o, 'the selected index');
          else return false;
          return true;
        });
        view.selection = selection;
        return true;
      }
      case 3:
      case 4:
      case 5: {
        const list: number[] = [];
        const sub = readBytes(r, wireType, offset, 'a filter');
        readMessage(sub, base + r.pos - sub.length, 'a filter', (rr, f, wt, o) => {
          if (f !== 1) return false;
          if (wt === LEN) {
            const packed = readBytes(rr, wt, o, 'packed filter values');
            const pr = Reader.create(packed);
            while (pr.pos < pr.len) list.push(pr.uint32());
            if (pr.pos > pr.len) throw new DecodeError('link-format', 'a complete varint', o, 'a filter value in the link is cut short');
          } else list.push(readVarint32(rr, wt, o, 'a filter value'));
          return true;
        });
        if (field === 3) view.filters.vtlTypes = list;
        else if (field === 4) view.filters.vnodes = list;
        else view.filters.igvmTypes = list;
        return true;
      }
      case 6:
        view.filters.address = readString(r, wireType, offset, 'the address filter', MAX_ADDRESS_CHARS);
        return true;
      case 7:
        // A panel a later version added opens as the entry table here.
        view.panel = PANELS[readVarint32(r, wireType, offset, 'the open panel')] ?? 'entries';
        return true;
      case 8:
        view.theme = readVarint32(r, wireType, offset, 'the theme') === 1 ? 'dark' : 'light';
        return true;
      case 9: {
        const sub = readBytes(r, wireType, offset, 'the table sort');
        readMessage(sub, base + r.pos - sub.length, 'the table sort', (rr, f, wt, o) => {
          // A sort key a later version added sorts by index here.
          if (f === 1) view.sort = { ...view.sort, key: SORT_KEYS[readVarint32(rr, wt, o, 'the sort key')] ?? 'index' };
          else if (f === 2) view.sort = { ...view.sort, descending: readVarint32(rr, wt, o, 'the sort direction') === 1 };
          else return false;
          return true;
        });
        return true;
      }
      case 10:
        view.filters.addressMode = readVarint32(r, wireType, offset, 'the address mode') === 1 ? 'text' : 'address';
        return true;
      case 11:
        // A release a later version added is judged by the current rules here.
        view.release = RELEASE_IDS[readVarint32(r, wireType, offset, 'the release')] ?? DEFAULT_RELEASE;
        return true;
      case 12:
        // A scale a later version added opens readable here: the nearest to "not to scale".
        view.scale = MAP_SCALES[readVarint32(r, wireType, offset, 'the map scale')] ?? 'readable';
        return true;
      default:
        return false;
    }
  });
  return view;
}

/**
 * Walks one message's fields. `onField` reads a known field and returns true,
 * or returns false to have it skipped. A read past the end or a bad varint
 * (the Reader's own errors) becomes a `link-format` DecodeError at the field's
 * offset; anything else is a bug and propagates as it is.
 */
function readMessage(bytes: Uint8Array, base: number, what: string, onField: (r: Reader, field: number, wireType: number, offset: number) => boolean): void {
  const r = Reader.create(bytes);
  while (r.pos < r.len) {
    const offset = base + r.pos;
    try {
      const tag = r.uint32();
      const field = tag >>> 3;
      const wireType = tag & 7;
      if (field === 0) throw new DecodeError('link-format', `a field of ${what}`, offset, `field number 0 in ${what}: this is not a link this app made`);
      if (!onField(r, field, wireType, offset)) {
        if (wireType !== 0 && wireType !== 1 && wireType !== 2 && wireType !== 5) {
          throw new DecodeError('link-format', 'a field of wire type 0, 1, 2 or 5', offset, `wire type ${wireType} in ${what}: this is not a link this app made`);
        }
        r.skipType(wireType);
      }
    } catch (err) {
      if (!isReaderError(err)) throw err;
      throw new DecodeError('link-format', `a complete field of ${what}`, offset, `${what} in the link is cut short or damaged at byte ${offset}`);
    }
    if (r.pos > r.len) throw new DecodeError('link-format', `a complete field of ${what}`, offset, `${what} in the link is cut short at byte ${offset}`);
  }
}

/** protobufjs' Reader on bytes it cannot read: past the end, a varint over 10 bytes, a wire type it does not know. */
function isReaderError(err: unknown): boolean {
  return err instanceof Error && /^(index out of range|invalid varint encoding|invalid wire type)/.test(err.message);
}

function expectWireType(wireType: number, expected: number, offset: number, what: string): void {
  if (wireType !== expected) {
    throw new DecodeError('link-format', `${what} as wire type ${expected}`, offset, `${what} in the link has wire type ${wireType}, not ${expected}`);
  }
}

/** A view into the envelope (no copy: nested messages are read in place). */
function readBytes(r: Reader, wireType: number, offset: number, what: string): Uint8Array {
  expectWireType(wireType, LEN, offset, what);
  return r.bytes();
}

/** The bytes the parts keep, as their own plain Uint8Array (Reader.bytes gives a view, or a Node Buffer when empty). */
function copyOf(view: Uint8Array): Uint8Array {
  return new Uint8Array(view);
}

function readString(r: Reader, wireType: number, offset: number, what: string, maxChars: number): string {
  expectWireType(wireType, LEN, offset, what);
  const text = r.string();
  if (text.length > maxChars) throw new DecodeError('link-format', `${what} of at most ${maxChars} characters`, offset, `${what} in the link has ${text.length} characters, more than ${maxChars}`);
  return text;
}

function readU64(r: Reader, wireType: number, offset: number, what: string): bigint {
  expectWireType(wireType, VARINT, offset, what);
  const value = r.uint64() as unknown as Long;
  return BigInt(value.toString());
}

function readVarint32(r: Reader, wireType: number, offset: number, what: string): number {
  expectWireType(wireType, VARINT, offset, what);
  const value = readU64(r, wireType, offset, what);
  if (value > 0xffff_ffffn) throw new DecodeError('link-format', `${what} below 2^32`, offset, `${what} in the link is ${value}, out of range`);
  return Number(value);
}

function readSafeInteger(r: Reader, wireType: number, offset: number, what: string): number {
  const value = readU64(r, wireType, offset, what);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new DecodeError('link-format', `${what} below 2^53`, offset, `${what} in the link is ${value}, larger than any input`);
  return Number(value);
}

function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
}
