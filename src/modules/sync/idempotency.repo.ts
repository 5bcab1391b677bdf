import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { idempotencyKeys } from "../../db/schema/index.js";

/** Claims a key for this request; returns the existing record when the key was used before (or is in use). */
export async function claimIdempotencyKey(db: DbOrTx, userId: string, key: string, requestHash: string, at: Date) {
  const [claimed] = await db.insert(idempotencyKeys).values({ userId, key, requestHash, createdAt: at }).onConflictDoNothing().returning();
  if (claimed) return { claimed: true as const };
  const [existing] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)))
    .limit(1);
  return { claimed: false as const, existing };
}

export async function saveIdempotentResponse(db: DbOrTx, userId: string, key: string, status: number, body: string) {
  await db
    .update(idempotencyKeys)
    .set({ responseStatus: status, responseBody: body })
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
}

/** Frees a key whose request failed before producing an answer, so the client's retry can run. */
export async function releaseIdempotencyKey(db: DbOrTx, userId: string, key: string) {
  await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
}
