import { describe, expect, it } from 'vitest';
import { diagramPalette } from '../../lib/diagram/colors.ts';
import { themeColors } from './palette.ts';

describe('the map and the diagram paint one chrome', () => {
  it.each(['light', 'dark'] as const)('%s: background, text, lanes, gap strokes and accent agree', (theme) => {
    const map = themeColors(theme);
    const diagram = diagramPalette(theme);
    expect({ bg: diagram.bg, fg: diagram.fg, muted: diagram.muted, lane: diagram.lane, line: diagram.line, accent: diagram.accent }).toEqual({
      bg: map.bg,
      fg: map.fg,
      muted: map.muted,
      lane: map.laneBg,
      line: map.gapStroke,
      accent: map.accent,
    });
  });
});
