// The daily energy balance: each local day rebuilt from the raw rows, the days and summary the API serves.
export { energyRouter } from "./energy.handlers.js";
export { finalizeYesterday, recomputeAllDays, recomputeDay, recomputeEstimatedDays } from "./energy.service.js";
export { recomputeDays } from "./energy-range.service.js";
