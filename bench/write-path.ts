// `npm run bench:write-path` — what each part of the writer's database path costs (see BENCHMARKS.md).
import { parseArgs } from "node:util";
import postgres from "postgres";
import { prepareDatabase } from "../src/db/migrate.js";
import type { SampleRow } from "../src/modules/ingest/samples-copy.repo.js";
import { int, perSecond, row, secs } from "./lib/format.js";
import { describeMachine } from "./lib/machine.js";
import { printMachine } from "./lib/report.js";
import { batches, copyText, sampleRows } from "./lib/sample-rows.js";
import { createVariantTables, WRITE_VARIANTS } from "./lib/write-variants.js";

const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const DB = "wearsync_bench_write_path";
const USER_ID = "usr_benchwritepath000000";
const TYPES = ["steps", "distance", "active_energy", "basal_energy", "heart_rate"];
const print = (line = ""): void => {
  process.stdout.write(`${line}\n`);
};

const { values } = parseArgs({ options: { rows: { type: "string" }, batch: { type: "string" } } });
const totalRows = Number(values.rows ?? 460_000);
const batchSize = Number(values.batch ?? 20_000);
const perType = Object.fromEntries(TYPES.map((t) => [t, Math.floor(totalRows / TYPES.length)]));

const url = new URL(PG_ADMIN_URL);
url.pathname = `/${DB}`;
const admin = postgres(PG_ADMIN_URL, { max: 1, onnotice: () => undefined });
await admin.unsafe(`drop database if exists ${DB} with (force)`);
await prepareDatabase(url.toString());
const sql = postgres(url.toString(), { max: 2, onnotice: () => undefined });
try {
  printMachine(print, await describeMachine(PG_ADMIN_URL));
  print(`${int(totalRows)} rows in ${int(batchSize)}-row batches, one batch at a time, into a fresh migrated database`);
  await sql`insert into users (id, email) values (${USER_ID}, 'bench-write-path@example.com')`;
  const sources = await sql<{ id: number }[]>`
    insert into sources (user_id, name, device_type) values (${USER_ID}, 'Apple Watch', 'watch'), (${USER_ID}, 'iPhone', 'phone') returning id`;
  await createVariantTables(sql);
  const rowsFrom = (baseMs: number): SampleRow[] => [
    ...sampleRows(perType, { userId: USER_ID, sourceIds: sources.map((s) => s.id), importId: "imp_benchwritepath00000", baseMs }),
  ];
  const firstRows = rowsFrom(Date.UTC(2030, 0, 1));
  for (const [index, variant] of WRITE_VARIANTS.entries()) {
    const rows = index === 0 || variant.replay ? firstRows : rowsFrom(Date.UTC(2030 + index * 2, 0, 1));
    await sql`checkpoint`;
    const started = performance.now();
    for (const batch of batches(rows, batchSize)) await variant.write(sql, batch);
    const ms = performance.now() - started;
    print(row(variant.label, `${secs(ms)}  ${int(perSecond(rows.length, ms))} rows/s`, 66));
  }
  const started = performance.now();
  for (const batch of batches(firstRows, batchSize)) [...copyText(batch)].join("");
  print(row("JS only: building the COPY text (in the worker's thread)", secs(performance.now() - started), 66));
} finally {
  await sql.end({ timeout: 5 });
  await admin.unsafe(`drop database if exists ${DB} with (force)`);
  await admin.end({ timeout: 5 });
}
