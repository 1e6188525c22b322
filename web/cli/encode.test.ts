// `cli encode` as a user runs it, after `cli decode`: child processes, files,
// standard input and output, exit status. decode → encode gives back OpenHCL's
// exact bytes, and every byte that differs is named.
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { differingRanges } from '../lib/testing/byteDiff.ts';
import { loadFixtures, REPO_ROOT } from '../lib/testing/fixtures.ts';
import { loadDtFixtures } from '../lib/testing/dtFixtures.ts';
import { encodeSavedState } from '../lib/format/encodeSavedState.ts';
import { savedStateFromJson } from '../lib/import/savedStateJson.ts';

interface Run {
  status: number;
  stdout: Buffer;
  stderr: string;
}

/** The CLI in a child process; `input` goes to its standard input. */
function run(args: string[], input?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'web/cli/main.ts'), ...args], { cwd: REPO_ROOT });
    const stdout: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status: status ?? -1, stdout: Buffer.concat(stdout), stderr }));
    child.stdin.end(input ?? '');
  });
}

const fixtures = loadFixtures();
const fixture = (name: string) => fixtures.find((f) => f.name === name)!;
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
let dir = '';
const tmp = (name: string) => path.join(dir, name);
/** Each fixture's `cli decode` document, as text. */
const documents = new Map<string, string>();
const docOf = (name: string) => JSON.parse(documents.get(name)!) as Record<string, unknown> & { decoded: Record<string, unknown> };

/** What `encode NAME.json -o OUT` writes, or how it fails, for every fixture's decode document. */
const EXPECTED: Record<string, { payload: string } | { fails: string }> = {
  // OpenHCL's own encodings come back byte for byte.
  p01_empty: { payload: 'same' },
  p02_single_memory_entry: { payload: 'same' },
  p03_realistic_x64_2node: { payload: 'same' },
  p04_defaults_zero_values: { payload: 'same' },
  p06_cpus_no_io_only: { payload: 'same' },
  p08_mmio_only: { payload: 'same' },
  // Unusual encodings upstream accepts come back as OpenHCL would write their state.
  tol01_unknown_fields_appended: { payload: hex(fixture('p03_realistic_x64_2node').bytes) },
  tol02_unpacked_cpus: { payload: '1a030002052203018201' },
  tol04_explicit_defaults: { payload: '0a00' },
  tol06_reordered_fields: { payload: '0a00120412020805220107' },
  // An image's document: its payload (with --image, the image: see below).
  img02_realistic: { payload: hex(fixture('p03_realistic_x64_2node').bytes) },
  // No state to write.
  bad_p01_truncated_mid_field: { fails: 'decoded: a SavedState object, got null: its input did not decode (eof-byte-array: ' },
  bad_p04_wire_type_3: { fails: 'decoded: a SavedState object, got null: its input did not decode (unknown-wire-type: ' },
  bad_p08_vtl_type_as_bare_varint: { fails: 'decoded: a SavedState object, got null: its input did not decode (expected-message: ' },
  bad_img01_bad_magic: { fails: 'decoded: a SavedState object, got null: the image\'s header magic is "OHCLPHDX", not OHCLPHDR, so its payload was not decoded and there is no state to write' },
  bad_img03_payload_len_gt_region_len: { fails: 'decoded: a SavedState object, got null: its input did not decode (eof-varint: ' },
};

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ohcl-encode-'));
  const { stdout } = await run(['decode', ...fixtures.map((f) => f.binPath)]);
  const lines = stdout.toString().trim().split('\n');
  fixtures.forEach((f, i) => {
    documents.set(f.name, lines[i]!);
    writeFileSync(tmp(`${f.name}.json`), lines[i]!);
  });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Each test spawns Node with tsx: allow for a busy machine.
describe('cli encode: decode → encode on every fixture', { timeout: 60_000 }, () => {
  it('has an expectation for every fixture', () => {
    expect(fixtures.map((f) => f.name).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  describe.concurrent('each fixture', () => {
    for (const f of fixtures) {
      const expected = EXPECTED[f.name];
      it(f.name, async ({ expect }) => {
        const out = tmp(`${f.name}.out.bin`);
        const { status, stderr } = await run(['encode', tmp(`${f.name}.json`), '-o', out]);
        if (expected && 'payload' in expected) {
          expect({ status, stderr: stderr.replace(/^note: .*\n/gm, '') }).toEqual({ status: 0, stderr: '' });
          expect(hex(readFileSync(out))).toBe(expected.payload === 'same' ? hex(f.bytes) : expected.payload);
        } else {
          expect(status).toBe(1);
          expect(stderr).toContain(`error: ${tmp(`${f.name}.json`)}: ${expected?.fails}`);
          expect(() => statSync(out)).toThrow();
        }
      });
    }
  });

  it('says that unknown fields are not written', async () => {
    const { status, stderr } = await run(['encode', tmp('tol01_unknown_fields_appended.json'), '-o', tmp('tol01.bin')]);
    expect(status).toBe(0);
    expect(stderr).toBe(`note: ${tmp('tol01_unknown_fields_appended.json')}: the document's 5 unknown fields (written by a newer OpenHCL) are not written: the state comes from "decoded", which holds only the fields of proto/\n`);
  });

  it('--image writes img02_realistic back exactly, with the layout of its document', async () => {
    const img02 = fixture('img02_realistic');
    const { status, stderr } = await run(['encode', tmp('img02_realistic.json'), '-o', tmp('img02.bin'), '--image']);
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    expect(differingRanges(readFileSync(tmp('img02.bin')), img02.bytes)).toEqual([]);
  });

  it('--image writes a region holding stale bytes back without them: those bytes, and only those, differ', async () => {
    // OpenHCL saved p03 (380 bytes) over tol01 (p03 and 24 bytes of unknown fields),
    // leaving the old tail in the region and junk in the header page past its 32 bytes.
    const stale = fixture('img02_realistic').bytes.slice();
    stale.set(fixture('tol01_unknown_fields_appended').bytes, 0x1000);
    stale.set(fixture('p03_realistic_x64_2node').bytes, 0x1000);
    stale.fill(0xa5, 0x20, 0x28);
    writeFileSync(tmp('stale.bin'), stale);
    const decoded = await run(['decode', tmp('stale.bin')]);
    const { status } = await run(['encode', '-', '-o', tmp('stale.out.bin'), '--image'], decoded.stdout.toString());
    expect(status).toBe(0);
    const written = readFileSync(tmp('stale.out.bin'));
    expect(differingRanges(written, stale)).toEqual([[0x20, 0x28], [0x1000 + 380, 0x1000 + 404]]);
    expect(differingRanges(written, fixture('img02_realistic').bytes)).toEqual([]);
  });
});

describe('cli encode: inputs, options and outputs', { timeout: 60_000 }, () => {
  it('takes a bare decoded object, and upstream\'s own JSON of a fixture', async () => {
    writeFileSync(tmp('bare.json'), JSON.stringify(docOf('p03_realistic_x64_2node').decoded));
    const bare = await run(['encode', tmp('bare.json'), '-o', '-']);
    expect(bare.status).toBe(0);
    expect(hex(bare.stdout)).toBe(hex(fixture('p03_realistic_x64_2node').bytes));
    // Without an image's document, --image lays out the defaults: img02_realistic again.
    const image = await run(['encode', tmp('bare.json'), '-o', tmp('bare.img'), '--image']);
    expect(image.status).toBe(0);
    expect(differingRanges(readFileSync(tmp('bare.img')), fixture('img02_realistic').bytes)).toEqual([]);
    const upstream = await run(['encode', fixture('p06_cpus_no_io_only').binPath.replace(/\.bin$/, '.json'), '-o', '-']);
    expect(hex(upstream.stdout)).toBe(hex(fixture('p06_cpus_no_io_only').bytes));
  });

  it('takes a device tree\'s decode document: the state the tree implies, as OpenHCL encodes it', async () => {
    const dt01 = loadDtFixtures().find((f) => f.name === 'dt01_x64_2node_host')!;
    const decoded = await run(['decode', dt01.dtbPath]);
    expect(decoded.status).toBe(0);
    const { status, stdout, stderr } = await run(['encode', '-', '-o', '-'], decoded.stdout.toString());
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    expect(hex(stdout)).toBe(hex(encodeSavedState(savedStateFromJson(dt01.expected.saved_state_from_dt))));
  });

  it('writes an edit of "decoded", whatever payload.base64 holds', async () => {
    const doc = docOf('p02_single_memory_entry');
    ((doc.decoded.partition_memory as Record<string, unknown>[])[0]!).vnode = 2;
    const { status, stdout } = await run(['encode', '-', '-o', '-'], JSON.stringify(doc));
    expect(status).toBe(0);
    // p02 (0a 12 0a 06 08 80 20 10 80 40 10 01 1a 02 08 01 22 02 08 03) with vnode 1 → 2.
    expect(hex(stdout)).toBe('0a120a0608802010804010021a02080122020803');
  });

  it('names the field at fault in a damaged document, and writes nothing', async () => {
    const doc = docOf('p03_realistic_x64_2node');
    ((doc.decoded.partition_memory as Record<string, Record<string, unknown>>[])[3]!.range!).start = '0x12g';
    writeFileSync(tmp('damaged.json'), JSON.stringify(doc));
    const { status, stderr } = await run(['encode', tmp('damaged.json'), '-o', tmp('damaged.bin')]);
    expect({ status, stderr }).toEqual({ status: 1, stderr: `error: ${tmp('damaged.json')}: decoded.partition_memory[3].range.start: a u64 as a decimal or 0x-hex string, got "0x12g"\n` });
    expect(() => statSync(tmp('damaged.bin'))).toThrow();
    const notJson = await run(['encode', '-', '-o', '-'], '{"decoded": {');
    expect(notJson.status).toBe(1);
    expect(notJson.stderr).toMatch(/^error: -: the text: JSON, /);
    const missing = await run(['encode', tmp('no-such.json'), '-o', '-']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(new RegExp(`^error: ${tmp('no-such.json')}: cannot read it: ENOENT`));
  });

  it('lays out --base, --region-len and --size, and says when the next boot would not accept the image', async () => {
    const { status, stderr } = await run(['encode', tmp('img02_realistic.json'), '-o', tmp('laid.bin'), '--image', '--base', '0x5_0000_0000', '--region-len', '4096', '--size', '0x3000']);
    // p03's header entry still ends at 0x480001000.
    expect({ status, stderr }).toEqual({ status: 0, stderr: `note: ${tmp('laid.bin')}: the next OpenHCL boot would not accept this image (panic): the VTL2_PERSISTED_STATE_HEADER entry ends at 0x480001000, not at protobuf_base 0x500001000\n` });
    const image = readFileSync(tmp('laid.bin'));
    expect(image.length).toBe(0x3000);
    expect(hex(image.subarray(0, 32))).toBe('4f48434c50484452' + '0010000005000000' + '0010000000000000' + '7c01000000000000');
    expect(hex(image.subarray(0x1000, 0x1000 + 380))).toBe(hex(fixture('p03_realistic_x64_2node').bytes));
    expect(differingRanges(image.subarray(32, 0x1000), new Uint8Array(0x1000 - 32))).toEqual([]);
    expect(differingRanges(image.subarray(0x1000 + 380), new Uint8Array(0x3000 - 0x1000 - 380))).toEqual([]);
  });

  it('writes a 4 GiB image without building it in memory', async () => {
    const { status } = await run(['encode', tmp('img02_realistic.json'), '-o', tmp('big.bin'), '--image', '--size', '0x1_0000_0000']);
    expect(status).toBe(0);
    expect(statSync(tmp('big.bin')).size).toBe(2 ** 32);
    const head = Buffer.alloc(0x2000);
    const fd = openSync(tmp('big.bin'), 'r');
    readSync(fd, head, 0, head.length, 0);
    closeSync(fd);
    expect(differingRanges(head, fixture('img02_realistic').bytes.subarray(0, 0x2000))).toEqual([]);
    rmSync(tmp('big.bin'));
  });

  it('names the layout option at fault, and where its value came from', async () => {
    const given = await run(['encode', tmp('img02_realistic.json'), '-o', tmp('x.bin'), '--image', '--base', '0x480000800']);
    expect({ status: given.status, stderr: given.stderr }).toEqual({ status: 1, stderr: `error: ${tmp('img02_realistic.json')}: baseGpa 0x480000800 (19327354880) must be 4 KiB aligned: it is the GPA of the header page (given by --base)\n` });
    const tooSmall = await run(['encode', tmp('img02_realistic.json'), '-o', tmp('x.bin'), '--image', '--region-len', '0x0']);
    expect(tooSmall.stderr).toContain('regionLen 0x0 (0) must be a whole number of 4 KiB pages, at least one (given by --region-len)');
    const doc = docOf('img02_realistic');
    doc.size = 2_000_000;
    const fromDoc = await run(['encode', '-', '-o', tmp('x.bin'), '--image'], JSON.stringify(doc));
    expect({ status: fromDoc.status, stderr: fromDoc.stderr }).toEqual({ status: 1, stderr: 'error: -: imageSize 0x1e8480 (2000000) must be a whole number of 4 KiB pages (from the document\'s size; --size overrides it)\n' });
    // 500 entries of 10 bytes (p03's first): a payload over one page.
    const first = (docOf('p03_realistic_x64_2node').decoded.partition_memory as unknown[])[0];
    const big = { partition_memory: Array.from({ length: 500 }, () => first) };
    const overflow = await run(['encode', '-', '-o', tmp('x.bin'), '--image', '--region-len', '0x1000'], JSON.stringify(big));
    expect(overflow.status).toBe(1);
    expect(overflow.stderr).toMatch(/^error: -: the 5000-byte payload does not fit in the protobuf region: regionLen 0x1000 \(4096\) bytes \(OpenHCL asserts protobuf_payload_len <= protobuf_region_len\) \(given by --region-len\)\n$/);
    expect(() => statSync(tmp('x.bin'))).toThrow();
  });

  it('exits 2 with the usage on a command line it cannot run', async () => {
    const cases: [string[], string][] = [
      [['encode', tmp('img02_realistic.json')], 'error: encode needs -o OUT (a file, or - for standard output)'],
      [['encode', '-o', '-'], 'error: encode takes exactly one DOC.json (- for standard input)'],
      [['encode', tmp('img02_realistic.json'), '-o', '-', '--base', '0x480000000'], 'error: --base, --region-len and --size lay out an image: add --image'],
      [['encode', tmp('img02_realistic.json'), '-o', '-', '--image', '--size', '2M'], 'error: --size takes a byte count in decimal or 0x hex, not "2M"'],
      [['encode', tmp('img02_realistic.json'), '-o', '-', '--image', '--base', '0x_'], 'error: --base takes a 64-bit GPA in decimal or 0x hex, not "0x_"'],
    ];
    for (const [args, message] of cases) {
      const { status, stderr, stdout } = await run(args);
      expect({ status, first: stderr.split('\n')[0], out: stdout.length }, message).toEqual({ status: 2, first: message, out: 0 });
      expect(stderr).toContain('npm run --silent cli -- encode DOC.json -o OUT [--image [--base GPA] [--region-len N] [--size N]]');
    }
  });
});
