import type { Deps } from "../../deps.js";
import { jsonTextResponse } from "../../http/answer-cache.js";
import { type AppRouteHandler, createRouter } from "../../http/router.js";
import { createManualWorkout, patchWorkout } from "./manual.service.js";
import { presentSets, presentStreams, presentWorkout } from "./workouts.presenters.js";
import { createWorkoutRoute, deleteWorkoutRoute, getWorkoutRoute, listWorkoutsRoute, patchWorkoutRoute } from "./workouts.routes.js";
import { deleteUserWorkout, getUserWorkout, listUserWorkoutsJson } from "./workouts.service.js";

async function workoutDetail(deps: Deps, userId: string, workoutId: string) {
  const found = await getUserWorkout(deps, userId, workoutId);
  return { ...presentWorkout(found), ...found.hiit, ...presentStreams(found.workout, found.streams), sets: presentSets(found.sets) };
}

export const listWorkoutsHandler: AppRouteHandler<typeof listWorkoutsRoute> = async (c) => {
  return jsonTextResponse(c, await listUserWorkoutsJson(c.var.deps, c.var.userId, c.req.valid("query")));
};

export const getWorkoutHandler: AppRouteHandler<typeof getWorkoutRoute> = async (c) => {
  return c.json(await workoutDetail(c.var.deps, c.var.userId, c.req.valid("param").id), 200);
};

export const createWorkoutHandler: AppRouteHandler<typeof createWorkoutRoute> = async (c) => {
  const { id, created } = await createManualWorkout(c.var.deps, c.var.userId, c.req.valid("json"));
  const body = await workoutDetail(c.var.deps, c.var.userId, id);
  return created ? c.json(body, 201) : c.json(body, 200);
};

export const patchWorkoutHandler: AppRouteHandler<typeof patchWorkoutRoute> = async (c) => {
  const id = c.req.valid("param").id;
  await patchWorkout(c.var.deps, c.var.userId, id, c.req.valid("json"));
  return c.json(await workoutDetail(c.var.deps, c.var.userId, id), 200);
};

export const deleteWorkoutHandler: AppRouteHandler<typeof deleteWorkoutRoute> = async (c) => {
  await deleteUserWorkout(c.var.deps, c.var.userId, c.req.valid("param").id);
  return c.body(null, 204);
};

export function workoutsRouter() {
  return createRouter()
    .openapi(listWorkoutsRoute, listWorkoutsHandler)
    .openapi(createWorkoutRoute, createWorkoutHandler)
    .openapi(getWorkoutRoute, getWorkoutHandler)
    .openapi(patchWorkoutRoute, patchWorkoutHandler)
    .openapi(deleteWorkoutRoute, deleteWorkoutHandler);
}
