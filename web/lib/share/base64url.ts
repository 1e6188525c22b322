// Reading a link's base64url text, with errors that name the character a user
// can find in the link (writing it: io/base64.ts).
import { DecodeError } from '../format/errors.ts';
import { fromBase64 } from '../io/base64.ts';

/**
 * Decodes base64url text. `at` is where the text starts in the fragment, so an
 * error names the character offset a user can find in the link.
 */
export function fromBase64Url(text: string, at = 0): Uint8Array {
  const bad = /[^A-Za-z0-9_-]/.exec(text);
  if (bad) {
    throw new DecodeError('link-format', 'a base64url character (A-Z a-z 0-9 - _)', at + bad.index, `the link has "${bad[0]}" at character ${at + bad.index}, which base64url does not use: was it cut or altered?`);
  }
  if (text.length % 4 === 1) {
    throw new DecodeError('link-format', 'base64url text of a valid length', at + text.length, `the link ends after ${text.length} base64url characters, a length no encoding produces: it was cut short`);
  }
  return fromBase64(text);
}
