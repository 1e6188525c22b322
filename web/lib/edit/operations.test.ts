import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withBigintsAsStrings } from '../export/documentJson.ts';
import { encodeSavedState } from '../format/encodeSavedState.ts';
import type { SavedState } from '../model/savedState.ts';
import { arbSavedState } from '../testing/arbitraries.ts';
import { loadDtFixtures } from '../testing/dtFixtures.ts';
import { loadFixtures } from '../testing/fixtures.ts';
import { currentState, pushState, redo, startHistory, undo } from './history.ts';
import { addMemory, addMmio, EditError, mergeWithNext, move, remove, resize, setAttributes, setCpuLists, split } from './operations.ts';
import { templateState } from './templates.ts';

const dt = (name: string) => loadDtFixtures().find((f) => f.name === name)!.expected.saved_state_from_dt;
const json = (s: SavedState) => withBigintsAsStrings(s);

describe('templates', () => {
  it('x64 and SNP are the states the fixtures\' device trees imply, exactly', () => {
    expect(json(templateState('x64-2node-host'))).toEqual(dt('dt01_x64_2node_host'));
    expect(json(templateState('snp'))).toEqual(dt('dt02_snp_vtl2_alloc'));
  });

  it('TDX is the SNP layout with the TDX page tables where SNP reserves pages', () => {
    const tdx = templateState('tdx');
    const snp = templateState('snp');
    expect(tdx.partition_memory.map((e) => e.vtl_type.name)).toEqual(snp.partition_memory.map((e) => (e.vtl_type.name === 'VTL2_RESERVED' ? 'VTL2_TDX_PAGE_TABLES' : e.vtl_type.name)));
    expect(tdx.partition_memory.map((e) => e.range)).toEqual(snp.partition_memory.map((e) => e.range));
  });
});

describe('edits', () => {
  const base = templateState('x64-2node-host');
  const ram = { table: 'memory' as const, index: 7 }; // VTL2_RAM 0x4_8001_4000..0x4_8280_0000

  it('split and merge back give the same state', () => {
    const cut = split(base, ram, 0x4_8100_0000n);
    expect(cut.partition_memory).toHaveLength(base.partition_memory.length + 1);
    expect(cut.partition_memory[7]!.range).toEqual({ start: 0x4_8001_4000n, end: 0x4_8100_0000n });
    expect(cut.partition_memory[8]!.range).toEqual({ start: 0x4_8100_0000n, end: 0x4_8280_0000n });
    expect(mergeWithNext(cut, ram)).toEqual(base);
  });

  it('refuse what cannot be done, naming why', () => {
    expect(() => split(base, ram, 0x4_8001_4000n)).toThrow(EditError);
    expect(() => split(base, ram, 0x10n)).toThrow(/not inside 0x480014000..0x482800000/);
    expect(() => mergeWithNext(base, { table: 'memory', index: 1 })).toThrow('memory #1 ends at 0x80000000, not where #2 starts (0x100000000)');
    expect(() => remove(base, { table: 'mmio', index: 9 })).toThrow(/no mmio entry #9/);
    expect(() => setAttributes(base, { table: 'mmio', index: 0 }, { vnode: 1 })).toThrow(/no vnode/);
    expect(() => resize(base, ram, -1n, 5n)).toThrow(/not a u64/);
  });

  it('move: an end of exactly 2^64 is refused as past 2^64-1, saying so; 2^64-1 is taken', () => {
    const size = 0x4_8280_0000n - 0x4_8001_4000n;
    const top = (1n << 64n) - size;
    expect(() => move(base, ram, top)).toThrow(`moved to ${'0x' + top.toString(16)}, the range would end at 0x10000000000000000, past 2^64-1`);
    expect(move(base, ram, top - 1n).partition_memory[7]!.range.end).toBe((1n << 64n) - 1n);
  });

  it('an IGVM type is a whole u16, when added and when set', () => {
    for (const igvmType of [-1, 0x1_0000, 1.5, Number.NaN]) {
      expect(() => addMemory(base, { start: 0n, end: 0x1000n, vtlType: 0, igvmType })).toThrow(`IGVM type ${igvmType} is not a u16`);
      expect(() => setAttributes(base, ram, { igvmType })).toThrow(`IGVM type ${igvmType} is not a u16`);
    }
    expect(setAttributes(base, ram, { igvmType: 0xffff }).partition_memory[7]!.igvm_type).toEqual({ value: 0xffff, name: null });
  });

  it('add in order of start, move keeps the size, attributes change by number with names from the schema', () => {
    const added = addMemory(base, { start: 0x8000_0000n, end: 0x8000_1000n, vnode: 1, vtlType: 8, igvmType: 3 });
    expect(added.partition_memory[2]).toEqual({ range: { start: 0x8000_0000n, end: 0x8000_1000n }, vnode: 1, vtl_type: { value: 8, name: 'VTL2_GPA_POOL' }, igvm_type: { value: 3, name: 'VTL2_PROTECTABLE' } });
    const moved = move(added, { table: 'memory', index: 2 }, 0x9000_0000n);
    expect(moved.partition_memory[2]!.range).toEqual({ start: 0x9000_0000n, end: 0x9000_1000n });
    const retyped = setAttributes(base, ram, { vtlType: 99, vnode: 1, igvmType: 0 });
    expect(retyped.partition_memory[7]).toMatchObject({ vnode: 1, vtl_type: { value: 99, name: null }, igvm_type: { value: 0, name: 'MEMORY' } });
    expect(addMmio(base, { start: 0x1n, end: 0x2n, vtlType: 6 }).partition_mmio[0]!.vtl_type).toEqual({ value: 6, name: 'VTL2_MMIO' });
    expect(setCpuLists(base, { withMappedInterruptsNoIo: [3, 1], withOutstandingIo: [2] })).toMatchObject({ cpus_with_mapped_interrupts_no_io: [3, 1], cpus_with_outstanding_io: [2] });
  });

  it('never mutate the state they are given (property)', () => {
    fc.assert(
      fc.property(arbSavedState, fc.bigInt({ min: 0n, max: 1n << 40n }), (state, at) => {
        const before = json(state);
        const ref = state.partition_memory.length > 0 ? { table: 'memory' as const, index: 0 } : null;
        for (const edit of [() => addMemory(state, { start: at, end: at + 0x1000n, vtlType: 1 }), () => ref && remove(state, ref), () => ref && resize(state, ref, at, at), () => ref && setAttributes(state, ref, { vtlType: 2 })]) {
          try {
            edit();
          } catch (err) {
            if (!(err instanceof EditError)) throw err;
          }
        }
        expect(json(state)).toEqual(before);
      }),
      { numRuns: 200 },
    );
  });
});

describe('history', () => {
  it('undoing every edit of a fixture gives back its exact bytes; redo replays them', () => {
    const p03 = loadFixtures().find((f) => f.name === 'p03_realistic_x64_2node')!;
    const original = templateState('x64-2node-host');
    const withCpus = setCpuLists(original, { withMappedInterruptsNoIo: [0, 2, 5], withOutstandingIo: [1, 130] });
    expect(encodeSavedState(withCpus)).toEqual(p03.bytes);
    let h = startHistory(withCpus, 'p03');
    h = pushState(h, split(currentState(h), { table: 'memory', index: 7 }, 0x4_8100_0000n), 'split');
    h = pushState(h, setAttributes(currentState(h), { table: 'memory', index: 8 }, { vtlType: 8 }), 'retype');
    expect(encodeSavedState(currentState(h))).not.toEqual(p03.bytes);
    h = undo(undo(h));
    expect(encodeSavedState(currentState(h))).toEqual(p03.bytes);
    h = redo(h);
    expect(currentState(h).partition_memory).toHaveLength(15);
    // An edit after an undo drops what was undone.
    h = pushState(h, remove(currentState(h), { table: 'mmio', index: 0 }), 'remove');
    expect(h.states).toHaveLength(3);
    expect(redo(h)).toEqual(h);
  });
});
