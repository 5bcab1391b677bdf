// What a person ate: entries from the API, food-log imports and health exports, and each day's declared status.

export { intakeRouter } from "./intake.handlers.js";
export { importIntakeEvents } from "./intake-import.service.js";
export { intakeForRange } from "./intake-range.service.js";
