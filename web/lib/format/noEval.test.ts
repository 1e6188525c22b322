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

describe('decoder under a no-eval policy', () => {
  it('bundles for the browser and decodes a fixture with eval and Function disabled', async () => {
    const bundle = await build({
      stdin: {
        contents: "export { openInput } from './web/lib/import/index.ts'; export { bytesSource } from './web/lib/io/byteSource.ts';",
        resolveDir: REPO_ROOT,
        loader: 'ts',
      },
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
});
