// Every fixture in ../shared/fixtures, through the library: the same decoded
// value, the same accept/reject verdict (and error kind), the same boot outcome
// as upstream. A fixture dropped into the folder is tested with no code change.
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../io/byteSource.ts';
import { codeOfUpstreamVariant, loadFixtures, upstreamBootOutcome, upstreamErrorVariant } from '../testing/fixtures.ts';
import { openDoc } from '../testing/openDoc.ts';
import { documentToJson } from '../export/documentJson.ts';

const fixtures = loadFixtures();

describe('golden fixtures', () => {
  it('finds the fixtures folder', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(16);
  });

  for (const fixture of fixtures) {
    it(fixture.name, async () => {
      const exp = fixture.expected;
      const doc = await openDoc(bytesSource(fixture.bytes));
      const json = documentToJson(doc, fixture.name);
      const isImage = exp.header !== undefined;
      expect(json.kind).toBe(isImage ? 'vtl2-image' : 'saved-state');

      const upstream = isImage ? exp.payload_decode_at_header_len : (exp.real_mesh_protobuf_decode ?? { ok: true as const, decoded: exp.decoded });
      if (upstream === null || upstream === undefined) {
        // Upstream never decodes a payload behind a header it does not accept.
        expect(json.decoded).toBeNull();
        expect(json.ok).toBe(true);
      } else if (upstream.ok) {
        expect(json.error).toBeUndefined();
        expect(json.decoded).toEqual(upstream.decoded);
      } else {
        expect(json.ok).toBe(false);
        expect(json.decoded).toBeNull();
        const variant = upstreamErrorVariant(upstream.error);
        expect(variant).not.toBeNull();
        expect(json.error?.code).toBe(codeOfUpstreamVariant(variant!));
        expect(json.error?.offset).toBeGreaterThanOrEqual(0);
        expect(json.error?.offset).toBeLessThanOrEqual(fixture.bytes.length);
      }

      if (isImage) {
        expect(json.header).toMatchObject({
          magic: exp.header!.magic_ascii_le,
          protobuf_base: exp.header!.protobuf_base,
          protobuf_region_len: exp.header!.protobuf_region_len,
          protobuf_payload_len: exp.header!.protobuf_payload_len,
        });
        expect(json.boot_check.outcome).toBe(upstreamBootOutcome(exp.upstream_openhcl_boot_outcome!.result));
        // An image costs its header plus at most its payload, whatever its size.
        expect(json.bytes_read).toBeLessThanOrEqual(32 + Number(exp.header!.protobuf_payload_len));
      }
    });
  }
});
