// Liveness and readiness probes.
export { systemRouter } from "./system.handlers.js";
