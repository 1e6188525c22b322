// Figure: comparing two 10,000-range topologies (compareTopologies: both
// sweeps, CPUs, regions, servicing checks, summary), against decoding one
// 10,000-entry payload, interleaved. B is A with every 97th range retyped,
// every 101st split in two and one MMIO range moved, so the comparison has
// pieces, boundary-only changes and failing checks to report.
// Run alone: `npx tsx bench/compare.ts [--quick]`.
import { compareTopologies } from '../web/lib/analysis/compare/index.ts';
import { encodeSavedState } from '../web/lib/format/encodeSavedState.ts';
import { decodeSavedState } from '../web/lib/format/savedState.ts';
import type { MemoryEntry, SavedState } from '../web/lib/model/savedState.ts';
import { savedStateDoc } from '../web/lib/testing/savedStateDoc.ts';
import { syntheticSavedState } from '../web/lib/testing/syntheticTopology.ts';
import { DECODE_ENTRIES, DECODE_VNODES } from './decode.ts';
import { interleave, keep, median, timePerCall } from './stats.ts';

export interface CompareResult {
  entries: number;
  pieces: number;
  boundaryChanges: number;
  /** Median ms per comparison, and per decode of one payload. */
  compareMs: number;
  decodeMs: number;
  /** Median of the per-repeat ratios compare / decode (interleaved). */
  ratio: number;
  repeats: number;
}

/** A with every 97th range retyped, every 101st split, the first MMIO range moved up 1 GiB. */
export function variantOf(a: SavedState): SavedState {
  const memory: MemoryEntry[] = [];
  a.partition_memory.forEach((e, i) => {
    const pages = (e.range.end - e.range.start) / 0x1000n;
    if (i % 101 === 0 && pages >= 2n) {
      const mid = e.range.start + (pages / 2n) * 0x1000n;
      memory.push({ ...e, range: { start: e.range.start, end: mid } }, { ...e, range: { start: mid, end: e.range.end } });
    } else if (i % 97 === 0) memory.push({ ...e, vtl_type: e.vtl_type.value === 0 ? { value: 1, name: 'VTL2_RAM' } : { value: 0, name: 'VTL0' } });
    else memory.push(e);
  });
  const mmio = a.partition_mmio.map((e, i) => (i === 0 ? { ...e, range: { start: e.range.start + (1n << 30n) * 64n, end: e.range.end + (1n << 30n) * 64n } } : e));
  return { ...a, partition_memory: memory, partition_mmio: mmio };
}

export async function runCompareBench({ quick = false } = {}): Promise<CompareResult> {
  const stateA = syntheticSavedState({ entries: DECODE_ENTRIES, vnodes: DECODE_VNODES });
  const a = savedStateDoc(stateA);
  const b = savedStateDoc(variantOf(stateA));
  const bytes = encodeSavedState(stateA);
  // Sanity: the comparison really finds what was changed.
  const result = compareTopologies(a, b);
  if (result.memory.length < 50 || result.boundaries.length < 50 || result.mmio.length === 0) throw new Error('compare bench: the variant does not differ as built');

  const probeCompare = timePerCall(() => compareTopologies(a, b), 3);
  const probeDecode = timePerCall(() => decodeSavedState(bytes), 5);
  const compareIterations = Math.max(1, Math.round(50 / probeCompare));
  const decodeIterations = Math.max(1, Math.round(50 / probeDecode));
  const repeats = quick ? 7 : 31;
  const paired = await interleave(
    () => timePerCall(() => compareTopologies(a, b), compareIterations),
    () => timePerCall(() => decodeSavedState(bytes), decodeIterations),
    { repeats, warmup: quick ? 2 : 5 },
  );
  keep(result);
  return {
    entries: DECODE_ENTRIES,
    pieces: result.memory.length + result.mmio.length,
    boundaryChanges: result.boundaries.length,
    compareMs: median(paired.measured),
    decodeMs: median(paired.baseline),
    ratio: paired.ratio,
    repeats,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await runCompareBench({ quick: process.argv.includes('--quick') }));
}
