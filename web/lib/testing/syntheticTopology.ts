// Large, plausible topologies made by the project's encoder, for benchmarks,
// render tests and samples: RAM split across vnodes, VTL2 carve-outs, MMIO
// above the RAM, with addresses above 2^53 so nothing can hide behind a JS number.
import type { MemoryEntry, MmioEntry, SavedState } from '../model/savedState.ts';
import { VTL_TYPE_NAMES, IGVM_TYPE_NAMES } from '../model/enumNames.ts';

const vtlNames = VTL_TYPE_NAMES;
const igvmNames = IGVM_TYPE_NAMES;
const vtl = (value: number) => ({ value, name: vtlNames.get(value) ?? null });
const igvm = (value: number) => ({ value, name: igvmNames.get(value) ?? null });

export interface SyntheticOptions {
  /** Memory entries in all (MMIO entries come on top: one pair per vnode, at most 64). */
  entries: number;
  vnodes: number;
  /** Where RAM starts; the default puts part of it above 2^53. */
  base?: bigint;
  seed?: number;
}

/** A deterministic topology of `entries` memory ranges over `vnodes` NUMA nodes. */
export function syntheticSavedState({ entries, vnodes, base = (1n << 53n) - (1n << 35n), seed = 1 }: SyntheticOptions): SavedState {
  let state = seed >>> 0 || 1;
  const random = () => {
    // xorshift32: a repeatable stream, no dependency.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
  const page = 0x1000n;
  const memory: MemoryEntry[] = [];
  let cursor = base;
  const perNode = Math.ceil(entries / vnodes);
  const vtl2Types = [1, 1, 1, 2, 7, 8, 10, 3, 4, 9];
  for (let i = 0; i < entries; i++) {
    const vnode = Math.min(vnodes - 1, Math.floor(i / perNode));
    const pages = BigInt(1 + Math.floor(random() * 4096));
    // Most ranges are VTL0 RAM; about one in five is a VTL2 carve-out.
    const vtlType = random() < 0.8 ? 0 : vtl2Types[Math.floor(random() * vtl2Types.length)]!;
    const igvmType = vtlType === 0 ? (random() < 0.9 ? 0 : 1 + Math.floor(random() * 4)) : 3;
    // Occasional holes between ranges, as firmware leaves them.
    if (random() < 0.05) cursor += page * BigInt(1 + Math.floor(random() * 1_000_000));
    memory.push({ range: { start: cursor, end: cursor + pages * page }, vnode, vtl_type: vtl(vtlType), igvm_type: igvm(igvmType) });
    cursor += pages * page;
  }
  const mmio: MmioEntry[] = [];
  let mmioCursor = (cursor + (1n << 36n)) & ~((1n << 30n) - 1n);
  for (let n = 0; n < Math.min(vnodes, 64); n++) {
    mmio.push({ range: { start: mmioCursor, end: mmioCursor + (1n << 28n) }, vtl_type: vtl(5) });
    mmio.push({ range: { start: mmioCursor + (1n << 28n), end: mmioCursor + (1n << 29n) }, vtl_type: vtl(6) });
    mmioCursor += 1n << 30n;
  }
  const cpus = Array.from({ length: vnodes * 2 }, (_, i) => i);
  return {
    partition_memory: memory,
    partition_mmio: mmio,
    cpus_with_mapped_interrupts_no_io: cpus.filter((c) => c % 3 === 0),
    cpus_with_outstanding_io: cpus.filter((c) => c % 7 === 1),
  };
}
