// The page imports the share codec, the exports and the views' libraries, but
// decodes nothing itself: every input, a link's parts included, is opened by
// the worker, so a hostile input never stalls the page, and the page's bundle
// carries neither the decoder nor the schema's protobufjs reflection. This walks
// the runtime imports of the page-side modules.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
/** What the page runs: share links, exports, and the views' libraries (compare, edit, diagram, explain). */
const PAGE_ENTRIES = [
  'link.ts',
  'parts.ts',
  'types.ts',
  '../export/exports.ts',
  '../export/csv.ts',
  '../analysis/compare/index.ts',
  '../analysis/explain.ts',
  '../analysis/bootCheckOfDocument.ts',
  '../edit/operations.ts',
  '../edit/history.ts',
  '../edit/templates.ts',
  '../diagram/layout.ts',
  '../diagram/svg.ts',
  '../model/enumNames.ts',
].map((f) => path.join(here, f));
/** The decoder, its protobufjs reflection (the schema's JSON alone is data, and fine), the encoder. */
const FORBIDDEN = [/\/import\/index\.ts$/, /\/format\/savedState\.ts$/, /\/format\/encodeSavedState\.ts$/, /\/schema\/schema\.ts$/, /^protobufjs(\/light(\.js)?|\/index(\.js)?)?$/];

/** Every module reachable by runtime (not `import type`) imports, bare specifiers included. */
function runtimeImports(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const source = readFileSync(entry, 'utf8');
  for (const m of source.matchAll(/^(?:import|export)\s+(?!type\b)(?:[^'";]*?\s+from\s+)?'([^']+)'/gm)) {
    const spec = m[1]!;
    if (spec.startsWith('.')) runtimeImports(path.resolve(path.dirname(entry), spec), seen);
    else seen.add(spec);
  }
  return seen;
}

describe('page-side share and export modules', () => {
  it('never import the decoder or protobufjs reflection', () => {
    const reached = [...new Set(PAGE_ENTRIES.flatMap((e) => [...runtimeImports(e)]))];
    expect(reached.some((m) => m.endsWith('/share/envelope.ts'))).toBe(true); // the walk does follow imports
    expect(reached.filter((m) => FORBIDDEN.some((re) => re.test(m)))).toEqual([]);
  });

  it('the walk would notice the decoder', () => {
    expect([...runtimeImports(path.join(here, '../testing/openSharedParts.ts'))].filter((m) => FORBIDDEN.some((re) => re.test(m))).length).toBeGreaterThan(0);
  });
});
