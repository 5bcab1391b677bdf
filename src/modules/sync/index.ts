// Records pushed by apps: the batch sync API (idempotent per key) and Health Auto Export's own REST push.
export { syncRouter } from "./sync.handlers.js";
