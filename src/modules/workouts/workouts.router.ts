import { createRouter } from "../../lib/http.js";
import { workoutHiitFields } from "../hiit/hiit.service.js";
import { presentStreams, presentWorkout } from "./workouts.presenters.js";
import { deleteWorkoutRoute, getWorkoutRoute, listWorkoutsRoute } from "./workouts.routes.js";
import { deleteUserWorkout, getUserWorkout, listUserWorkouts } from "./workouts.service.js";

export function workoutsRouter() {
  return createRouter()
    .openapi(listWorkoutsRoute, async (c) => {
      const page = await listUserWorkouts(c.var.deps, c.var.userId, c.req.valid("query"));
      return c.json({ workouts: page.items.map(presentWorkout), next_cursor: page.nextCursor }, 200);
    })
    .openapi(getWorkoutRoute, async (c) => {
      const { id } = c.req.valid("param");
      const [found, hiit] = await Promise.all([getUserWorkout(c.var.deps, c.var.userId, id), workoutHiitFields(c.var.deps, c.var.userId, id)]);
      return c.json({ ...presentWorkout(found), ...hiit, ...presentStreams(found.workout, found.streams) }, 200);
    })
    .openapi(deleteWorkoutRoute, async (c) => {
      await deleteUserWorkout(c.var.deps, c.var.userId, c.req.valid("param").id);
      return c.body(null, 204);
    });
}
