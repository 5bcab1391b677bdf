import { type AppRouteHandler, createRouter } from "../../http/router.js";
import { presentStreams, presentWorkout } from "./workouts.presenters.js";
import { deleteWorkoutRoute, getWorkoutRoute, listWorkoutsRoute } from "./workouts.routes.js";
import { deleteUserWorkout, getUserWorkout, listUserWorkouts } from "./workouts.service.js";

export const listWorkoutsHandler: AppRouteHandler<typeof listWorkoutsRoute> = async (c) => {
  const page = await listUserWorkouts(c.var.deps, c.var.userId, c.req.valid("query"));
  return c.json({ workouts: page.items.map(presentWorkout), next_cursor: page.nextCursor }, 200);
};

export const getWorkoutHandler: AppRouteHandler<typeof getWorkoutRoute> = async (c) => {
  const found = await getUserWorkout(c.var.deps, c.var.userId, c.req.valid("param").id);
  return c.json({ ...presentWorkout(found), ...found.hiit, ...presentStreams(found.workout, found.streams) }, 200);
};

export const deleteWorkoutHandler: AppRouteHandler<typeof deleteWorkoutRoute> = async (c) => {
  await deleteUserWorkout(c.var.deps, c.var.userId, c.req.valid("param").id);
  return c.body(null, 204);
};

export function workoutsRouter() {
  return createRouter()
    .openapi(listWorkoutsRoute, listWorkoutsHandler)
    .openapi(getWorkoutRoute, getWorkoutHandler)
    .openapi(deleteWorkoutRoute, deleteWorkoutHandler);
}
