// The write path every import and sync shares: parsed records to rows, in bulk (COPY + INSERT … ON CONFLICT).

export { ArchiveRestorer } from "./archive-restore.service.js";
export { type BatchEffects, IngestWriter } from "./ingest.service.js";
export { replaceWorkoutSets } from "./workout-sets.repo.js";
