// Runs before `npm start` and `npm run dev`: builds the dashboard (vite build → web/dist) when it is missing or older
// than its sources or the lockfile, so `npm ci && npm start` serves a current UI without a separate step.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BUILT = join(ROOT, "web/dist/index.html");
const INPUTS = ["web/src", "web/index.html", "web/vite.config.ts", "package-lock.json"].map((p) => join(ROOT, p));

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

const builtAt = existsSync(BUILT) ? statSync(BUILT).mtimeMs : 0;
const sourcesAt = Math.max(...INPUTS.filter((p) => existsSync(p)).map(newestMtime));
if (builtAt >= sourcesAt) {
  process.stdout.write("dashboard: web/dist is up to date\n");
} else {
  process.stdout.write("dashboard: building web/dist (vite build)\n");
  const vite = join(ROOT, "node_modules/vite/bin/vite.js");
  const result = spawnSync(process.execPath, [vite, "build", "--config", "web/vite.config.ts", "--logLevel", "warn"], {
    cwd: ROOT,
    stdio: "inherit",
  });
  if (result.status !== 0) {
    process.stderr.write("dashboard: the build failed; the API still starts and / explains how to build the UI\n");
    process.exitCode = result.status ?? 1;
  }
}
