import { createRoute, z } from "@hono/zod-openapi";
import { bearerSecurity, commonErrorResponses, dateRangeQuery, jsonResponse } from "../../http/openapi.js";
import { SAMPLE_TYPES } from "../../lib/vocabulary.js";
import { SampleListSchema } from "./samples.schemas.js";

export const listSamplesRoute = createRoute({
  operationId: "listSamples",
  method: "get",
  path: "/v1/samples",
  tags: ["data"],
  summary: "Stored raw samples (every source kept) in a local-date range, oldest first",
  security: bearerSecurity,
  request: {
    query: dateRangeQuery({
      type: z.enum(SAMPLE_TYPES).optional(),
      cursor: z.string().max(300).optional(),
      limit: z.coerce.number().int().min(1).max(5000).default(500),
    }),
  },
  responses: {
    200: jsonResponse(SampleListSchema, "A page of samples"),
    ...commonErrorResponses,
  },
});
