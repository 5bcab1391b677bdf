import { createRoute, z } from "@hono/zod-openapi";
import { bearerSecurity, commonErrorResponses, jsonResponse, listQuery } from "../../http/openapi.js";
import { SAMPLE_TYPES } from "../../lib/vocabulary.js";
import { SampleListSchema } from "./samples.schemas.js";

export const listSamplesRoute = createRoute({
  operationId: "listSamples",
  method: "get",
  path: "/v1/samples",
  tags: ["data"],
  summary: "Stored raw samples (every source kept), oldest first; `from`/`to` filter on the local date",
  security: bearerSecurity,
  request: { query: listQuery({ type: z.enum(SAMPLE_TYPES).optional() }) },
  responses: {
    200: jsonResponse(SampleListSchema, "A page of samples"),
    ...commonErrorResponses,
  },
});
