/** Base64 for the clone codec, over bytes, without relying on any runtime's Buffer. */
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const LOOKUP = new Uint8Array(128);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

/** Encodes bytes as base64 text. */
export function toBase64(bytes: Uint8Array): string {
  let out = "";
  const n = bytes.length;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const x = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out += ALPHABET[x >> 18]! + ALPHABET[(x >> 12) & 63]! + ALPHABET[(x >> 6) & 63]! + ALPHABET[x & 63]!;
  }
  if (i < n) {
    const x = ((bytes[i] as number) << 16) | (i + 1 < n ? (bytes[i + 1] as number) << 8 : 0);
    out += `${ALPHABET[x >> 18]!}${ALPHABET[(x >> 12) & 63]!}${i + 1 < n ? ALPHABET[(x >> 6) & 63]! : "="}=`;
  }
  return out;
}

/** Decodes base64 text into a fresh Uint8Array (own buffer). */
export function fromBase64(text: string): Uint8Array {
  const pad = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const x =
      ((LOOKUP[text.charCodeAt(i)] as number) << 18) |
      ((LOOKUP[text.charCodeAt(i + 1)] as number) << 12) |
      ((LOOKUP[text.charCodeAt(i + 2)] as number) << 6) |
      (LOOKUP[text.charCodeAt(i + 3)] as number);
    out[o++] = x >> 16;
    if (o < out.length) out[o++] = (x >> 8) & 255;
    if (o < out.length) out[o++] = x & 255;
  }
  return out;
}
