import { detectDayHiitJob, detectWorkoutHiitJob, reconcileHiitJob, redetectUserHiitJob } from "./processors/hiit.js";
import { deleteImportJob, reconcileImportsJob, runImportJob } from "./processors/imports.js";
import { projectLastWeekJob, projectWeekJob } from "./processors/projections.js";
import { finalizeYesterdayJob, recomputeDayJob, recomputeRangeJob, reconcileDaysJob, regroupUserJob } from "./processors/recompute-day.js";
import { recordKeyUse } from "./processors/record-key-use.js";
import type { ProcessorRegistry } from "./run-job.js";

/** Every job name in src/jobs/definitions.ts must have a processor here; the type makes a missing one an error. */
export const processors: ProcessorRegistry = {
  "accounts.record-key-use": recordKeyUse,
  "imports.run": runImportJob,
  "imports.reconcile": reconcileImportsJob,
  "imports.delete": deleteImportJob,
  "hiit.detect-workout": detectWorkoutHiitJob,
  "hiit.detect-day": detectDayHiitJob,
  "hiit.redetect-user": redetectUserHiitJob,
  "hiit.reconcile": reconcileHiitJob,
  "energy.recompute-day": recomputeDayJob,
  "energy.recompute-range": recomputeRangeJob,
  "energy.reconcile-days": reconcileDaysJob,
  "energy.finalize-yesterday": finalizeYesterdayJob,
  "workouts.regroup-user": regroupUserJob,
  "projections.project-week": projectWeekJob,
  "projections.project-last-week": projectLastWeekJob,
};
