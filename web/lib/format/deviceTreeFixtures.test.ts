// Every tree in ../shared/fixtures/dt (written by openvmm's own FDT builder)
// through the reader and the OpenHCL parse: the same header fields and
// reservations, the same parse or the same refusal (naming the node upstream
// names), the same boot times and the same implied SavedState as upstream. A
// tree dropped into the folder is tested with no code change.
import { describe, expect, it } from 'vitest';
import { savedStateFromDeviceTree } from '../analysis/savedStateFromDeviceTree.ts';
import { withBigintsAsStrings } from '../export/documentJson.ts';
import { dtcOutline, fdtdumpHeader, HAS_DTC, outlineOf } from '../testing/dtcOutline.ts';
import { loadDtFixtures, upstreamNodeAtFault } from '../testing/dtFixtures.ts';
import { DecodeError } from './errors.ts';
import { readFdt, type FdtNode, type FdtProperty } from './fdt.ts';
import { deviceTreeBootTimes, DtSemanticsError, parseOpenhclDeviceTree } from './openhclDeviceTree.ts';
import { bootTimesToUpstreamJson, deviceTreeToUpstreamJson } from './openhclDeviceTreeJson.ts';

const fixtures = loadDtFixtures();

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (err) {
    return err;
  }
  return null;
}

describe('device-tree fixtures', () => {
  it('finds the fixtures folder', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(11);
  });

  for (const fixture of fixtures) {
    describe(fixture.name, () => {
      const exp = fixture.expected;
      const containerError = caught(() => readFdt(fixture.bytes));

      if (exp.fdt.memory_reservations === null) {
        it('is refused as a container, as upstream refuses it', () => {
          expect(exp.upstream_parse.ok).toBe(false);
          expect(containerError).toBeInstanceOf(DecodeError);
          const err = containerError as DecodeError;
          expect(err.code).toMatch(/^fdt-/);
          expect(err.offset).toBeGreaterThanOrEqual(0);
          expect(err.offset).toBeLessThanOrEqual(fixture.bytes.length);
          // Upstream's reason for a header it cannot read is about the magic here: so is ours.
          if (exp.fdt.magic !== '0xd00dfeed') expect([err.offset, err.expected]).toEqual([0, `the FDT magic d0 0d fe ed, not ${exp.fdt.magic}`]);
          expect(exp.saved_state_from_dt).toBeNull();
        });
        return;
      }

      const fdt = containerError === null ? readFdt(fixture.bytes) : null;

      it('reads the header fields and /memreserve/ entries', () => {
        expect(containerError).toBeNull();
        const { file_size, memory_reservations, magic, ...fields } = exp.fdt;
        expect(fixture.bytes.length).toBe(file_size);
        expect({ ...fdt!.header, magic: `0x${fdt!.header.magic.toString(16)}` }).toEqual({ ...fields, magic });
        expect(fdt!.reservations.map((r) => ({ address: r.address.toString(), size: r.size.toString() }))).toEqual(memory_reservations);
      });

      it('reads the boot times upstream reads', () => {
        expect(bootTimesToUpstreamJson(deviceTreeBootTimes(fdt!))).toEqual(exp.upstream_boot_times);
      });

      const upstream = exp.upstream_parse;
      if (upstream.ok) {
        it('parses as upstream does, and implies the SavedState write_persisted_info writes', () => {
          const dt = parseOpenhclDeviceTree(fdt!);
          expect(deviceTreeToUpstreamJson(dt)).toEqual(upstream.parsed);
          expect(withBigintsAsStrings(savedStateFromDeviceTree(dt))).toEqual(exp.saved_state_from_dt);
        });
      } else {
        it(`is refused as upstream refuses it: ${upstream.error}`, () => {
          const err = caught(() => parseOpenhclDeviceTree(fdt!));
          expect(err).toBeInstanceOf(DtSemanticsError);
          const e = err as DtSemanticsError;
          const node = upstreamNodeAtFault(upstream.error);
          // The node upstream names (by name) is the one at fault here (by path); upstream names none for a missing range.
          if (node !== null) expect(e.path.split('/').at(-1)).toBe(node);
          else expect(e.path).toBe('/openhcl');
          expect(e.offset).toBeGreaterThan(fdt!.header.off_dt_struct);
          expect(e.offset).toBeLessThan(fixture.bytes.length);
          expect(exp.saved_state_from_dt).toBeNull();
        });
      }
    });
  }
});

function unresolvedNames(root: FdtNode): FdtProperty[] {
  return [...root.properties.filter((p) => p.name === null), ...root.children.flatMap(unresolvedNames)];
}

describe.skipIf(!HAS_DTC)("cross-check with Debian's dtc and fdtdump (skipped when device-tree-compiler is not installed)", () => {
  for (const fixture of fixtures.filter((f) => f.expected.fdt.memory_reservations !== null)) {
    it(`${fixture.name}: dtc -I dtb -O dts finds the same nodes, properties and reservations (or the same bad name offset); fdtdump the same header`, () => {
      const fdt = readFdt(fixture.bytes);
      const dtc = dtcOutline(fixture.bytes);
      const unresolved = unresolvedNames(fdt.root);
      if (unresolved[0]) {
        // dtc refuses a tree with a name it cannot find; upstream (and this reader) read on and treat the property as absent.
        expect(dtc.status).not.toBe(0);
        expect(dtc.stderr).toContain(`String offset ${unresolved[0].nameoff} overruns string table`);
      } else {
        expect(dtc.status).toBe(0);
        expect(outlineOf(fdt)).toEqual(dtc.outline);
      }
      expect(fdtdumpHeader(fixture.bytes)).toEqual(fdt.header);
    });
  }
});
