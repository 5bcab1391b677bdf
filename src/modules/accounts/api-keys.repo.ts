import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { pastCursor } from "../../db/keyset.js";
import { type ApiKeyRow, apiKeys, type UserRow, users } from "../../db/schema/index.js";
import type { CursorPosition } from "../../lib/cursor.js";

export type NewApiKey = typeof apiKeys.$inferInsert;

export async function insertApiKey(db: DbOrTx, key: NewApiKey): Promise<ApiKeyRow> {
  const [row] = await db.insert(apiKeys).values(key).returning();
  if (!row) throw new Error("insert into api_keys returned no row");
  return row;
}

/** Newest first; `after` is the keyset position of the last row of the previous page. */
export async function listApiKeys(db: DbOrTx, userId: string, opts: { limit: number; after?: CursorPosition }): Promise<ApiKeyRow[]> {
  return db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt), pastCursor(apiKeys.createdAt, apiKeys.id, opts.after, "desc")))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
    .limit(opts.limit);
}

/** Revokes one of the user's own keys; undefined when the id is not theirs or already revoked. */
export async function revokeApiKey(db: DbOrTx, userId: string, keyId: string, at: Date): Promise<ApiKeyRow | undefined> {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: at })
    .where(and(eq(apiKeys.id, keyId), eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)))
    .returning();
  return row;
}

export async function findActiveKeyByPrefix(db: DbOrTx, prefix: string): Promise<{ key: ApiKeyRow; user: UserRow } | undefined> {
  const [row] = await db
    .select({ key: apiKeys, user: users })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(and(eq(apiKeys.prefix, prefix), isNull(apiKeys.revokedAt)))
    .limit(1);
  return row;
}

/** Monotonic: a late, retried job never moves last_used_at backwards. */
export async function recordKeyUse(db: DbOrTx, keyId: string, usedAt: Date): Promise<boolean> {
  const rows = await db
    .update(apiKeys)
    .set({ lastUsedAt: usedAt })
    .where(and(eq(apiKeys.id, keyId), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, usedAt))))
    .returning({ id: apiKeys.id });
  return rows.length > 0;
}

/** Every key's lookup prefix of the user, revoked or not. */
export async function keyPrefixesOfUser(db: DbOrTx, userId: string): Promise<string[]> {
  const rows = await db.select({ prefix: apiKeys.prefix }).from(apiKeys).where(eq(apiKeys.userId, userId));
  return rows.map((row) => row.prefix);
}
