import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "../helpers/process.js";

/** Global setup of the browser tests: builds the dashboard from the working tree, as `npm start` would. */
export function setup(): void {
  const vite = join(REPO_ROOT, "node_modules/vite/bin/vite.js");
  const result = spawnSync(process.execPath, [vite, "build", "--config", "web/vite.config.ts", "--logLevel", "warn"], {
    cwd: REPO_ROOT,
    stdio: "inherit",
  });
  if (result.status !== 0) throw new Error(`vite build failed with exit code ${result.status}`);
}
