import { afterAll } from "vitest";
import { lastResortFirings } from "./process.js";

// Runs after every integration test file: no service process it started may have reached its last-resort handler
// (uncaught exception, unhandled rejection). An error in this test process itself already fails the run.
afterAll(() => {
  const firings = lastResortFirings();
  if (firings.length > 0) throw new Error(`a service process reached its last-resort handler:\n${firings.join("\n")}`);
});
