// HIIT sessions found in heart-rate streams (workouts and dense out-of-workout heart rate), with their intervals.

export { detectDayHiit, detectWorkoutHiit } from "./detection.service.js";
export {
  enqueueDayDetections,
  enqueueHiitAfterIngest,
  enqueueWorkoutDetections,
  redetectHiitOnProfileChange,
} from "./detection-requests.service.js";
export { hiitRouter } from "./hiit.handlers.js";
export { WorkoutHiitFieldsSchema } from "./hiit.schemas.js";
export { countHiitSessionsByDate, workoutHiitFields } from "./hiit.service.js";
export { reconcileStaleAnalyses, redetectUser } from "./redetection.service.js";
