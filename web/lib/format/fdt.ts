// Reader of a flattened device tree (DTB), the container of what OpenHCL's
// boot loader hands its kernel (FORMAT.md §5). It checks the container only;
// what the nodes mean is openhclDeviceTree.ts's job.
//
// Follows openvmm's `fdt::parser` (what bootloader_fdt_parser reads with):
// version ≥ 17 and last_comp_version ≤ 16; the structure block is 4-byte
// aligned and ends with an END token; nodes hold their properties, then their
// children; only NOPs may surround the root node; node names are NUL-terminated
// UTF-8. It is stricter where a hostile input would otherwise be read
// (upstream checks blocks against its buffer only):
// - every block lies inside `totalsize` (itself at most the input), after the
//   header, and no two blocks overlap;
// - a property after a node's first child is an error (upstream fails only
//   when it walks that node's children);
// - nesting deeper than MAX_FDT_DEPTH is an error.
// Property names are looked up in the strings block as upstream does, in
// bounded work (fdtStrings.ts): a name that does not resolve is kept as
// `name: null` with the reason, not an error, since upstream treats such a
// property as absent.
//
// Nothing is allocated from a claimed length: property values are subarray
// views of the input, and every count (entries, nodes, properties) is bounded
// by the bytes that hold them.
//
// Errors name the byte offset and what was expected there, never a value read
// from the structure or strings block (a token, a length, a nameoff, a node
// name or path): a damaged length can land the walk inside the entropy seed
// (a secret), and the message would then carry its bytes.
import { DecodeError, type DecodeErrorCode } from './errors.ts';
import { FdtStrings } from './fdtStrings.ts';
import { decodeUtf8 } from './fdtValues.ts';

export const FDT_MAGIC = 0xd00dfeed;
export const FDT_HEADER_SIZE = 40;
/** Oldest version this reader takes: `size_dt_struct` arrived in version 17 (and upstream requires it). */
export const FDT_MIN_VERSION = 17;
/** Newest `last_comp_version` this reader takes: a tree that needs a reader newer than 16 is refused (as upstream does). */
export const FDT_MAX_LAST_COMP_VERSION = 16;
/** Deepest nesting accepted (Linux's unflattener stops at 64 too); the root is depth 1. */
export const MAX_FDT_DEPTH = 64;
/** Longest node name a path or message shows whole: a longer one is cut, with "…" (`FdtNode.name` keeps it whole). */
export const MAX_SHOWN_NODE_NAME = 64;

const FDT_BEGIN_NODE = 1;
const FDT_END_NODE = 2;
const FDT_PROP = 3;
const FDT_NOP = 4;
const FDT_END = 9;
const RESERVATION_ENTRY_SIZE = 16;

/** The header fields, big-endian u32 each, in file order. */
export interface FdtHeader {
  magic: number;
  totalsize: number;
  off_dt_struct: number;
  off_dt_strings: number;
  off_mem_rsvmap: number;
  version: number;
  last_comp_version: number;
  boot_cpuid_phys: number;
  size_dt_strings: number;
  size_dt_struct: number;
}

/** Byte offset of each header field. */
export const FDT_HEADER_FIELD_OFFSETS: Readonly<Record<keyof FdtHeader, number>> = {
  magic: 0,
  totalsize: 4,
  off_dt_struct: 8,
  off_dt_strings: 12,
  off_mem_rsvmap: 16,
  version: 20,
  last_comp_version: 24,
  boot_cpuid_phys: 28,
  size_dt_strings: 32,
  size_dt_struct: 36,
};

/** One `/memreserve/` entry (the 0,0 end entry is not listed). */
export interface FdtReservation {
  address: bigint;
  size: bigint;
  /** Byte offset of the entry in the input. */
  offset: number;
}

export interface FdtProperty {
  /** The name from the strings block; null when `nameoff` does not lead to a NUL-terminated UTF-8 string in it. One over MAX_PROPERTY_NAME_BYTES is cut, with "…". */
  name: string | null;
  /** Why `name` is null. */
  nameProblem: string | null;
  nameoff: number;
  /** Byte offset of the PROP token. */
  offset: number;
  /** Byte offset of the value. */
  valueOffset: number;
  /** The value bytes: a view of the input, without the padding. */
  value: Uint8Array;
}

export interface FdtNode {
  /** The name after BEGIN_NODE ("" for the root), e.g. `memory@480000000`. */
  name: string;
  /** `/`, `/openhcl`, `/openhcl/memory@480000000`, …: for display, each name cut as `shownNodeName` cuts it (match nodes by `name`). */
  path: string;
  /** Byte offset of the BEGIN_NODE token. */
  offset: number;
  /** Byte offset just past the node's END_NODE token. */
  end: number;
  properties: FdtProperty[];
  children: FdtNode[];
}

/** Where a block lies in the input. */
export interface FdtBlock {
  offset: number;
  length: number;
}

export interface Fdt {
  header: FdtHeader;
  reservations: FdtReservation[];
  root: FdtNode;
  /** The memory reservation block includes its 0,0 end entry. */
  blocks: { memReserve: FdtBlock; structure: FdtBlock; strings: FdtBlock };
}

/** Reads the tree in `bytes`. Throws DecodeError (codes `fdt-*`) naming the byte offset and what was expected there. */
export function readFdt(bytes: Uint8Array): Fdt {
  const header = readHeader(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { reservations, block: memReserve } = readReservations(view, header);
  const structure = { offset: header.off_dt_struct, length: header.size_dt_struct };
  const strings = { offset: header.off_dt_strings, length: header.size_dt_strings };
  checkLayout(header, memReserve, structure, strings);
  const root = new StructureWalker(bytes, view, structure, strings).walk();
  return { header, reservations, root, blocks: { memReserve, structure, strings } };
}

function fail(code: DecodeErrorCode, expected: string, offset: number, message?: string): never {
  throw new DecodeError(code, expected, offset, message);
}

function hex(n: number): string {
  return `0x${n.toString(16)}`;
}

function readHeader(bytes: Uint8Array): FdtHeader {
  if (bytes.length < FDT_HEADER_SIZE) {
    fail('fdt-header', `a ${FDT_HEADER_SIZE}-byte FDT header, but the input has ${bytes.length} bytes`, bytes.length);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, FDT_HEADER_SIZE);
  const field = (name: keyof FdtHeader) => view.getUint32(FDT_HEADER_FIELD_OFFSETS[name], false);
  const header: FdtHeader = {
    magic: field('magic'),
    totalsize: field('totalsize'),
    off_dt_struct: field('off_dt_struct'),
    off_dt_strings: field('off_dt_strings'),
    off_mem_rsvmap: field('off_mem_rsvmap'),
    version: field('version'),
    last_comp_version: field('last_comp_version'),
    boot_cpuid_phys: field('boot_cpuid_phys'),
    size_dt_strings: field('size_dt_strings'),
    size_dt_struct: field('size_dt_struct'),
  };
  if (header.magic !== FDT_MAGIC) {
    fail('fdt-header', `the FDT magic d0 0d fe ed, not ${hex(header.magic)}`, 0);
  }
  if (header.totalsize > bytes.length) {
    fail('fdt-header', `a totalsize of at most the input's ${bytes.length} bytes, not ${header.totalsize}`, FDT_HEADER_FIELD_OFFSETS.totalsize);
  }
  if (header.totalsize < FDT_HEADER_SIZE) {
    fail('fdt-header', `a totalsize of at least the ${FDT_HEADER_SIZE}-byte header, not ${header.totalsize}`, FDT_HEADER_FIELD_OFFSETS.totalsize);
  }
  if (header.version < FDT_MIN_VERSION) {
    fail('fdt-header', `version ${FDT_MIN_VERSION} or later, not ${header.version}`, FDT_HEADER_FIELD_OFFSETS.version);
  }
  if (header.last_comp_version > FDT_MAX_LAST_COMP_VERSION) {
    fail('fdt-header', `a last_comp_version of at most ${FDT_MAX_LAST_COMP_VERSION} (a tree a version-${FDT_MAX_LAST_COMP_VERSION} reader can read), not ${header.last_comp_version}`, FDT_HEADER_FIELD_OFFSETS.last_comp_version);
  }
  return header;
}

/** The reservation entries from `off_mem_rsvmap` up to the 0,0 entry, all inside totalsize. */
function readReservations(view: DataView, header: FdtHeader): { reservations: FdtReservation[]; block: FdtBlock } {
  const start = header.off_mem_rsvmap;
  if (start < FDT_HEADER_SIZE || start > header.totalsize) {
    fail('fdt-memreserve', `an off_mem_rsvmap between the header's end (${FDT_HEADER_SIZE}) and totalsize (${header.totalsize}), not ${start}`, FDT_HEADER_FIELD_OFFSETS.off_mem_rsvmap);
  }
  const reservations: FdtReservation[] = [];
  for (let at = start; ; at += RESERVATION_ENTRY_SIZE) {
    if (at + RESERVATION_ENTRY_SIZE > header.totalsize) {
      fail('fdt-memreserve', `a 16-byte /memreserve/ entry (the list ends with a 0,0 entry) before totalsize (${header.totalsize})`, at);
    }
    const address = view.getBigUint64(at, false);
    const size = view.getBigUint64(at + 8, false);
    if (address === 0n && size === 0n) return { reservations, block: { offset: start, length: at + RESERVATION_ENTRY_SIZE - start } };
    reservations.push({ address, size, offset: at });
  }
}

/** Every block inside totalsize, after the header, and no two overlapping. */
function checkLayout(header: FdtHeader, memReserve: FdtBlock, structure: FdtBlock, strings: FdtBlock): void {
  const inside = (code: DecodeErrorCode, what: string, block: FdtBlock, field: keyof FdtHeader, sizeField: keyof FdtHeader) => {
    const expected = `the ${what} block [${block.offset}, ${block.offset + block.length}) between the header's end (${FDT_HEADER_SIZE}) and totalsize (${header.totalsize})`;
    if (block.offset < FDT_HEADER_SIZE || block.offset > header.totalsize) fail(code, expected, FDT_HEADER_FIELD_OFFSETS[field]);
    // It starts in range, so its size is what runs past totalsize: blame that field.
    if (block.offset + block.length > header.totalsize) fail(code, `${expected}: a ${sizeField} of at most ${header.totalsize - block.offset}`, FDT_HEADER_FIELD_OFFSETS[sizeField]);
  };
  inside('fdt-structure', 'structure', structure, 'off_dt_struct', 'size_dt_struct');
  if (structure.offset % 4 !== 0) {
    fail('fdt-structure', `a structure block offset that is a multiple of 4, not ${structure.offset}`, FDT_HEADER_FIELD_OFFSETS.off_dt_struct);
  }
  inside('fdt-strings', 'strings', strings, 'off_dt_strings', 'size_dt_strings');
  const overlap = (a: FdtBlock, b: FdtBlock) => a.length > 0 && b.length > 0 && a.offset < b.offset + b.length && b.offset < a.offset + a.length;
  const span = (b: FdtBlock) => `[${b.offset}, ${b.offset + b.length})`;
  if (overlap(structure, memReserve)) {
    fail('fdt-structure', `a structure block ${span(structure)} apart from the /memreserve/ block ${span(memReserve)}`, FDT_HEADER_FIELD_OFFSETS.off_dt_struct);
  }
  if (overlap(strings, memReserve)) {
    fail('fdt-strings', `a strings block ${span(strings)} apart from the /memreserve/ block ${span(memReserve)}`, FDT_HEADER_FIELD_OFFSETS.off_dt_strings);
  }
  if (overlap(strings, structure)) {
    fail('fdt-strings', `a strings block ${span(strings)} apart from the structure block ${span(structure)}`, FDT_HEADER_FIELD_OFFSETS.off_dt_strings);
  }
}

/** Walks the structure block once, building the tree with an explicit stack (no recursion). */
class StructureWalker {
  private readonly names: FdtStrings;
  private readonly end: number;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly view: DataView,
    private readonly structure: FdtBlock,
    strings: FdtBlock,
  ) {
    // The END token is the block's last word; tokens are read up to it.
    this.end = structure.offset + structure.length - 4;
    this.names = new FdtStrings(bytes.subarray(strings.offset, strings.offset + strings.length));
  }

  walk(): FdtNode {
    const { structure } = this;
    if (structure.length < 4 || this.view.getUint32(this.end, false) !== FDT_END) {
      const at = Math.max(structure.offset, structure.offset + structure.length - 4);
      fail('fdt-structure', 'an END token (00 00 00 09) as the last 4 bytes of the structure block', at);
    }
    let at = this.skipNops(structure.offset);
    if (at >= this.end) fail('fdt-structure', 'a root node (BEGIN_NODE token) in the structure block', at);
    if (this.token(at) !== FDT_BEGIN_NODE) fail('fdt-structure', "the root node's BEGIN_NODE token (1)", at);
    const first = this.beginNode(at, null);
    const root = first.node;
    at = first.next;
    // Each open node, and whether it has met a child (its properties are then over).
    const stack: { node: FdtNode; inChildren: boolean }[] = [{ node: root, inChildren: false }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const token = this.token(at);
      switch (token) {
        case FDT_NOP:
          at += 4;
          break;
        case FDT_PROP: {
          if (top.inChildren) fail('fdt-structure', `a child node or the END_NODE of ${nodeAt(top.node)}: its properties come before its children`, at);
          const prop = this.property(at);
          top.node.properties.push(prop.property);
          at = prop.next;
          break;
        }
        case FDT_BEGIN_NODE: {
          if (stack.length >= MAX_FDT_DEPTH) fail('fdt-structure', `nesting at most ${MAX_FDT_DEPTH} nodes deep (inside ${nodeAt(top.node)})`, at);
          top.inChildren = true;
          const child = this.beginNode(at, top.node);
          top.node.children.push(child.node);
          stack.push({ node: child.node, inChildren: false });
          at = child.next;
          break;
        }
        case FDT_END_NODE:
          at += 4;
          top.node.end = at;
          stack.pop();
          break;
        case FDT_END:
          return fail('fdt-structure', `the END_NODE of ${nodeAt(top.node)} before the END token`, at);
        default:
          return fail('fdt-structure', `a token (BEGIN_NODE 1, END_NODE 2, PROP 3 or NOP 4) inside ${nodeAt(top.node)}`, at);
      }
    }
    at = this.skipNops(at);
    if (at < this.end) fail('fdt-structure', "only NOP tokens between the root node's END_NODE and the END token", at);
    return root;
  }

  private skipNops(from: number): number {
    let at = from;
    while (at < this.end && this.token(at) === FDT_NOP) at += 4;
    return at;
  }

  /** The token at `at`, which must fit before the END token. */
  private token(at: number): number {
    if (at + 4 > this.end) fail('fdt-structure', `a 4-byte token before the END token at ${this.end}`, at);
    return this.view.getUint32(at, false);
  }

  private beginNode(at: number, parent: FdtNode | null): { node: FdtNode; next: number } {
    const nameStart = at + 4;
    const nul = this.bytes.subarray(nameStart, this.end).indexOf(0);
    if (nul < 0) fail('fdt-structure', 'a NUL-terminated node name inside the structure block', nameStart);
    const name = decodeUtf8(this.bytes.subarray(nameStart, nameStart + nul));
    if (name === null) fail('fdt-structure', 'a node name in UTF-8', nameStart);
    const next = nameStart + align4(nul + 1);
    if (next > this.end) fail('fdt-structure', 'the node name and its padding to 4 bytes inside the structure block', nameStart);
    // A path repeats its ancestors' names in every descendant (and every item about them): long ones are cut.
    const shown = shownNodeName(name);
    const path = parent === null ? '/' : parent.path === '/' ? `/${shown}` : `${parent.path}/${shown}`;
    return { node: { name, path, offset: at, end: at, properties: [], children: [] }, next };
  }

  private property(at: number): { property: FdtProperty; next: number } {
    if (at + 12 > this.end) fail('fdt-structure', 'a property header (len, nameoff: 8 bytes) inside the structure block', at + 4);
    const len = this.view.getUint32(at + 4, false);
    const nameoff = this.view.getUint32(at + 8, false);
    const valueOffset = at + 12;
    if (len > this.end - valueOffset || align4(len) > this.end - valueOffset) {
      fail('fdt-structure', `a property length (padded to 4) of at most the ${this.end - valueOffset} bytes left in the structure block`, at + 4);
    }
    const { name, problem } = this.names.nameAt(nameoff);
    return {
      property: { name, nameProblem: problem, nameoff, offset: at, valueOffset, value: this.bytes.subarray(valueOffset, valueOffset + len) },
      next: valueOffset + align4(len),
    };
  }
}

/** `name`, or its first MAX_SHOWN_NODE_NAME characters and "…" (never half a surrogate pair). */
export function shownNodeName(name: string): string {
  if (name.length <= MAX_SHOWN_NODE_NAME) return name;
  const high = name.charCodeAt(MAX_SHOWN_NODE_NAME - 1);
  const cut = high >= 0xd800 && high <= 0xdbff ? MAX_SHOWN_NODE_NAME - 1 : MAX_SHOWN_NODE_NAME;
  return `${name.slice(0, cut)}…`;
}

/** A node as an error names it: by where it begins, never by its name (see the file comment). */
function nodeAt(node: FdtNode): string {
  return `the node at byte ${node.offset}`;
}

function align4(n: number): number {
  return n + ((4 - (n % 4)) % 4);
}
