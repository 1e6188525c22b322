// Bytes written as hex in a test: `0a 12 ff`, pairs apart by any whitespace.
// Tests only: the app reads pasted hex with import/pastedText.ts.

/** The bytes of whitespace-separated hex pairs (`'0a 12 ff'`). */
export function hexBytes(text: string): Uint8Array {
  return Uint8Array.from(text.trim().split(/\s+/).filter(Boolean), (pair) => parseInt(pair, 16));
}
