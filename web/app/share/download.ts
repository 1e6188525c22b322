// Saves a file from the page: a Blob behind an object URL, clicked through an
// <a download>. Nothing leaves the machine.
import type { ExportFile } from '../../lib/export/exports.ts';

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke after the click has been handled, or some browsers cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadExport(file: ExportFile): void {
  const part = typeof file.content === 'string' ? file.content : (file.content as Uint8Array<ArrayBuffer>);
  downloadBlob(new Blob([part], { type: file.mimeType }), file.fileName);
}
