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
import { isoWithOffset, localDayWindow, ZoneCache } from "../src/lib/zone.js";
import { openBrowser } from "../tests/e2e/browser.js";
import { BENCH_PROFILE } from "./api/plan-types.js";
import { createBenchUser } from "./api/seed.js";
import { benchDates } from "./api/year-plan.js";
import { type ApiClient, createApiClient } from "./lib/api-client.js";
import { createBenchEnv } from "./lib/bench-env.js";
import { dropDatabase } from "./lib/database.js";
import { Prng } from "./lib/prng.js";
import { waitForDrain } from "./lib/queue-watch.js";
import { freePort, REPO_ROOT, type RunningRole, spawnRole, stopRole, waitUntilStarted } from "./lib/service.js";

const JS_LIMIT_BYTES = 250 * 1024;
const FIRST_SCREEN_LIMIT_MS = 1_000;
const RUNS = 7;
const DAYS = 365;
const DATABASE = "wearsync_bench_dashboard";
const DRAIN_TIMEOUT_MS = 20 * 60_000;

interface ChartElement {
  querySelector(selector: string): unknown;
  getAttribute(name: string): string | null;
}

/**
 * The Days chart is drawn: its canvas exists and it counts at least one data point. Runs in the page, as a function:
 * the page's CSP (no 'unsafe-eval') refuses code sent as a string.
 */
function chartDrawn(): boolean {
  const doc = (globalThis as unknown as { document: { querySelector(selector: string): ChartElement | null } }).document;
  const figure = doc.querySelector('figure[data-chart="days-energy"]');
  return figure !== null && figure.querySelector("canvas") !== null && Number(figure.getAttribute("data-points")) > 0;
}

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

const HOUR_MS = 3_600_000;
const SOURCE = { name: "Apple Watch", device_type: "watch", device: "Watch7,1" };
const SCALE = { name: "Withings Body+", device_type: "scale" };

/**
 * A year the Days screen reads as a real one would: every hour of every day covered by the watch (basal, active,
 * steps), three meals a day, a weigh-in every third day. Hourly rather than per-minute samples: the first screen
 * reads the computed days, and seeding minutes (bench:api does) takes minutes on a shared machine.
 */
async function seedLightYear(api: ApiClient, apiKey: string, dates: string[]): Promise<{ samples: number; meals: number }> {
  const r = new Prng(1);
  const zone = new ZoneCache(BENCH_PROFILE.time_zone);
  const iso = (ms: number) => isoWithOffset(ms, zone.offsetMinAt(ms));
  const samples: unknown[] = [];
  const meals: unknown[] = [];
  dates.forEach((date, i) => {
    const { startMs, endMs } = localDayWindow(date, BENCH_PROFILE.time_zone);
    for (let t = startMs; t < endMs; t += HOUR_MS) {
      const hour = (t - startMs) / HOUR_MS;
      const awake = hour >= 7 && hour < 23;
      const steps = awake ? r.int(200, 1200) : 0;
      samples.push({ type: "basal_energy", start: iso(t), end: iso(t + HOUR_MS), value: 1790 / 24, unit: "kcal", source: SOURCE });
      samples.push({
        type: "active_energy",
        start: iso(t),
        end: iso(t + HOUR_MS),
        value: awake ? 10 + steps * 0.04 : 2,
        unit: "kcal",
        source: SOURCE,
      });
      if (steps > 0) samples.push({ type: "steps", start: iso(t), end: iso(t + HOUR_MS), value: steps, unit: "count", source: SOURCE });
    }
    if (i % 3 === 0) {
      const at = startMs + 7 * HOUR_MS;
      samples.push({
        type: "body_mass",
        start: iso(at),
        end: iso(at),
        value: 84 - (5 * i) / dates.length + r.normal(0, 0.3),
        unit: "kg",
        source: SCALE,
      });
    }
    for (const [meal, hour, kcal] of [
      ["breakfast", 8, r.int(350, 600)],
      ["lunch", 13, r.int(600, 900)],
      ["dinner", 19, r.int(600, 1000)],
    ] as const) {
      meals.push({ consumed_at: iso(startMs + hour * HOUR_MS), energy_kcal: kcal, meal, name: meal, external_id: `bench-${date}-${meal}` });
    }
  });
  for (let i = 0; i < samples.length; i += 20_000) {
    await api.call("POST", "/v1/sync", {
      token: apiKey,
      json: { samples: samples.slice(i, i + 20_000), workouts: [] },
      headers: { "idempotency-key": `bench-dashboard-${i}` },
    });
  }
  for (let i = 0; i < meals.length; i += 1_000) await api.call("POST", "/v1/intake", { token: apiKey, json: { entries: meals.slice(i, i + 1_000) } });
  return { samples: samples.length, meals: meals.length };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

async function main(): Promise<void> {
  const sizes = await bundleSizes();
  log(`bundle: ${sizes.files} files, JS ${(sizes.jsRaw / 1024).toFixed(1)} KB raw, ${(sizes.jsGzip / 1024).toFixed(1)} KB gzipped`);

  // "info": the roles announce "started" at info level, which waitUntilStarted looks for.
  const env = createBenchEnv(DATABASE, await freePort(), "info");
  const runDir = await mkdtemp(path.join(os.tmpdir(), "wearsync-bench-dashboard-"));
  const children: RunningRole[] = [];
  let deps: Deps | null = null;
  const results: {
    view: string;
    days: number;
    cold: number[];
    warm: number[];
    coldParts: { scriptEnd: number; apiEnd: number }[];
    warmParts: { scriptEnd: number; apiEnd: number }[];
  }[] = [];
  const loadAtStart = os.loadavg()[0] ?? 0;
  try {
    await dropDatabase(env.maintenanceUrl, DATABASE);
    const api = await spawnRole("api", env.serviceVars(), path.join(runDir, "api.log"));
    children.push(api);
    await waitUntilStarted(api);
    const worker = await spawnRole("worker", env.serviceVars(), path.join(runDir, "worker.log"));
    children.push(worker);
    await waitUntilStarted(worker);
    deps = createDeps(env.inProcessEnv(), { applicationName: "wearsync-bench-dashboard" });
    const origin = `http://127.0.0.1:${env.port}`;
    const client = createApiClient(origin);
    const user = await createBenchUser(client, env.adminToken);
    const dates = benchDates(DAYS, BENCH_PROFILE.time_zone, Date.now());
    log(`seeding ${dates.length} days ${dates[0]} … ${dates.at(-1)} through the API`);
    const seed = await seedLightYear(client, user.apiKey, dates);
    log(`seeded ${seed.samples} samples and ${seed.meals} meals; draining`);
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
      const coldParts: { scriptEnd: number; apiEnd: number }[] = [];
      const warmParts: { scriptEnd: number; apiEnd: number }[] = [];
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
            await browser.page.waitForFunction(chartDrawn, undefined, { polling: "raf", timeout: 30_000 });
            const ms = await browser.page.evaluate(() => performance.now());
            list.push(ms);
            // Where the time went: the script's arrival and the last API answer before the chart was drawn.
            const marks = await browser.page.evaluate(() =>
              performance.getEntriesByType("resource").map((e) => ({ name: e.name, end: (e as unknown as { responseEnd: number }).responseEnd })),
            );
            const scriptEnd = Math.max(0, ...marks.filter((m) => m.name.includes("/assets/") && m.name.endsWith(".js")).map((m) => m.end));
            const apiEnd = Math.max(0, ...marks.filter((m) => m.name.includes("/v1/") && m.end <= ms).map((m) => m.end));
            (fresh ? coldParts : warmParts).push({ scriptEnd, apiEnd });
          }
        } finally {
          await browser.close();
        }
      }
      results.push({ view: v.view, days: v.days, cold, warm, coldParts, warmParts });
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
    for (const [kind, xs, parts] of [
      ["cold cache", r.cold, r.coldParts],
      ["warm cache", r.warm, r.warmParts],
    ] as const) {
      const ok = median(xs) < FIRST_SCREEN_LIMIT_MS;
      screensOk &&= ok;
      const script = median(parts.map((p) => p.scriptEnd)).toFixed(0);
      const answers = median(parts.map((p) => p.apiEnd)).toFixed(0);
      lines.push(
        `| first screen, ${r.view} (${r.days} days), ${kind}: median / max of ${xs.length} (script in at ${script} ms, last API answer at ${answers} ms) | ${median(xs).toFixed(0)} / ${Math.max(...xs).toFixed(0)} ms | < 1000 ms | ${ok ? "ok" : "OVER"} |`,
      );
    }
  }
  lines.push(
    "",
    `Load average (1 min) at start ${loadAtStart.toFixed(1)}, at end ${(os.loadavg()[0] ?? 0).toFixed(1)}, on ${os.cpus().length} cores.`,
  );
  process.stdout.write(`${lines.join("\n")}\n`);
  if (!jsOk || !screensOk) process.exitCode = 1;
}

await main();
