import { describe, expect, it } from 'vitest';
import { savedStateFromDeviceTree } from '../analysis/savedStateFromDeviceTree.ts';
import { errorInfo } from './errors.ts';
import { withBigintsAsStrings } from '../export/documentJson.ts';
import { loadDtFixtures } from '../testing/dtFixtures.ts';
import { specNode, specOfFdt, u32Bytes, writeFdtSpec } from '../testing/fdtWriter.ts';
import { secretLeaks } from '../testing/secretLeak.ts';
import { entropyNodes, redactDeviceTreeEntropy } from './deviceTreeEntropy.ts';
import { DecodeError } from './errors.ts';
import { readFdt } from './fdt.ts';
import { DtSemanticsError, readOpenhclDeviceTree } from './openhclDeviceTree.ts';
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
    // Only where it lies: offset and length.
    const node = entropyNodes(readFdt(dt01).root)[0]!;
    expect(dt.entropy).toEqual({ source: { path: '/openhcl/entropy', offset: node.offset }, length: 64, secret_ranges: [{ offset: seedProp.valueOffset, length: 64 }] });
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
    expect(readOpenhclDeviceTree(tree).entropy!.secret_ranges.map((r) => r.length)).toEqual([64, 16, 8, 16]);
  });

  it('refuses a tree it cannot read, since it cannot say where the seed is', () => {
    const bad = fixtures.find((f) => f.name === 'bad_dt01_bad_magic')!.bytes;
    expect(() => redactDeviceTreeEntropy(bad)).toThrow(DecodeError);
  });
});
