import { registerSchedules, scheduleIntervals } from "../../src/jobs/schedules.js";
import { failImportOutOfRetries, reconcileImports, runImport, runImportDeletion, sweepExpiredImportFiles } from "../../src/modules/imports/index.js";
import type { Processor } from "../run-job.js";

/** Parses and stores one upload. Idempotent: a retry or a re-run after a crash ends in the same rows. */
export const runImportJob: Processor<"imports.run"> = async (payload, { deps, job, logger }) => {
  try {
    const result = await runImport(deps, payload.importId, payload.run);
    logger.info({ importId: payload.importId, status: result.status }, "import.finished");
    return { status: result.status };
  } catch (err) {
    // Out of retries: say so on the import instead of leaving it "processing" forever.
    if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await failImportOutOfRetries(deps, payload.importId, payload.run).catch(() => undefined);
    throw err;
  }
};

/** Re-queues lost import runs and deletions, and puts back the repeating schedules should Redis have lost them. */
export const reconcileImportsJob: Processor<"imports.reconcile"> = async (_payload, { deps }) => {
  await registerSchedules(deps.queues, scheduleIntervals(deps.env));
  return { ...(await reconcileImports(deps)), filesRemoved: await sweepExpiredImportFiles(deps) };
};

/** Removes a deleted import's rows, file and row, and recomputes what they touched; idempotent step by step. */
export const deleteImportJob: Processor<"imports.delete"> = async (payload, { deps, logger }) => {
  const outcome = await runImportDeletion(deps, payload.importId);
  logger.info({ importId: payload.importId, outcome }, "import.deleted");
  return { outcome };
};
