import { createRouter } from "../../lib/http.js";
import { presentStreams, presentWorkout } from "./workouts.presenters.js";
import { getWorkoutRoute, listWorkoutsRoute } from "./workouts.routes.js";
import { getUserWorkout, listUserWorkouts } from "./workouts.service.js";

export function workoutsRouter() {
  return createRouter()
    .openapi(listWorkoutsRoute, async (c) => {
      const page = await listUserWorkouts(c.var.deps, c.var.userId, c.req.valid("query"));
      return c.json({ workouts: page.items.map(presentWorkout), next_cursor: page.nextCursor }, 200);
    })
    .openapi(getWorkoutRoute, async (c) => {
      const found = await getUserWorkout(c.var.deps, c.var.userId, c.req.valid("param").id);
      return c.json({ ...presentWorkout(found), ...presentStreams(found.workout, found.streams) }, 200);
    });
}
