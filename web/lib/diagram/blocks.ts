// What the diagram draws, before any geometry: the columns (one per vnode, one
// for MMIO) and the blocks in each, sorted by address. A block is one entry,
// or, where the diagram would otherwise be unbounded, a run of entries merged:
// - beyond `maxBlocks` blocks in all, each column keeps a share of the budget
//   (shareBudget): first adjacent entries of one VTL and IGVM type merge, then
//   runs of any type in address order, cut at the widest holes first (the
//   persisted-state entries always stand alone);
// - ranges overlapping more than `maxLanes` deep in one column (only a damaged
//   or hostile input has them) merge into one block;
// - beyond `maxVnodeColumns` vnodes, the highest share one column.
import type { Entry, EntryTable } from '../model/entries.ts';
import { entrySize } from '../model/entries.ts';

export interface BlockLimits {
  maxBlocks: number;
  minBlocksPerColumn: number;
  maxLanes: number;
  maxVnodeColumns: number;
}

export const BLOCK_LIMITS: BlockLimits = { maxBlocks: 200, minBlocksPerColumn: 2, maxLanes: 4, maxVnodeColumns: 64 };

export interface PlannedBlock {
  kind: 'entry' | 'merged';
  table: EntryTable;
  /** In address order; one for an entry block. */
  entries: Entry[];
  /** Drawn over [start, drawEnd): an empty or inverted range is drawn as a point at its start. */
  start: bigint;
  drawEnd: bigint;
  /** The VTL type covering the most bytes (ties and empty runs: the first met). */
  vtlType: number;
  pinned: boolean;
}

export interface PlannedColumn {
  key: string;
  label: string;
  /** The vnode it draws; null for MMIO and for the column the vnodes past the limit share. */
  vnode: number | null;
  /** More than one vnode shares it: blocks then say which. */
  sharedByVnodes: boolean;
  blocks: PlannedBlock[];
}

export interface BlockPlan {
  columns: PlannedColumn[];
  /** Entries drawn (after the mode's filter). */
  entries: number;
}

/**
 * An address span as integer keys in which every range, empty ones too, is a
 * closed interval: [s, e) is [2s+1, 2e-1] and a point at s is [2s, 2s]. Two
 * blocks overlap exactly when their keys do; a point inside a range overlaps it,
 * a point at a range's edge does not.
 */
export function spanKeys(start: bigint, drawEnd: bigint): { lo: bigint; hi: bigint } {
  return drawEnd > start ? { lo: 2n * start + 1n, hi: 2n * drawEnd - 1n } : { lo: 2n * start, hi: 2n * start };
}

export function planBlocks(entries: readonly Entry[], isPinned: (entry: Entry) => boolean, limits: BlockLimits = BLOCK_LIMITS): BlockPlan {
  const columns = groupIntoColumns(entries, isPinned, limits.maxVnodeColumns);
  for (const column of columns) column.blocks = collapseDeepOverlaps(column.blocks, limits.maxLanes);
  const budgets = shareBudget(columns.map((c) => c.blocks.length), limits);
  columns.forEach((column, i) => {
    if (column.blocks.length > budgets[i]!) column.blocks = collapseDeepOverlaps(mergeToBudget(column.blocks, budgets[i]!), limits.maxLanes);
  });
  return { columns, entries: entries.length };
}

/**
 * Each column's share of `maxBlocks`: a column that needs fewer than an even
 * share keeps every block, the others split what is left evenly (never below
 * `minBlocksPerColumn`).
 */
export function shareBudget(counts: readonly number[], { maxBlocks, minBlocksPerColumn }: Pick<BlockLimits, 'maxBlocks' | 'minBlocksPerColumn'>): number[] {
  const order = counts.map((n, i) => ({ n, i })).sort((a, b) => a.n - b.n || a.i - b.i);
  const budgets = new Array<number>(counts.length);
  let left = maxBlocks;
  order.forEach(({ n, i }, k) => {
    const share = Math.max(minBlocksPerColumn, Math.floor(left / (order.length - k)));
    budgets[i] = Math.min(n, share);
    left = Math.max(0, left - budgets[i]!);
  });
  return budgets;
}

/** Vnode columns in vnode order, then MMIO; the vnodes past the limit share the last vnode column. */
function groupIntoColumns(list: readonly Entry[], isPinned: (entry: Entry) => boolean, maxVnodeColumns: number): PlannedColumn[] {
  const vnodes = [...new Set(list.flatMap((e) => (e.vnode === null ? [] : [e.vnode])))].sort((a, b) => a - b);
  const own = vnodes.length > maxVnodeColumns ? vnodes.slice(0, maxVnodeColumns - 1) : vnodes;
  const rest = vnodes.slice(own.length);
  const byKey = new Map<string, PlannedColumn>();
  for (const v of own) byKey.set(`vnode-${v}`, { key: `vnode-${v}`, label: `vnode ${v}`, vnode: v, sharedByVnodes: false, blocks: [] });
  if (rest.length > 0) byKey.set('vnodes-rest', { key: 'vnodes-rest', label: `vnodes ${rest[0]}–${rest[rest.length - 1]} (${rest.length})`, vnode: null, sharedByVnodes: true, blocks: [] });
  byKey.set('mmio', { key: 'mmio', label: 'MMIO', vnode: null, sharedByVnodes: false, blocks: [] });
  const ownSet = new Set(own);
  for (const entry of list) {
    const key = entry.vnode === null ? 'mmio' : ownSet.has(entry.vnode) ? `vnode-${entry.vnode}` : 'vnodes-rest';
    byKey.get(key)!.blocks.push(entryBlock(entry, isPinned(entry)));
  }
  const result = [...byKey.values()].filter((c) => c.blocks.length > 0);
  for (const c of result) c.blocks.sort(byAddress);
  return result;
}

function entryBlock(entry: Entry, pinned: boolean): PlannedBlock {
  return { kind: 'entry', table: entry.ref.table, entries: [entry], start: entry.start, drawEnd: entry.end > entry.start ? entry.end : entry.start, vtlType: entry.vtlType.value, pinned };
}

function byAddress(a: PlannedBlock, b: PlannedBlock): number {
  const ka = spanKeys(a.start, a.drawEnd);
  const kb = spanKeys(b.start, b.drawEnd);
  if (ka.lo !== kb.lo) return ka.lo < kb.lo ? -1 : 1;
  if (ka.hi !== kb.hi) return ka.hi < kb.hi ? -1 : 1;
  const ra = a.entries[0]!.ref;
  const rb = b.entries[0]!.ref;
  return ra.table === rb.table ? ra.index - rb.index : ra.table === 'memory' ? -1 : 1;
}

/** One block for a run, in the order given. */
function mergeBlocks(run: readonly PlannedBlock[]): PlannedBlock {
  if (run.length === 1) return run[0]!;
  const entries = run.flatMap((b) => b.entries);
  let start = run[0]!.start;
  let drawEnd = run[0]!.drawEnd;
  const bytes = new Map<number, bigint>();
  for (const b of run) {
    if (b.start < start) start = b.start;
    if (b.drawEnd > drawEnd) drawEnd = b.drawEnd;
  }
  for (const e of entries) bytes.set(e.vtlType.value, (bytes.get(e.vtlType.value) ?? 0n) + entrySize(e));
  let vtlType = entries[0]!.vtlType.value;
  for (const [type, n] of bytes) if (n > bytes.get(vtlType)!) vtlType = type;
  return { kind: 'merged', table: run[0]!.table, entries, start, drawEnd, vtlType, pinned: false };
}

/**
 * Lanes a column needs so no two overlapping blocks share one: first fit in
 * address order (optimal for intervals). Stops counting past `limit`.
 */
export function assignLanes(blocks: readonly PlannedBlock[], limit = Infinity): { lanes: number[]; count: number } {
  const laneEnds: bigint[] = [];
  const lanes: number[] = [];
  for (const b of blocks) {
    const { lo, hi } = spanKeys(b.start, b.drawEnd);
    let lane = laneEnds.findIndex((end) => end < lo);
    if (lane < 0) {
      lane = laneEnds.push(hi) - 1;
      if (laneEnds.length > limit) break;
    } else laneEnds[lane] = hi;
    lanes.push(lane);
  }
  return { lanes, count: laneEnds.length };
}

/** Merges every cluster of overlapping blocks that needs more than `maxLanes` lanes. */
function collapseDeepOverlaps(blocks: PlannedBlock[], maxLanes: number): PlannedBlock[] {
  const out: PlannedBlock[] = [];
  let cluster: PlannedBlock[] = [];
  let clusterHi = -1n;
  const flush = () => {
    if (cluster.length === 0) return;
    if (assignLanes(cluster, maxLanes).count > maxLanes) out.push(mergeBlocks(cluster));
    // One by one: a cluster may hold every entry, too many to spread as arguments.
    else for (const b of cluster) out.push(b);
    cluster = [];
  };
  for (const b of blocks) {
    const { lo, hi } = spanKeys(b.start, b.drawEnd);
    if (cluster.length > 0 && lo > clusterHi) flush();
    cluster.push(b);
    clusterHi = cluster.length === 1 || hi > clusterHi ? hi : clusterHi;
  }
  flush();
  return out.sort(byAddress);
}

/** At most about `budget` blocks (the pinned ones come on top): same-type neighbours first, then runs of any type. */
function mergeToBudget(blocks: PlannedBlock[], budget: number): PlannedBlock[] {
  const sameType = mergeRuns(blocks, (run, next) => {
    const last = run[run.length - 1]!;
    const a = last.entries[0]!;
    const b = next.entries[0]!;
    return next.start === last.drawEnd && last.kind === 'entry' && next.kind === 'entry' && a.vtlType.value === b.vtlType.value && (a.igvmType?.value ?? -1) === (b.igvmType?.value ?? -1);
  });
  return sameType.length <= budget ? sameType : mergeIntoRuns(sameType, budget);
}

/**
 * At most `budget` runs (and the pinned blocks alone). The cuts go first to the
 * widest holes, so no merged run hides a large one (a vnode's RAM low and its
 * VTL2 memory high stay apart); cuts left over halve the longest runs, at a
 * change of type near the middle when there is one.
 */
function mergeIntoRuns(blocks: readonly PlannedBlock[], budget: number): PlannedBlock[] {
  const n = blocks.length;
  const cutsWanted = Math.max(0, budget - blocks.filter((b) => b.pinned).length - 1);
  const holes: { at: number; size: bigint }[] = [];
  for (let i = 1; i < n; i++) if (blocks[i]!.start > blocks[i - 1]!.drawEnd) holes.push({ at: i, size: blocks[i]!.start - blocks[i - 1]!.drawEnd });
  holes.sort((a, b) => (a.size !== b.size ? (a.size > b.size ? -1 : 1) : a.at - b.at));
  const cuts = new Set(holes.slice(0, cutsWanted).map((h) => h.at));
  while (cuts.size < cutsWanted) {
    // The longest run, halved.
    const bounds = [0, ...[...cuts].sort((a, b) => a - b), n];
    let longest = 0;
    for (let k = 1; k < bounds.length - 1; k++) if (bounds[k + 1]! - bounds[k]! > bounds[longest + 1]! - bounds[longest]!) longest = k;
    const [from, to] = [bounds[longest]!, bounds[longest + 1]!];
    if (to - from < 2) break;
    const middle = from + Math.floor((to - from) / 2);
    const reach = Math.floor((to - from) / 4);
    let at = middle;
    for (let d = 0; d <= reach; d++) {
      const found = [middle - d, middle + d].find((i) => i > from && i < to && blocks[i]!.vtlType !== blocks[i - 1]!.vtlType);
      if (found !== undefined) {
        at = found;
        break;
      }
    }
    cuts.add(at);
  }
  blocks.forEach((b, i) => {
    if (b.pinned) cuts.add(i).add(i + 1);
  });
  const out: PlannedBlock[] = [];
  let run: PlannedBlock[] = [];
  blocks.forEach((b, i) => {
    if (cuts.has(i) && run.length > 0) {
      out.push(mergeBlocks(run));
      run = [];
    }
    run.push(b);
  });
  if (run.length > 0) out.push(mergeBlocks(run));
  return out;
}

/** Groups consecutive unpinned blocks while `joins` says so; each group becomes one block. */
function mergeRuns(blocks: readonly PlannedBlock[], joins: (run: readonly PlannedBlock[], next: PlannedBlock) => boolean): PlannedBlock[] {
  const out: PlannedBlock[] = [];
  let run: PlannedBlock[] = [];
  for (const b of blocks) {
    if (b.pinned) {
      if (run.length > 0) out.push(mergeBlocks(run));
      out.push(b);
      run = [];
    } else if (run.length > 0 && joins(run, b)) {
      run.push(b);
    } else {
      if (run.length > 0) out.push(mergeBlocks(run));
      run = [b];
    }
  }
  if (run.length > 0) out.push(mergeBlocks(run));
  return out;
}
