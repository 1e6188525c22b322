import { describe, expect, it } from 'vitest';
import { FdtWriter, TOKEN, u32Bytes, u64Bytes, withHeaderField } from '../testing/fdtWriter.ts';
import { DecodeError } from './errors.ts';
import { FDT_HEADER_FIELD_OFFSETS as F, MAX_FDT_DEPTH, MAX_SHOWN_NODE_NAME, readFdt, shownNodeName, type FdtNode } from './fdt.ts';

/** A small tree laid out as openhcl_boot's builder lays it out: header, 1 reservation (+ end entry), 1024 bytes of strings, structure. */
function smallTree(): Uint8Array {
  return new FdtWriter({ reservations: [{ address: 0x4_8000_0000n, size: 0x1000n }] })
    .beginNode('')
    .u32('#address-cells', 2)
    .beginNode('cpus')
    .u32('#address-cells', 1)
    .beginNode('cpu@1')
    .u32('reg', 0)
    .endNode()
    .endNode()
    .beginNode('openhcl')
    .str('isolation-type', 'none')
    .beginNode('memory@480000000')
    .u64('reg', 0x4_8000_0000n, 0x1000n)
    .endNode()
    .endNode()
    .endNode()
    .finish();
}

// Offsets of smallTree: header 40, reservations 40..72, strings 72..1096, structure from 1096.
const STRUCT = 1096;
// A tree with no reservations: the end entry 40..56, strings 56..1080, structure from 1080.
const BARE = 1080;

function decodeError(run: () => unknown): DecodeError {
  try {
    run();
  } catch (err) {
    if (err instanceof DecodeError) return err;
    throw err;
  }
  throw new Error('expected a DecodeError');
}

function expectError(bytes: Uint8Array, code: string, offset: number, expected?: RegExp): void {
  const err = decodeError(() => readFdt(bytes));
  expect({ code: err.code, offset: err.offset }).toEqual({ code, offset });
  if (expected) expect(err.expected).toMatch(expected);
}

/** A tree whose structure block is exactly `words` (then END), to test token rules. */
function treeWithStructure(build: (w: FdtWriter) => FdtWriter): Uint8Array {
  return build(new FdtWriter()).finish();
}

describe('readFdt on a well-formed tree', () => {
  const bytes = smallTree();
  const fdt = readFdt(bytes);

  it('reads the header fields and the block layout', () => {
    expect(fdt.header).toEqual({
      magic: 0xd00dfeed,
      totalsize: bytes.length,
      off_dt_struct: STRUCT,
      off_dt_strings: 72,
      off_mem_rsvmap: 40,
      version: 17,
      last_comp_version: 16,
      boot_cpuid_phys: 0,
      size_dt_strings: 34,
      size_dt_struct: bytes.length - STRUCT,
    });
    expect(fdt.blocks).toEqual({ memReserve: { offset: 40, length: 32 }, structure: { offset: STRUCT, length: bytes.length - STRUCT }, strings: { offset: 72, length: 34 } });
    expect(fdt.reservations).toEqual([{ address: 0x4_8000_0000n, size: 0x1000n, offset: 40 }]);
  });

  it('reads nodes with their path, offsets and properties in order', () => {
    const outline = (n: FdtNode): unknown => ({ path: n.path, offset: n.offset, end: n.end, props: n.properties.map((p) => [p.name, p.offset, p.valueOffset, p.value.length]), children: n.children.map(outline) });
    // Root: BEGIN_NODE and "" padded (8 bytes), then a u32 property (16 bytes); /cpus from +24, and so on.
    expect(outline(fdt.root)).toEqual({
      path: '/',
      offset: STRUCT,
      end: STRUCT + 184,
      props: [['#address-cells', STRUCT + 8, STRUCT + 20, 4]],
      children: [
        {
          path: '/cpus',
          offset: STRUCT + 24,
          end: STRUCT + 88,
          props: [['#address-cells', STRUCT + 36, STRUCT + 48, 4]],
          children: [{ path: '/cpus/cpu@1', offset: STRUCT + 52, end: STRUCT + 84, props: [['reg', STRUCT + 64, STRUCT + 76, 4]], children: [] }],
        },
        {
          path: '/openhcl',
          offset: STRUCT + 88,
          end: STRUCT + 180,
          props: [['isolation-type', STRUCT + 100, STRUCT + 112, 5]],
          children: [{ path: '/openhcl/memory@480000000', offset: STRUCT + 120, end: STRUCT + 176, props: [['reg', STRUCT + 144, STRUCT + 156, 16]], children: [] }],
        },
      ],
    });
    expect(bytes.length).toBe(STRUCT + 188);
  });

  it('gives property values as views of the input, not copies', () => {
    const reg = fdt.root.children[1]!.children[0]!.properties[0]!;
    expect(reg.value).toEqual(u64Bytes(0x4_8000_0000n, 0x1000n));
    expect(reg.value.buffer).toBe(bytes.buffer);
    expect(reg.value.byteOffset).toBe(reg.valueOffset);
  });

  it('reads a tree inside a larger buffer (a subarray) with offsets relative to the tree', () => {
    const padded = new Uint8Array(bytes.length + 100);
    padded.set(bytes, 50);
    const again = readFdt(padded.subarray(50, 50 + bytes.length + 10));
    expect(again.root.children[1]!.children[0]!.properties[0]!.valueOffset).toBe(STRUCT + 156);
  });

  it('skips NOP tokens before the root, between properties and children, and after the root', () => {
    const tree = treeWithStructure((w) => w.nop().beginNode('').nop().u32('a', 1).nop().beginNode('b').nop().endNode().nop().endNode().nop().nop());
    const root = readFdt(tree).root;
    expect(root.properties.map((p) => p.name)).toEqual(['a']);
    expect(root.children.map((c) => c.path)).toEqual(['/b']);
  });

  it('keeps a property whose name does not resolve, with the reason, as upstream treats it as absent', () => {
    const w = new FdtWriter().beginNode('');
    w.string('fine'); // the whole strings block: "fine\0", 5 bytes
    const tree = w
      .prop('past', u32Bytes(1), 1000)
      .prop('end', u32Bytes(2), 5)
      .u32('fine', 3)
      .endNode()
      .finish();
    const props = readFdt(tree).root.properties;
    expect(props.map((p) => [p.name, p.nameoff, p.nameProblem])).toEqual([
      [null, 1000, 'nameoff is past the 5-byte strings block'],
      [null, 5, 'nameoff is past the 5-byte strings block'],
      ['fine', 0, null],
    ]);
  });

  it('reports a name without NUL in the strings block and one that is not UTF-8', () => {
    const w = new FdtWriter().beginNode('');
    const tree = w.u32('ok', 1).endNode().finish();
    const strings = readFdt(tree).blocks.strings;
    const noNul = tree.slice();
    noNul[strings.offset + 2] = 0x41; // "ok\0" → "okA"
    expect(readFdt(noNul).root.properties[0]!.nameProblem).toBe('no NUL after nameoff in the strings block');
    const notUtf8 = tree.slice();
    notUtf8[strings.offset] = 0xff;
    expect(readFdt(notUtf8).root.properties[0]!.nameProblem).toBe('the name at nameoff is not UTF-8');
  });

  it(`accepts nesting ${MAX_FDT_DEPTH} deep`, () => {
    const w = new FdtWriter();
    for (let i = 0; i < MAX_FDT_DEPTH; i++) w.beginNode(i === 0 ? '' : 'n');
    for (let i = 0; i < MAX_FDT_DEPTH; i++) w.endNode();
    let node = readFdt(w.finish()).root;
    let depth = 1;
    while (node.children[0]) [node, depth] = [node.children[0], depth + 1];
    expect(depth).toBe(MAX_FDT_DEPTH);
    expect(node.path).toBe('/' + Array(MAX_FDT_DEPTH - 1).fill('n').join('/'));
  });
});

describe('readFdt refuses a broken header, naming the field', () => {
  const good = smallTree();
  const size = good.length;

  it('an input shorter than the header', () => expectError(good.subarray(0, 39), 'fdt-header', 39, /40-byte FDT header/));
  it('the magic stored little-endian', () => expectError(withHeaderField(good, F.magic, 0xedfe0dd0), 'fdt-header', 0, /magic d0 0d fe ed, not 0xedfe0dd0/));

  for (const totalsize of [size + 1, 2 ** 31, 2 ** 32 - 1]) {
    it(`totalsize ${totalsize} past the ${size}-byte input`, () => expectError(withHeaderField(good, F.totalsize, totalsize), 'fdt-header', F.totalsize, /at most the input's/));
  }
  it('totalsize 0', () => expectError(withHeaderField(good, F.totalsize, 0), 'fdt-header', F.totalsize, /at least the 40-byte header/));
  it('version 16', () => expectError(withHeaderField(good, F.version, 16), 'fdt-header', F.version, /version 17 or later, not 16/));
  it('last_comp_version 17', () => expectError(withHeaderField(good, F.last_comp_version, 17), 'fdt-header', F.last_comp_version, /at most 16/));

  for (const off of [0, 39, 2 ** 31, 2 ** 32 - 1]) {
    it(`off_mem_rsvmap ${off}`, () => expectError(withHeaderField(good, F.off_mem_rsvmap, off), 'fdt-memreserve', F.off_mem_rsvmap, /between the header's end/));
  }
  it('a /memreserve/ list with no 0,0 entry before totalsize', () => {
    // The strings block is next to the entries: pointing the list at the structure block's last words runs it off the end.
    expectError(withHeaderField(good, F.off_mem_rsvmap, size - 8), 'fdt-memreserve', size - 8, /16-byte \/memreserve\/ entry/);
  });

  // A block that starts in range but ends past totalsize blames its size field (36 or 32), else its offset field.
  for (const [field, value, blamed] of [['off_dt_struct', 0, 'off_dt_struct'], ['off_dt_struct', 2 ** 31, 'off_dt_struct'], ['off_dt_struct', 2 ** 32 - 1, 'off_dt_struct'], ['size_dt_struct', 2 ** 31, 'size_dt_struct'], ['size_dt_struct', 2 ** 32 - 1, 'size_dt_struct']] as const) {
    it(`${field} ${value}`, () => expectError(withHeaderField(good, F[field], value), 'fdt-structure', F[blamed], /structure block .* between the header's end/));
  }
  it('a structure block offset that is not a multiple of 4', () => {
    const shifted = withHeaderField(withHeaderField(good, F.off_dt_struct, STRUCT + 2), F.size_dt_struct, size - STRUCT - 4);
    expectError(shifted, 'fdt-structure', F.off_dt_struct, /multiple of 4, not 1098/);
  });
  for (const [field, value, blamed] of [['off_dt_strings', 0, 'off_dt_strings'], ['off_dt_strings', 2 ** 31, 'off_dt_strings'], ['size_dt_strings', 2 ** 32 - 1, 'size_dt_strings']] as const) {
    it(`${field} ${value}`, () => expectError(withHeaderField(good, F[field], value), 'fdt-strings', F[blamed], /strings block .* between the header's end/));
  }
  it('a strings block inside the structure block', () => expectError(withHeaderField(good, F.off_dt_strings, STRUCT + 8), 'fdt-strings', F.off_dt_strings, /apart from the structure block/));
  it('a strings block over the /memreserve/ entries', () => expectError(withHeaderField(good, F.off_dt_strings, 48), 'fdt-strings', F.off_dt_strings, /apart from the \/memreserve\/ block \[40, 72\)/));
  it('a structure block over the /memreserve/ entries', () => {
    const moved = withHeaderField(withHeaderField(good, F.off_dt_struct, 56), F.size_dt_struct, 8);
    expectError(moved, 'fdt-structure', F.off_dt_struct, /apart from the \/memreserve\/ block/);
  });
});

describe('readFdt refuses a broken structure block, naming the token', () => {
  it('no END token at the end', () => {
    const good = smallTree();
    const cut = withHeaderField(good, F.size_dt_struct, good.length - STRUCT - 4);
    expectError(cut, 'fdt-structure', good.length - 8, /END token/);
  });
  it('an empty structure block', () => expectError(withHeaderField(smallTree(), F.size_dt_struct, 0), 'fdt-structure', STRUCT, /END token/));
  it('no root node', () => expectError(treeWithStructure((w) => w.nop()), 'fdt-structure', BARE + 4, /a root node/));
  it('a property before the root node', () => expectError(treeWithStructure((w) => w.u32('a', 1)), 'fdt-structure', BARE, /root node's BEGIN_NODE/));
  it('a second root node', () => expectError(treeWithStructure((w) => w.beginNode('').endNode().beginNode('').endNode()), 'fdt-structure', BARE + 12, /only NOP tokens/));
  it('a node never closed', () => expectError(treeWithStructure((w) => w.beginNode('').beginNode('a').endNode()), 'fdt-structure', BARE + 20, /4-byte token before the END token/));
  it('an END token inside a node', () => expectError(treeWithStructure((w) => w.beginNode('').raw(u32Bytes(TOKEN.END)).endNode()), 'fdt-structure', BARE + 8, /END_NODE of the node at byte 1080 before the END token/));
  it('an unknown token', () => expectError(treeWithStructure((w) => w.beginNode('').beginNode('a').raw(u32Bytes(7)).endNode().endNode()), 'fdt-structure', BARE + 16, /inside the node at byte 1088$/));
  it('a property after a child node', () => expectError(treeWithStructure((w) => w.beginNode('').beginNode('a').endNode().u32('late', 1).endNode()), 'fdt-structure', BARE + 20, /properties come before its children/));
  it('a node name without NUL', () => {
    const tree = treeWithStructure((w) => w.beginNode('').raw(u32Bytes(TOKEN.BEGIN_NODE)).raw(new TextEncoder().encode('abcdefgh')));
    expectError(tree, 'fdt-structure', BARE + 12, /NUL-terminated node name/);
  });
  it('a node name that is not UTF-8', () => {
    const tree = treeWithStructure((w) => w.beginNode('').raw(u32Bytes(TOKEN.BEGIN_NODE)).raw(new Uint8Array([0xc3, 0x28, 0, 0])).endNode().endNode());
    expectError(tree, 'fdt-structure', BARE + 12, /UTF-8/);
  });
  for (const len of [5, 2 ** 31, 2 ** 32 - 1]) {
    it(`a property value of ${len} bytes past the block`, () => {
      const tree = treeWithStructure((w) => w.beginNode('').raw(u32Bytes(TOKEN.PROP, len, 0)).endNode());
      // Only END_NODE (4 bytes) follows the property header before the END token.
      expectError(tree, 'fdt-structure', BARE + 12, /a property length \(padded to 4\) of at most the 4 bytes left/);
    });
  }
  it('a property header cut by the END token', () => expectError(treeWithStructure((w) => w.beginNode('').raw(u32Bytes(TOKEN.PROP, 0))), 'fdt-structure', BARE + 12, /property header/));
  it(`nesting ${MAX_FDT_DEPTH + 1} deep, quickly`, () => {
    const w = new FdtWriter();
    for (let i = 0; i <= MAX_FDT_DEPTH; i++) w.beginNode(i === 0 ? '' : 'n');
    for (let i = 0; i <= MAX_FDT_DEPTH; i++) w.endNode();
    const started = performance.now();
    expectError(w.finish(), 'fdt-structure', BARE + 8 * MAX_FDT_DEPTH, new RegExp(`at most ${MAX_FDT_DEPTH} nodes deep`));
    expect(performance.now() - started).toBeLessThan(50);
  });
});

describe('shownNodeName', () => {
  it('keeps a name up to the limit, cuts a longer one with "…", never inside a surrogate pair', () => {
    const at = 'a'.repeat(MAX_SHOWN_NODE_NAME);
    expect(shownNodeName(at)).toBe(at);
    expect(shownNodeName(`${at}b`)).toBe(`${at}…`);
    const pair = `${'a'.repeat(MAX_SHOWN_NODE_NAME - 1)}😀tail`;
    expect(shownNodeName(pair)).toBe(`${'a'.repeat(MAX_SHOWN_NODE_NAME - 1)}…`);
  });
});
