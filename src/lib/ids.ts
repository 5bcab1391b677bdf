import { randomBytes } from "node:crypto";

const CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz";

export type IdPrefix = "usr" | "key" | "req" | "imp" | "wkt" | "smp" | "int" | "bdy" | "hiit";

function encodeBase32(bytes: Uint8Array): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += CROCKFORD[(buffer << (5 - bits)) & 31];
  return out;
}

/** Prefixed, time-ordered id (48-bit ms timestamp + 80 random bits), e.g. `usr_01j9…`; sorts by creation. */
export function newId(prefix: IdPrefix, nowMs: number): string {
  const bytes = new Uint8Array(16);
  let ts = Math.max(0, Math.floor(nowMs));
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ts % 256;
    ts = Math.floor(ts / 256);
  }
  bytes.set(randomBytes(10), 6);
  return `${prefix}_${encodeBase32(bytes)}`;
}

/** Random token in Crockford base32: unambiguous to read aloud or copy. */
export function randomToken(byteLength: number): string {
  return encodeBase32(randomBytes(byteLength));
}
