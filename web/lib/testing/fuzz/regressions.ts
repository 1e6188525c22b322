// Inputs the fuzzer once failed on, kept as fixtures: fuzz.test.ts runs each
// through its target on every test run. Add one per crash found, with a note.
export interface FuzzRegression {
  name: string;
  /** The FUZZ_TARGETS entry it failed. */
  target: string;
  input: unknown;
}

export const FUZZ_REGRESSIONS: FuzzRegression[] = [
  {
    // `npm run fuzz`, seed 863739578, case 18,121 (issue 15): a 32-byte header whose magic is
    // damaged in its last byte (OHCLPHDX), 4 payload bytes at offset 0 overlapping it, size 4,540.
    // The cover check read the header, the decoder read the payload over it (OHCL → saved state)
    // and decoded 4,540 bytes of which 4,504 were zeros the parts made up. Now one plan decides
    // both, and overlapping parts are refused before anything is decoded.
    name: 'link whose payload overlaps a damaged header',
    target: 'shareLink',
    input: 'v1.4-IoTk1N0UvKzBNS8Pdw9gnwcIlgEGBoYGEAAgNGEMlQA6EYNPYoK7FYMDgwAAA',
  },
  {
    // `npm run fuzz`, seed 1443584217, openInput-huge: a source of 64 MiB + 1 byte opening with
    // `{` then NULs. The brace made it a JSON document, so it was read whole (200 ms of CPU) to
    // fail at its second byte. A head with a control byte is no JSON text: now refused unread.
    name: 'a brace then NULs, past the saved-state cap',
    target: 'openInput-huge',
    input: { layout: { header: Uint8Array.from([123, 0, 0, 0, 0, 0, 0, 0, 0, 16, 0, 128, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), payloadOffset: 4096, payload: new Uint8Array(0), size: 4096 }, size: 64 * 1024 * 1024 + 1, options: {} },
  },
  {
    // `npm run fuzz`, seed 4175112282, openInput: bytes d1 70 00, whose base64 is `0XAA`. The
    // target pasted that as base64, but `0X` then hex digits is hex text (the paste format reads
    // it as the byte aa), so pasted and direct opened to different documents. The target's
    // oracle was wrong, not the parser: base64 that reads as hex is now pasted as spaced hex.
    name: 'bytes whose base64 reads as 0x-prefixed hex',
    target: 'openInput',
    input: { bytes: Uint8Array.from([0xd1, 0x70, 0x00]), options: {} },
  },
];
