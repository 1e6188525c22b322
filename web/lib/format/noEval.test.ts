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
    const context = vm.createContext({ console }, { codeGeneration: { strings: false, wasm: false } });
    expect(() => vm.runInContext('new Function("return 1")()', context)).toThrow(/Code generation from strings disallowed/);
    vm.runInContext(bundle.outputFiles[0]!.text, context);

    const bytes = [...readFileSync(path.join(FIXTURES_DIR, 'img02_realistic.bin'))];
    context.input = bytes;
    const summary = await vm.runInContext(
      `lib.openInput(lib.bytesSource(new Uint8Array(input)), { name: 'img02.bin' }).then(({ doc }) => [doc.error, doc.bootCheck.outcome, doc.decoded.partition_memory.length, String(doc.decoded.partition_mmio[2].range.end)])`,
      context,
    );
    expect(summary).toEqual([null, 'accepted', 14, '68719476736']);
  });
});
