import type { DbOrTx } from "../../db/client.js";
import type { ApiKeyRow } from "../../db/schema/index.js";
import type { Deps } from "../../deps.js";
import { enqueue } from "../../jobs/enqueue.js";
import { decodeCursor, paginate } from "../../lib/cursor.js";
import { NotFoundError, UnauthorizedError } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import type { UnitSystem } from "../../lib/vocabulary.js";
import { generateApiKey, keyMatchesHash, keyPrefixOf } from "./api-key-secret.js";
import { findActiveKeyByPrefix, insertApiKey, keyPrefixesOfUser, listApiKeys, recordKeyUse, revokeApiKey } from "./api-keys.repo.js";
import { invalidateKeys } from "./auth-cache.js";

export async function issueKeyInTx(tx: DbOrTx, userId: string, name: string | null, nowMs: number): Promise<{ row: ApiKeyRow; apiKey: string }> {
  const issued = generateApiKey();
  const row = await insertApiKey(tx, {
    id: newId("key", nowMs),
    userId,
    name,
    prefix: issued.prefix,
    secretHash: issued.secretHash,
  });
  return { row, apiKey: issued.apiKey };
}

export async function issueKey(deps: Deps, userId: string, name: string | undefined) {
  return issueKeyInTx(deps.db, userId, name ?? null, deps.clock.now().getTime());
}

export async function listKeys(deps: Deps, userId: string, query: { cursor?: string; limit: number }) {
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const rows = await listApiKeys(deps.db, userId, { limit: query.limit + 1, ...(after ? { after } : {}) });
  return paginate(rows, query.limit, (row) => ({ sortKey: row.createdAt.toISOString(), id: row.id }));
}

export async function revokeKey(deps: Deps, userId: string, keyId: string): Promise<void> {
  const revoked = await revokeApiKey(deps.db, userId, keyId, deps.clock.now());
  if (!revoked) throw new NotFoundError("API key");
  await invalidateKeys(deps, [revoked.prefix]);
}

/** The user's key prefixes, to invalidate what API processes remember about them once a change is committed. */
export function keyPrefixesOf(deps: Pick<Deps, "db">, userId: string): Promise<string[]> {
  return keyPrefixesOfUser(deps.db, userId);
}

/**
 * Resolves a bearer token to its user; every failure is the same 401 so nothing leaks about which keys exist. The
 * auth middleware remembers the answer briefly (auth-cache.ts), so this runs about once per key per 30 s.
 */
export async function authenticate(deps: Deps, token: string): Promise<{ userId: string; apiKeyId: string; unitSystem: UnitSystem }> {
  const prefix = keyPrefixOf(token);
  if (!prefix) throw new UnauthorizedError();
  const found = await findActiveKeyByPrefix(deps.db, prefix);
  if (!found || !keyMatchesHash(token, found.key.secretHash)) throw new UnauthorizedError();
  noteKeyUse(deps, found.key.id);
  return { userId: found.user.id, apiKeyId: found.key.id, unitSystem: found.user.unitSystem };
}

function noteKeyUse(deps: Deps, apiKeyId: string): void {
  const usedAt = deps.clock.now().toISOString();
  enqueue(deps, "accounts.record-key-use", { apiKeyId, usedAt }).catch((err: Error) =>
    deps.logger.warn({ error: { message: err.message } }, "auth.key-use-not-recorded"),
  );
}

export async function applyKeyUse(deps: Deps, apiKeyId: string, usedAt: Date): Promise<boolean> {
  return recordKeyUse(deps.db, apiKeyId, usedAt);
}
