// base64url without padding (RFC 4648 §5): the alphabet that survives a URL
// fragment, a chat client and a bug tracker unescaped.
import { DecodeError } from '../format/errors.ts';

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

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
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/') + '='.repeat((4 - (text.length % 4)) % 4));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
