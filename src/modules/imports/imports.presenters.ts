import type { ImportRow } from "../../db/schema/index.js";
import type { FormatName } from "../../formats/index.js";

/** How far the parser is through what it reads, 0–100; null while the total is not known. A finished import is 100. */
function progressPercent(row: ImportRow): number | null {
  if (row.status === "completed") return 100;
  const total = row.progressTotalBytes;
  if (total === null || total <= 0) return null;
  return Math.min(100, Math.floor((row.progressBytes / total) * 100));
}

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
    progress: {
      bytes: row.progressBytes,
      records: row.progressRecords,
      total_bytes: row.progressTotalBytes,
      percent: progressPercent(row),
    },
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
