// The golden fixtures of ../shared/fixtures (blobs written by OpenHCL's own
// encoder, with upstream's decodings), for tests. OHCL_FIXTURES overrides the folder.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const FIXTURES_DIR = process.env.OHCL_FIXTURES ?? path.resolve(REPO_ROOT, '../shared/fixtures');

export interface Fixture {
  name: string;
  binPath: string;
  bytes: Uint8Array;
  /** The fixture's .json, as written by the fixture generator. */
  expected: FixtureExpectation;
}

export interface FixtureExpectation {
  decoded?: unknown;
  real_mesh_protobuf_decode?: { ok: true; decoded: unknown } | { ok: false; error: string };
  header?: { magic_ascii_le: string; protobuf_base: string; protobuf_region_len: string; protobuf_payload_len: string };
  payload_decode_at_header_len?: null | { ok: true; decoded: unknown } | { ok: false; error: string };
  upstream_openhcl_boot_outcome?: { step: string; result: string };
  image_base_gpa?: string;
}

export function loadFixtures(): Fixture[] {
  return readdirSync(FIXTURES_DIR)
    .filter((f) => f.endsWith('.bin'))
    .sort()
    .map((file) => {
      const name = file.replace(/\.bin$/, '');
      const binPath = path.join(FIXTURES_DIR, file);
      return {
        name,
        binPath,
        bytes: new Uint8Array(readFileSync(binPath)),
        expected: JSON.parse(readFileSync(path.join(FIXTURES_DIR, `${name}.json`), 'utf8')) as FixtureExpectation,
      };
    });
}

/** The upstream mesh_protobuf error variant in a fixture's error text, e.g. `EofVarInt`. */
export function upstreamErrorVariant(error: string): string | null {
  return /err: ([A-Za-z]+)/.exec(error)?.[1] ?? null;
}

/** Our DecodeErrorCode for an upstream mesh_protobuf DecodeError variant. */
export function codeOfUpstreamVariant(variant: string): string {
  return variant.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase().replace('var-int', 'varint');
}

/** The boot outcome a fixture's `upstream_openhcl_boot_outcome.result` states. */
export function upstreamBootOutcome(result: string): 'accepted' | 'first-boot' | 'panic' {
  if (/^PANIC/.test(result)) return 'panic';
  if (/first boot/i.test(result)) return 'first-boot';
  if (/^OK/.test(result)) return 'accepted';
  throw new Error(`unrecognised upstream boot outcome: ${result}`);
}
