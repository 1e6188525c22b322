// The persisted-state region called out beside the columns: the header page
// and the protobuf region from doc.regions, with the header's fields when the
// image has a header OpenHCL would read (persistedMarkers says which), or, in
// VTL2 mode, one detail figure of the region: the four header fields, the rest
// of the header page, the payload, the rest of the protobuf region and the
// rest of the 2 MiB the loader reserves. Built at the origin; layout.ts moves it.
import { HEADER_FIELDS, PERSISTED_REGION_SIZE } from '../format/header.ts';
import { headerOfRegions, persistedMarkers, type PersistedMark } from '../layout/persisted.ts';
import { entryByRef, refLabel } from '../model/entries.ts';
import { binarySize, exactBytes, groupedHex, sizeWithExact } from '../model/text.ts';
import type { PersistedHeader } from '../model/persistedState.ts';
import type { NotedRegion, Span, TopologyDocument } from '../model/topology.ts';
import { VTL } from '../model/vtlTypes.ts';
import { vtlColor } from './colors.ts';
import { FONT, LINE, path, rect, textAt, textCentredOn } from './draw.ts';
import { textWidth } from './metrics.ts';
import type { DiagramMode, Paint, ScenePath, SceneRect, SceneText } from './scene.ts';

export interface CalloutContent {
  region: 'header' | 'protobuf' | 'persisted';
  /** What its bracket spans. */
  spans: Span[];
  width: number;
  height: number;
  frame: SceneRect;
  rows: SceneRect[];
  paths: ScenePath[];
  texts: SceneText[];
}

const PAD = 8;
/** Room under the last row for its boundary label. */
const PAD_BOTTOM = 14;

export function persistedCallouts(doc: TopologyDocument, mode: DiagramMode): CalloutContent[] {
  if (mode === 'vtl2') {
    const detail = persistedDetail(doc);
    return detail ? [detail] : [];
  }
  // persistedMarkers decides, as for the map, whether the header or the entries say where each region is.
  const marks = persistedMarkers(doc);
  const header = headerOfRegions(doc);
  const payload = payloadOf(doc);
  const out: CalloutContent[] = [];
  if (marks.header) out.push(markCallout('header', 'Persisted-state header page', marks.header, entryLine(doc, doc.regions.persistedHeader, 'VTL2_PERSISTED_STATE_HEADER'), header ? headerFields(header) : []));
  if (marks.protobuf) out.push(markCallout('protobuf', 'Protobuf region', marks.protobuf, entryLine(doc, doc.regions.protobufRegion, 'VTL2_PERSISTED_STATE_PROTOBUF'), payloadFields(marks.protobuf, payload)));
  return out;
}

interface PayloadInfo {
  /** What it is called: the payload read, or the one a device tree's next servicing would write. */
  name: string;
  length: bigint;
}

/** The SavedState at the start of the protobuf region: the header's count, the payload this input is, or a device tree's implied one. */
function payloadOf(doc: TopologyDocument): PayloadInfo | null {
  const header = headerOfRegions(doc);
  if (header) return { name: 'payload', length: header.protobuf_payload_len };
  if (doc.format.kind === 'device-tree') return doc.format.impliedPayload ? { name: 'next payload', length: BigInt(doc.format.impliedPayload.length) } : null;
  return doc.format.payload ? { name: 'payload', length: BigInt(doc.format.payload.length) } : null;
}

function headerFields(header: PersistedHeader): { name: string; value: string }[] {
  return [
    { name: 'magic', value: header.magicKind === 'valid' ? header.magicText : `${header.magicText} (${header.magicKind})` },
    { name: 'protobuf_base', value: groupedHex(header.protobuf_base) },
    { name: 'protobuf_region_len', value: `${groupedHex(header.protobuf_region_len)} (${sizeWithExact(header.protobuf_region_len)})` },
    { name: 'protobuf_payload_len', value: sizeWithExact(header.protobuf_payload_len) },
  ];
}

function payloadFields(region: Span, payload: PayloadInfo | null): { name: string; value: string }[] {
  if (payload === null) return [];
  const payloadLen = payload.length;
  const size = region.end - region.start;
  const fields = [{ name: payload.name, value: `${sizeWithExact(payloadLen)}, at its start` }];
  if (payloadLen < size) fields.push({ name: 'rest', value: `${binarySize(size - payloadLen)}, not zeroed` });
  if (payloadLen > size) fields.push({ name: 'past its end', value: exactBytes(payloadLen - size) });
  return fields;
}

/** Which entry (and so which column) the region is: the bracket stands at the right of all columns. */
function entryLine(doc: TopologyDocument, region: NotedRegion | null, type: keyof typeof VTL): string {
  const entry = entryByRef(doc.entries, region?.entry ?? null);
  if (!entry) return `no ${type} entry`;
  return `${region!.source === 'entry' ? 'from' : 'entry'} ${refLabel(entry.ref)}${entry.vnode === null ? '' : ` · vnode ${entry.vnode}`}`;
}

function markCallout(region: 'header' | 'protobuf', title: string, mark: PersistedMark, entry: string, fields: { name: string; value: string }[]): CalloutContent {
  const texts: SceneText[] = [];
  let y = PAD + 10;
  texts.push(textAt(title, PAD, y, { bold: true }));
  y += LINE;
  texts.push(textAt(`${groupedHex(mark.start)} – ${groupedHex(mark.end)} · ${binarySize(mark.end - mark.start)}`, PAD, y));
  y += LINE;
  texts.push(textAt(entry, PAD, y));
  const nameWidth = Math.max(0, ...fields.map((f) => textWidth(f.name, FONT.body))) + 12;
  for (const field of fields) {
    y += LINE;
    texts.push(textAt(field.name, PAD, y, { fill: 'muted' }));
    texts.push(textAt(field.value, PAD + nameWidth, y));
  }
  const width = Math.max(...texts.map((t) => t.box.x + t.box.width)) + PAD;
  const height = y + PAD;
  return { region, spans: [mark], width, height, frame: rect(0, 0, width, height, 'panel', 'line'), rows: [], paths: [], texts };
}

interface DetailRow extends Span {
  lines: string[];
  fill: Paint;
  /** Not part of what OpenHCL reads: drawn dashed. */
  unread?: boolean;
}

function persistedDetail(doc: TopologyDocument): CalloutContent | null {
  const { persistedHeader: page, protobufRegion: region } = doc.regions;
  if (!page && !region) return null;
  const header = headerOfRegions(doc);
  const rows: DetailRow[] = [];
  if (page) rows.push(...headerPageRows(page, header, doc.format.kind));
  if (region) rows.push(...protobufRows(region, payloadOf(doc)));
  const reservedEnd = page ? page.start + BigInt(PERSISTED_REGION_SIZE) : null;
  if (header && page && region && region.start >= page.start && reservedEnd !== null && region.end < reservedEnd) {
    rows.push({ start: region.end, end: reservedEnd, lines: [`rest of the 2 MiB persisted region · ${binarySize(reservedEnd - region.end)}`, 'returned to VTL2 RAM by openhcl_boot'], fill: vtlColor(VTL.VTL2_RAM) });
  }
  rows.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));

  const texts: SceneText[] = [textAt('Persisted state, in detail', PAD, PAD + 10, { bold: true })];
  texts.push(textAt(header ? `from the image header (magic ${header.magicText})` : 'from the VTL2_PERSISTED_STATE_* entries', PAD, PAD + 10 + LINE, { fill: 'muted' }));
  const stackTop = PAD + 10 + LINE + 18;

  // High addresses at top, as in the columns: the stack is drawn from the last row down.
  const stack: { row: DetailRow | null; lines: string[]; top: bigint; bottom: bigint }[] = [];
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i]!;
    const above = stack[stack.length - 1];
    if (above && above.bottom !== row.end) {
      const lines = [above.bottom > row.end ? `gap · ${binarySize(above.bottom - row.end)}` : 'overlaps the row above'];
      stack.push({ row: null, lines, top: above.bottom, bottom: row.end });
    }
    stack.push({ row, lines: row.lines, top: row.end, bottom: row.start });
  }
  const labels = [...new Set(stack.flatMap((s) => [s.top, s.bottom]))].map((a) => groupedHex(a));
  const gutter = Math.max(...labels.map((l) => textWidth(l, FONT.body))) + 12;
  const rowWidth = Math.max(220, ...stack.flatMap((s) => s.lines.map((l) => textWidth(l, FONT.body) + 16)));
  const rowX = PAD + gutter;
  const rowRects: SceneRect[] = [];
  const paths: ScenePath[] = [];
  let y = stackTop;
  let lastLabelY = -1;
  const label = (address: bigint, at: number) => {
    if (at === lastLabelY) return;
    lastLabelY = at;
    paths.push(path([[rowX - 5, at], [rowX, at]], 'line'));
    texts.push(textCentredOn(groupedHex(address), rowX - 7, at, { anchor: 'end', fill: 'muted' }));
  };
  for (const s of stack) {
    const height = Math.max(22, s.lines.length * LINE + 8);
    const row = s.row;
    rowRects.push(rect(rowX, y, rowWidth, height, row ? row.fill : 'none', row ? (row.unread ? 'line' : 'ink') : 'none', { dashed: row?.unread ?? false }));
    if (row) label(s.top, y);
    const first = y + Math.floor((height - s.lines.length * LINE) / 2) + LINE / 2;
    s.lines.forEach((line, i) => texts.push(textCentredOn(line, rowX + 8, first + i * LINE, { fill: row ? (row.fill === 'lane' ? 'fg' : 'ink') : 'muted' })));
    y += height;
    if (row) label(s.bottom, y);
  }
  const width = rowX + rowWidth + PAD;
  const height = y + PAD_BOTTOM;
  return { region: 'persisted', spans: [page, region].filter((r): r is NotedRegion => r !== null), width, height, frame: rect(0, 0, width, height, 'panel', 'line'), rows: rowRects, paths, texts };
}

function headerPageRows(page: NotedRegion, header: PersistedHeader | null, kind: TopologyDocument['format']['kind']): DetailRow[] {
  const fill = vtlColor(VTL.VTL2_PERSISTED_STATE_HEADER);
  if (!header) {
    const note = kind === 'vtl2-image' ? 'no header OpenHCL would read' : 'its 32-byte header is not in this input';
    return [{ start: page.start, end: page.end, lines: [`header page · ${binarySize(page.end - page.start)}`, note], fill }];
  }
  // The four u64 fields, each at its offset (FORMAT.md §2).
  const rows: DetailRow[] = headerFields(header).map((f) => {
    const start = page.start + BigInt(HEADER_FIELDS.find((h) => h.name === f.name)!.offset);
    return { start, end: start + 8n, lines: [`${f.name} = ${f.value}`], fill };
  });
  const restStart = page.start + 0x20n;
  if (page.end > restStart) rows.push({ start: restStart, end: page.end, lines: [`rest of the header page · ${exactBytes(page.end - restStart)}`, 'not read'], fill: 'lane', unread: true });
  return rows;
}

function protobufRows(region: NotedRegion, payload: PayloadInfo | null): DetailRow[] {
  const payloadFill = vtlColor(VTL.VTL2_PERSISTED_STATE_PROTOBUF);
  const size = region.end - region.start;
  const payloadLen = payload?.length ?? null;
  if (payloadLen === null) return [{ start: region.start, end: region.end, lines: [`protobuf region · ${binarySize(size)}`], fill: payloadFill }];
  const rows: DetailRow[] = [];
  const payloadEnd = region.start + payloadLen;
  if (payloadLen > 0n) {
    const lines = [`SavedState ${payload!.name} · ${sizeWithExact(payloadLen)}`];
    if (payloadEnd > region.end) lines.push(`${exactBytes(payloadEnd - region.end)} past the region's end`);
    rows.push({ start: region.start, end: payloadEnd, lines, fill: payloadFill });
  }
  if (payloadEnd < region.end) {
    rows.push({ start: payloadEnd, end: region.end, lines: [`rest of the protobuf region · ${binarySize(region.end - payloadEnd)}`, 'not zeroed: may hold an older payload'], fill: 'lane', unread: true });
  }
  return rows;
}
