// The decoder must run where a Content-Security-Policy forbids 'unsafe-eval'
// (a static host may send one for the worker too): no eval, no Function.
// protobufjs generates code when asked to resolve types or build messages; the
// decoder must never ask. A V8 context with code generation from strings
// disabled is that policy, enforced.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR, REPO_ROOT } from '../testing/fixtures.ts';
import { syntheticSavedState } from '../testing/syntheticTopology.ts';
import { encodeSavedState } from './encodeSavedState.ts';
import { decodeSavedState } from './savedState.ts';
import { decodeOutcome } from '../testing/savedStateOutcome.ts';

/** `exports` of `entry` (a module body), bundled for the browser and run where eval and Function throw. */
async function runWithoutEval(entry: string): Promise<vm.Context> {
  const bundle = await build({
    stdin: { contents: entry, resolveDir: REPO_ROOT, loader: 'ts' },
    bundle: true,
    format: 'iife',
    globalName: 'lib',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  // What a worker has (TextDecoder reads FDT names and pasted text), and no code generation.
  const context = vm.createContext({ console, TextDecoder }, { codeGeneration: { strings: false, wasm: false } });
  expect(() => vm.runInContext('new Function("return 1")()', context)).toThrow(/Code generation from strings disallowed/);
  vm.runInContext(bundle.outputFiles[0]!.text, context);
  return context;
}

describe('decoder under a no-eval policy', () => {
  it('bundles for the browser and decodes a fixture with eval and Function disabled', async () => {
    const context = await runWithoutEval("export { openInput } from './web/lib/import/index.ts'; export { bytesSource } from './web/lib/io/byteSource.ts';");

    const bytes = [...readFileSync(path.join(FIXTURES_DIR, 'img02_realistic.bin'))];
    context.input = bytes;
    const summary = await vm.runInContext(
      `lib.openInput(lib.bytesSource(new Uint8Array(input)), { name: 'img02.bin' }).then(({ doc }) => [doc.error, doc.bootCheck.outcome, doc.decoded.partition_memory.length, String(doc.decoded.partition_mmio[2].range.end)])`,
      context,
    );
    expect(summary).toEqual([null, 'accepted', 14, '68719476736']);
    // A device tree takes the same path in the same bundle: FDT reader, OpenHCL parse, the implied state's encoder.
    context.tree = [...readFileSync(path.join(FIXTURES_DIR, 'dt', 'dt01_x64_2node_host.dtb'))];
    const tree = await vm.runInContext(`lib.openInput(lib.bytesSource(new Uint8Array(tree)), { name: 'vm.dtb' }).then(({ doc }) => [doc.error, doc.format.kind, doc.entries.length, doc.format.impliedPayload.length])`, context);
    expect(tree).toEqual([null, 'device-tree', 17, 370]); // p03's state without its 10 bytes of CPU lists (run-time state)
  });

  it('runs the generated decoder (savedState.generated.ts) with eval and Function disabled, to the same results', async () => {
    const context = await runWithoutEval("export { decodeSavedState } from './web/lib/format/savedState.ts'; export { decodeOutcome } from './web/lib/testing/savedStateOutcome.ts';");
    const payloads = [
      readFileSync(path.join(FIXTURES_DIR, 'p03_realistic_x64_2node.bin')),
      readFileSync(path.join(FIXTURES_DIR, 'tol01_unknown_fields_appended.bin')),
      readFileSync(path.join(FIXTURES_DIR, 'bad_p04_wire_type_3.bin')),
      encodeSavedState(syntheticSavedState({ entries: 1000, vnodes: 8 })),
    ];
    for (const payload of payloads) {
      context.input = [...payload];
      const inside = vm.runInContext('lib.decodeOutcome(lib.decodeSavedState, new Uint8Array(input), 4096)', context) as string;
      expect(inside).toBe(decodeOutcome(decodeSavedState, new Uint8Array(payload), 4096));
    }
  });

  it('the generated decoder and its wire layer contain no eval or Function', () => {
    for (const file of ['savedState.generated.ts', 'savedStateWire.ts', 'savedState.ts']) {
      const source = readFileSync(path.join(REPO_ROOT, 'web/lib/format', file), 'utf8');
      expect(source, file).not.toMatch(/\beval\b|\bFunction\s*\(|new\s+Function\b/);
    }
  });
});
