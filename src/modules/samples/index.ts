// The raw samples as stored, every source kept (read-only).
export { samplesRouter } from "./samples.handlers.js";
