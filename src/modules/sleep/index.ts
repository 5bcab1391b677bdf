// Sleep read from the stored stage samples: per night, per day and over a period (no routes of its own yet).
export { DaySleepSchema } from "./sleep.schemas.js";
export { sleepMinutesByDate, sleepOfDate, summarizeSleep } from "./sleep.service.js";
