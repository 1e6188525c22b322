import { describe, expect, it } from 'vitest';
import { loadDtFixtures, readOpenhclDeviceTree } from '../testing/dtFixtures.ts';
import { deviceTreeDiagnostics } from './deviceTreeChecks.ts';

describe('deviceTreeDiagnostics', () => {
  it('counts unknown items past those kept, and says only the first are listed', () => {
    const dt = readOpenhclDeviceTree(loadDtFixtures().find((f) => f.name === 'dt01_x64_2node_host')!.bytes);
    const item = { kind: 'property' as const, path: '/x', name: 'y', offset: 8, size: 0, problem: null };
    const found = deviceTreeDiagnostics({ ...dt, unknown: Array.from({ length: 1024 }, () => item), unknown_omitted: 976 }).find((d) => d.code === 'dt-unknown')!;
    expect(found.message).toMatch(/^2000 nodes or properties openhcl_boot does not write: property \/x at byte 8;.*; and 1995 more\. .* Only the first 1024 are listed\.$/);
    expect(deviceTreeDiagnostics(dt).find((d) => d.code === 'dt-unknown')).toBeUndefined();
  });
});
