// The device-tree fixtures of ../shared/fixtures/dt (DTBs written by openvmm's
// own FDT builder, with what upstream's bootloader_fdt_parser makes of them),
// for tests. Every `NAME.dtb` with its `NAME.json` is one fixture, so a tree
// dropped into the folder is tested with no code change. OHCL_FIXTURES moves
// the fixtures folder (this reads its `dt/`).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readFdt } from '../format/fdt.ts';
import { parseOpenhclDeviceTree, type OpenhclDeviceTree } from '../format/openhclDeviceTree.ts';
import { FIXTURES_DIR } from './fixtures.ts';

export const DT_FIXTURES_DIR = path.join(FIXTURES_DIR, 'dt');

export interface DtFixture {
  name: string;
  dtbPath: string;
  bytes: Uint8Array;
  expected: DtFixtureExpectation;
}

export interface DtFixtureExpectation {
  category?: string;
  description?: string;
  upstream_parse: { ok: true; parsed: unknown } | { ok: false; error: string; error_chain?: string[] };
  saved_state_from_dt: unknown;
  upstream_boot_times: unknown;
  fdt: {
    magic: string;
    totalsize: number;
    off_dt_struct: number;
    off_dt_strings: number;
    off_mem_rsvmap: number;
    version: number;
    last_comp_version: number;
    boot_cpuid_phys: number;
    size_dt_strings: number;
    size_dt_struct: number;
    file_size: number;
    /** Null when upstream could not read the header. */
    memory_reservations: { address: string; size: string }[] | null;
  };
}

export function loadDtFixtures(): DtFixture[] {
  return readdirSync(DT_FIXTURES_DIR)
    .filter((f) => f.endsWith('.dtb'))
    .sort()
    .map((file) => {
      const name = file.replace(/\.dtb$/, '');
      const dtbPath = path.join(DT_FIXTURES_DIR, file);
      return {
        name,
        dtbPath,
        bytes: new Uint8Array(readFileSync(dtbPath)),
        expected: JSON.parse(readFileSync(path.join(DT_FIXTURES_DIR, `${name}.json`), 'utf8')) as DtFixtureExpectation,
      };
    });
}

/** The node an upstream error names (`… on node memory@0`, `… mmio node memory@7fe00000`), or null when it names none. */
export function upstreamNodeAtFault(error: string): string | null {
  return /\bnode ([^\s:]+)/.exec(error)?.[1] ?? null;
}

/** readFdt, then parseOpenhclDeviceTree, as the importer does. Throws DecodeError (`fdt-*` or `dt-semantics`). */
export function readOpenhclDeviceTree(bytes: Uint8Array): OpenhclDeviceTree {
  return parseOpenhclDeviceTree(readFdt(bytes));
}
