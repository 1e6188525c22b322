// The diagram's palette (DOM-free, for the CLI) is the app's: d3's Tableau10 in the same places.
import { schemeTableau10 } from 'd3-scale-chromatic';
import { describe, expect, it } from 'vitest';
import { vtlColor } from '../../lib/diagram/colors.ts';

describe('vtlColor', () => {
  it('is d3-scale-chromatic Tableau10 where the app used it, with its three tints', () => {
    expect(Array.from({ length: 14 }, (_, v) => vtlColor(v))).toEqual([
      schemeTableau10[0], schemeTableau10[1], schemeTableau10[5], schemeTableau10[3], '#86bcb6', schemeTableau10[9], schemeTableau10[6],
      schemeTableau10[8], schemeTableau10[4], schemeTableau10[7], '#d4a6c8', '#f1ce63', '#ffbe7d', schemeTableau10[2],
    ]);
  });
});
