import { asc, eq, gt, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { type UserRow, users } from "../../db/schema/index.js";

export type NewUser = typeof users.$inferInsert;
export type UserPatch = Partial<Omit<NewUser, "id" | "email" | "createdAt">>;

export async function insertUser(db: DbOrTx, user: NewUser): Promise<UserRow> {
  const [row] = await db.insert(users).values(user).returning();
  if (!row) throw new Error("insert into users returned no row");
  return row;
}

export async function findUserById(db: DbOrTx, userId: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  return row;
}

const versionQuery = (db: DbOrTx) =>
  db
    .select({ version: users.answersVersion, timeZone: users.timeZone })
    .from(users)
    .where(eq(users.id, sql.placeholder("userId")))
    .limit(1)
    .prepare("answers_version");

// Every kept read runs this lookup: building its SQL anew each time was a tenth of the API's CPU under load, so it
// is built once per database handle.
const versionQueries = new WeakMap<DbOrTx, ReturnType<typeof versionQuery>>();

/** The version every kept answer of the user is tagged with (set at commit by triggers), and the user's zone. */
export async function findAnswersVersion(db: DbOrTx, userId: string): Promise<{ version: number; timeZone: string } | undefined> {
  let query = versionQueries.get(db);
  if (!query) {
    query = versionQuery(db);
    versionQueries.set(db, query);
  }
  const [row] = await query.execute({ userId });
  return row;
}

export async function updateUser(db: DbOrTx, userId: string, patch: UserPatch): Promise<UserRow | undefined> {
  const [row] = await db.update(users).set(patch).where(eq(users.id, userId)).returning();
  return row;
}

/** Every user's id and time zone, a page at a time (for re-registering per-user schedules). */
export async function* allUserZones(db: DbOrTx, pageSize = 1000): AsyncGenerator<{ id: string; timeZone: string }> {
  let after = "";
  for (;;) {
    const page = await db
      .select({ id: users.id, timeZone: users.timeZone })
      .from(users)
      .where(gt(users.id, after))
      .orderBy(asc(users.id))
      .limit(pageSize);
    yield* page;
    const last = page.at(-1);
    if (!last || page.length < pageSize) return;
    after = last.id;
  }
}
