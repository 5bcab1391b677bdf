// bench:dashboard: the dashboard's budget. (1) JavaScript shipped, gzipped as the API serves it, against 250 KB.
// (2) First screen on localhost for a person with a year of data: the time from navigation to the Days chart drawn
// (the chart's canvas there and its data points counted), in real headless Chromium against the real service, for
// the default 4-week view and for the whole year; limit 1 s (median of the runs).
import { spawnSync } from "node:child_process";
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { closeDeps, createDeps, type Deps } from "../src/deps.js";
import { openBrowser } from "../tests/e2e/browser.js";
import { createBenchEnv } from "./api/bench-env.js";
import { dropDatabase } from "./api/database.js";
import { BENCH_PROFILE } from "./api/plan-types.js";
import { createBenchUser, seedYear } from "./api/seed.js";
import { benchDates } from "./api/year-plan.js";
import { createApiClient } from "./lib/api-client.js";
import { waitForDrain } from "./lib/queue-watch.js";
import { freePort, REPO_ROOT, type RunningRole, spawnRole, stopRole, waitUntilStarted } from "./lib/service.js";

const JS_LIMIT_BYTES = 250 * 1024;
const FIRST_SCREEN_LIMIT_MS = 1_000;
const RUNS = 7;
const DAYS = 365;
const DATABASE = "wearsync_bench_dashboard";
const DRAIN_TIMEOUT_MS = 20 * 60_000;

/** The Days chart is drawn: its canvas exists and it counts at least one data point (evaluated in the page). */
const DRAWN = `(() => {
  const figure = document.querySelector('figure[data-chart="days-energy"]');
  return figure !== null && figure.querySelector("canvas") !== null && Number(figure.dataset.points) > 0;
})()`;

const log = (line: string) => process.stderr.write(`[bench:dashboard ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

async function bundleSizes(): Promise<{ jsRaw: number; jsGzip: number; cssGzip: number; files: number }> {
  const build = spawnSync(
    process.execPath,
    [path.join(REPO_ROOT, "node_modules/vite/bin/vite.js"), "build", "--config", "web/vite.config.ts", "--logLevel", "warn"],
    {
      cwd: REPO_ROOT,
      stdio: "inherit",
    },
  );
  if (build.status !== 0) throw new Error("vite build failed");
  const dir = path.join(REPO_ROOT, "web/dist/assets");
  const sizes = { jsRaw: 0, jsGzip: 0, cssGzip: 0, files: 0 };
  for (const name of await readdir(dir)) {
    const body = await readFile(path.join(dir, name));
    const gz = gzipSync(body, { level: 9 }).byteLength;
    sizes.files++;
    if (name.endsWith(".js")) {
      sizes.jsRaw += body.byteLength;
      sizes.jsGzip += gz;
    } else if (name.endsWith(".css")) sizes.cssGzip += gz;
  }
  return sizes;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

async function main(): Promise<void> {
  const sizes = await bundleSizes();
  log(`bundle: ${sizes.files} files, JS ${(sizes.jsRaw / 1024).toFixed(1)} KB raw, ${(sizes.jsGzip / 1024).toFixed(1)} KB gzipped`);

  const env = createBenchEnv(DATABASE, await freePort(), "warn");
  const runDir = await mkdtemp(path.join(os.tmpdir(), "wearsync-bench-dashboard-"));
  const children: RunningRole[] = [];
  let deps: Deps | null = null;
  const results: { view: string; days: number; cold: number[]; warm: number[] }[] = [];
  try {
    await dropDatabase(env.maintenanceUrl, DATABASE);
    const api = spawnRole("api", env.serviceVars(), path.join(runDir, "api.log"));
    children.push(api);
    await waitUntilStarted(api);
    const worker = spawnRole("worker", env.serviceVars(), path.join(runDir, "worker.log"));
    children.push(worker);
    await waitUntilStarted(worker);
    deps = createDeps(env.inProcessEnv(), { applicationName: "wearsync-bench-dashboard" });
    const origin = `http://127.0.0.1:${env.port}`;
    const client = createApiClient(origin);
    const user = await createBenchUser(client, env.adminToken);
    const dates = benchDates(DAYS, BENCH_PROFILE.time_zone, Date.now());
    log(`seeding ${dates.length} days ${dates[0]} … ${dates.at(-1)} through the API`);
    const seed = await seedYear(client, user, dates, 1);
    log(`seeded ${seed.samples} samples, ${seed.workouts} workouts, ${seed.intakeEntries} meals in ${seed.seconds.toFixed(1)} s; draining`);
    const drain = await waitForDrain(Object.values(deps.queues), DRAIN_TIMEOUT_MS);
    if (!drain.drained) throw new Error("queues did not drain");
    log(`drained in ${(drain.ms / 1000).toFixed(1)} s`);

    const views = [
      { view: "Days, default 4 weeks", hash: "#/days", days: 28 },
      { view: "Days, the whole year", hash: `#/days?from=${dates[0]}&to=${dates.at(-1)}`, days: DAYS },
    ];
    for (const v of views) {
      const cold: number[] = [];
      const warm: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        // Cold: a new profile (empty cache); warm: the same page loaded again (hashed assets from cache, index revalidated).
        const browser = await openBrowser(origin);
        try {
          await browser.page.goto(`${origin}/`);
          await browser.page.getByLabel("API key").fill(user.apiKey);
          await browser.page.getByRole("button", { name: "Sign in" }).click();
          await browser.page.getByRole("heading", { name: "Days", level: 1 }).waitFor();
          for (const [list, fresh] of [
            [cold, true],
            [warm, false],
          ] as const) {
            if (fresh) {
              // Empty the HTTP cache: the first timed load fetches every asset.
              const cdp = await browser.context.newCDPSession(browser.page);
              await cdp.send("Network.clearBrowserCache");
              await cdp.detach();
            }
            await browser.page.goto("about:blank");
            await browser.page.goto(`${origin}/${v.hash}`, { waitUntil: "commit" });
            // performance.now() counts from this navigation's start; the check polls on every animation frame.
            await browser.page.waitForFunction(DRAWN, undefined, { polling: "raf", timeout: 30_000 });
            const ms = (await browser.page.evaluate("performance.now()")) as number;
            list.push(ms);
          }
        } finally {
          await browser.close();
        }
      }
      results.push({ view: v.view, days: v.days, cold, warm });
      log(`${v.view}: cold median ${median(cold).toFixed(0)} ms, warm median ${median(warm).toFixed(0)} ms`);
    }
  } finally {
    for (const child of children.reverse()) await stopRole(child).catch(() => undefined);
    if (deps) {
      await Promise.all(Object.values(deps.queues).map((q) => q.obliterate({ force: true }).catch(() => undefined)));
      await closeDeps(deps).catch(() => undefined);
    }
  }

  const jsOk = sizes.jsGzip <= JS_LIMIT_BYTES;
  const lines = [
    "## bench:dashboard",
    "",
    "| measure | value | limit | verdict |",
    "|---|---|---|---|",
    `| JavaScript, gzipped (level 9, as served) | ${(sizes.jsGzip / 1024).toFixed(1)} KB (${(sizes.jsRaw / 1024).toFixed(1)} KB raw) | 250 KB | ${jsOk ? "ok" : "OVER"} |`,
    `| CSS, gzipped | ${(sizes.cssGzip / 1024).toFixed(1)} KB | — | — |`,
  ];
  let screensOk = true;
  for (const r of results) {
    for (const [kind, xs] of [
      ["cold cache", r.cold],
      ["warm cache", r.warm],
    ] as const) {
      const ok = median(xs) < FIRST_SCREEN_LIMIT_MS;
      screensOk &&= ok;
      lines.push(
        `| first screen, ${r.view} (${r.days} days), ${kind}: median / max of ${xs.length} | ${median(xs).toFixed(0)} / ${Math.max(...xs).toFixed(0)} ms | < 1000 ms | ${ok ? "ok" : "OVER"} |`,
      );
    }
  }
  process.stdout.write(`${lines.join("\n")}\n`);
  if (!jsOk || !screensOk) process.exitCode = 1;
}

await main();
