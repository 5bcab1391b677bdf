import { type AppRouteHandler, createRouter } from "../../http/router.js";
import { presentCatalogue, presentWeek } from "./training.presenters.js";
import { listExercisesRoute, trainingWeeklyRoute } from "./training.routes.js";
import { exerciseCatalogue, trainingWeeks } from "./training.service.js";

export const listExercisesHandler: AppRouteHandler<typeof listExercisesRoute> = async (c) => {
  return c.json(presentCatalogue(exerciseCatalogue()), 200);
};

export const trainingWeeklyHandler: AppRouteHandler<typeof trainingWeeklyRoute> = async (c) => {
  const { from, to } = c.req.valid("query");
  const result = await trainingWeeks(c.var.deps, c.var.userId, from, to);
  return c.json({ weeks: result.weeks.map(presentWeek), pending: result.pending }, 200);
};

export function trainingRouter() {
  return createRouter().openapi(listExercisesRoute, listExercisesHandler).openapi(trainingWeeklyRoute, trainingWeeklyHandler);
}
