// Opens an extracted Health Connect database read-only with better-sqlite3 (version 12: 13 needs Node 22) and turns
// SQLite's own failures (not a database, damaged pages) into a ParseError the import can show. Rows are read with
// iterate(), one at a time, never whole tables.

import Database from "better-sqlite3";
import { ParseError } from "../contract.js";
import { REQUIRED_TABLES } from "./hc-schema.js";

export type HcDatabase = Database.Database;

export interface OpenedExport {
  db: HcDatabase;
  /** A second connection for look-ups made while `db` is iterating (SQLite allows one running statement per connection). */
  lookup: HcDatabase;
  tables: ReadonlySet<string>;
  close(): void;
}

function unreadable(err: unknown): ParseError {
  const detail = err instanceof Error ? err.message : String(err);
  return new ParseError(
    "DATABASE_INVALID",
    `The Health Connect database could not be read (${detail}); export it again from the phone and upload the new "Health Connect.zip".`,
  );
}

/** SQLite's errors become DATABASE_INVALID; everything else (the disk, a bug) is thrown as it is. */
export function asParseError(err: unknown): unknown {
  return err instanceof Database.SqliteError ? unreadable(err) : err;
}

/** Runs `read` and converts SQLite's errors on the way (a damaged page is found only when a query reaches it). */
export async function* guardSqlite<T>(read: () => AsyncGenerator<T> | Generator<T>): AsyncGenerator<T> {
  try {
    yield* read();
  } catch (err) {
    throw asParseError(err);
  }
}

export function openExportDatabase(path: string): OpenedExport {
  const opened: HcDatabase[] = [];
  const close = () => {
    for (const db of opened) db.close();
  };
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    opened.push(db);
    // A file that is not SQLite opens fine and fails at its first read: read the schema now.
    const names = db.prepare("select name from sqlite_master where type = 'table'").pluck().all();
    const tables = new Set(names.filter((name): name is string => typeof name === "string"));
    const missing = REQUIRED_TABLES.filter((table) => !tables.has(table));
    if (missing.length > 0) {
      throw new ParseError("DATABASE_INVALID", `The database is SQLite but not a Health Connect export: it has no ${missing.join(", ")} table.`);
    }
    const lookup = new Database(path, { readonly: true, fileMustExist: true });
    opened.push(lookup);
    return { db, lookup, tables, close };
  } catch (err) {
    close();
    throw asParseError(err);
  }
}
