import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as image from '../../lib/format/encodeImage.ts';
import { encodeSavedState } from '../../lib/format/encodeSavedState.ts';
import { bytesSource } from '../../lib/io/byteSource.ts';
import { loadFixtures } from '../../lib/testing/fixtures.ts';
import { openDoc } from '../../lib/testing/openDoc.ts';
import { SaveAs } from './SaveAs.tsx';

// Counts the images built (the real function runs).
vi.mock('../../lib/format/encodeImage.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../lib/format/encodeImage.ts')>();
  return { ...actual, encodeImage: vi.fn(actual.encodeImage) };
});

const p03 = loadFixtures().find((f) => f.name === 'p03_realistic_x64_2node')!;

async function imageFile(options: image.ImageOptions, name = 'vm.vtl2.bin') {
  const payload = encodeSavedState((await openDoc(bytesSource(p03.bytes))).decoded!);
  const bytes = image.encodeImage(payload, options);
  const doc = await openDoc(bytesSource(bytes), {}, name);
  return { name, doc, input: { blob: new Blob([bytes as Uint8Array<ArrayBuffer>]) }, options: {} };
}

afterEach(() => vi.mocked(image.encodeImage).mockClear());

describe('Save as', () => {
  it("starts from the opened image's own layout, and builds no image to render", async () => {
    const file = await imageFile({ baseGpa: 0x5_0000_0000n, regionLen: 0x1_0000n, imageSize: 0x40_0000n });
    vi.mocked(image.encodeImage).mockClear();
    const html = renderToStaticMarkup(createElement(SaveAs, { file }));
    expect(image.encodeImage).not.toHaveBeenCalled();
    for (const value of ['0x500000000', '0x10000', '0x400000']) expect(html).toContain(`value="${value}"`);
  });
});
