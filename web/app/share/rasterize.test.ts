import { describe, expect, it } from 'vitest';
import { pngScale } from './rasterize.ts';

describe('pngScale', () => {
  it('twice the size, unless the canvas would pass 16,384 px a side or 120 megapixels', () => {
    expect(pngScale(1263, 1687)).toBe(2);
    expect(pngScale(853, 27038)).toBe(16_384 / 27038);
    expect(pngScale(8000, 8000)).toBe(Math.sqrt(120_000_000 / 64_000_000));
  });
});
