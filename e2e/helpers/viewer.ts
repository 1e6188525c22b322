// Driving the viewer as a user does: drop a file, pick it, paste text; and
// reading back what the table shows.
import { expect, type Page } from '@playwright/test';
import type { ExpectedRow } from './fixtures.ts';

/** Waits for the first document (the default sample) so later opens are not raced by it. */
export async function openApp(page: Page): Promise<void> {
  await page.goto('./');
  await expect(page.getByTestId('file-name')).toHaveText('img02_realistic.bin');
}

/** Drops a file on the page through a real DataTransfer: dragenter, dragover, drop. */
export async function dropFile(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  await dropFiles(page, [{ name, bytes }]);
}

/** Drops several files at once (two are compared: the first is A). */
export async function dropFiles(page: Page, files: { name: string; bytes: Uint8Array }[]): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    (files) => {
      const dt = new DataTransfer();
      for (const { name, base64 } of files) {
        const binary = atob(base64);
        const data = new Uint8Array(binary.length);
        for (let i = 0; i < binary.length; i++) data[i] = binary.charCodeAt(i);
        dt.items.add(new File([data], name, { type: 'application/octet-stream' }));
      }
      return dt;
    },
    files.map(({ name, bytes }) => ({ name, base64: Buffer.from(bytes).toString('base64') })),
  );
  const target = page.locator('main');
  await target.dispatchEvent('dragenter', { dataTransfer });
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
  await dataTransfer.dispose();
}

/** Opens a file through the file input (accessible name "Open file"). */
export async function pickFile(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  await page.locator('#open-file-input').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
}

/** Pastes text anywhere on the page, as Ctrl/Cmd+V would. */
export async function pasteText(page: Page, text: string): Promise<void> {
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', text);
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
}

/** Every row of the entry table, in table order, as its data attributes say. */
export async function tableRows(page: Page): Promise<ExpectedRow[]> {
  return page.getByTestId('entry-row').evaluateAll((rows) =>
    rows.map((r) => {
      const d = (r as HTMLElement).dataset;
      return { table: d.table as 'memory' | 'mmio', start: d.start!, end: d.end!, vtlType: d.vtlType!, vnode: d.vnode ?? '' };
    }),
  );
}
