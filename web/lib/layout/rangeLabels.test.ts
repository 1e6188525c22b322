import { describe, expect, it } from 'vitest';
import type { Entry } from '../model/entries.ts';
import { fitLabel, labelForms } from './rangeLabels.ts';

const entry = (value: number, name: string | null, bytes: bigint): Entry => ({ ref: { table: 'memory', index: 0 }, start: 0x4_8000_0000n, end: 0x4_8000_0000n + bytes, vnode: 0, vtlType: { value, name }, igvmType: null });
const perChar = (text: string) => text.length * 6;

describe('range labels', () => {
  it('shortens the name after dropping the size', () => {
    expect(labelForms(entry(10, 'VTL2_BOOTSHIM_LOG_BUFFER', 0x2000n))).toEqual(['VTL2_BOOTSHIM_LOG_BUFFER · 8 KiB', 'VTL2_BOOTSHIM_LOG_BUFFER', 'LOG_BUFFER · 8 KiB', 'LOG_BUFFER', 'LOG · 8 KiB', 'LOG']);
    expect(labelForms(entry(0, 'VTL0', 1n << 30n))).toEqual(['VTL0 · 1 GiB', 'VTL0']);
    // An unknown value, or a known value under another name, has no shorter form.
    expect(labelForms(entry(99, null, 0x1000n))).toEqual(['unknown (99) · 4 KiB', 'unknown (99)']);
    expect(labelForms(entry(10, 'VTL2_SOMETHING_NEW', 0x1000n))).toEqual(['VTL2_SOMETHING_NEW · 4 KiB', 'VTL2_SOMETHING_NEW']);
  });

  it('takes the longest form that fits, or none', () => {
    const forms = labelForms(entry(11, 'VTL2_PERSISTED_STATE_HEADER', 0x1000n));
    expect(fitLabel(forms, 1000, perChar)).toBe('VTL2_PERSISTED_STATE_HEADER · 4 KiB');
    expect(fitLabel(forms, 40, perChar)).toBe('HEADER');
    expect(fitLabel(forms, 20, perChar)).toBe('HDR');
    expect(fitLabel(forms, 10, perChar)).toBe('');
  });
});
