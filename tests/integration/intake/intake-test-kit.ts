import { datesBetween } from "../../../src/lib/calendar.js";
import type { Harness } from "../../helpers/harness.js";

export interface IntakeEntryBody {
  id: string;
  consumed_at: string;
  utc_offset_min: number;
  local_date: string;
  energy_kcal: number;
  name: string | null;
  meal: string | null;
  protein_g: number | null;
  carbs_g: number | null;
  fat_g: number | null;
  external_id: string | null;
  origin: string;
  import_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface DayStatusBody {
  date: string;
  status: string;
  declared: boolean;
  entries: number;
  intake_kcal: number | null;
  possibly_partial: boolean;
}

/**
 * The local dates queued for recompute for this user (no worker runs in these tests, so jobs stay delayed),
 * removed afterwards so the next assertion sees only what the next request queued.
 */
export async function takeRecomputeDates(h: Harness, userId: string): Promise<string[]> {
  const jobs = await h.deps.queues.energy.getJobs(["delayed", "waiting"]);
  const mine = jobs.filter((job) => (job?.name === "energy.recompute-day" || job?.name === "energy.recompute-range") && job.data?.userId === userId);
  for (const job of mine) await job.remove();
  // More than a handful of dates go as range jobs (src/jobs/recompute.ts): list their days.
  return mine
    .flatMap((job) =>
      job.name === "energy.recompute-range" ? datesBetween(String(job.data.from), String(job.data.to)) : [String(job.data.localDate)],
    )
    .sort();
}
