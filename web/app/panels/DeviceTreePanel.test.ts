import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../lib/io/byteSource.ts';
import { loadDtFixtures } from '../../lib/testing/dtFixtures.ts';
import { openDoc } from '../../lib/testing/openDoc.ts';
import { DeviceTreePanel, SHOWN } from './DeviceTreePanel.tsx';

const count = (html: string, needle: string) => html.split(needle).length - 1;

describe('DeviceTreePanel', () => {
  it(`shows the first ${SHOWN} of each long list and how many more`, async () => {
    const dt01 = loadDtFixtures().find((f) => f.name === 'dt01_x64_2node_host')!;
    const doc = await openDoc(bytesSource(dt01.bytes), {}, 'vm.dtb');
    if (doc.format.kind !== 'device-tree' || !doc.format.fdt || !doc.format.deviceTree) throw new Error('dt01 did not open');
    const many = <T>(n: number, item: T): T[] => Array.from({ length: n }, () => item);
    const dt = doc.format.deviceTree;
    const format = {
      ...doc.format,
      fdt: { ...doc.format.fdt, memoryReservations: many(1000, { address: 0x1000n, size: 0x1000n }) },
      deviceTree: {
        ...dt,
        cpus: many(2000, dt.cpus[0]!),
        config_ranges: many(300, { start: 0n, end: 0x1000n }),
        sidecars: many(400, { source: { path: '/bus/sidecar@0', offset: 0 }, control: null, shared_memory: null, problem: null }),
        unknown: many(1024, { kind: 'property' as const, path: '/x', name: 'y', offset: 0, size: 0, problem: null }),
        unknown_omitted: 5000,
      },
    };
    const html = renderToStaticMarkup(createElement(DeviceTreePanel, { format, source: doc.source }));
    expect(count(html, 'data-testid="dt-cpu"')).toBe(SHOWN);
    expect(count(html, '/bus/sidecar@0')).toBe(SHOWN);
    expect(count(html, 'property /x')).toBe(SHOWN);
    for (const more of [1000, 2000, 300, 400, 6024].map((n) => `and ${(n - SHOWN).toLocaleString('en-US')} more`)) expect(html).toContain(more);
    // dt01's own short lists carry no "more".
    const plain = renderToStaticMarkup(createElement(DeviceTreePanel, { format: doc.format, source: doc.source }));
    expect(plain).not.toContain('data-testid="dt-more"');
    expect(count(plain, 'data-testid="dt-cpu"')).toBe(dt.cpus.length);
  });
});
