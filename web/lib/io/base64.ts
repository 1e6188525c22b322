// Bytes as text and back: base64 (JSON documents, the CLI), base64url (share
// links) and hex (unknown fields, CSV). The platform's btoa/atob do the
// work; callers check their own input first so their errors name the
// character at fault.

/** Standard base64, padded (RFC 4648 §4). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

/** base64url without padding (RFC 4648 §5): survives a URL fragment, a chat client and a bug tracker. */
export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/**
 * Bytes of base64 or base64url text, padded or not, white space ignored. The
 * caller has checked the alphabet and the length; anything else throws.
 */
export function fromBase64(text: string): Uint8Array {
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Lower-case hex, two digits per byte, no separators. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}
