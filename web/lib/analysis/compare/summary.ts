// The one line a person reads first: what changed from A to B, e.g.
// "2 memory ranges retyped (8 KiB), VTL2 RAM grew by 32 MiB, 1 MMIO range moved".
import { binarySize } from '../../model/text.ts';
import { isRam, isVtl2 } from '../../model/vtlTypes.ts';
import type { ChangedPiece, CpuChanges, RangeAttributes, TopologyComparison } from './types.ts';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const bytesOf = (p: ChangedPiece) => p.end - p.start;
const isVtl2Ram = (cover: RangeAttributes[]) => cover.some((x) => isRam(x.vtlType.value) && isVtl2(x.vtlType.value));
const values = (cover: RangeAttributes[], of: (x: RangeAttributes) => number | null) => cover.map(of).join(',');

/** How a piece changed, by the first attribute that differs. */
export type PieceChange = 'added' | 'removed' | 'retyped' | 'vnode' | 'igvm';

export function pieceChange(p: ChangedPiece): PieceChange {
  if (p.a.length === 0) return 'added';
  if (p.b.length === 0) return 'removed';
  if (values(p.a, (x) => x.vtlType.value) !== values(p.b, (x) => x.vtlType.value)) return 'retyped';
  if (values(p.a, (x) => x.vnode) !== values(p.b, (x) => x.vnode)) return 'vnode';
  return 'igvm';
}

/** Bytes of VTL2 RAM (RAM and VTL2 types) B has more than A: negative when it shrank. Exact under overlaps, from the listed covers (all of them but in hostile input, see MAX_LISTED). */
export function vtl2RamGrowth(memory: readonly ChangedPiece[]): bigint {
  let growth = 0n;
  for (const p of memory) growth += (isVtl2Ram(p.b) ? bytesOf(p) : 0n) - (isVtl2Ram(p.a) ? bytesOf(p) : 0n);
  return growth;
}

function memoryPhrases(memory: readonly ChangedPiece[]): string[] {
  const by = (kind: PieceChange) => memory.filter((p) => pieceChange(p) === kind);
  const size = (list: ChangedPiece[]) => binarySize(list.reduce((n, p) => n + bytesOf(p), 0n));
  const out: string[] = [];
  const retyped = by('retyped');
  if (retyped.length) out.push(`${plural(retyped.length, 'memory range')} retyped (${size(retyped)})`);
  const vnode = by('vnode');
  if (vnode.length) out.push(`${plural(vnode.length, 'memory range')} on another vnode (${size(vnode)})`);
  const igvm = by('igvm');
  if (igvm.length) out.push(`${plural(igvm.length, 'memory range')} with another IGVM type (${size(igvm)})`);
  const added = by('added');
  if (added.length) out.push(`${plural(added.length, 'memory range')} added (${size(added)})`);
  const removed = by('removed');
  if (removed.length) out.push(`${plural(removed.length, 'memory range')} removed (${size(removed)})`);
  const growth = vtl2RamGrowth(memory);
  if (growth !== 0n) out.push(`VTL2 RAM ${growth > 0n ? 'grew' : 'shrank'} by ${binarySize(growth > 0n ? growth : -growth)}`);
  return out;
}

/** An MMIO piece gone from A and one new in B of the same type read as one range moved. */
function mmioPhrases(mmio: readonly ChangedPiece[]): string[] {
  const key = (cover: RangeAttributes[]) => values(cover, (x) => x.vtlType.value);
  const removed = new Map<string, number>();
  const added = new Map<string, number>();
  let retyped = 0;
  for (const p of mmio) {
    const kind = pieceChange(p);
    if (kind === 'removed') removed.set(key(p.a), (removed.get(key(p.a)) ?? 0) + 1);
    else if (kind === 'added') added.set(key(p.b), (added.get(key(p.b)) ?? 0) + 1);
    else retyped++;
  }
  let moved = 0;
  for (const [type, n] of removed) {
    const m = Math.min(n, added.get(type) ?? 0);
    moved += m;
    removed.set(type, n - m);
    added.set(type, (added.get(type) ?? 0) - m);
  }
  const sum = (map: Map<string, number>) => [...map.values()].reduce((s, n) => s + n, 0);
  const out: string[] = [];
  if (retyped) out.push(`${plural(retyped, 'MMIO range')} retyped`);
  if (moved) out.push(`${plural(moved, 'MMIO range')} moved`);
  if (sum(added)) out.push(`${plural(sum(added), 'MMIO range')} added`);
  if (sum(removed)) out.push(`${plural(sum(removed), 'MMIO range')} removed`);
  return out;
}

function cpuPhrases(cpus: CpuChanges): string[] {
  const out: string[] = [];
  if (!cpus.withMappedInterruptsNoIo.same) out.push('CPUs with mapped interrupts (no IO) differ');
  if (!cpus.withOutstandingIo.same) out.push('CPUs with outstanding IO differ');
  const vnodes = cpus.vnodes.changes;
  const onlyA = vnodes.filter((c) => !c.b).length;
  const onlyB = vnodes.filter((c) => !c.a).length;
  const moved = vnodes.length - onlyA - onlyB;
  if (moved) out.push(`${plural(moved, 'CPU')} on another vnode or reg`);
  if (onlyB) out.push(`${plural(onlyB, 'CPU')} added`);
  if (onlyA) out.push(`${plural(onlyA, 'CPU')} removed`);
  return out;
}

/** How each persisted region is named in text. */
export const REGION_WORDS = { persistedHeader: 'persisted header page', protobufRegion: 'protobuf region', accepted: 'accepted memory' } as const;

export function summarize(c: Omit<TopologyComparison, 'summary'>): string {
  const phrases = [
    ...memoryPhrases(c.memory),
    ...mmioPhrases(c.mmio),
    ...(c.boundaries.length ? [`ranges split or merged in ${plural(c.boundaries.length, 'place')} (attributes unchanged)`] : []),
    ...cpuPhrases(c.cpus),
    ...c.regions.map((r) => `${REGION_WORDS[r.region]} ${r.a.length && r.b.length ? 'moved' : r.a.length ? 'only in A' : 'only in B'}`),
  ];
  const failing = c.servicing.filter((s) => s.outcome === 'fail').map((s) => s.id);
  const servicing = failing.length ? `; servicing (${c.release}) fails: ${failing.join(', ')}` : '';
  return `${phrases.length ? phrases.join(', ') : 'same topology'}${servicing}`;
}
