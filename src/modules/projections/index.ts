// Weekly fat-loss projections (the 3,500-kcal rule beside the Hall model) and the what-if planner.
export { calibrationsForDays } from "./day-calibrations.service.js";
export { enqueueWeekProjections } from "./projection-requests.service.js";
export { projectionsRouter } from "./projections.handlers.js";
export { projectLastWeek, projectUserWeek } from "./projections.service.js";
