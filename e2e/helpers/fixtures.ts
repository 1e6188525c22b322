// What the viewer must show for each golden fixture, from the fixture's own
// JSON (upstream's decoding): the table rows, the boot outcome, the error
// banner, the header. The folder is read when the tests run, so a fixture
// dropped into it is tested with no code change.
import { openDoc as openDocument } from '../../web/lib/testing/openDoc.ts';
import { bytesSource } from '../../web/lib/io/byteSource.ts';
import { loadFixtures, upstreamBootOutcome, type Fixture } from '../../web/lib/testing/fixtures.ts';

export interface ExpectedRow {
  table: 'memory' | 'mmio';
  start: string;
  end: string;
  vtlType: string;
  vnode: string;
}

export interface Expectation {
  fixture: Fixture;
  file: string;
  isImage: boolean;
  rows: ExpectedRow[];
  bootOutcome: string;
  decodeFails: boolean;
  header: { magic: string; protobuf_base: string; protobuf_region_len: string; protobuf_payload_len: string } | null;
}

interface JsonRange {
  start: string;
  end: string;
}
interface JsonEnum {
  value: number;
  name: string | null;
}
export interface JsonState {
  partition_memory: { range: JsonRange; vnode: number; vtl_type: JsonEnum }[];
  partition_mmio: { range: JsonRange; vtl_type: JsonEnum }[];
}

const hex = (decimal: string) => `0x${BigInt(decimal).toString(16)}`;
const label = (e: JsonEnum) => e.name ?? `unknown (${e.value})`;

export function rowsOf(state: JsonState | null): ExpectedRow[] {
  if (!state) return [];
  return [
    ...state.partition_memory.map((e) => ({ table: 'memory' as const, start: hex(e.range.start), end: hex(e.range.end), vtlType: label(e.vtl_type), vnode: String(e.vnode) })),
    ...state.partition_mmio.map((e) => ({ table: 'mmio' as const, start: hex(e.range.start), end: hex(e.range.end), vtlType: label(e.vtl_type), vnode: '' })),
  ];
}

export { loadFixtures };

export async function expectationFor(fixture: Fixture): Promise<Expectation> {
  {
    const exp = fixture.expected;
    const isImage = exp.header !== undefined;
    // An image's payload is decoded only behind the OHCLPHDR magic, as OpenHCL does.
    const imageDecoded = isImage && exp.header!.magic_ascii_le === 'OHCLPHDR' ? exp.payload_decode_at_header_len : null;
    const outcome = isImage ? imageDecoded : exp.real_mesh_protobuf_decode ?? { ok: true as const, decoded: exp.decoded };
    const decodeFails = outcome !== null && outcome !== undefined && !outcome.ok;
    let bootOutcome: string;
    if (exp.upstream_openhcl_boot_outcome) bootOutcome = upstreamBootOutcome(exp.upstream_openhcl_boot_outcome.result);
    else if (decodeFails) bootOutcome = 'panic'; // mesh_protobuf::decode(..).expect(..)
    else bootOutcome = (await openDocument(bytesSource(fixture.bytes))).bootCheck.outcome; // a raw payload: upstream states no verdict
    return {
      fixture,
      file: `${fixture.name}.bin`,
      isImage,
      rows: rowsOf(outcome && outcome.ok ? (outcome.decoded as JsonState) : null),
      bootOutcome,
      decodeFails,
      header: exp.header ? { magic: exp.header.magic_ascii_le, protobuf_base: exp.header.protobuf_base, protobuf_region_len: exp.header.protobuf_region_len, protobuf_payload_len: exp.header.protobuf_payload_len } : null,
    };
  }
}
