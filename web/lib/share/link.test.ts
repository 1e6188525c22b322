// Share links: every fixture and random topology survives encode → decode
// exactly (u64 above 2^53 included), and damaged or hostile links fail with a
// DecodeError, fast, without allocating what they claim.
import fc from 'fast-check';
import { deflateSync, inflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { documentToJson } from '../export/documentJson.ts';
import { encodeSavedState } from '../format/encodeSavedState.ts';
import { DecodeError } from '../format/errors.ts';
import type { OpenOptions } from '../import/options.ts';
import { toBase64Url, toHex } from '../io/base64.ts';
import { bytesSource } from '../io/byteSource.ts';
import type { TopologyDocument } from '../model/topology.ts';
import { DEFAULT_VIEW, MAP_SCALES, PANELS, RELEASE_IDS, SORT_KEYS, type ViewState } from '../model/view.ts';
import { arbSavedState } from '../testing/arbitraries.ts';
import { cpuMillis } from '../testing/cpuTime.ts';
import { loadFixtures } from '../testing/fixtures.ts';
import { openDoc } from '../testing/openDoc.ts';
import { syntheticSavedState } from '../testing/syntheticTopology.ts';
import { fromBase64Url } from './base64url.ts';
import { writeEnvelope } from './envelope.ts';
import { decodeLink, encodeLink, encodeViewLink, MAX_ENVELOPE_BYTES, MAX_FRAGMENT_CHARS } from './link.ts';
import { openSharedParts } from '../testing/openSharedParts.ts';
import { partsOfDocument } from './parts.ts';
import type { SharedParts } from './types.ts';
import { concatBytes, varintBytes } from '../testing/fuzz/mutations.ts';

type SharedView = ViewState;

/** Shared parts from their pieces (an empty header for a blob). */
const sp = (name: string, header: Uint8Array | null, payloadOffset: number, payload: Uint8Array, size: number, options: OpenOptions = {}): SharedParts => ({
  name,
  input: { header: header ?? new Uint8Array(0), payloadOffset, payload, size },
  options,
});

/** A valid header: its region at `protobufBase`, 19 pages, holding `payloadLen` bytes. */
function headerOf(protobufBase: bigint, payloadLen: bigint): Uint8Array {
  const header = new Uint8Array(32);
  const view = new DataView(header.buffer);
  header.set(new TextEncoder().encode('OHCLPHDR'));
  view.setBigUint64(8, protobufBase, true);
  view.setBigUint64(16, 0x13000n, true);
  view.setBigUint64(24, payloadLen, true);
  return header;
}

/** The document shared parts re-open to (they must open one). */
async function reopen(parts: SharedParts): Promise<TopologyDocument> {
  const opened = await openSharedParts(parts);
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.doc;
}

const fixtures = loadFixtures();
const fixture = (name: string) => fixtures.find((f) => f.name === name)!;

const u64 = fc.oneof(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), fc.bigInt({ min: (1n << 53n) - 2n, max: (1n << 53n) + 2n }), fc.constant((1n << 64n) - 1n));
const u32List = fc.option(fc.array(fc.nat({ max: 0xffff_ffff }), { maxLength: 12 }), { nil: null });
const arbView: fc.Arbitrary<SharedView> = fc.record({
  window: fc.option(fc.record({ start: u64, end: u64 }), { nil: null }),
  selection: fc.option(fc.record({ table: fc.constantFrom('memory' as const, 'mmio' as const), index: fc.nat({ max: 0xffff_ffff }) }), { nil: null }),
  filters: fc.record({ vtlTypes: u32List, vnodes: u32List, igvmTypes: u32List, address: fc.string({ maxLength: 40 }), addressMode: fc.constantFrom('address' as const, 'text' as const) }),
  sort: fc.record({ key: fc.constantFrom(...SORT_KEYS), descending: fc.boolean() }),
  panel: fc.constantFrom(...PANELS),
  theme: fc.constantFrom('light' as const, 'dark' as const),
  scale: fc.constantFrom(...MAP_SCALES),
  release: fc.constantFrom(...RELEASE_IDS),
});

const envelopeLink = (envelope: Uint8Array) => `v1.${toBase64Url(deflateSync(envelope))}`;

/** Throws unless `fn` throws a DecodeError; returns it. */
function decodeErrorOf(fn: () => unknown): DecodeError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DecodeError) return err;
    throw new Error(`threw something other than a DecodeError: ${String(err)}`);
  }
  throw new Error('did not throw');
}

async function sharedFixture(name: string, options = {}) {
  const f = fixture(name);
  const doc = await openDoc(bytesSource(f.bytes), options);
  return { f, doc, parts: partsOfDocument(doc, `${f.name}.bin`, options) };
}

describe('share link round trip', () => {
  it.each(fixtures.map((f) => f.name))('%s re-opens as the same document with the same view', async (name) => {
    const { doc, parts } = await sharedFixture(name);
    const view: SharedView = { window: { start: 0x1_0000_0000n, end: (1n << 64n) - 1n }, selection: { table: 'mmio', index: 1 }, filters: { vtlTypes: [0, 8], vnodes: [1], igvmTypes: null, address: '0x4000', addressMode: 'address' }, sort: { key: 'size', descending: true }, panel: 'numa', theme: 'dark', release: 'pre-2026-04', scale: 'readable' };
    const fragment = encodeLink(parts, view);
    const decoded = decodeLink(`#${fragment}`);
    expect(decoded.parts).toEqual(parts);
    expect(decoded.view).toEqual(view);
    const reopened = await reopen(decoded.parts);
    expect(documentToJson(reopened, 'same')).toEqual(documentToJson(doc, 'same'));
  });

  it.each([
    ['a given base GPA', 'img02_realistic', { baseGpa: 0x4_8000_0000n }],
    ['a forced kind', 'p03_realistic_x64_2node', { as: 'image' as const }],
  ])('keeps %s', async (_, name, options) => {
    const { doc, parts } = await sharedFixture(name, options);
    const decoded = decodeLink(encodeLink(parts, DEFAULT_VIEW));
    expect(decoded.parts.options).toEqual(options);
    expect(documentToJson(await reopen(decoded.parts), 'same')).toEqual(documentToJson(doc, 'same'));
  });

  it('random topologies and views, u64 above 2^53 included, round-trip exactly', () => {
    fc.assert(
      fc.property(arbSavedState, arbView, fc.boolean(), fc.option(u64, { nil: undefined }), (state, view, asImage, baseGpa) => {
        const payload = encodeSavedState(state);
        // An honest image: its header points at the payload it carries, from the header GPA given or derived.
        const headerGpa = baseGpa === undefined ? 0x4_8000_0000n : baseGpa > (1n << 64n) - 0x2000n ? baseGpa - 0x1000n : baseGpa;
        const parts: SharedParts = asImage
          ? sp('img.bin', headerOf(headerGpa + 0x1000n, BigInt(payload.length)), 4096, payload, 2 * 1024 * 1024, { as: 'image', ...(baseGpa === undefined ? {} : { baseGpa: headerGpa }) })
          : sp('blob.bin', null, 0, payload, payload.length);
        const decoded = decodeLink(encodeLink(parts, view));
        expect(decoded.view).toEqual(view);
        expect(decoded.parts).toEqual(parts);
      }),
      { numRuns: 300 },
    );
  });

  it('a window ending at 2^64 (exclusive, the top of the space) comes back one byte short, never wrapped to 0', async () => {
    const { parts } = await sharedFixture('p03_realistic_x64_2node');
    const top = { start: 0xffff_ffff_0000_0000n, end: 1n << 64n };
    const shown = { start: top.start, end: (1n << 64n) - 1n };
    expect(decodeLink(encodeLink(parts, { ...DEFAULT_VIEW, window: top })).view.window).toEqual(shown);
    const target = { name: 'a.bin', size: 10, fingerprint: '00112233445566778899aabbccddeeff' };
    expect(decodeLink(encodeViewLink(target, { ...DEFAULT_VIEW, window: top })).view.window).toEqual(shown);
  });

  it('refuses to write a u64 out of range instead of wrapping it', () => {
    const blob = sp('x.bin', null, 0, new Uint8Array([8, 1]), 2);
    for (const baseGpa of [1n << 64n, -1n]) {
      expect(decodeErrorOf(() => writeEnvelope({ ...blob, options: { baseGpa } }, DEFAULT_VIEW))).toMatchObject({ code: 'not-shareable', message: `the base GPA ${baseGpa} is not a u64: it cannot travel in a link` });
    }
    expect(decodeErrorOf(() => encodeLink(blob, { ...DEFAULT_VIEW, window: { start: 1n << 64n, end: 1n << 64n } })).code).toBe('not-shareable');
    expect(decodeErrorOf(() => encodeLink(blob, { ...DEFAULT_VIEW, window: { start: 0n, end: (1n << 64n) + 1n } })).code).toBe('not-shareable');
  });

  it('re-opens random topologies to the same decoded state', async () => {
    await fc.assert(
      fc.asyncProperty(arbSavedState, async (state) => {
        const payload = encodeSavedState(state);
        const doc = await openDoc(bytesSource(payload), { as: 'saved-state' });
        const { parts } = decodeLink(encodeLink(partsOfDocument(doc, 'r.bin', { as: 'saved-state' }), DEFAULT_VIEW));
        expect((await reopen(parts)).decoded).toEqual(state);
      }),
      { numRuns: 100 },
    );
  });
});

describe('format version 1', () => {
  // Made by this app on the day v1 shipped. It must open, unchanged, in every later version.
  const GOLDEN_V1 =
    'v1.ZdDBSsNAEADQnU1al7G261qk9FRyCh5kKR7iTTSHHATFHwgqIgH1oB48eFgEwQ_wA_yEfkI-wU_oh5TW2dnUKl3IJPM2M8kO7lT3t3ZcPt5c3lVPz9X1_lX1YEZnxcnpeZFfCC1cLGhZ8FG8hpsYuFEyk6iwrZ1ziw002FH85HOnEqkAu8GcZktRN3nKea4B-43kLIUGqotxt9FCuy-KQ6k2yaPgXujtd_bOyr34Lp_efZ-lk5B_sMs_TqJdHRxX7sX3maz1mbDX3v35IhwEr9m_6e9_K5odMorTsMM1ppmT63GvnpGqZfrYZZsBj2EO_3Qe1EnS9jASspVE8AYpEWQ8puND3F6OcboIC0ysgL4bowSVRAiwJ8Zb9uWgzKy1JV02gyP4AQ';

  it('a link made today still opens: the same parts, the same view', async () => {
    const { parts, view } = decodeLink(`#${GOLDEN_V1}`);
    expect(view).toEqual({ window: { start: 0x4_4000_0000n, end: 0xffff_ffff_ffff_f000n }, selection: { table: 'mmio', index: 1 }, filters: { vtlTypes: [1, 8], vnodes: [1], igvmTypes: [], address: '0x4_8000_0000', addressMode: 'address' }, sort: { key: 'index', descending: false }, panel: 'numa', theme: 'dark', release: 'current', scale: 'proportional' });
    expect(parts).toMatchObject({ name: 'img02_realistic.bin', input: { payloadOffset: 4096, size: 2 * 1024 * 1024 }, options: { baseGpa: 0x4_8000_0000n } });
    expect(parts.input.header).toEqual(fixture('img02_realistic').bytes.subarray(0, 32));
    expect(parts.input.payload).toEqual(fixture('p03_realistic_x64_2node').bytes);
    const doc = await reopen(parts);
    expect(doc.bootCheck.outcome).toBe('accepted');
    expect(doc.decoded!.partition_memory).toHaveLength(14);
  });

  it('a link made before scale modes opens proportional; the readable scale is view field 12 and comes back', () => {
    const golden = inflateSync(fromBase64Url(GOLDEN_V1.slice('v1.'.length)));
    const { parts, view } = decodeLink(`#${GOLDEN_V1}`);
    expect(view.scale).toBe('proportional');
    // A proportional view writes no scale field: its envelope is byte for byte the one v1 wrote before scales.
    expect(toHex(writeEnvelope(parts, view))).toBe(toHex(golden));
    const readable = writeEnvelope(parts, { ...view, scale: 'readable' });
    expect(readable.length).toBe(golden.length + 2);
    expect(decodeLink(envelopeLink(readable)).view.scale).toBe('readable');
    expect(decodeLink(encodeLink(parts, DEFAULT_VIEW)).view).toEqual(DEFAULT_VIEW);
  });

  it('fields a later v1 adds are skipped, so its links open here', () => {
    const { parts, view } = decodeLink(`#${GOLDEN_V1}`);
    const envelope = writeEnvelope(parts, view);
    // Field 99 (length-delimited) and field 100 (varint): unknown to this version.
    const later = new Uint8Array([...envelope, 0x9a, 0x06, 0x03, 0x61, 0x62, 0x63, 0xa0, 0x06, 0x2a]);
    expect(decodeLink(envelopeLink(later))).toEqual({ parts, view, viewOnly: null, compareWith: null, compareWithViewOnly: null });
  });
});

describe('what a link carries', () => {
  it('never the image\'s other bytes: the same link whatever lies outside the header and payload', async () => {
    const img = fixture('img02_realistic');
    const marked = img.bytes.slice();
    const secret = new TextEncoder().encode('SECRET-KEY-MATERIAL');
    for (let at = 64; at < 4096 - secret.length; at += 256) marked.set(secret, at); // rest of the header page
    for (let at = 0x2000; at < marked.length - secret.length; at += 4096) marked.set(secret, at); // after the payload
    const plain = encodeLink(partsOfDocument(await openDoc(bytesSource(img.bytes)), 'img.bin'), DEFAULT_VIEW);
    const withSecret = encodeLink(partsOfDocument(await openDoc(bytesSource(marked)), 'img.bin'), DEFAULT_VIEW);
    expect(withSecret).toBe(plain);
    const { parts } = decodeLink(plain);
    expect(parts.input.header).toHaveLength(32);
    expect(parts.input.payload).toEqual(fixture('p03_realistic_x64_2node').bytes);
    expect(parts.input.size).toBe(img.bytes.length);
  });

  it('the realistic two-node sample fits well under 1,000 characters; 1,000 ranges still fit a URL', async () => {
    const { parts } = await sharedFixture('p03_realistic_x64_2node');
    const full: SharedView = { window: { start: 0x4_4000_0000n, end: 0x4_8000_0000n }, selection: { table: 'memory', index: 7 }, filters: { vtlTypes: [1, 8], vnodes: [1], igvmTypes: null, address: '', addressMode: 'address' }, sort: { key: 'index', descending: false }, panel: 'entries', theme: 'dark', release: 'current', scale: 'readable' };
    const link = `http://localhost:5173/#${encodeLink(parts, full)}`;
    expect(link.length).toBeLessThan(500);
    const big = encodeSavedState(syntheticSavedState({ entries: 1000, vnodes: 4 }));
    const bigLink = encodeLink(sp('big.bin', null, 0, big, big.length), full);
    expect(bigLink.length).toBeLessThan(big.length); // compressed below the raw payload
    expect(decodeLink(bigLink).parts.input.payload).toEqual(big);
  });

  it('refuses to make a link of a blob past the size cap (a 2 MiB image read as a saved state)', async () => {
    const { doc } = await sharedFixture('img02_realistic', { as: 'saved-state' });
    expect(decodeErrorOf(() => encodeLink(partsOfDocument(doc, 'img02.bin', { as: 'saved-state' }), DEFAULT_VIEW)).code).toBe('link-too-large');
  });

  it('refuses a fragment longer than any link this app makes, before decoding it', () => {
    expect(decodeErrorOf(() => decodeLink(`v1.${'A'.repeat(MAX_FRAGMENT_CHARS)}`)).code).toBe('link-too-large');
  });

  it('refuses to make a link past the size cap', () => {
    const payload = new Uint8Array(MAX_ENVELOPE_BYTES + 1);
    expect(decodeErrorOf(() => encodeLink(sp('x', null, 0, payload, payload.length), DEFAULT_VIEW)).code).toBe('link-too-large');
  });
});

describe('damaged and hostile links', () => {
  let good = '';
  const goodLink = async () => (good ||= encodeLink((await sharedFixture('p03_realistic_x64_2node')).parts, DEFAULT_VIEW));

  it('names what is wrong: not a link, unknown version, bad character', async () => {
    const link = await goodLink();
    expect(decodeErrorOf(() => decodeLink('#section-2')).code).toBe('link-format');
    expect(decodeErrorOf(() => decodeLink('')).code).toBe('link-format');
    const version = decodeErrorOf(() => decodeLink(link.replace(/^v1\./, 'v2.')));
    expect(version.code).toBe('link-version');
    expect(version.message).toContain('version 2');
    const bad = decodeErrorOf(() => decodeLink(`${link.slice(0, 40)}%${link.slice(41)}`));
    expect(bad).toMatchObject({ code: 'link-format', offset: 40 });
  });

  it('every truncation of a link fails with a DecodeError (or, cut inside the last bits, still decodes the same)', async () => {
    const link = await goodLink();
    const whole = decodeLink(link);
    for (let cut = 0; cut < link.length; cut++) {
      let result: unknown;
      try {
        result = decodeLink(link.slice(0, cut));
      } catch (err) {
        expect(err, `cut at ${cut}`).toBeInstanceOf(DecodeError);
        expect((err as DecodeError).code).toMatch(/^link-/);
        continue;
      }
      expect(result, `cut at ${cut}`).toEqual(whole);
    }
  });

  it('data that does not inflate, or inflates to something else, is link-format', () => {
    expect(decodeErrorOf(() => decodeLink(`v1.${toBase64Url(new Uint8Array([0xff, 0xff, 0xff, 0xff]))}`)).code).toBe('link-format');
    expect(decodeErrorOf(() => decodeLink(envelopeLink(new Uint8Array([0x0f, 0x01])))).code).toBe('link-format'); // wire type 7
    expect(decodeErrorOf(() => decodeLink(envelopeLink(new TextEncoder().encode('hello, world')))).code).toBe('link-format');
  });

  it('refuses parts that claim bytes they do not carry (no zero-filled gigabytes)', () => {
    // A 64 KiB payload the header points to, in a claimed 2 GiB input, not carried.
    const lying = sp('x', headerOf(0x10_0000_1000n, 0x1_0000n), 0, new Uint8Array(0), 2 ** 31);
    expect(decodeErrorOf(() => decodeLink(envelopeLink(writeEnvelope(lying, DEFAULT_VIEW))))).toMatchObject({ code: 'link-format' });
    const hugeBlob = sp('x', null, 0, new Uint8Array(10), 50_000_000, { as: 'saved-state' });
    expect(decodeErrorOf(() => decodeLink(envelopeLink(writeEnvelope(hugeBlob, DEFAULT_VIEW)))).code).toBe('link-format');
  });

  it('refuses parts that overlap, before anything is decoded (fuzz seed 863739578)', () => {
    // A header damaged in its last byte, 4 payload bytes over its first 4, in a 4,540-byte input:
    // once, the decoder read the payload over the header, took it for a saved state and decoded zeros.
    const issue15 = decodeErrorOf(() => decodeLink('v1.4-IoTk1N0UvKzBNS8Pdw9gnwcIlgEGBoYGEAAgNGEMlQA6EYNPYoK7FYMDgwAAA'));
    expect(issue15.code).toBe('link-format');
    expect(issue15.message).toContain('overlaps its header');
    const header = new TextEncoder().encode('OHCLPHDX'.padEnd(32, '\0'));
    expect(decodeErrorOf(() => decodeLink(envelopeLink(writeEnvelope(sp('x', header, 0, new Uint8Array([1, 2, 3, 4]), 4540), DEFAULT_VIEW)))).message).toContain('overlaps its header');
  });

  it('refuses parts that carry bytes no read wants, or leave a read uncovered', () => {
    // A saved state carried in two pieces (header + payload) is read whole: the gap between them is not carried.
    const blob = encodeSavedState(syntheticSavedState({ entries: 4, vnodes: 1 }));
    const split = sp('x', blob.subarray(0, 8), 16, blob.subarray(16), blob.length, { as: 'saved-state' });
    expect(decodeErrorOf(() => decodeLink(envelopeLink(writeEnvelope(split, DEFAULT_VIEW)))).message).toContain('does not carry');
    // An image whose header damage means no payload is read, carrying a payload anyway.
    const damaged = new TextEncoder().encode('XXXXXXXX'.padEnd(32, '\0'));
    const extra = sp('x', damaged, 4096, new Uint8Array([1, 2, 3]), 0x20_0000, { as: 'image' });
    expect(decodeErrorOf(() => decodeLink(envelopeLink(writeEnvelope(extra, DEFAULT_VIEW)))).message).toContain('never reads');
  });

  it('refuses a decompression bomb within 100 ms', () => {
    // 32 MiB of zeros deflates to ~32 KiB of link; inflating it whole would take far longer.
    const bomb = `v1.${toBase64Url(deflateSync(new Uint8Array(32 * 1024 * 1024), { level: 9 }))}`;
    expect(decodeErrorOf(() => decodeLink(bomb)).code).toBe('link-too-large');
    expect(cpuMillis(() => decodeErrorOf(() => decodeLink(bomb)), 100)).toBeLessThan(100);
  });

  it('random text and random envelopes fail only with DecodeError, each within 100 ms', () => {
    const check = (text: string) => {
      const attempt = () => {
        try {
          decodeLink(text);
        } catch (err) {
          if (!(err instanceof DecodeError)) throw err;
        }
      };
      expect(cpuMillis(attempt, 100)).toBeLessThan(100);
    };
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => check(s)), { numRuns: 300 });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => check(`v1.${toBase64Url(bytes)}`)), { numRuns: 300 });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => check(envelopeLink(bytes))), { numRuns: 500 });
  });
});

describe('view-only links (inputs too large for a link)', () => {
  it('carry the view and the input\'s name, size and fingerprint, no byte of it', () => {
    const target = { name: 'synthetic_10k.bin', size: 257_557, fingerprint: '00112233445566778899aabbccddeeff' };
    const view: ViewState = { ...DEFAULT_VIEW, selection: { table: 'memory', index: 9000 }, window: { start: 0x1000n, end: (1n << 64n) - 1n } };
    const fragment = encodeViewLink(target, view);
    expect(fragment.length).toBeLessThan(200);
    const decoded = decodeLink(fragment);
    expect(decoded.viewOnly).toEqual(target);
    expect(decoded.view).toEqual(view);
    expect(decoded.parts.input.payload).toHaveLength(0);
  });

  it('a view-only link that carries bytes, or names no input, is refused', () => {
    const carrying = writeEnvelope(sp('x', null, 0, new Uint8Array([1, 2]), 2), DEFAULT_VIEW, { fingerprint: '00112233445566778899aabbccddeeff' });
    expect(decodeErrorOf(() => decodeLink(envelopeLink(carrying))).message).toContain('carries bytes');
    const nameless = new Uint8Array([...writeEnvelope(sp('x', null, 0, new Uint8Array(0), 5), DEFAULT_VIEW), 0x58, 0x01]); // field 11 = 1 without field 10
    expect(decodeErrorOf(() => decodeLink(envelopeLink(nameless))).code).toBe('link-format');
  });
});

describe('a comparison in a link (issue 11)', () => {
  it('carries A and B, each re-opening as itself, with the compare view and the release', async () => {
    const a = (await sharedFixture('p03_realistic_x64_2node')).parts;
    const b = (await sharedFixture('img02_realistic')).parts;
    const view: ViewState = { ...DEFAULT_VIEW, panel: 'compare', release: 'pre-2026-04', window: { start: 0x4_8000_0000n, end: 0x4_8001_0000n } };
    const decoded = decodeLink(encodeLink(a, view, b));
    expect(decoded.parts).toEqual(a);
    expect(decoded.compareWith).toEqual(b);
    expect(decoded.view).toEqual(view);
    // Without B the link is A's alone.
    expect(decodeLink(encodeLink(a, view)).compareWith).toBeNull();
  });

  it('refuses B\'s parts when they are inconsistent, naming where B starts', () => {
    const blob = encodeSavedState(syntheticSavedState({ entries: 4, vnodes: 1 }));
    const good = sp('a.bin', null, 0, blob, blob.length, { as: 'saved-state' });
    const split = sp('b.bin', blob.subarray(0, 8), 16, blob.subarray(16), blob.length, { as: 'saved-state' });
    const envelope = writeEnvelope(good, DEFAULT_VIEW, null, { parts: split, viewOnly: null });
    const err = decodeErrorOf(() => decodeLink(envelopeLink(envelope)));
    expect(err.code).toBe('link-format');
    expect(err.message).toContain('does not carry');
    // The offset is B's field in the envelope (after A's fields), not A's parts.
    expect(err.offset).toBeGreaterThan(good.input.payload.length);
  });

  it('a view-only link names B by its fingerprint too; B named in a full link, or carried in a view-only one, is refused', () => {
    const a = { name: 'a.bin', size: 257_557, fingerprint: '00112233445566778899aabbccddeeff' };
    const b = { name: 'b.dtb', size: 557_120, fingerprint: 'ffeeddccbbaa99887766554433221100' };
    const view: ViewState = { ...DEFAULT_VIEW, panel: 'compare' };
    const decoded = decodeLink(encodeViewLink(a, view, b));
    expect(decoded.viewOnly).toEqual(a);
    expect(decoded.compareWithViewOnly).toEqual(b);
    expect(decoded.compareWith).toBeNull();
    expect(decodeLink(encodeViewLink(a, view)).compareWithViewOnly).toBeNull();
    const blob = encodeSavedState(syntheticSavedState({ entries: 2, vnodes: 1 }));
    const carried = sp('b.bin', null, 0, blob, blob.length, { as: 'saved-state' });
    const named = { fingerprint: b.fingerprint };
    const nameOnly = sp('b.bin', null, 0, new Uint8Array(0), 10);
    expect(decodeErrorOf(() => decodeLink(envelopeLink(writeEnvelope(carried, view, null, { parts: nameOnly, viewOnly: named })))).message).toContain('only names the one compared with');
    expect(decodeErrorOf(() => decodeLink(envelopeLink(writeEnvelope(nameOnly, view, named, { parts: carried, viewOnly: named })))).message).toContain('carries the bytes of the input compared with');
    expect(decodeErrorOf(() => decodeLink(envelopeLink(writeEnvelope(nameOnly, view, named, { parts: nameOnly, viewOnly: null })))).code).toBe('link-format');
  });

  it('reads one level only: a comparison inside B is ignored', () => {
    const blob = encodeSavedState(syntheticSavedState({ entries: 2, vnodes: 1 }));
    const one = sp('x.bin', null, 0, blob, blob.length, { as: 'saved-state' });
    const nested = writeEnvelope(one, DEFAULT_VIEW, null, { parts: one, viewOnly: null });
    // B's own envelope holding a comparison: written by hand, as this app never writes it.
    const outer = writeEnvelope(one, DEFAULT_VIEW);
    const withNested = concatBytes([outer, [0x62, ...varintBytes(BigInt(nested.length))], nested]);
    const decoded = decodeLink(envelopeLink(withNested));
    expect(decoded.compareWith).toEqual(one);
    // B's kept bytes are their own, not a view of the envelope.
    expect(decoded.compareWith!.input.payload.buffer.byteLength).toBe(blob.length);
  });

  it('thousands of comparisons nested in one link open as A and B, within 100 ms (no recursion past B)', () => {
    // Innermost first: level i is an empty input named Li, with level i+1 as its field 12.
    let envelope: Uint8Array = new Uint8Array(0);
    for (let level = 5000; level >= 0; level--) {
      const name = new TextEncoder().encode(`L${level}`);
      const inner = envelope.length > 0 ? [0x62, ...varintBytes(BigInt(envelope.length))] : [];
      envelope = concatBytes([[0x0a, name.length], name, [0x28, 0x00], inner, envelope]);
    }
    const link = envelopeLink(envelope);
    expect(link.length).toBeLessThan(MAX_FRAGMENT_CHARS);
    const decoded = decodeLink(link);
    expect(decoded.parts.name).toBe('L0');
    expect(decoded.compareWith?.name).toBe('L1');
    expect(cpuMillis(() => decodeLink(link), 100)).toBeLessThan(100);
  });

  it('an error inside B names its byte in the whole envelope', () => {
    const a = writeEnvelope(sp('a.bin', null, 0, new Uint8Array([8, 1]), 2), DEFAULT_VIEW);
    const b = [0x28, 0x00, 0x30, 0x09]; // size 0, then a forced kind (field 6) of 9, which no app knows
    const err = decodeErrorOf(() => decodeLink(envelopeLink(concatBytes([a, [0x62, b.length], b]))));
    expect(err).toMatchObject({ code: 'link-format', offset: a.length + 2 + 2 });
    expect(err.message).toBe('the link forces an input kind this app does not know');
  });
});
