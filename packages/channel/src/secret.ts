/**
 * Secrets that authenticate a connection (a socket pair's or a named pipe's first bytes, a helper's token),
 * made with the Web Crypto global that Node, Bun and Deno share, so that no adapter loads node:crypto to
 * start: the global loads its implementation on first use.
 */

/** `length` random bytes from the runtime's cryptographic generator. */
export function randomSecret(length: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(length));
}

/** `length` random bytes as lowercase hex (`2 × length` characters). */
export function randomHex(length: number): string {
  let hex = "";
  for (const byte of randomSecret(length)) hex += byte.toString(16).padStart(2, "0");
  return hex;
}

/**
 * Whether `shown` holds the same bytes as `secret`, in a time that depends only on their lengths (no early
 * exit at the first difference), so that a peer cannot guess the secret byte by byte from how long a refusal
 * takes.
 */
export function sameSecret(shown: Uint8Array, secret: Uint8Array): boolean {
  if (shown.length !== secret.length) return false;
  let difference = 0;
  for (let i = 0; i < secret.length; i++) difference |= (shown[i] as number) ^ (secret[i] as number);
  return difference === 0;
}
