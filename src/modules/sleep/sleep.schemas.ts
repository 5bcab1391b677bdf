import { z } from "@hono/zod-openapi";

const minutes = (description: string) => z.number().openapi({ description });

export const SleepStagesSchema = z
  .object({
    in_bed: minutes("Time in bed (shown, never counted as sleep)"),
    asleep_unspecified: minutes("Asleep without a stage (older iPhones and watches, phones)"),
    core: minutes("Core (light) sleep"),
    deep: minutes("Deep sleep"),
    rem: minutes("REM sleep"),
    awake: minutes("Awake between sleep stages"),
  })
  .openapi("SleepStages", { description: "Minutes per stage after the source-priority merge" });

const SleepSessionSchema = z
  .object({
    start: z.string().openapi({ example: "2026-11-22T23:04:00.000+01:00" }),
    end: z.string().openapi({ example: "2026-11-23T06:58:00.000+01:00" }),
    main: z.boolean().openapi({ description: "The night: the session with the most asleep minutes; the others are naps" }),
    asleep_minutes: z.number().nullable().openapi({ description: "Asleep, core, deep and REM; null when the sources only said in bed" }),
    in_bed_minutes: z.number().nullable(),
    stages_minutes: SleepStagesSchema,
    sources: z.array(z.string()).openapi({ description: "The sources whose records count (the best-ranked one where several overlap)" }),
  })
  .openapi("SleepSession");

export const DaySleepSchema = z
  .object({
    asleep_minutes: z.number().nullable().openapi({ description: "Sum over the sessions ending this day (the night and naps)" }),
    in_bed_minutes: z.number().nullable(),
    start: z.string().nullable().openapi({ description: "Start of the night (main session), at its own offset" }),
    end: z.string().nullable().openapi({ description: "End of the night: the day is the local date of this wake-up" }),
    stages_minutes: SleepStagesSchema,
    sources: z.array(z.string()),
    sessions: z.array(SleepSessionSchema),
  })
  .openapi("DaySleep", {
    description:
      "Sleep that ended on this local date at each record's own UTC offset, de-duplicated across sources; null when there is no sleep data",
  });
