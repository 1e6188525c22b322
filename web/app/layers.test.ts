// The app's folders import downward only, and no file imports itself back
// through others: entry → views → store → worker → web/lib, with the shared
// widgets (and DOM ids) below every view and above nothing of the app.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const APP = path.dirname(new URL(import.meta.url).pathname);

type Layer = 'entry' | 'views' | 'widgets' | 'dom' | 'store' | 'worker' | 'lib' | 'external';

/** Which layers each layer may import. */
const ALLOWED: Record<Layer, Layer[]> = {
  entry: ['entry', 'views', 'widgets', 'dom', 'store', 'worker', 'lib', 'external'],
  views: ['views', 'widgets', 'dom', 'store', 'lib', 'external'],
  widgets: ['widgets', 'lib', 'external'],
  dom: [],
  store: ['store', 'worker', 'lib', 'external'],
  worker: ['worker', 'lib', 'external'],
  lib: ['lib', 'external'],
  external: [],
};

function layerOf(file: string): Layer {
  if (!file.startsWith(APP)) return file.includes(`${path.sep}web${path.sep}lib${path.sep}`) ? 'lib' : 'external';
  const rel = path.relative(APP, file);
  const top = rel.split(path.sep)[0]!;
  if (rel === 'main.tsx' || rel === 'App.tsx') return 'entry';
  if (rel === 'dom.ts') return 'dom';
  if (top === 'widgets') return 'widgets';
  if (top === 'store') return 'store';
  if (top === 'worker') return 'worker';
  return 'views';
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return sources(full);
    return /\.tsx?$/.test(d.name) && !/\.test\.tsx?$/.test(d.name) ? [full] : [];
  });
}

/** Relative imports of a file (type-only ones too: they tie modules together as much). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]/g)].map((m) => path.resolve(path.dirname(file), m[1]!));
}

const files = sources(APP);
const graph = new Map(files.map((f) => [f, importsOf(f)]));

describe('the app imports downward only', () => {
  it('finds the app\'s files', () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it('every import goes to a layer its layer may use', () => {
    const wrong: string[] = [];
    for (const [file, imports] of graph) {
      for (const target of imports) {
        const from = layerOf(file);
        const to = layerOf(target);
        if (!ALLOWED[from].includes(to)) wrong.push(`${path.relative(APP, file)} (${from}) → ${path.relative(APP, target)} (${to})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('no import cycle', () => {
    const state = new Map<string, 'visiting' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].map((f) => path.relative(APP, f)).join(' → '));
        return;
      }
      state.set(file, 'visiting');
      for (const next of graph.get(file) ?? []) if (graph.has(next)) visit(next, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
