import { type AppRouteHandler, createRouter } from "../../http/router.js";
import { presentSample } from "./samples.presenters.js";
import { listSamplesRoute } from "./samples.routes.js";
import { listUserSamples } from "./samples.service.js";

export const listSamples: AppRouteHandler<typeof listSamplesRoute> = async (c) => {
  const page = await listUserSamples(c.var.deps, c.var.userId, c.req.valid("query"));
  return c.json({ samples: page.items.map(presentSample), next_cursor: page.nextCursor }, 200);
};

export function samplesRouter() {
  return createRouter().openapi(listSamplesRoute, listSamples);
}
