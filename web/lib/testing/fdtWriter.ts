// A small flattened-device-tree writer for tests and samples, laid out as
// openvmm's `fdt::builder` lays it out (what openhcl_boot writes): the 40-byte
// header, the /memreserve/ entries, the strings block (padded to a fixed
// capacity), then the structure block. Raw words can be written too, so tests
// can build the broken trees a reader must refuse.
import { FDT_HEADER_SIZE, FDT_MAGIC, type Fdt, type FdtNode } from '../format/fdt.ts';

export const TOKEN = { BEGIN_NODE: 1, END_NODE: 2, PROP: 3, NOP: 4, END: 9 } as const;

export interface FdtWriterOptions {
  reservations?: readonly { address: bigint; size: bigint }[];
  /** Bytes kept for the strings block (openvmm's builder is given 1024); grows when the names need more. */
  stringTableCap?: number;
  bootCpuidPhys?: number;
}

/** A growable big-endian byte buffer. */
class ByteSink {
  private bytes = new Uint8Array(256);
  length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + n) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  u32(v: number): void {
    this.reserve(4);
    new DataView(this.bytes.buffer).setUint32(this.length, v >>> 0, false);
    this.length += 4;
  }

  raw(b: Uint8Array): void {
    this.reserve(b.length);
    this.bytes.set(b, this.length);
    this.length += b.length;
  }

  pad4(): void {
    while (this.length % 4 !== 0) this.raw(new Uint8Array(1));
  }

  result(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

const utf8 = new TextEncoder();

export function u32Bytes(...values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setUint32(i * 4, v >>> 0, false));
  return out;
}

export function u64Bytes(...values: bigint[]): Uint8Array {
  const out = new Uint8Array(values.length * 8);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setBigUint64(i * 8, v, false));
  return out;
}

/** NUL-terminated strings back to back, as `compatible` or `reg-names` hold them. */
export function stringListBytes(...values: string[]): Uint8Array {
  return utf8.encode(values.map((v) => `${v}\0`).join(''));
}

export class FdtWriter {
  private readonly structure = new ByteSink();
  private readonly strings = new ByteSink();
  private readonly nameOffsets = new Map<string, number>();

  constructor(private readonly options: FdtWriterOptions = {}) {}

  /** The name's offset in the strings block, adding it the first time. */
  string(name: string): number {
    const known = this.nameOffsets.get(name);
    if (known !== undefined) return known;
    const at = this.strings.length;
    this.strings.raw(utf8.encode(`${name}\0`));
    this.nameOffsets.set(name, at);
    return at;
  }

  beginNode(name: string): this {
    this.structure.u32(TOKEN.BEGIN_NODE);
    this.structure.raw(utf8.encode(`${name}\0`));
    this.structure.pad4();
    return this;
  }

  endNode(): this {
    this.structure.u32(TOKEN.END_NODE);
    return this;
  }

  nop(): this {
    this.structure.u32(TOKEN.NOP);
    return this;
  }

  /** A property; `nameoff` overrides the name's offset (to write a broken one). */
  prop(name: string, value: Uint8Array, nameoff = this.string(name)): this {
    this.structure.u32(TOKEN.PROP);
    this.structure.u32(value.length);
    this.structure.u32(nameoff);
    this.structure.raw(value);
    this.structure.pad4();
    return this;
  }

  u32(name: string, ...values: number[]): this {
    return this.prop(name, u32Bytes(...values));
  }

  u64(name: string, ...values: bigint[]): this {
    return this.prop(name, u64Bytes(...values));
  }

  str(name: string, ...values: string[]): this {
    return this.prop(name, stringListBytes(...values));
  }

  empty(name: string): this {
    return this.prop(name, new Uint8Array());
  }

  /** Raw bytes in the structure block, e.g. a stray token. */
  raw(bytes: Uint8Array): this {
    this.structure.raw(bytes);
    return this;
  }

  /** The tree: header, reservations, strings (padded to the capacity), structure ending with END. */
  finish(): Uint8Array {
    this.structure.u32(TOKEN.END);
    const reservations = this.options.reservations ?? [];
    const offMemRsvmap = FDT_HEADER_SIZE;
    const offStrings = offMemRsvmap + (reservations.length + 1) * 16;
    const cap = Math.max(this.options.stringTableCap ?? 1024, this.strings.length);
    const offStruct = offStrings + cap + ((4 - (cap % 4)) % 4);
    const structure = this.structure.result();
    const totalsize = offStruct + structure.length;
    const out = new Uint8Array(totalsize);
    const view = new DataView(out.buffer);
    [FDT_MAGIC, totalsize, offStruct, offStrings, offMemRsvmap, 17, 16, this.options.bootCpuidPhys ?? 0, this.strings.length, structure.length].forEach((v, i) => view.setUint32(i * 4, v, false));
    reservations.forEach((r, i) => {
      view.setBigUint64(offMemRsvmap + i * 16, r.address, false);
      view.setBigUint64(offMemRsvmap + i * 16 + 8, r.size, false);
    });
    out.set(this.strings.result(), offStrings);
    out.set(structure, offStruct);
    return out;
  }
}

/** Sets one big-endian u32 header field of a tree (a copy), to build hostile headers. */
export function withHeaderField(tree: Uint8Array, offset: number, value: number): Uint8Array {
  const out = tree.slice();
  new DataView(out.buffer).setUint32(offset, value >>> 0, false);
  return out;
}

/** A tree as plain data, to edit a real tree (drop a property, change a value, add a node) and write it again. */
export interface FdtNodeSpec {
  name: string;
  properties: [name: string, value: Uint8Array][];
  children: FdtNodeSpec[];
}

/** The spec of a read tree (a property whose name does not resolve is written under the name "?"). */
export function specOfFdt(fdt: Fdt): { root: FdtNodeSpec; reservations: { address: bigint; size: bigint }[] } {
  const spec = (n: FdtNode): FdtNodeSpec => ({ name: n.name, properties: n.properties.map((p) => [p.name ?? '?', p.value.slice()]), children: n.children.map(spec) });
  return { root: spec(fdt.root), reservations: fdt.reservations.map((r) => ({ address: r.address, size: r.size })) };
}

export function writeFdtSpec(root: FdtNodeSpec, options: FdtWriterOptions = {}): Uint8Array {
  const w = new FdtWriter(options);
  const write = (n: FdtNodeSpec) => {
    w.beginNode(n.name);
    for (const [name, value] of n.properties) w.prop(name, value);
    n.children.forEach(write);
    w.endNode();
  };
  write(root);
  return w.finish();
}

/** The node at `path` (`/`, `/openhcl/memory@0`) of a spec; throws when there is none. */
export function specNode(root: FdtNodeSpec, path: string): FdtNodeSpec {
  let node = root;
  for (const name of path.split('/').filter(Boolean)) {
    const next = node.children.find((c) => c.name === name);
    if (!next) throw new Error(`no node ${name} under ${node.name || '/'} (looking for ${path})`);
    node = next;
  }
  return node;
}
