// Figure 4: what the production build ships, raw and gzip. The first-load JS is
// the entry script with the chunks index.html preloads, plus the decode worker
// (the app decodes its default sample on start, so the worker loads at once);
// other chunks load only on demand.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface Asset {
  file: string;
  raw: number;
  gzip: number;
}

export interface BundleResult {
  /** Entry script and the chunks index.html preloads. */
  entry: Asset[];
  /** The decode worker's chunk(s). */
  worker: Asset[];
  /** JS loaded only on demand. */
  lazy: Asset[];
  css: Asset[];
  /** Sums: first-load JS (entry + worker), which counts toward the 200 KB goal. */
  firstLoadJs: { raw: number; gzip: number };
  allJs: { raw: number; gzip: number };
  allCss: { raw: number; gzip: number };
}

function asset(dist: string, file: string): Asset {
  const bytes = fs.readFileSync(path.join(dist, file));
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

const sum = (assets: Asset[]) => ({ raw: assets.reduce((n, a) => n + a.raw, 0), gzip: assets.reduce((n, a) => n + a.gzip, 0) });

export function measureBundle(dist: string): BundleResult {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const referenced = new Set<string>();
  for (const match of html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="\.?\/?([^"]+\.js)"/g)) referenced.add(match[1]!);
  const files = fs.readdirSync(path.join(dist, 'assets')).map((f) => `assets/${f}`);
  const js = files.filter((f) => f.endsWith('.js'));
  const css = files.filter((f) => f.endsWith('.css')).map((f) => asset(dist, f));
  const entry: Asset[] = [];
  const worker: Asset[] = [];
  const lazy: Asset[] = [];
  for (const file of js) {
    const a = asset(dist, file);
    if (referenced.has(file)) entry.push(a);
    else if (/worker/i.test(path.basename(file))) worker.push(a);
    else lazy.push(a);
  }
  if (entry.length === 0) throw new Error(`bundle: index.html in ${dist} references no script`);
  return { entry, worker, lazy, css, firstLoadJs: sum([...entry, ...worker]), allJs: sum([...entry, ...worker, ...lazy]), allCss: sum(css) };
}
