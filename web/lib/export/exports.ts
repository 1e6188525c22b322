// What the app's Download menu writes, DOM-free: the bytes and a file name for
// each export. The map's SVG/PNG come from web/app/map (they need the DOM).
import { encodeImage, inMemoryImageLayout, type ImageLayout, type ImageOptions } from '../format/encodeImage.ts';
import { DecodeError } from '../format/errors.ts';
import { writtenHeaderGpa } from '../format/payloadLocation.ts';
import { filterEntries } from '../model/filter.ts';
import type { TopologyDocument } from '../model/topology.ts';
import { filtersActive, type Filters } from '../model/view.ts';
import { entriesCsv } from './csv.ts';
import { documentToJson } from './documentJson.ts';

export interface ExportFile {
  fileName: string;
  mimeType: string;
  /** Text or bytes, as a Blob takes them. */
  content: string | Uint8Array;
}

/** What each export appends to the input's stem (`.failing` goes before it). */
const SUFFIX = { json: '.topology.json', csv: '.entries.csv', filteredCsv: '.entries-filtered.csv', payload: '.payload.bin', image: '.vtl2.bin' } as const;

/** `img02_realistic.bin` → `img02_realistic`; names without an extension stay as they are. */
export function stemOf(name: string): string {
  const base = name.split(/[\\/]/).pop() || 'topology';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/** Exactly what `cli decode FILE` prints for one file (pretty JSON and a newline). */
export function jsonExport(doc: TopologyDocument, name: string): ExportFile {
  return { fileName: `${stemOf(name)}${SUFFIX.json}`, mimeType: 'application/json', content: `${JSON.stringify(documentToJson(doc, name), null, 2)}\n` };
}

/**
 * The entry table; null when nothing decoded. With active `filters`, only the
 * entries they keep (the table's rows), in a file named as such.
 */
export function csvExport(doc: TopologyDocument, name: string, filters?: Filters): ExportFile | null {
  if (!doc.decoded) return null;
  if (filters && filtersActive(filters)) {
    return { fileName: `${stemOf(name)}${SUFFIX.filteredCsv}`, mimeType: 'text/csv', content: entriesCsv(filterEntries(doc.entries, filters)) };
  }
  return { fileName: `${stemOf(name)}${SUFFIX.csv}`, mimeType: 'text/csv', content: entriesCsv(doc.entries) };
}

/** The payload exports write: a device tree's is the SavedState its next servicing would write. */
function payloadOf(doc: TopologyDocument): Uint8Array | null {
  return doc.format.kind === 'device-tree' ? doc.format.impliedPayload : doc.format.payload;
}

/** The saved-state payload as decoded (for an image: just its protobuf payload; for a device tree: the state it implies); null when there is none. */
export function payloadExport(doc: TopologyDocument, name: string): ExportFile | null {
  const payload = payloadOf(doc);
  if (!payload) return null;
  return { fileName: `${stemOf(name)}${SUFFIX.payload}`, mimeType: 'application/octet-stream', content: payload };
}

/**
 * The payload as a VTL2 image, laid out as OpenHCL lays one out (header page,
 * 19-page protobuf region, 2 MiB, base 0x4_8000_0000; an image keeps its own
 * layout): for a device tree, the image its next servicing would leave behind.
 * `layout` overrides all of that. Null when there is no payload; the error
 * when it cannot be laid out (naming the option).
 */
export function imageExport(doc: TopologyDocument, name: string, layout?: ImageOptions): ExportFile | DecodeError | null {
  const payload = payloadOf(doc);
  if (!payload) return null;
  return decodeErrorOr(() => ({ fileName: `${stemOf(name)}${SUFFIX.image}`, mimeType: 'application/octet-stream', content: encodeImage(payload, layout ?? ownImageOptions(doc) ?? {}) }));
}

/** What imageExport would lay out, checked without building the image (typing a size must not allocate it); null without a payload. */
export function imageExportLayout(doc: TopologyDocument, layout?: ImageOptions): ImageLayout | DecodeError | null {
  const payload = payloadOf(doc);
  if (!payload) return null;
  return decodeErrorOr(() => inMemoryImageLayout(payload.length, layout ?? ownImageOptions(doc) ?? {}));
}

/**
 * A VTL2 image's own layout (its header page where `cli encode` puts it, so its
 * protobuf_base is kept; its region length, its size); null for any other input.
 */
export function ownImageOptions(doc: TopologyDocument): Required<ImageOptions> | null {
  const { format } = doc;
  if (format.kind !== 'vtl2-image' || !format.header || format.payloadLocation?.headerGpa == null) return null;
  const baseGpa = writtenHeaderGpa(format.header.protobuf_base, format.payloadLocation.headerGpa)!;
  return { baseGpa, regionLen: format.header.protobuf_region_len, imageSize: BigInt(doc.source.size) };
}

function decodeErrorOr<T>(run: () => T): T | DecodeError {
  try {
    return run();
  } catch (err) {
    if (err instanceof DecodeError) return err;
    throw err;
  }
}

/**
 * `vm.v2.vtl2.bin` → `vm.v2.failing.vtl2.bin`: a file of a state that fails
 * the checks says so in its name, before the export's suffix (the stem may
 * hold dots of its own).
 */
export function markedFailing(file: ExportFile): ExportFile {
  const { fileName } = file;
  const suffix = Object.values(SUFFIX).find((s) => fileName.endsWith(s) && fileName.length > s.length);
  const at = suffix ? fileName.length - suffix.length : fileName.lastIndexOf('.');
  return { ...file, fileName: at > 0 ? `${fileName.slice(0, at)}.failing${fileName.slice(at)}` : `${fileName}.failing` };
}
