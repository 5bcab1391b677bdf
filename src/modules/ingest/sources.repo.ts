import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { sources } from "../../db/schema/index.js";
import type { SourceRef } from "../../formats/index.js";

export function sourceKey(source: SourceRef): string {
  return `${source.name}\u0000${source.deviceType}\u0000${source.device ?? ""}`;
}

/**
 * Returns the ids of these sources for a user, creating the missing ones. Sources are few per import,
 * so callers cache the map for the whole import.
 */
export async function ensureSources(db: DbOrTx, userId: string, refs: SourceRef[]): Promise<Map<string, number>> {
  const unique = new Map(refs.map((ref) => [sourceKey(ref), ref]));
  if (unique.size === 0) return new Map();
  const rows = await db
    .insert(sources)
    .values([...unique.values()].map((ref) => ({ userId, name: ref.name, deviceType: ref.deviceType, device: ref.device ?? "" })))
    // A no-op update so RETURNING also yields the rows that already existed.
    .onConflictDoUpdate({ target: [sources.userId, sources.name, sources.deviceType, sources.device], set: { name: sql`excluded.name` } })
    .returning({ id: sources.id, name: sources.name, deviceType: sources.deviceType, device: sources.device });
  return new Map(rows.map((row) => [sourceKey({ name: row.name, deviceType: row.deviceType, device: row.device }), row.id]));
}
