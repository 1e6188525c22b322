// Re-opens an exported JSON document end to end, like openDocument for any
// input: never throws; a bad document becomes a document with its error.
// (Separate from documentJson.ts, which the app's main thread imports without the decoder.)
import { emptyDocument, openDocument, type TopologyDocument } from '../document/openDocument.ts';
import { asDecodeError, errorInfo, type DecodeError } from '../format/errors.ts';
import { parseDocumentJson, type ImportedDocument } from './documentJson.ts';

/** Re-opens a JSON document; never throws (a bad document becomes a document with its error, like any input). */
export async function openDocumentJson(text: string): Promise<{ file: string; doc: TopologyDocument }> {
  let imported: ImportedDocument;
  try {
    imported = parseDocumentJson(text);
  } catch (err) {
    return { file: 'document.json', doc: failedDocument(asDecodeError(err, 0), text.length) };
  }
  return { file: imported.file, doc: await openDocument(imported.source, imported.options) };
}

function failedDocument(error: DecodeError, size: number): TopologyDocument {
  const info = errorInfo(error);
  return {
    ...emptyDocument('saved-state', 'a JSON document that could not be re-opened', size),
    error: info,
    bootCheck: { outcome: 'unknown', step: 'import', reason: `the JSON document could not be re-opened: ${info.message}` },
    diagnostics: [{ severity: 'error', code: `decode-${info.code}`, message: info.message, entries: [] }],
  };
}
