import type { Deps } from "../../deps.js";
import { EXPORT_FORMAT_NAME, EXPORT_FORMAT_VERSION } from "../../formats/index.js";
import { type ZipEntrySource, zipStream } from "../../lib/zip-stream.js";
import { EXPORT_TABLES, getUser, tableLines } from "../accounts/index.js";

// GET /v1/export (GDPR art. 15 and 20): a zip with one NDJSON file per table (a JSON object per line, columns as
// stored, SI units, ISO 8601 times with offset) and manifest.json last, listing each file with its row count.
// POST /v1/imports reads it back (src/formats/wearsync-export, which owns the format's name and version).

export async function exportArchive(deps: Deps, userId: string): Promise<{ filename: string; bytes: AsyncGenerator<Buffer> }> {
  await getUser(deps, userId);
  const exportedAt = deps.clock.now().toISOString();
  const counts: Record<string, number> = {};
  function* entries(): Generator<ZipEntrySource> {
    for (const table of EXPORT_TABLES) {
      yield {
        name: `${table.table}.ndjson`,
        data: async function* () {
          counts[table.table] = 0;
          for await (const lines of tableLines(deps.sql, table, userId)) {
            counts[table.table] = (counts[table.table] ?? 0) + lines.length;
            yield Buffer.from(`${lines.join("\n")}\n`, "utf8");
          }
        },
      };
    }
    yield {
      name: "manifest.json",
      data: async function* () {
        const tables = Object.fromEntries(EXPORT_TABLES.map((t) => [t.table, { file: `${t.table}.ndjson`, rows: counts[t.table] ?? 0 }]));
        yield Buffer.from(
          `${JSON.stringify({ format: EXPORT_FORMAT_NAME, version: EXPORT_FORMAT_VERSION, user_id: userId, exported_at: exportedAt, tables }, null, 2)}\n`,
        );
      },
    };
  }
  return { filename: `wearsync-export-${exportedAt.slice(0, 10)}.zip`, bytes: zipStream(entries()) };
}
