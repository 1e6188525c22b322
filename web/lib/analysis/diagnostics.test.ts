import { describe, expect, it } from 'vitest';
import type { Entry } from '../model/entries.ts';
import { topologyDiagnostics } from './diagnostics.ts';

const memory = (index: number, start: bigint, end: bigint): Entry => ({ ref: { table: 'memory', index }, start, end, vnode: 0, vtlType: { value: 1, name: 'VTL2_RAM' }, igvmType: { value: 3, name: 'VTL2_PROTECTABLE' } });

describe('topologyDiagnostics', () => {
  it('one range over 200,000 others: one overlap finding each (no spread of them as arguments)', () => {
    const entries = [memory(0, 0n, 0x1000n * 400_000n), ...Array.from({ length: 200_000 }, (_, i) => memory(i + 1, 0x2000n * BigInt(i), 0x2000n * BigInt(i) + 0x1000n))];
    const overlaps = topologyDiagnostics(entries, [], null).filter((d) => d.code === 'overlap');
    expect(overlaps).toHaveLength(200_000);
    expect(overlaps[0]!.entries).toEqual([{ table: 'memory', index: 0 }, { table: 'memory', index: 1 }]);
  }, 30_000);
});
