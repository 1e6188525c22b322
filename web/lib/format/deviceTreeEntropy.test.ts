import { describe, expect, it } from 'vitest';
import { savedStateFromDeviceTree } from '../analysis/savedStateFromDeviceTree.ts';
import { errorInfo } from './errors.ts';
import { withBigintsAsStrings } from '../export/documentJson.ts';
import { loadDtFixtures, readOpenhclDeviceTree } from '../testing/dtFixtures.ts';
import { specNode, specOfFdt, u32Bytes, writeFdtSpec } from '../testing/fdtWriter.ts';
import { secretLeaks } from '../testing/secretLeak.ts';
import { entropyNodes, redactDeviceTreeEntropy } from './deviceTreeEntropy.ts';
import { DecodeError } from './errors.ts';
import { readFdt } from './fdt.ts';
import { DtSemanticsError } from './openhclDeviceTree.ts';
import { bootTimesToUpstreamJson, deviceTreeToUpstreamJson } from './openhclDeviceTreeJson.ts';

const fixtures = loadDtFixtures();
const dt01 = fixtures.find((f) => f.name === 'dt01_x64_2node_host')!.bytes;
const seedProp = entropyNodes(readFdt(dt01).root)[0]!.properties[0]!;
const seed = seedProp.value.slice();

describe('the entropy seed of dt01', () => {
  it('is the 64 random bytes the test looks for', () => {
    expect(seed.length).toBe(64);
    expect(secretLeaks(JSON.stringify([...seed]), seed)).toContain('byte list');
  });

  it('appears in no JSON this library produces from the tree', () => {
    const dt = readOpenhclDeviceTree(dt01);
    const texts = {
      upstreamJson: JSON.stringify(deviceTreeToUpstreamJson(dt)),
      wholeParse: JSON.stringify(withBigintsAsStrings(dt)),
      bootTimes: JSON.stringify(bootTimesToUpstreamJson(dt.boot_times)),
      savedState: JSON.stringify(withBigintsAsStrings(savedStateFromDeviceTree(dt))),
      unknown: JSON.stringify(dt.unknown),
    };
    for (const [what, text] of Object.entries(texts)) expect({ what, leaks: secretLeaks(text, seed) }).toEqual({ what, leaks: [] });
    // Only where it lies and its length.
    const node = entropyNodes(readFdt(dt01).root)[0]!;
    expect(dt.entropy).toEqual({ source: { path: '/openhcl/entropy', offset: node.offset }, length: 64 });
  });

  it('appears in no error this library reports about the tree', () => {
    // The entropy node made unreadable to the parse's neighbours: a fault in its /openhcl node.
    const { root, reservations } = specOfFdt(readFdt(dt01));
    specNode(root, '/openhcl').properties = specNode(root, '/openhcl').properties.filter(([n]) => n !== 'isolation-type');
    specNode(root, '/openhcl/entropy').properties.push(['reg2', u32Bytes(1)]);
    let err: unknown = null;
    try {
      readOpenhclDeviceTree(writeFdtSpec(root, { reservations }));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DtSemanticsError);
    expect(secretLeaks(JSON.stringify(errorInfo(err as DecodeError)), seed)).toEqual([]);
  });
});

/** 64 bytes whose every big-endian word is at least 2^24 (so secretLeaks looks for each), from a fixed LCG. */
function noise(seedValue: number): Uint8Array {
  const out = new Uint8Array(64);
  let x = seedValue;
  for (let i = 0; i < 64; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = (x >>> 16) & 0xff;
  }
  for (let i = 0; i < 64; i += 4) out[i]! |= 0x80;
  return out;
}

/** `words` (u32 numbers or text padded with NULs to 4) at byte `at` of noise: a seed that reads as tokens there. */
function seedWith(at: number, ...words: (number | string)[]): Uint8Array {
  const out = noise(at + 7);
  let i = at;
  for (const w of words) {
    const bytes = typeof w === 'number' ? u32Bytes(w) : new TextEncoder().encode(w.padEnd(Math.ceil((w.length + 1) / 4) * 4, '\0'));
    out.set(bytes, i);
    i += bytes.length;
  }
  return out;
}

describe('a tree whose entropy length is damaged: the walk reads the seed as tokens', () => {
  const lenAt = seedProp.offset + 4;
  // dt01's own seed, and seeds that read as a node, a property too long, and a property that fits.
  const seeds: [string, Uint8Array][] = [
    ["dt01's", seed],
    ['a BEGIN_NODE and a name', seedWith(12, 1, 'k9XqPz3wLm')],
    ['a PROP whose length runs past the block', seedWith(8, 3, 0x7a3c9e11, 0x6b2f0d45)],
    ['NOPs, then no token', seedWith(4, 4, 4, 4)],
    // Read from byte 44 on, a whole property (value 8 bytes), then the real END_NODE: the tree reads.
    ['a PROP that fits, nameoff past the strings', seedWith(44, 3, 8, 0x6b2f0d45)],
  ];
  for (const [what, secret] of seeds) {
    it(`names no byte of ${what} seed, whatever the length says`, () => {
      const tree = dt01.slice();
      tree.set(secret, seedProp.valueOffset);
      let parsed = 0;
      for (let len = 0; len <= 68; len++) {
        const damaged = tree.slice();
        new DataView(damaged.buffer).setUint32(lenAt, len, false);
        let text: string;
        try {
          const dt = readOpenhclDeviceTree(damaged);
          text = JSON.stringify(withBigintsAsStrings(dt));
          parsed++;
        } catch (err) {
          if (!(err instanceof DecodeError)) throw err;
          text = JSON.stringify(errorInfo(err));
        }
        expect({ len, leaks: secretLeaks(text, secret) }).toEqual({ len, leaks: [] });
      }
      // 61..64 read as the seed's true length; the property that fits reads at 41..44 too.
      expect(parsed).toBe(what.startsWith('a PROP that fits') ? 8 : 4);
    });
  }
});

describe('redactDeviceTreeEntropy', () => {
  it('zeroes exactly the seed bytes of dt01 and nothing else', () => {
    const redacted = redactDeviceTreeEntropy(dt01);
    expect(redacted.length).toBe(dt01.length);
    const changed = [...dt01.keys()].filter((i) => redacted[i] !== dt01[i]);
    expect(changed[0]).toBe(seedProp.valueOffset);
    expect(changed.at(-1)).toBeLessThan(seedProp.valueOffset + 64);
    expect(redacted.subarray(seedProp.valueOffset, seedProp.valueOffset + 64)).toEqual(new Uint8Array(64));
    expect(secretLeaks(Buffer.from(redacted).toString('hex'), seed)).toEqual([]);
    // The tree still reads, to the same topology.
    expect(deviceTreeToUpstreamJson(readOpenhclDeviceTree(redacted))).toEqual(deviceTreeToUpstreamJson(readOpenhclDeviceTree(dt01)));
    expect(dt01.subarray(seedProp.valueOffset, seedProp.valueOffset + 64)).toEqual(seed);
  });

  it('zeroes every property of every entropy node, duplicates included', () => {
    const { root, reservations } = specOfFdt(readFdt(dt01));
    const openhcl = specNode(root, '/openhcl');
    openhcl.children.push({ name: 'entropy', properties: [['reg', seed.slice(0, 16)], ['extra', seed.slice(16, 24)]], children: [] });
    // A second /openhcl (upstream reads the last one): its own copy of the map, and a seed.
    const second = structuredClone(openhcl);
    second.children = [...second.children.filter((c) => c.name !== 'entropy'), { name: 'entropy', properties: [['reg', seed.slice(24, 40)]], children: [] }];
    root.children.push(second);
    const tree = writeFdtSpec(root, { reservations });
    const redacted = redactDeviceTreeEntropy(tree);
    const nodes = entropyNodes(readFdt(redacted).root);
    expect(nodes.map((n) => n.properties.map((p) => [p.name, p.value.every((b) => b === 0), p.value.length]))).toEqual([[['reg', true, 64]], [['reg', true, 16], ['extra', true, 8]], [['reg', true, 16]]]);
    // Its own entropy and the extra node's, and the second /openhcl's: every value zeroed, nothing else.
    const zeroed = [...tree.keys()].filter((i) => redacted[i] !== tree[i]);
    const values = entropyNodes(readFdt(tree).root).flatMap((n) => n.properties.map((p) => [p.valueOffset, p.value.length] as const));
    expect(values.map(([, length]) => length)).toEqual([64, 16, 8, 16]);
    expect(zeroed.every((i) => values.some(([at, length]) => at <= i && i < at + length))).toBe(true);
  });

  it('zeroes every byte past totalsize: a second tree appended keeps no seed', () => {
    const other = dt01.slice();
    other.set(noise(99), seedProp.valueOffset);
    const both = new Uint8Array(dt01.length + other.length + 3);
    both.set(dt01);
    both.set(other, dt01.length);
    both.set([0xde, 0xad, 0xbe], dt01.length + other.length);
    const redacted = redactDeviceTreeEntropy(both);
    expect(redacted.length).toBe(both.length);
    expect(redacted.subarray(dt01.length).every((b) => b === 0)).toBe(true);
    expect(redacted.subarray(0, dt01.length)).toEqual(redactDeviceTreeEntropy(dt01));
    const hex = Buffer.from(redacted).toString('hex');
    expect(secretLeaks(hex, seed)).toEqual([]);
    expect(secretLeaks(hex, noise(99))).toEqual([]);
  });

  it('refuses a tree it cannot read, since it cannot say where the seed is', () => {
    const bad = fixtures.find((f) => f.name === 'bad_dt01_bad_magic')!.bytes;
    expect(() => redactDeviceTreeEntropy(bad)).toThrow(DecodeError);
  });
});
