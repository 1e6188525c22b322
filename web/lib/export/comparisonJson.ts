// The JSON document of a comparison: what `cli diff` prints (and what a view
// may export). Conventions of the decode document: u64 values as decimal
// strings, enums `{ value, name }`, snake_case names.
import type { ChangedPiece, RangeAttributes, RegionName, TopologyComparison } from '../analysis/compare/index.ts';
import { releaseRuleStatements } from '../analysis/releases.ts';
import type { OpenhclRelease } from '../model/view.ts';
import type { DecodeErrorInfo } from '../format/errors.ts';
import type { EnumValue } from '../model/savedState.ts';
import type { InputKind, Span, TopologyDocument } from '../model/topology.ts';
import { stemOf, type ExportFile } from './exports.ts';

/** One side: the file, what it was read as, whether it holds a topology (and why not). */
export interface ComparedInputJson {
  file: string;
  kind: InputKind | null;
  ok: boolean;
  error?: Pick<DecodeErrorInfo, 'code' | 'message' | 'offset' | 'expected'>;
}

type EnumJson = { value: number; name: string | null };
/** Memory: all three; MMIO: `vtl_type` only. */
export type AttributesJson = { vtl_type: EnumJson; vnode?: number; igvm_type?: EnumJson };
/** null: no range there; one object; an array only where the side's own entries overlap with different attributes. */
export type CoverJson = AttributesJson | AttributesJson[] | null;
type SpanJson = [string, string];

export interface CpuListJson {
  /** False when a side does not record the list (a device tree). */
  compared: boolean;
  same: boolean;
  a: number[];
  b: number[];
  only_a: number[];
  only_b: number[];
}

export interface ComparisonJson {
  a: ComparedInputJson;
  b: ComparedInputJson;
  same: boolean;
  release: OpenhclRelease;
  release_rules: string[];
  /** `a_more`/`b_more` only in hostile input: attributes covering the piece beyond the 64 listed. */
  memory_changes: PieceJson[];
  mmio_changes: PieceJson[];
  /** `a_more`/`b_more` only in hostile input: ranges overlapping the span beyond the first 64 listed. */
  boundary_changes: { table: 'memory' | 'mmio'; start: string; end: string; a_ranges: SpanJson[]; b_ranges: SpanJson[]; a_more?: number; b_more?: number }[];
  cpu_changes: {
    cpus_with_mapped_interrupts_no_io: CpuListJson;
    cpus_with_outstanding_io: CpuListJson;
    /** CPU → vnode (and reg), where both inputs map CPUs to vnodes. */
    cpu_vnodes: { compared: boolean; changes: { cpu: number; a: CpuJson | null; b: CpuJson | null }[] };
  };
  region_changes: { region: 'persisted_header' | 'protobuf_region' | 'accepted'; a: SpanJson[]; b: SpanJson[] }[];
  servicing_checks: { id: string; rule: string; outcome: 'pass' | 'fail' | 'n/a'; detail: string }[];
  summary: string;
}

type CpuJson = { reg: string; vnode: number };
type PieceJson = { start: string; end: string; a: CoverJson; b: CoverJson; a_more?: number; b_more?: number };

/** The counts of what was not listed, only where there is some. */
function more(x: { aMore: number; bMore: number }): { a_more?: number; b_more?: number } {
  return { ...(x.aMore ? { a_more: x.aMore } : {}), ...(x.bMore ? { b_more: x.bMore } : {}) };
}

const enumJson = (e: EnumValue): EnumJson => ({ value: e.value, name: e.name });
const spanJson = (s: Span): SpanJson => [s.start.toString(), s.end.toString()];

function attributesJson(x: RangeAttributes): AttributesJson {
  const out: AttributesJson = { vtl_type: enumJson(x.vtlType) };
  if (x.vnode !== null) out.vnode = x.vnode;
  if (x.igvmType !== null) out.igvm_type = enumJson(x.igvmType);
  return out;
}

function coverJson(cover: RangeAttributes[]): CoverJson {
  if (cover.length === 0) return null;
  if (cover.length === 1) return attributesJson(cover[0]!);
  return cover.map(attributesJson);
}

const pieceJson = (p: ChangedPiece): PieceJson => ({ start: p.start.toString(), end: p.end.toString(), a: coverJson(p.a), b: coverJson(p.b), ...more(p) });

const REGION_JSON: Record<RegionName, ComparisonJson['region_changes'][number]['region']> = { persistedHeader: 'persisted_header', protobufRegion: 'protobuf_region', accepted: 'accepted' };

export function comparedInputJson(file: string, doc: TopologyDocument | null, error: DecodeErrorInfo | null): ComparedInputJson {
  const failure = error ?? doc?.error ?? null;
  const out: ComparedInputJson = { file, kind: doc?.format.kind ?? null, ok: failure === null };
  if (failure) out.error = { code: failure.code, message: failure.message, offset: failure.offset, expected: failure.expected };
  return out;
}

export function comparisonToJson(c: TopologyComparison, a: ComparedInputJson, b: ComparedInputJson): ComparisonJson {
  const list = (d: TopologyComparison['cpus']['withOutstandingIo']): CpuListJson => ({ compared: d.compared, same: d.same, a: d.a, b: d.b, only_a: d.onlyA, only_b: d.onlyB });
  return {
    a,
    b,
    same: c.same,
    release: c.release,
    release_rules: releaseRuleStatements(c.release),
    memory_changes: c.memory.map(pieceJson),
    mmio_changes: c.mmio.map(pieceJson),
    boundary_changes: c.boundaries.map((x) => ({ table: x.table, start: x.start.toString(), end: x.end.toString(), a_ranges: x.a.map(spanJson), b_ranges: x.b.map(spanJson), ...more(x) })),
    cpu_changes: {
      cpus_with_mapped_interrupts_no_io: list(c.cpus.withMappedInterruptsNoIo),
      cpus_with_outstanding_io: list(c.cpus.withOutstandingIo),
      cpu_vnodes: {
        compared: c.cpus.vnodes.compared,
        changes: c.cpus.vnodes.changes.map((x) => ({ cpu: x.index, a: x.a && { reg: x.a.reg.toString(), vnode: x.a.vnode }, b: x.b && { reg: x.b.reg.toString(), vnode: x.b.vnode } })),
      },
    },
    region_changes: c.regions.map((r) => ({ region: REGION_JSON[r.region], a: r.a.map(spanJson), b: r.b.map(spanJson) })),
    servicing_checks: c.servicing.map((s) => ({ id: s.id, rule: s.rule, outcome: s.outcome, detail: s.detail })),
    summary: c.summary,
  };
}

/** What `cli diff A B` prints, as a file to save: `A.vs.B.diff.json`. */
export function comparisonFile(c: TopologyComparison, a: { name: string; doc: TopologyDocument }, b: { name: string; doc: TopologyDocument }): ExportFile {
  const json = comparisonToJson(c, comparedInputJson(a.name, a.doc, null), comparedInputJson(b.name, b.doc, null));
  return { fileName: `${stemOf(a.name)}.vs.${stemOf(b.name)}.diff.json`, mimeType: 'application/json', content: `${JSON.stringify(json, null, 2)}\n` };
}
