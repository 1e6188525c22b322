// Nothing leaves the machine. After the page has loaded (its scripts, the
// decode worker and the start-up sample, all from the app's own origin),
// dropping a file (a blob or an exported JSON document) or opening a share
// link makes no request at all; the CSP
// forbids every origin but the app's own, and the browser enforces it.
import { expect, test, type Page, type Request } from '@playwright/test';
import { openDoc as openDocument } from '../web/lib/testing/openDoc.ts';
import { documentToJson } from '../web/lib/export/documentJson.ts';
import { bytesSource } from '../web/lib/io/byteSource.ts';
import { DEFAULT_VIEW } from '../web/lib/model/view.ts';
import { encodeLink } from '../web/lib/share/link.ts';
import { partsOfDocument } from '../web/lib/share/parts.ts';
import { loadFixtures } from './helpers/fixtures.ts';
import { dropFile, openApp } from './helpers/viewer.ts';

const fixture = (name: string) => loadFixtures().find((f) => f.name === name)!;

/** Loads the app and waits until it is idle: the sample decoded, no request in flight. */
async function loadedApp(page: Page): Promise<void> {
  await openApp(page);
  await expect(page.getByTestId('boot-check')).toHaveAttribute('data-outcome', 'accepted');
  await page.waitForLoadState('networkidle');
}

/** Records every request from now on; anything not to the app's own origin is also aborted. */
async function recordRequests(page: Page, origin: string): Promise<Request[]> {
  const requests: Request[] = [];
  page.on('request', (r) => requests.push(r));
  await page.context().route('**', (route) => (new URL(route.request().url()).origin === origin ? route.fallback() : route.abort('blockedbyclient')));
  return requests;
}

test('dropping a file and opening a share link make no request after the page has loaded', async ({ page, baseURL }) => {
  await loadedApp(page);
  const requests = await recordRequests(page, new URL(baseURL!).origin);

  // A drop: a real DataTransfer with a File, as a file manager sends it.
  await dropFile(page, 'tol01.bin', fixture('tol01_unknown_fields_appended').bytes);
  await expect(page.getByTestId('file-name')).toHaveText('tol01.bin');
  await expect(page.getByTestId('boot-check')).toHaveAttribute('data-outcome', 'accepted');

  // A share link for another input, opened in this page (the fragment never goes to a server).
  const p02 = fixture('p02_single_memory_entry');
  const doc = await openDocument(bytesSource(p02.bytes));
  const fragment = encodeLink(partsOfDocument(doc, 'shared-p02.bin'), DEFAULT_VIEW);
  await page.evaluate((f) => (location.hash = f), fragment);
  await expect(page.getByTestId('file-name')).toHaveText('shared-p02.bin');
  await expect(page.getByTestId('entry-row')).toHaveCount(1);

  // An exported JSON document, dropped back: it re-opens from the bytes it carries.
  const p03 = await openDocument(bytesSource(fixture('p03_realistic_x64_2node').bytes));
  await dropFile(page, 'p03.json', new TextEncoder().encode(JSON.stringify(documentToJson(p03, 'p03-from-json.bin'))));
  await expect(page.getByTestId('file-name')).toHaveText('p03-from-json.bin');
  await expect(page.getByTestId('boot-check')).toHaveAttribute('data-outcome', 'accepted');
  await expect(page.locator('[data-testid=entry-row][data-table=memory]')).toHaveCount(p03.decoded!.partition_memory.length);
  await page.waitForLoadState('networkidle');

  expect(requests.map((r) => `${r.method()} ${r.url()}`)).toEqual([]);

  // Control: the recorder does see a request when the page makes one.
  await page.evaluate(() => fetch('./samples/p02_single_memory_entry.bin').then((r) => r.arrayBuffer()));
  expect(requests.map((r) => new URL(r.url()).pathname)).toEqual([expect.stringMatching(/\/samples\/p02_single_memory_entry\.bin$/)]);
});

test('the CSP allows the app\'s own origin only, and the browser blocks any other', async ({ page }) => {
  await loadedApp(page);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toBeTruthy();
  const directives = new Map(csp!.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name!, values]));
  expect(directives.get('default-src')).toEqual(["'self'"]);
  for (const fetching of ['connect-src', 'script-src', 'img-src', 'font-src', 'style-src', 'worker-src']) {
    const sources = directives.get(fetching) ?? directives.get('default-src')!;
    // Only the app itself, and for images/workers in-page blob: and data: URLs: no host, no scheme, no wildcard.
    for (const s of sources) expect(["'self'", "'unsafe-inline'", 'data:', 'blob:'], `${fetching} ${s}`).toContain(s);
  }
  expect(directives.get('connect-src')).toEqual(["'self'"]);
  expect(directives.get('script-src')).toEqual(["'self'"]);
  expect(directives.get('object-src')).toEqual(["'none'"]);
  expect(directives.get('form-action')).toEqual(["'none'"]);

  // The browser enforces it: a fetch to another origin is refused before it leaves, and reported.
  const outcome = await page.evaluate(async () => {
    const violation = new Promise<string>((resolve) => document.addEventListener('securitypolicyviolation', (e) => resolve(`${e.violatedDirective} ${e.blockedURI}`), { once: true }));
    const fetched = await fetch('https://example.com/steal').then(
      () => 'fetched',
      (err: unknown) => `rejected: ${String(err)}`,
    );
    return { fetched, violation: await violation };
  });
  expect(outcome.fetched).toMatch(/^rejected/);
  expect(outcome.violation).toMatch(/^connect-src https:\/\/example\.com/);
});
