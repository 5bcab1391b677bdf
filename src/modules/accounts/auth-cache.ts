// Who a key is, remembered per API process for a short while, so an authenticated request costs no Postgres query
// and one Redis round trip (the rate-limit count, which reads the key's revocation epoch along).
//
// Revocation still works at once: revoking a key, erasing its user or changing what the identity holds (the unit
// system) increments the key's epoch in Redis after the change is committed, and a cached identity is used only
// while the epoch read with the request equals the one read BEFORE its database lookup. A lookup that raced with a
// change therefore carries the old epoch and is dropped at the next request. When Redis cannot be read, the cache
// is not used at all; when the increment itself fails, other processes may keep the identity for AUTH_CACHE_TTL_MS.

import { createHash } from "node:crypto";
import type { Deps } from "../../deps.js";
import type { UnitSystem } from "../../lib/vocabulary.js";

export interface Identity {
  userId: string;
  apiKeyId: string;
  unitSystem: UnitSystem;
}

interface Cached extends Identity {
  keyPrefix: string;
  epoch: string;
  expiresAtMs: number;
}

/** Short enough that a missed epoch increment (Redis down at that moment) cannot keep a revoked key alive for long. */
const AUTH_CACHE_TTL_MS = 30_000;
/** Bounds the cache's memory (~300 B an entry); past it the oldest entry goes. */
const AUTH_CACHE_MAX_ENTRIES = 10_000;

/** The Redis key (under the queue prefix) of a key's revocation epoch. */
export function authEpochKey(keyPrefix: string): string {
  return `auth-epoch:${keyPrefix}`;
}

/** Tokens are kept only as digests: a heap dump must not hand out working keys. */
function digestOf(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("base64");
}

export class AuthCache {
  private readonly entries = new Map<string, Cached>();

  constructor(private readonly nowMs: () => number) {}

  /** The identity remembered for `token`, with the epoch it was looked up under; null when absent or expired. */
  find(token: string): Cached | null {
    const digest = digestOf(token);
    const entry = this.entries.get(digest);
    if (!entry) return null;
    if (entry.expiresAtMs <= this.nowMs()) {
      this.entries.delete(digest);
      return null;
    }
    return entry;
  }

  remember(token: string, identity: Identity, keyPrefix: string, epoch: string): void {
    if (this.entries.size >= AUTH_CACHE_MAX_ENTRIES) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(digestOf(token), { ...identity, keyPrefix, epoch, expiresAtMs: this.nowMs() + AUTH_CACHE_TTL_MS });
  }

  forget(token: string): void {
    this.entries.delete(digestOf(token));
  }
}

/**
 * Makes every process drop what it remembers about these keys (call after the change is committed). Best effort:
 * when Redis is unreachable the identities expire within AUTH_CACHE_TTL_MS.
 */
export async function invalidateKeys(deps: Pick<Deps, "redis" | "env" | "logger">, keyPrefixes: readonly string[]): Promise<void> {
  if (keyPrefixes.length === 0) return;
  try {
    const multi = deps.redis.multi();
    for (const prefix of keyPrefixes) multi.incr(`${deps.env.QUEUE_PREFIX}:${authEpochKey(prefix)}`);
    await multi.exec();
  } catch (err) {
    deps.logger.error({ error: { message: (err as Error).message } }, "auth.cache-not-invalidated");
  }
}
