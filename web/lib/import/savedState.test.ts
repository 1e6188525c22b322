// The raw SavedState importer alone: the input is the payload, read whole;
// what the plan refused stays unread, and the importer's own notes come last.
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../format/errors.ts';
import { bytesSource, CountingSource } from '../io/byteSource.ts';
import { loadFixtures } from '../testing/fixtures.ts';
import { persisted } from '../testing/openDoc.ts';
import { textNote } from './pastedText.ts';
import { headLength, MAX_SAVED_STATE_BYTES, planReads } from './readPlan.ts';
import { importSavedState } from './savedState.ts';

const bytesOf = (name: string) => loadFixtures().find((f) => f.name === name)!.bytes;

/** A source over `bytes` with all of them read, as openInput reads a whole input, and its plan. */
async function readWhole(bytes: Uint8Array) {
  const source = new CountingSource(bytesSource(bytes));
  const whole = await source.read(0, bytes.length);
  return { source, whole, plan: planReads(whole.subarray(0, headLength(bytes.length)), bytes.length) };
}

describe('importSavedState', () => {
  it('decodes the whole input as the payload, located at offset 0', async () => {
    const p03 = bytesOf('p03_realistic_x64_2node');
    const { source, whole, plan } = await readWhole(p03);
    const doc = importSavedState(source, whole, plan);
    expect(doc.format.kind).toBe('saved-state');
    expect(persisted(doc)).toMatchObject({ header: null, payloadLocation: { offset: 0n, length: 380n, headerGpa: null }, payload: p03 });
    expect(doc.source.bytesRead).toBe(380);
    expect(doc.decoded?.partition_memory).toHaveLength(14);
    expect(doc.bootCheck.outcome).toBe('accepted');
  });

  it('names a decode error by its offset in the input', async () => {
    const { source, whole, plan } = await readWhole(bytesOf('bad_p04_wire_type_3'));
    const doc = importSavedState(source, whole, plan);
    expect(doc.error).toMatchObject({ code: 'unknown-wire-type', offset: 0 });
    expect(doc.diagnostics[0]).toMatchObject({ severity: 'error', code: 'decode-unknown-wire-type' });
  });

  it('an input the plan refused is not decoded: the plan\'s error is the document\'s', () => {
    const size = MAX_SAVED_STATE_BYTES + 1;
    const source = new CountingSource({ size, read: () => Promise.reject(new Error('not to be read')) });
    const plan = planReads(new Uint8Array(32), size, { as: 'saved-state' });
    const doc = importSavedState(source, null, plan);
    expect(doc.error).toMatchObject({ code: 'input-too-large' });
    expect(persisted(doc).payload).toBeNull();
    expect(doc.decoded).toBeNull();
    expect(doc.source.bytesRead).toBe(0);
  });

  it('lists its notes after the decoder\'s findings, and judges by the release given', async () => {
    const { source, whole, plan } = await readWhole(bytesOf('img02_realistic').subarray(4096, 4096 + 380));
    const note = textNote(new DecodeError('paste-format', 'a hex digit', 3, 'pasted text: expected a hex digit at character 3'));
    const doc = importSavedState(source, whole, plan, [note], 'pre-2026-04');
    expect(doc.diagnostics.at(-1)).toEqual(note);
    expect(doc.diagnostics.filter((d) => d.code === 'multiple-gpa-pools')).toHaveLength(1);
    expect(doc.bootCheck).toMatchObject({ outcome: 'panic', release: 'pre-2026-04' });
  });
});
