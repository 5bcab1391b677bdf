// Weigh-ins and body fat: manual entries and imported scale records, the trend weight and its outliers.
export { bodyRouter } from "./body.handlers.js";
export { refreshWeighInOutliers } from "./weigh-in-outliers.service.js";
