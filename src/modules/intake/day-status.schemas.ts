import { z } from "@hono/zod-openapi";
import { INTAKE_DAY_STATUSES } from "../../lib/vocabulary.js";

export const DayParamsSchema = z.object({
  date: z.iso.date().openapi({ param: { name: "date", in: "path" }, example: "2026-11-24", description: "Local date" }),
});

export const DeclareIntakeStatusSchema = z
  .object({
    status: z.enum(INTAKE_DAY_STATUSES).openapi({
      description: "complete: everything eaten is logged; partial: some is missing; fasted: nothing was eaten",
    }),
  })
  .strict()
  .openapi("DeclareIntakeStatus");

export const IntakeDayStatusSchema = z
  .object({
    date: z.string(),
    status: z.enum([...INTAKE_DAY_STATUSES, "logged", "unlogged"]).openapi({
      description: "Declared (complete, partial, fasted) or derived: logged (has entries), unlogged (intake unknown)",
    }),
    declared: z.boolean().openapi({ description: "A declaration is in effect" }),
    entries: z.number().int().openapi({ description: "Number of entries logged on the day" }),
    intake_kcal: z.number().nullable().openapi({ description: "Null when unlogged: unknown, never 0" }),
    possibly_partial: z.boolean().openapi({
      description: "Declared partial, or logged below max(800, 0.5 × median of the last 14 logged days)",
    }),
  })
  .openapi("IntakeDayStatus");
