// Writing topologies through the UI: build one from a template, edit it,
// download the image and decode it with the CLI; edit a fixture and undo back
// to its exact bytes; a state that fails the checks is written only when asked,
// named as such; edits travel in the share link.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import { encodeImage } from '../web/lib/format/encodeImage.ts';
import { decodeLink } from '../web/lib/share/link.ts';
import { loadFixtures, REPO_ROOT } from '../web/lib/testing/fixtures.ts';
import { dropFile, openApp } from './helpers/viewer.ts';

const fixture = (name: string) => loadFixtures().find((f) => f.name === name)!;

async function download(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const at = await file.path();
  return { name: file.suggestedFilename(), bytes: readFileSync(at!) };
}

async function cliDecode(file: string): Promise<{ decoded: unknown; boot_check: { outcome: string } }> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'web/cli/main.ts'), 'decode', file], { cwd: REPO_ROOT });
  return JSON.parse(stdout);
}

test('a 2-vnode topology from a template, edited, downloaded as an image the CLI decodes to the same state', async ({ page }, info) => {
  await openApp(page);
  await page.keyboard.press('6');
  await page.getByTestId('template-x64-2node-host').click();
  await expect(page.getByTestId('file-name')).toHaveText('new-x64-2node-host.bin');
  await expect(page.getByTestId('boot-check')).toHaveAttribute('data-outcome', 'accepted');
  await expect(page.getByTestId('edit-findings')).toContainText('No errors or warnings.');
  await page.keyboard.press('1');
  await expect(page.getByTestId('entry-row')).toHaveCount(17);

  // Split VTL2 RAM (memory #7) and give its upper half to the GPA pool.
  await page.locator('[data-testid=entry-row][data-table=memory][data-index="7"]').click();
  await page.keyboard.press('6');
  await page.getByLabel('Split at').fill('0x4_8100_0000');
  await page.getByRole('button', { name: 'Split', exact: true }).click();
  await expect(page.getByTestId('edit-count')).toContainText('1 change');
  await page.keyboard.press('1');
  await expect(page.getByTestId('entry-row')).toHaveCount(18);
  await page.locator('[data-testid=entry-row][data-table=memory][data-index="8"]').click();
  await page.keyboard.press('6');
  await page.getByLabel('VTL type', { exact: true }).selectOption({ label: 'VTL2_GPA_POOL (8)' });
  await page.getByRole('button', { name: 'Set types' }).click();
  await expect(page.getByTestId('edit-count')).toContainText('2 changes');
  await expect(page.getByTestId('file-name')).toHaveText('new-x64-2node-host.edited.bin');
  // The count moves at once, the edited state lands when the worker replies: wait for what only it shows.
  await page.keyboard.press('1');
  await expect(page.locator('[data-testid=entry-row][data-table=memory][data-index="8"]')).toHaveAttribute('data-vtl-type', 'VTL2_GPA_POOL');
  await page.keyboard.press('6');

  const image = await download(page, 'save-image');
  expect(image.name).toBe('new-x64-2node-host.edited.vtl2.bin');
  expect(image.bytes).toHaveLength(0x20_0000);
  const json = await download(page, 'save-json');
  const saved = info.outputPath(image.name);
  mkdirSync(path.dirname(saved), { recursive: true });
  writeFileSync(saved, image.bytes);
  const cli = await cliDecode(saved);
  expect(cli.decoded).toEqual(JSON.parse(json.bytes.toString('utf8')).decoded);
  expect(cli.boot_check.outcome).toBe('accepted');
  expect((cli.decoded as { partition_memory: { vtl_type: { name: string } }[] }).partition_memory[8]!.vtl_type.name).toBe('VTL2_GPA_POOL');

  // The edit travels in the link: it carries the edited payload.
  await expect.poll(() => decodeLink(new URL(page.url()).hash).parts.name).toBe('new-x64-2node-host.edited.bin');
});

test('a fixture edited, then undone, writes its exact bytes again', async ({ page }) => {
  const p03 = fixture('p03_realistic_x64_2node');
  await openApp(page);
  await dropFile(page, 'p03.bin', p03.bytes);
  await expect(page.getByTestId('entry-row')).toHaveCount(17);
  await page.locator('[data-testid=entry-row][data-table=mmio][data-index="0"]').click();
  await page.keyboard.press('6');
  await page.getByTestId('start-editing').click();
  await page.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('edit-count')).toContainText('1 change');
  // The range is gone from the table.
  await page.keyboard.press('1');
  await expect(page.getByTestId('entry-row')).toHaveCount(16);
  await expect(page.locator('[data-testid=entry-row][data-table=mmio]')).toHaveCount(2);
  await page.keyboard.press('6');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('edit-count')).toContainText('no changes');
  const bin = await download(page, 'save-bin');
  expect(bin.name).toBe('p03.payload.bin');
  expect(new Uint8Array(bin.bytes)).toEqual(p03.bytes);
  // Redo brings the edit back (keyboard too).
  await page.keyboard.press('Control+Shift+Z');
  await expect(page.getByTestId('edit-count')).toContainText('1 change');
});

test("Save as starts from the opened image's own layout, after edits and tab switches too; its fields read bare digits as hex", async ({ page }) => {
  const layout = { baseGpa: 0x5_0000_0000n, regionLen: 0x1_0000n, imageSize: 0x40_0000n };
  await openApp(page);
  await dropFile(page, 'vm.bin', encodeImage(fixture('p03_realistic_x64_2node').bytes, layout));
  await expect(page.getByTestId('file-kind')).toHaveAttribute('data-kind', 'vtl2-image');
  await page.keyboard.press('6');
  await page.getByTestId('start-editing').click();
  const fields = async () => [await page.getByLabel('Image base GPA').inputValue(), await page.getByLabel('Protobuf region length').inputValue(), await page.getByLabel('Image size').inputValue()];
  await expect.poll(fields).toEqual(['0x500000000', '0x10000', '0x400000']);
  // An edit opens the state without the image's header, and the panel is mounted again after a tab switch.
  await page.keyboard.press('1');
  await page.locator('[data-testid=entry-row][data-table=memory][data-index="0"]').click();
  await page.keyboard.press('6');
  await page.getByLabel('vnode', { exact: true }).fill('1');
  await page.getByRole('button', { name: 'Set types' }).click();
  await expect(page.getByTestId('edit-count')).toContainText('1 change');
  await page.keyboard.press('1');
  await page.keyboard.press('6');
  await expect.poll(fields).toEqual(['0x500000000', '0x10000', '0x400000']);
  const written = await download(page, 'save-image');
  expect(written.bytes).toHaveLength(0x40_0000);
  expect([written.bytes.readBigUInt64LE(8), written.bytes.readBigUInt64LE(16)]).toEqual([0x5_0000_1000n, 0x1_0000n]);
  // Bare digits are hex: 800000 is 8 MiB.
  await page.getByLabel('Image size').fill('800000');
  await expect(page.getByTestId('save-image-problem')).toHaveCount(0);
  expect((await download(page, 'save-image')).bytes).toHaveLength(0x80_0000);
  await page.getByLabel('Image size').fill('12g');
  await expect(page.getByTestId('save-image-problem')).toHaveText('size: not a hex number (0x optional, at most 16 digits)');
  await expect(page.getByTestId('save-image')).toBeDisabled();
  // Past what is built in memory: said before anything is built.
  await page.getByLabel('Image size').fill('40001000');
  await expect(page.getByTestId('save-image-problem')).toContainText('imageSize 0x40001000');
  await expect(page.getByTestId('save-image')).toBeDisabled();
});

test('a state that fails the checks is written only when asked, and named as such', async ({ page }) => {
  await openApp(page);
  await page.keyboard.press('6');
  await page.getByTestId('template-x64-2node-host').click();
  // The template lands first: it opens the Edit panel when it does, over a tab chosen meanwhile.
  await expect(page.getByTestId('file-name')).toHaveText('new-x64-2node-host.bin');
  await page.keyboard.press('1');
  await page.locator('[data-testid=entry-row][data-vtl-type=VTL2_PERSISTED_STATE_HEADER]').click();
  await page.keyboard.press('6');
  await page.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('boot-check')).toHaveAttribute('data-outcome', 'panic');
  await expect(page.getByTestId('save-bin')).toBeDisabled();
  await page.getByTestId('write-failing').check();
  const bin = await download(page, 'save-bin');
  expect(bin.name).toBe('new-x64-2node-host.edited.failing.payload.bin');
});

test('an image edited, then undone, is the image again: its header, its kind, its name', async ({ page }) => {
  await openApp(page); // the realistic image sample
  await page.locator('[data-testid=entry-row][data-table=mmio][data-index="0"]').click();
  await page.keyboard.press('6');
  await page.getByTestId('start-editing').click();
  await page.getByRole('button', { name: 'Delete' }).click();
  // An edit is a saved state, named as one.
  await expect(page.getByTestId('file-name')).toHaveText('img02_realistic.edited.bin');
  await expect(page.getByTestId('file-kind')).toHaveAttribute('data-kind', 'saved-state');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('file-name')).toHaveText('img02_realistic.bin');
  await expect(page.getByTestId('file-kind')).toHaveAttribute('data-kind', 'vtl2-image');
  await expect(page.getByTestId('bytes-read')).toContainText('412 bytes read');
});

test('the CPU lists read what was set, after the edit and after an edit of the other list', async ({ page }) => {
  await openApp(page);
  await page.keyboard.press('6');
  await page.getByTestId('template-x64-2node-host').click();
  await expect(page.getByTestId('file-name')).toHaveText('new-x64-2node-host.bin');
  const outstanding = page.getByLabel('CPUs with outstanding I/O');
  const noIo = page.getByLabel('CPUs with mapped interrupts, no I/O');
  await outstanding.fill('1, 2, 3');
  await page.getByRole('button', { name: 'Set CPU lists' }).click();
  await expect(page.getByTestId('edit-count')).toContainText('1 change');
  await expect(outstanding).toHaveValue(/^1,\s*2,\s*3$/);
  await noIo.fill('5');
  await page.getByRole('button', { name: 'Set CPU lists' }).click();
  await expect(page.getByTestId('edit-count')).toContainText('2 changes');
  // The first edit is kept, not reverted by a field that still held the list from before it.
  await expect(outstanding).toHaveValue(/^1,\s*2,\s*3$/);
  await expect(noIo).toHaveValue(/^5$/);
});
