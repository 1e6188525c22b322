// Exports: the JSON is byte for byte what `cli decode` prints (also for a
// document re-opened from a share link), the CSV keeps every u64 exact and
// quotes per RFC 4180, the .bin is the decoded payload.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blobSource, bytesSource } from '../io/byteSource.ts';
import { entriesOfSavedState } from '../model/entries.ts';
import { DEFAULT_VIEW, NO_FILTERS } from '../model/view.ts';
import { decodeLink, encodeLink } from '../share/link.ts';
import { openSharedParts } from '../testing/openSharedParts.ts';
import { partsOfDocument } from '../share/parts.ts';
import { arbSavedState } from '../testing/arbitraries.ts';
import { openDoc, persisted } from '../testing/openDoc.ts';
import { parseHeader } from '../format/header.ts';
import { savedStateOfDocument } from '../import/savedStateJson.ts';
import { FIXTURES_DIR, loadFixtures, REPO_ROOT } from '../testing/fixtures.ts';
import { CSV_COLUMNS, csvField, entriesCsv } from './csv.ts';
import { csvExport, imageExport, imageExportLayout, jsonExport, markedFailing, ownImageOptions, payloadExport, stemOf, type ExportFile } from './exports.ts';
import { DecodeError } from '../format/errors.ts';
import { encodeImage, MAX_IN_MEMORY_IMAGE_SIZE } from '../format/encodeImage.ts';

const fixtures = loadFixtures();
const fixture = (name: string) => fixtures.find((f) => f.name === name)!;

/** `cli decode` run in the fixtures folder, so its `file` field is the bare name, as in the app. */
async function cliDecode(...files: string[]): Promise<string> {
  const cli = path.join(REPO_ROOT, 'web/cli/main.ts');
  // tsx by absolute URL: it does not resolve from the fixtures folder.
  const tsx = pathToFileURL(path.join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
  const result = await promisify(execFile)(process.execPath, ['--import', tsx, cli, 'decode', ...files], { cwd: FIXTURES_DIR, maxBuffer: 64 * 1024 * 1024 }).catch((err: { stdout: string }) => err);
  return result.stdout;
}

/** How the app opens a dropped file: a Blob read by slices. */
const openAsApp = (bytes: Uint8Array) => openDoc(blobSource(new Blob([bytes as Uint8Array<ArrayBuffer>])));

/** A small RFC 4180 reader for the test: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  const endField = () => {
    record.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\r' && text[i + 1] === '\n') {
      endField();
      records.push(record);
      record = [];
      i++;
    } else field += c;
  }
  expect(field).toBe('');
  expect(record).toEqual([]);
  return records;
}

describe('JSON export', { timeout: 60_000 }, () => {
  it('equals `cli decode` for every fixture', async () => {
    const lines = (await cliDecode(...fixtures.map((f) => `${f.name}.bin`))).trim().split('\n');
    expect(lines).toHaveLength(fixtures.length);
    for (const [i, f] of fixtures.entries()) {
      const exported = jsonExport(await openAsApp(f.bytes), `${f.name}.bin`);
      expect(JSON.stringify(JSON.parse(exported.content as string)), f.name).toBe(lines[i]);
    }
  });

  it('is byte for byte the CLI\'s pretty output, also after a trip through a share link', async () => {
    for (const name of ['img02_realistic', 'p03_realistic_x64_2node', 'bad_p01_truncated_mid_field']) {
      const stdout = await cliDecode(`${name}.bin`);
      const doc = await openAsApp(fixture(name).bytes);
      expect(jsonExport(doc, `${name}.bin`).content).toBe(stdout);
      const { parts } = decodeLink(encodeLink(partsOfDocument(doc, `${name}.bin`), DEFAULT_VIEW));
      const reopened = await openSharedParts(parts);
      expect(reopened.ok && jsonExport(reopened.doc, parts.name).content).toBe(stdout);
    }
  });

  it('is named after the input', async () => {
    expect(jsonExport(await openAsApp(fixture('p01_empty').bytes), 'dumps/p01_empty.bin').fileName).toBe('p01_empty.topology.json');
    expect(stemOf('vtl2')).toBe('vtl2');
    expect(stemOf('.hidden')).toBe('.hidden');
  });
});

describe('an export of a failing state', () => {
  it('says so before the export\'s suffix, whatever dots the stem holds', async () => {
    const doc = await openAsApp(fixture('p03_realistic_x64_2node').bytes);
    const failing = (f: ExportFile | null | Error) => (f && !(f instanceof Error) ? markedFailing(f).fileName : null);
    expect(failing(imageExport(doc, 'img.v2.bin'))).toBe('img.v2.failing.vtl2.bin');
    expect(failing(payloadExport(doc, 'img.v2.bin'))).toBe('img.v2.failing.payload.bin');
    expect(failing(jsonExport(doc, 'img.v2.bin'))).toBe('img.v2.failing.topology.json');
    expect(failing(csvExport(doc, 'vm'))).toBe('vm.failing.entries.csv');
    // A name no export made: before its last extension, or at its end.
    expect(markedFailing({ fileName: 'a.b.txt', mimeType: 'text/plain', content: '' }).fileName).toBe('a.b.failing.txt');
    expect(markedFailing({ fileName: 'state', mimeType: 'text/plain', content: '' }).fileName).toBe('state.failing');
  });
});

describe('CSV export', () => {
  it('lists every entry of the realistic sample, memory then MMIO', async () => {
    const doc = await openAsApp(fixture('p03_realistic_x64_2node').bytes);
    const file = csvExport(doc, 'p03_realistic_x64_2node.bin')!;
    expect(file.fileName).toBe('p03_realistic_x64_2node.entries.csv');
    const [header, ...rows] = parseCsv(file.content as string);
    expect(header).toEqual([...CSV_COLUMNS]);
    const mem = doc.decoded!.partition_memory;
    const mmio = doc.decoded!.partition_mmio;
    expect(rows).toHaveLength(mem.length + mmio.length);
    const first = Object.fromEntries(header!.map((h, i) => [h, rows[0]![i]]));
    expect(first).toMatchObject({ table: 'memory', index: '0', start_hex: `0x${mem[0]!.range.start.toString(16)}`, start: mem[0]!.range.start.toString(), vnode: String(mem[0]!.vnode), vtl_type_name: mem[0]!.vtl_type.name ?? '' });
    const lastRow = Object.fromEntries(header!.map((h, i) => [h, rows.at(-1)![i]]));
    expect(lastRow).toMatchObject({ table: 'mmio', index: String(mmio.length - 1), vnode: '', igvm_type: '' });
  });

  it('keeps u64 values above 2^53 exact, in hex and decimal', () => {
    fc.assert(
      fc.property(arbSavedState, (state) => {
        const [, ...rows] = parseCsv(entriesCsv(entriesOfSavedState(state)));
        const entries = [...state.partition_memory, ...state.partition_mmio];
        expect(rows).toHaveLength(entries.length);
        rows.forEach((row, i) => {
          const { start, end } = entries[i]!.range;
          expect([BigInt(row[2]!), BigInt(row[3]!), BigInt(row[5]!), BigInt(row[6]!)]).toEqual([start, end, start, end]);
          expect(row[7]).toBe(end >= start ? (end - start).toString() : '');
          expect(Number(row[9])).toBe(entries[i]!.vtl_type.value);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('quotes fields per RFC 4180', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(1n << 64n)).toBe('18446744073709551616');
  });

  it('with active filters, holds the entries they keep (the table\'s rows), named as such', async () => {
    const doc = await openAsApp(fixture('p03_realistic_x64_2node').bytes);
    const file = csvExport(doc, 'p03.bin', { ...NO_FILTERS, vtlTypes: [1, 5] })!;
    expect(file.fileName).toBe('p03.entries-filtered.csv');
    const [, ...rows] = parseCsv(file.content as string);
    expect(rows.map((r) => `${r[0]}:${r[1]}:${r[10]}`)).toEqual(['memory:7:VTL2_RAM', 'memory:10:VTL2_RAM', 'memory:12:VTL2_RAM', 'mmio:0:VTL0_MMIO', 'mmio:1:VTL0_MMIO']);
    expect(csvExport(doc, 'p03.bin', NO_FILTERS)!.fileName).toBe('p03.entries.csv');
  });

  it('is absent when nothing decoded', async () => {
    expect(csvExport(await openAsApp(fixture('bad_img01_bad_magic').bytes), 'x.bin')).toBeNull();
  });
});

describe('.bin export', () => {
  it('is the payload as decoded: an image\'s protobuf payload, a blob whole', async () => {
    const img = payloadExport(await openDoc(bytesSource(fixture('img02_realistic').bytes)), 'img02_realistic.bin')!;
    expect(img.fileName).toBe('img02_realistic.payload.bin');
    expect(img.content).toEqual(fixture('p03_realistic_x64_2node').bytes);
    expect(payloadExport(await openDoc(bytesSource(fixture('tol01_unknown_fields_appended').bytes)), 't.bin')!.content).toEqual(fixture('tol01_unknown_fields_appended').bytes);
    expect(payloadExport(await openDoc(bytesSource(fixture('bad_img01_bad_magic').bytes)), 'x.bin')).toBeNull();
  });
});

describe('VTL2 image export', () => {
  const layout = { baseGpa: 0x5_0000_0000n, regionLen: 0x1_0000n, imageSize: 0x40_0000n };
  const image = encodeImage(fixture('p03_realistic_x64_2node').bytes, layout);

  it("keeps an image's own layout: the same bytes again", async () => {
    const doc = await openDoc(bytesSource(image));
    expect(ownImageOptions(doc)).toEqual(layout);
    const written = imageExport(doc, 'vm.bin');
    if (!written || written instanceof DecodeError) throw new Error(`no image: ${written?.message}`);
    expect(Buffer.from(written.content as Uint8Array).equals(Buffer.from(image))).toBe(true);
    expect(ownImageOptions(await openDoc(bytesSource(fixture('p03_realistic_x64_2node').bytes)))).toBeNull();
  });

  it('writes an image opened with another base GPA as `cli encode` does: header page at protobuf_base - 0x1000, protobuf_base kept', async () => {
    // Opened with --base X where protobuf_base = X + 0x2000: the payload is read a page later.
    const doc = await openDoc(bytesSource(image), { baseGpa: layout.baseGpa - 0x1000n });
    expect(persisted(doc).payloadLocation?.offset).toBe(0x2000n);
    const own = ownImageOptions(doc);
    expect(own).toEqual(layout);
    const cli = savedStateOfDocument(JSON.parse(jsonExport(doc, 'vm.bin').content as string) as unknown);
    expect(cli.imageDefaults).toEqual(own);
    const written = imageExport(doc, 'vm.bin');
    if (!written || written instanceof DecodeError) throw new Error(`no image: ${written?.message}`);
    expect(parseHeader((written.content as Uint8Array).subarray(0, 32)).protobuf_base).toBe(layout.baseGpa + 0x1000n);
  });

  it('checks a layout without building the image: up to the in-memory limit, then an error naming imageSize', async () => {
    const doc = await openDoc(bytesSource(image));
    expect(imageExportLayout(doc, { ...layout, imageSize: BigInt(MAX_IN_MEMORY_IMAGE_SIZE) })).toMatchObject({ imageSize: MAX_IN_MEMORY_IMAGE_SIZE, baseGpa: layout.baseGpa });
    const over = imageExportLayout(doc, { ...layout, imageSize: BigInt(MAX_IN_MEMORY_IMAGE_SIZE) + 0x1000n });
    expect(over).toBeInstanceOf(DecodeError);
    expect((over as DecodeError).code).toBe('image-size');
    expect(imageExportLayout(doc, { ...layout, regionLen: 0x1001n })).toBeInstanceOf(DecodeError);
  });
});
