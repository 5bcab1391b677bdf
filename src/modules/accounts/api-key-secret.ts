import { createHash, timingSafeEqual } from "node:crypto";
import { randomToken } from "../../lib/ids.js";

const KEY_PREFIX = "wsk_";
// 10 random bytes of lookup id (not secret) and 32 bytes (256 bits) of secret.
const LOOKUP_BYTES = 10;
const SECRET_BYTES = 32;
const KEY_PATTERN = /^wsk_([0-9a-z]{16})_([0-9a-z]{52})$/;

export interface IssuedKey {
  /** The full key, shown to the user once and never stored. */
  apiKey: string;
  /** `wsk_<lookup>`: stored, shown in lists, used to find the row. */
  prefix: string;
  secretHash: string;
}

export function generateApiKey(): IssuedKey {
  const prefix = `${KEY_PREFIX}${randomToken(LOOKUP_BYTES)}`;
  const apiKey = `${prefix}_${randomToken(SECRET_BYTES)}`;
  return { apiKey, prefix, secretHash: hashKey(apiKey) };
}

/** The lookup prefix of a well-formed key, or null for anything else (never throws on hostile input). */
export function keyPrefixOf(apiKey: string): string | null {
  const match = KEY_PATTERN.exec(apiKey);
  return match ? `${KEY_PREFIX}${match[1]}` : null;
}

// A 256-bit random secret needs no slow hash or pepper: sha256 is preimage-resistant at that entropy.
export function hashKey(apiKey: string): string {
  return createHash("sha256").update(apiKey, "utf8").digest("hex");
}

export function keyMatchesHash(apiKey: string, secretHash: string): boolean {
  const actual = Buffer.from(hashKey(apiKey), "hex");
  const expected = Buffer.from(secretHash, "hex");
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
