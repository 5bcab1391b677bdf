// What a person ate: entries from the API, food-log imports and health exports, and each day's declared status.
export { importIntakeEvents } from "./intake-import.service.js";
export { intakeRouter } from "./intake.handlers.js";
export { intakeForRange } from "./intake-range.service.js";
