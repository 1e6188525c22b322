// What comparing two topologies finds (compareTopologies), as plain data for
// views and exports: the address pieces whose attributes differ, the ranges
// split or merged with no attribute change, CPU and persisted-region changes,
// and the servicing checks of B booting from the state A persisted.
import type { Entry, EntryRef, EntryTable } from '../../model/entries.ts';
import type { Cpu, Span } from '../../model/topology.ts';
import type { OpenhclRelease } from '../releases.ts';

/** What a range says about the bytes it covers: the entry's own fields (vnode and IGVM type null for MMIO). */
export type RangeAttributes = Pick<Entry, 'vtlType' | 'vnode' | 'igvmType'>;

/**
 * A maximal piece of one table's address space where A's attributes differ
 * from B's. `a` and `b` hold the distinct attributes of the entries covering
 * the piece, sorted (VTL type, vnode, IGVM type): none where no range covers
 * it, one normally, several only where a side's own entries overlap with
 * different attributes (hostile input). Adjacent pieces never hold the same
 * pair; ranges covering no bytes (start ≥ end) take no part.
 */
export interface ChangedPiece extends Span {
  table: EntryTable;
  a: RangeAttributes[];
  b: RangeAttributes[];
  /**
   * Attributes covering the piece beyond those listed (0 but in hostile input):
   * at most MAX_LISTED (64) are listed per side, so entries nested thousands deep
   * cannot make a comparison quadratic. Then `a` holds MAX_LISTED of them.
   */
  aMore: number;
  bMore: number;
}

/**
 * A stretch where both sides have the same attributes throughout but range
 * boundaries differ: one side has a boundary the other lacks (a range split
 * or merged). The span runs between boundaries both sides share; `a` and `b`
 * are the whole entries of each side overlapping it, by start.
 */
export interface BoundaryChange extends Span {
  table: EntryTable;
  a: Entry[];
  b: Entry[];
  /** Entries overlapping the span beyond the first MAX_LISTED by start (0 but in hostile input). */
  aMore: number;
  bMore: number;
}

/** One of the saved state's CPU lists on both sides, and the CPUs only one side lists. */
export interface CpuListDiff {
  /** False when a side does not record the lists (a device tree: they are run-time state); then `same` is true. */
  compared: boolean;
  same: boolean;
  a: number[];
  b: number[];
  /** Sorted, de-duplicated. */
  onlyA: number[];
  onlyB: number[];
}

/** A CPU (by VP index) whose `reg` or vnode differs, or that only one side has. */
export interface CpuVnodeChange {
  index: number;
  a: Cpu | null;
  b: Cpu | null;
}

export interface CpuChanges {
  withMappedInterruptsNoIo: CpuListDiff;
  withOutstandingIo: CpuListDiff;
  /** CPU → vnode, compared only when both sides map CPUs to vnodes (device trees). */
  vnodes: { compared: boolean; changes: CpuVnodeChange[] };
}

export type RegionName = 'persistedHeader' | 'protobufRegion' | 'accepted';

/** A region of note (doc.regions) that lies elsewhere, or exists on one side only: [] where a side has none. */
export interface RegionChange {
  region: RegionName;
  a: Span[];
  b: Span[];
}

export type CheckOutcome = 'pass' | 'fail' | 'n/a';

export type ServicingCheckId = 'boot' | 'persisted-header' | 'vtl2-ram' | 'persisted-region' | 'gpa-pool' | 'mmio' | 'cpu-lists';

/** One step of openhcl_boot reading A's persisted state when B boots, judged on A and B. */
export interface ServicingCheck {
  id: ServicingCheckId;
  /** Upstream's rule, in its own words where it has some (an assert and its message). */
  rule: string;
  outcome: CheckOutcome;
  /** Why, naming the ranges. */
  detail: string;
  /** The entries it is about on each side, for a view to select. */
  entries: { a: EntryRef[]; b: EntryRef[] };
}

export interface CompareOptions {
  /** Whose boot rules the servicing checks apply; default the current release. */
  release?: OpenhclRelease;
}

export interface TopologyComparison {
  /** No piece, boundary, CPU or region change (servicing checks do not count). */
  same: boolean;
  release: OpenhclRelease;
  memory: ChangedPiece[];
  mmio: ChangedPiece[];
  /** Memory first, then MMIO, each by address. */
  boundaries: BoundaryChange[];
  cpus: CpuChanges;
  regions: RegionChange[];
  servicing: ServicingCheck[];
  /** One line, e.g. "2 memory ranges retyped (8 KiB), VTL2 RAM grew by 32 MiB, 1 MMIO range moved". */
  summary: string;
}
