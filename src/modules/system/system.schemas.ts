import { z } from "@hono/zod-openapi";

const CheckSchema = z.enum(["ok", "unreachable"]);

export const ReadySchema = z
  .object({ status: z.enum(["ready", "unavailable"]), checks: z.object({ postgres: CheckSchema, redis: CheckSchema }) })
  .openapi("Readiness");

export const AliveSchema = z.object({ status: z.literal("ok") });
