import type { ImportRow } from "../../db/schema/index.js";
import type { FormatName } from "../../formats/index.js";

export function presentImport(row: ImportRow) {
  const failed = row.status === "failed";
  return {
    id: row.id,
    status: row.status,
    format: row.format as FormatName,
    sha256: row.sha256,
    bytes: row.bytes,
    filename: row.filename,
    partial: row.partial,
    partial_reason: row.partial ? row.errorMessage : null,
    progress: { bytes: row.progressBytes, records: row.progressRecords },
    counts: row.counts,
    rejected_records: row.rejections,
    skipped: row.skipped,
    error: failed ? { code: row.errorCode ?? "IMPORT_FAILED", message: row.errorMessage ?? "The import failed." } : null,
    created_at: row.createdAt.toISOString(),
    started_at: row.startedAt?.toISOString() ?? null,
    finished_at: row.finishedAt?.toISOString() ?? null,
    duration_ms: row.startedAt && row.finishedAt ? row.finishedAt.getTime() - row.startedAt.getTime() : null,
  };
}
