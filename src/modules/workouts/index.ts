// Workouts as recorded, grouped so that each activity recorded or copied several times counts once.

export type { DeletedWorkout } from "./grouping.repo.js";
export {
  deleteWorkoutsInTx,
  enqueueRegroupForAllUsers,
  type GroupChange,
  queueRegroupEffects,
  regroupAfterWrite,
  regroupUser,
} from "./grouping.service.js";
export { workoutsRouter } from "./workouts.handlers.js";
