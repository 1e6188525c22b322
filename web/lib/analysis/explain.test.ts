import { describe, expect, it } from 'vitest';
import { bytesSource } from '../io/byteSource.ts';
import { DEFAULT_VIEW } from '../model/view.ts';
import { decodeLink, encodeLink } from '../share/link.ts';
import { openSharedParts } from '../testing/openSharedParts.ts';
import { partsOfDocument } from '../share/parts.ts';
import { loadFixtures } from '../testing/fixtures.ts';
import { openDoc } from '../testing/openDoc.ts';
import { explain } from './explain.ts';

const fixture = (name: string) => loadFixtures().find((f) => f.name === name)!;

describe('what a user reads first', () => {
  it('a header over its own limit is the cause, the payload error its consequence (bad_img03)', async () => {
    const doc = await openDoc(bytesSource(fixture('bad_img03_payload_len_gt_region_len').bytes));
    const e = explain(doc)!;
    expect(e.tone).toBe('error');
    expect(e.headline).toBe('The header is inconsistent: protobuf_payload_len 77,825 is larger than protobuf_region_len 77,824 (by 1 byte): OpenHCL asserts protobuf_payload_len <= protobuf_region_len, so its next boot panics here.');
    expect(e.consequence).toMatch(/^Then the payload does not decode either: expected a varint.* 81921/);
    expect(e).toMatchObject({ code: 'eof-varint', offset: 81921 });
  });

  it('a payload error alone is said as it is', async () => {
    const doc = await openDoc(bytesSource(fixture('bad_p01_truncated_mid_field').bytes));
    expect(explain(doc)).toMatchObject({ tone: 'error', consequence: null, code: 'eof-byte-array', offset: 184 });
  });

  it('a header OpenHCL ignores is a notice saying what the next boot does (bad_img01)', async () => {
    const doc = await openDoc(bytesSource(fixture('bad_img01_bad_magic').bytes));
    const e = explain(doc)!;
    expect(e.tone).toBe('notice');
    expect(e.headline).toBe('The header holds magic "OHCLPHDX" (0x584448504c43484f), not OHCLPHDR: OpenHCL ignores this header. The next OpenHCL boot would take the first-boot path.');
    expect(explain(await openDoc(bytesSource(fixture('img02_realistic').bytes)))).toBeNull();
  });
});

describe('decode anyway', () => {
  const anyway = { offset: 0x1000n, length: 380n };

  it('reads the payload behind an ignored header, marked as such, the boot verdict unchanged', async () => {
    const plain = await openDoc(bytesSource(fixture('bad_img01_bad_magic').bytes));
    expect(plain.decoded).toBeNull();
    const doc = await openDoc(bytesSource(fixture('bad_img01_bad_magic').bytes), { anyway });
    expect(doc.decoded).toEqual((await openDoc(bytesSource(fixture('p03_realistic_x64_2node').bytes))).decoded);
    expect(doc.source.bytesRead).toBe(32 + 380);
    expect(doc.bootCheck.outcome).toBe('first-boot');
    expect(doc.diagnostics.find((d) => d.code === 'decoded-anyway')?.message).toContain('380 bytes at offset 0x1000');
    expect(explain(doc)?.consequence).toContain('Decoded anyway');
  });

  it('travels in a share link, which carries exactly those bytes', async () => {
    const doc = await openDoc(bytesSource(fixture('bad_img01_bad_magic').bytes), { anyway });
    const { parts } = decodeLink(encodeLink(partsOfDocument(doc, 'x.bin', { anyway }), DEFAULT_VIEW));
    expect(parts.options.anyway).toEqual(anyway);
    expect(parts.input.payload).toHaveLength(380);
    const reopened = await openSharedParts(parts);
    expect(reopened.ok && reopened.doc.decoded).toEqual(doc.decoded);
  });
});
