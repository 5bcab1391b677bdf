import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { sqliteTableNames } from "../../../src/formats/common/sqlite-tables.js";
import { DETECT_HEAD_BYTES, detectFileFormat } from "../../../src/formats/detect.js";
import { healthConnectDb, inWalMode, withoutTable } from "../../helpers/health-connect-export.js";

const dir = mkdtempSync(join(tmpdir(), "sqlite-tables-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function saved(bytes: Buffer): string {
  const path = join(dir, `file-${n++}.db`);
  writeFileSync(path, bytes);
  return path;
}

const detect = (path: string) => detectFileFormat(path, readFileSync(path).subarray(0, DETECT_HEAD_BYTES));

describe("the table names of a SQLite file, read from its schema pages", () => {
  it("are SQLite's own for a schema spread over many pages, with cells that overflow", async () => {
    const path = join(dir, "many.db");
    const db = new Database(path);
    db.pragma("journal_mode = WAL");
    // Long statements and names: the schema table needs interior pages and overflow pages.
    for (let i = 0; i < 300; i++) {
      db.exec(`create table t${i}_${"x".repeat(i % 60)} (a integer primary key, b text default '${"y".repeat(i % 400)}')`);
      db.exec(`create index i${i} on t${i}_${"x".repeat(i % 60)} (b)`);
    }
    const own = db.prepare("select name from sqlite_master where type = 'table'").pluck().all();
    db.close();
    expect(own).toHaveLength(300);
    expect((await sqliteTableNames(path))?.sort()).toEqual([...own].sort());
  });

  it("are none for a file that only starts like SQLite, a cut one, or another file", async () => {
    const hc = healthConnectDb();
    expect(await sqliteTableNames(saved(Buffer.concat([Buffer.from("SQLite format 3\u0000"), Buffer.alloc(8192, 0x5a)])))).toBeNull();
    expect(await sqliteTableNames(saved(hc.subarray(0, 60)))).toBeNull();
    expect(await sqliteTableNames(saved(Buffer.from("<HealthData/>")))).toBeNull();
    expect(await sqliteTableNames(saved(hc))).toContain("steps_record_table");
  });
});

describe("a SQLite upload", () => {
  it("is Health Connect's database by its tables, in either journal mode; another database is no format we read", async () => {
    expect(await detect(saved(healthConnectDb()))).toBe("health_connect_db");
    expect(await detect(saved(inWalMode(healthConnectDb())))).toBe("health_connect_db");
    expect(await detect(saved(withoutTable(healthConnectDb(), "application_info_table")))).toBeNull();
  });
});
