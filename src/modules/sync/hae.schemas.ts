import { z } from "@hono/zod-openapi";

// The Health Auto Export app's REST payload, as documented for generated clients. The route checks only the envelope:
// metrics, points and workouts are read one by one by the format's parser (src/formats/health-auto-export), so a bad
// point or workout is dropped and counted instead of failing the push. Objects are loose: the app adds fields.

const quantity = z
  .looseObject({ qty: z.number(), units: z.string().openapi({ example: "kcal" }) })
  .openapi("HaeQuantity", { description: "A value with its unit as the app writes it (kJ and kcal, km and m, … are converted)" });

const appTime = z.string().openapi({ example: "2026-11-24 07:30:00 +0100", description: "The app's local time with its UTC offset" });

const HaeMetricPointSchema = z
  .looseObject({
    date: appTime,
    qty: z.number().optional(),
    Avg: z.number().optional().openapi({ description: "heart_rate points: the minute's mean (used when there is no qty)" }),
    Min: z.number().optional(),
    Max: z.number().optional(),
    source: z.string().optional().openapi({ description: 'The writing device or app, e.g. "Apple Watch"' }),
  })
  .openapi("HaeMetricPoint");

const HaeMetricSchema = z
  .looseObject({
    name: z.string().openapi({ example: "active_energy" }),
    units: z.string().openapi({ example: "kJ" }),
    data: z.array(HaeMetricPointSchema),
  })
  .openapi("HaeMetric", { description: "One metric's points (step_count, active_energy, basal_energy_burned, heart_rate, weight_body_mass, …)" });

const HaeWorkoutSchema = z
  .looseObject({
    id: z.string().optional(),
    name: z.string().openapi({ example: "Outdoor Run" }),
    start: appTime,
    end: appTime,
    duration: z.number().optional().openapi({ description: "Seconds" }),
    activeEnergy: quantity.optional().openapi({ description: "App version 1" }),
    activeEnergyBurned: quantity.optional().openapi({ description: "App version 2" }),
    distance: quantity.optional(),
    heartRateData: z
      .array(z.looseObject({ date: appTime, qty: z.number().optional(), Avg: z.number().optional(), units: z.string().optional() }))
      .optional(),
    avgHeartRate: quantity.optional(),
    maxHeartRate: quantity.optional(),
    heartRate: z.looseObject({ avg: quantity.optional(), max: quantity.optional() }).optional(),
    sets: z
      .array(z.looseObject({ exercise: z.string() }))
      .optional()
      .openapi({ description: "Strength sets as POST /v1/workouts takes them" }),
  })
  .openapi("HaeWorkout");

export const HaeDataSchema = z
  .looseObject({ metrics: z.array(HaeMetricSchema).optional(), workouts: z.array(HaeWorkoutSchema).optional() })
  .openapi("HealthAutoExportData");

/** The push's body: `data` is checked by the parser, item by item; the document describes it in full. */
export const HaePayloadSchema = z
  .looseObject({ data: z.unknown() })
  .openapi("HealthAutoExportPayload", { properties: { data: { $ref: "#/components/schemas/HealthAutoExportData" } } });
