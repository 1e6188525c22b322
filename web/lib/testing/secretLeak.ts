// Looks for a secret's bytes in text we produce (JSON, messages), in every
// form a serialiser could have turned them into: hex, base64, byte lists,
// big-endian u32/u64 words in decimal or hex, runs of printable ASCII (a node
// name read from the secret).
import { toBase64, toHex } from '../io/base64.ts';

/** The forms of `secret` found in `text` (empty when none is). Words of value below 2^24 and text runs under 6 characters are skipped: they occur by chance. */
export function secretLeaks(text: string, secret: Uint8Array): string[] {
  if (secret.length < 4) return [];
  const view = new DataView(secret.buffer, secret.byteOffset, secret.byteLength);
  const forms: [string, string][] = [
    ['hex', toHex(secret)],
    ['HEX', toHex(secret).toUpperCase()],
    ['spaced hex', [...secret.subarray(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join(' ')],
    ['base64', toBase64(secret).slice(0, 12)],
    ['base64url', toBase64(secret).slice(0, 12).replace(/\+/g, '-').replace(/\//g, '_')],
    ['byte list', [...secret.subarray(0, 8)].join(',')],
    ['Uint8Array JSON', `"0":${secret[0]},"1":${secret[1]},"2":${secret[2]},"3":${secret[3]}`],
  ];
  for (let at = 0; at + 4 <= secret.length; at += 4) {
    const word = view.getUint32(at, false);
    if (word >= 1 << 24) forms.push([`u32 word at ${at}`, String(word)], [`u32 word at ${at} (hex)`, word.toString(16)]);
    if (at + 8 <= secret.length && at % 8 === 0) {
      const long = view.getBigUint64(at, false);
      if (long >= 1n << 24n) forms.push([`u64 word at ${at}`, long.toString()], [`u64 word at ${at} (hex)`, long.toString(16)]);
    }
  }
  for (const run of new TextDecoder('latin1').decode(secret).matchAll(/[\x21-\x7e]{6,}/g)) forms.push([`text at ${run.index}`, run[0]]);
  return forms.filter(([, form]) => text.includes(form)).map(([name]) => name);
}
