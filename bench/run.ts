// `npm run bench [-- --quick] [-- --only decode,compare,open,render,bundle,link]`:
// runs the benchmark parts, prints one table and writes bench/results.json.
// Speed figures never fail the run: it exits non-zero only on a real error.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from '@playwright/test';
import { runCompareBench, type CompareResult } from './compare.ts';
import { runDecodeBenchInOwnProcess, type DecodeResult } from './decode.ts';
import { launch, runOpenBench, runRenderBench, type OpenResult, type RenderResult } from './browser.ts';
import { measureBundle, type BundleResult } from './bundle.ts';
import { runLinkBench, type LinkResult } from './link.ts';
import { BENCH_DIST, ensureBuild, ROOT, startPreview, type Preview } from './server.ts';

const PARTS = ['decode', 'compare', 'open', 'render', 'bundle', 'link'] as const;
type Part = (typeof PARTS)[number];

export interface Row {
  figure: string;
  median: string;
  baseline: string;
  ratio: string;
  goal: string;
  met: 'yes' | 'no' | 'n/a' | '';
}

function parseArgs(argv: string[]): { quick: boolean; only: Set<Part> } {
  const quick = argv.includes('--quick');
  const at = argv.findIndex((a) => a === '--only' || a.startsWith('--only='));
  if (at < 0) return { quick, only: new Set(PARTS) };
  const value = argv[at]!.includes('=') ? argv[at]!.split('=')[1]! : argv[at + 1] ?? '';
  const wanted = value.split(',').filter(Boolean);
  const unknown = wanted.filter((w) => !(PARTS as readonly string[]).includes(w));
  if (wanted.length === 0 || unknown.length > 0) throw new Error(`--only takes ${PARTS.join('|')} (comma-separated), not "${value}"`);
  return { quick, only: new Set(wanted as Part[]) };
}

const ms = (v: number) => `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms`;
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
const times = (r: number) => `${r.toFixed(2)}×`;
const yesNo = (ok: boolean): Row['met'] => (ok ? 'yes' : 'no');
const NA = (figure: string, note: string, goal = ''): Row => ({ figure, median: note, baseline: '', ratio: '', goal, met: 'n/a' });

function decodeRows(d: DecodeResult): Row[] {
  const figure = `decode ${d.entries.toLocaleString('en')} entries (${kb(d.payloadBytes)}), Node`;
  const median = `${d.decodeMBps.toFixed(1)} MB/s (${ms(d.decodeMs)})`;
  return [
    {
      figure,
      median,
      baseline: `${d.floorMBps.toFixed(1)} MB/s (${ms(d.floorMs)}) bare Reader walk`,
      ratio: times(d.ratio),
      goal: '≤ 3× floor',
      met: yesNo(d.ratio <= 3),
    },
    {
      figure: `${figure}, against protobufjs`,
      median,
      baseline: `${d.protobufjsMBps.toFixed(1)} MB/s (${ms(d.protobufjsMs)}) protobufjs decode`,
      ratio: times(d.protobufjsRatio),
      goal: '≤ 1× protobufjs',
      met: yesNo(d.protobufjsRatio <= 1),
    },
  ];
}

function compareRows(c: CompareResult): Row[] {
  return [
    {
      figure: `compare two ${c.entries.toLocaleString('en')}-range topologies (${c.pieces} pieces, ${c.boundaryChanges} splits), Node`,
      median: ms(c.compareMs),
      baseline: `${ms(c.decodeMs)} decode one`,
      ratio: times(c.ratio),
      goal: '≤ 2× decode',
      met: yesNo(c.ratio <= 2),
    },
  ];
}

function openRows(o: OpenResult): Row[] {
  const allowed = 32 + o.payloadLength;
  const bytesRow = (label: string, read: number): Row => ({
    figure: `bytes read, ${label}`,
    median: `${read} B`,
    baseline: `${allowed} B (32 + payload ${o.payloadLength})`,
    ratio: '',
    goal: `${allowed} … ${allowed + 4096} B`,
    met: yesNo(read >= allowed && read <= allowed + 4096),
  });
  return [
    { figure: 'open 2 MiB image (input → decoded)', median: ms(o.smallMs), baseline: '', ratio: '', goal: '', met: '' },
    { figure: 'open 4 GiB sparse image (same header + payload)', median: ms(o.largeMs), baseline: `${ms(o.smallMs)} (2 MiB)`, ratio: times(o.ratio), goal: '≤ 1.2×', met: yesNo(o.ratio <= 1.2) },
    bytesRow('2 MiB image', o.smallBytesRead),
    bytesRow('4 GiB image', o.largeBytesRead),
  ];
}

function renderRows(r: RenderResult): Row[] {
  if (r.smallMs === null || r.largeMs === null || r.hugeMs === null || r.ratio === null || r.hugeRatio === null) {
    return [NA(`first map, ${r.smallRanges} / ${r.largeRanges} / ${r.hugeRanges} ranges`, r.note ?? 'n/a', '10k/100 ≤ 5×, 100k/10k ≤ 4×'), NA('zoom frame time p95, 10k and 100k ranges', r.note ?? 'n/a', '≤ 16.7 ms')];
  }
  const n = (v: number) => v.toLocaleString('en');
  const rows: Row[] = [
    { figure: `first map, ${n(r.smallRanges)} ranges (input → painted)`, median: ms(r.smallMs), baseline: '', ratio: '', goal: '', met: '' },
    { figure: `first map, ${n(r.largeRanges)} ranges`, median: ms(r.largeMs), baseline: `${ms(r.smallMs)} (${r.smallRanges} ranges)`, ratio: times(r.ratio), goal: '≤ 5×', met: yesNo(r.ratio <= 5) },
  ];
  if (r.largeDecodeMs !== null && r.largeMapRenderMs !== null) {
    rows.push({ figure: '  of which: input → decoded / map renderer draws', median: `${ms(r.largeDecodeMs)} / ${ms(r.largeMapRenderMs)}`, baseline: '', ratio: '', goal: '', met: '' });
  }
  rows.push({ figure: `first map, ${n(r.hugeRanges)} ranges`, median: ms(r.hugeMs), baseline: `${ms(r.largeMs)} (${n(r.largeRanges)} ranges)`, ratio: times(r.hugeRatio), goal: '≤ 4×', met: yesNo(r.hugeRatio <= 4) });
  if (r.hugeDecodeMs !== null && r.hugeMapRenderMs !== null) {
    rows.push({ figure: '  of which: input → decoded / map renderer draws', median: `${ms(r.hugeDecodeMs)} / ${ms(r.hugeMapRenderMs)}`, baseline: '', ratio: '', goal: '', met: '' });
  }
  for (const { ranges, scale, result: z } of r.zoom) {
    rows.push(
      { figure: `zoom frame time p95, ${n(ranges)} ranges, ${scale} (main-thread work, ${z.method})`, median: ms(z.workP95), baseline: `${ms(z.idleWorkP95)} idle page`, ratio: times(z.workP95 / z.idleWorkP95), goal: '≤ 16.7 ms', met: yesNo(z.workP95 <= 16.7) },
      { figure: `  frame interval p95 / p50 (${z.frames} frames, ${z.dropped} > 1.5 vsync)`, median: `${ms(z.p95)} / ${ms(z.p50)}`, baseline: `${ms(z.idleP95)} / ${ms(z.idleP50)} idle`, ratio: times(z.p95 / z.idleP95), goal: '', met: '' },
    );
  }
  if (r.hugeHeapBytes !== null) {
    const mb = r.hugeHeapBytes / 2 ** 20;
    rows.push({ figure: `tab JS heap, ${n(r.hugeRanges)} ranges open (after GC)`, median: `${mb.toFixed(1)} MiB`, baseline: '', ratio: '', goal: '≤ 100 MB', met: yesNo(r.hugeHeapBytes <= 100 * 2 ** 20) });
  }
  return rows;
}

function bundleRows(b: BundleResult): Row[] {
  const sumOf = (assets: { raw: number; gzip: number }[]) => assets.reduce((n, a) => ({ raw: n.raw + a.raw, gzip: n.gzip + a.gzip }), { raw: 0, gzip: 0 });
  const entry = sumOf(b.entry);
  const worker = sumOf(b.worker);
  const lazy = sumOf(b.lazy);
  const row = (figure: string, s: { raw: number; gzip: number }, goal = '', met: Row['met'] = ''): Row => ({ figure, median: `${kb(s.gzip)} gzip`, baseline: `${kb(s.raw)} raw`, ratio: '', goal, met });
  return [
    row('JS on first load (entry + worker)', b.firstLoadJs, '≤ 200 KB gzip', yesNo(b.firstLoadJs.gzip <= 200_000)),
    row(`  entry script (${b.entry.length} file${b.entry.length === 1 ? '' : 's'})`, entry),
    row(`  decode worker (${b.worker.length} file${b.worker.length === 1 ? '' : 's'})`, worker),
    row(`JS loaded on demand (${b.lazy.length} file${b.lazy.length === 1 ? '' : 's'})`, lazy),
    row('CSS', b.allCss),
  ];
}

function linkRows(l: LinkResult): Row[] {
  return [
    { figure: `share link, realistic sample (p03, ${l.realisticBytes} B payload)`, median: `${l.realisticChars.toLocaleString('en')} chars`, baseline: '', ratio: '', goal: '', met: '' },
    { figure: `share link, ${l.syntheticRanges.toLocaleString('en')} ranges (${kb(l.syntheticBytes)} payload)`, median: `${l.syntheticChars.toLocaleString('en')} chars`, baseline: '', ratio: '', goal: '', met: '' },
  ];
}

export function formatTable(rows: Row[]): string {
  const header: Row = { figure: 'figure', median: 'median', baseline: 'baseline', ratio: 'ratio', goal: 'goal', met: 'met?' as Row['met'] };
  const keys = ['figure', 'median', 'baseline', 'ratio', 'goal', 'met'] as const;
  const widths = keys.map((k) => Math.max(...[header, ...rows].map((r) => r[k].length)));
  const line = (r: Row) => `| ${keys.map((k, i) => r[k].padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

function machine(chromium: string | null) {
  let chromiumVersion = chromium;
  if (!chromiumVersion) {
    try {
      chromiumVersion = execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
        .trim()
        .replace(/ built on .*/, '');
    } catch {
      chromiumVersion = null;
    }
  }
  return {
    date: new Date().toISOString(),
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    node: process.version,
    chromium: chromiumVersion,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

async function main(): Promise<void> {
  const { quick, only } = parseArgs(process.argv.slice(2));
  const log = (line: string) => console.error(`bench: ${line}`);
  const results: Record<string, unknown> = {};
  const rows: Row[] = [];
  let browser: Browser | null = null;
  let preview: Preview | null = null;
  let chromium: string | null = null;
  try {
    if (only.has('decode')) {
      log('decode (Node)…');
      const d = await runDecodeBenchInOwnProcess({ quick });
      results.decode = d;
      rows.push(...decodeRows(d));
    }
    if (only.has('compare')) {
      log('compare (Node)…');
      const c = await runCompareBench({ quick });
      results.compare = c;
      rows.push(...compareRows(c));
    }
    if (only.has('open') || only.has('render') || only.has('bundle')) {
      if (ensureBuild(log)) log(`built into ${path.relative(ROOT, BENCH_DIST)}`);
    }
    if (only.has('open') || only.has('render')) {
      preview = await startPreview();
      browser = await launch();
      chromium = `Chromium ${browser.version()}`;
      if (only.has('open')) {
        log('open (Chromium)…');
        const o = await runOpenBench(browser, preview.url, { quick });
        results.open = o;
        rows.push(...openRows(o));
      }
      if (only.has('render')) {
        log('render (Chromium)…');
        const r = await runRenderBench(browser, preview.url, { quick });
        results.render = r;
        rows.push(...renderRows(r));
      }
    }
    if (only.has('bundle')) {
      const b = measureBundle(BENCH_DIST);
      results.bundle = b;
      rows.push(...bundleRows(b));
    }
    if (only.has('link')) {
      const l = await runLinkBench();
      results.link = l;
      rows.push(...linkRows(l));
    }
  } finally {
    await browser?.close();
    await preview?.stop();
  }
  const info = machine(chromium);
  const table = formatTable(rows);
  console.log(table);
  console.log(`\n${info.date.slice(0, 10)} · ${info.cpus} CPUs (${info.cpuModel}) · ${info.memory} · Node ${info.node}${info.chromium ? ` · ${info.chromium} headless, --disable-gpu` : ''}${quick ? ' · --quick' : ''}`);
  const out = path.join(ROOT, 'bench/results.json');
  fs.writeFileSync(out, `${JSON.stringify({ machine: info, quick, rows, results }, null, 2)}\n`);
  console.error(`bench: wrote ${path.relative(process.cwd(), out)}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
