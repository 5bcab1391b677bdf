import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURES, fixture } from "../helpers/imports.js";
import { freePort, type Spawned, spawnService, waitFor } from "../helpers/process.js";
import { TEST_ADMIN_TOKEN, testEnvVars } from "../helpers/test-env.js";
import { type Browser, openBrowser, screenshot } from "./browser.js";

// The dashboard in real headless Chromium against the real service (`src/process/main.ts all`: API and workers in one
// process, real Postgres and Redis), as a person would use it: sign in, upload, read the charts, log a meal, open a
// workout, run a what-if.

const RIDE = "fit/pyfitparse__garmin-edge-500-activity.fit"; // a Garmin Edge 500 ride on 2011-09-25 at +02:00
const RIDE_DAY = "2011-09-25";
const APPLE = "apple-health/hk2sqlite__export.xml";
const SLEEP_NIGHT = "health-auto-export/irvinlim__marshal_test_unmarshal_sleep_phases_v6.6.2.json";

let service: Spawned;
let origin: string;
let apiKey: string;
let browser: Browser;

async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${origin}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json", ...init.headers },
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

interface DayBody {
  date: string;
  burned_kcal: number | null;
  intake_kcal: number | null;
  deficit_kcal: number | null;
  status: string;
}

const kcal = (n: number) => `${new Intl.NumberFormat("en", { maximumFractionDigits: 0 }).format(Math.round(n))} kcal`;

beforeAll(async () => {
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  service = spawnService(["src/process/main.ts", "all"], testEnvVars({ PORT: String(port), LOG_LEVEL: "warn" }));
  await waitFor(async () => ((await fetch(`${origin}/readyz`).catch(() => null))?.ok ? true : undefined), 60_000, "the service to be ready");
  const res = await fetch(`${origin}/v1/admin/users`, {
    method: "POST",
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({
      email: `e2e-${port}@example.com`,
      sex: "male",
      birth_date: "1980-05-01",
      height_cm: 180,
      weight_kg: 84,
      hr_max_bpm: 185,
      time_zone: "Europe/Berlin",
    }),
  });
  expect(res.status).toBe(201);
  apiKey = ((await res.json()) as { api_key: string }).api_key;
  browser = await openBrowser(origin);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  service?.child.kill("SIGTERM");
  await service?.exited;
});

describe("the dashboard in a browser", () => {
  it("is served at / with its caching and security headers, and asks for a key before showing anything", async () => {
    const res = await fetch(`${origin}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-cache");
    const csp = res.headers.get("content-security-policy") ?? "";
    for (const directive of ["script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "default-src 'none'"])
      expect(csp).toContain(directive);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(await res.text())?.[1] ?? "";
    const asset = await fetch(`${origin}${script}`, { headers: { "accept-encoding": "gzip" } });
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(asset.headers.get("content-encoding")).toBe("gzip");

    const { page } = browser;
    await page.goto(`${origin}/`);
    await page.getByLabel("API key").fill("wsk_not-a-real-key-000000000000000000");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("not accepted");
    expect(await page.locator("nav").count()).toBe(0);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await screenshot(page, "01-sign-in-refused");

    await page.getByLabel("API key").fill(apiKey);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Days", level: 1 }).waitFor();
    expect(await page.locator(".who").textContent()).toContain("Europe/Berlin");
  });

  it("uploads a real FIT export with upload progress, then follows the import to completion", async () => {
    const { page } = browser;
    await page.goto(`${origin}/#/data`);
    await page.getByRole("heading", { name: "Upload an export" }).waitFor();
    // Record every value the upload bar shows (the upload of a local file is over in milliseconds).
    await page.evaluate(() => {
      const seen: [number, number][] = [];
      (window as unknown as { uploadSeen: [number, number][] }).uploadSeen = seen;
      new MutationObserver(() => {
        const bar = document.querySelector<HTMLProgressElement>("#upload-bar");
        if (bar) seen.push([bar.value, bar.max]);
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    await page.locator("#upload-file").setInputFiles(`${FIXTURES}${RIDE}`);
    const progress = page.getByTestId("import-progress");
    await expect.poll(() => progress.getAttribute("data-status"), { timeout: 60_000 }).toBe("completed");
    expect(await page.locator("#import-bar").evaluate((el: HTMLProgressElement) => el.value)).toBe(100);
    expect(await progress.textContent()).toContain("1 workout");
    const seen = await page.evaluate(() => (window as unknown as { uploadSeen: [number, number][] }).uploadSeen);
    const size = readFileSync(`${FIXTURES}${RIDE}`).byteLength;
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)).toEqual([size, size]);
    await expect.poll(() => page.getByTestId("import-history").locator("tbody tr").count()).toBe(1);
    expect(await page.getByTestId("import-history").textContent()).toContain("completed");
    await screenshot(page, "02-data-in-after-upload");
  });

  it("takes a file dropped on the drop zone", async () => {
    const { page } = browser;
    const bytes = [...fixture(APPLE)];
    const dataTransfer = await page.evaluateHandle((content: number[]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(content)], "export.xml", { type: "text/xml" }));
      return dt;
    }, bytes);
    await page.getByTestId("dropzone").dispatchEvent("drop", { dataTransfer });
    await expect.poll(() => page.getByTestId("import-progress").textContent(), { timeout: 60_000 }).toContain("export.xml");
    await expect.poll(() => page.getByTestId("import-progress").getAttribute("data-status"), { timeout: 60_000 }).toBe("completed");
    await expect.poll(() => page.getByTestId("import-history").locator("tbody tr").count()).toBe(2);
  });

  it("draws the imported day on the days chart, with its state and numbers", async () => {
    const { page } = browser;
    const days = await waitFor(
      async () => {
        const body = await api<{ days: DayBody[]; pending: boolean }>(`/v1/days?from=2011-09-19&to=2011-10-02`);
        return body.pending ? undefined : body.days;
      },
      60_000,
      "the ride's day to be computed",
    );
    const ride = days.find((d) => d.date === RIDE_DAY);
    expect(ride?.burned_kcal).toBeGreaterThan(2000);
    await page.goto(`${origin}/#/days?from=2011-09-19&to=2011-10-02`);
    const chart = page.locator('figure[data-chart="days-energy"]');
    await chart.locator("canvas").waitFor();
    expect(await chart.getAttribute("data-points")).toBe("1");
    expect(await chart.locator(".u-legend").textContent()).toContain("Burned");
    const rows = page.getByTestId("days-table").locator("tbody tr");
    expect(await rows.count()).toBe(14);
    const row = page.locator(`tr[data-date="${RIDE_DAY}"]`);
    expect(await row.textContent()).toContain(kcal(ride?.burned_kcal ?? 0));
    expect(await row.getAttribute("data-state")).toBe("partial");
    expect(await page.locator('tr[data-date="2011-09-24"]').getAttribute("data-state")).toBe("no_data");
    await screenshot(page, "03-days");

    // A reload with the key in the session: the Days reads started before the first render are used, not repeated.
    const reads: string[] = [];
    const onRequest = (request: { url(): string }) => {
      const path = new URL(request.url()).pathname;
      if (path === "/v1/days" || path === "/v1/summary") reads.push(path);
    };
    page.on("request", onRequest);
    try {
      await page.reload();
      await expect.poll(() => chart.getAttribute("data-points")).toBe("1");
      await page.getByTestId("period-summary").waitFor();
      expect(reads.sort()).toEqual(["/v1/days", "/v1/summary"]);
    } finally {
      page.off("request", onRequest);
    }
  });

  it("logs a meal on that day and shows the day's deficit change", async () => {
    const { page } = browser;
    await page.locator(`tr[data-date="${RIDE_DAY}"] button`).click();
    const detail = page.getByTestId("day-detail");
    await detail.waitFor();
    expect(await detail.getByTestId("day-deficit").textContent()).toContain("—");
    expect(await detail.getByTestId("day-workouts").textContent()).toContain("counted");
    const form = detail.getByTestId("meal-form");
    await form.getByLabel("Energy (kcal)").fill("2000");
    await form.getByLabel("What (optional)").fill("pasta");
    await form.getByRole("button", { name: "Log meal" }).click();
    const day = await waitFor(
      async () => {
        const d = await api<DayBody & { pending: boolean }>(`/v1/days/${RIDE_DAY}`);
        return d.pending || d.intake_kcal === null ? undefined : d;
      },
      60_000,
      "the day to be recomputed with the meal",
    );
    expect(day.intake_kcal).toBe(2000);
    expect(day.deficit_kcal).toBeCloseTo((day.burned_kcal ?? 0) - 2000, 1);
    await expect.poll(() => detail.getByTestId("day-deficit").textContent(), { timeout: 30_000 }).toContain(kcal(day.deficit_kcal ?? 0));
    expect(await detail.getByTestId("day-intake-entries").textContent()).toContain("pasta");
    await expect
      .poll(() => page.locator(`tr[data-date="${RIDE_DAY}"] [data-col="deficit"]`).textContent(), { timeout: 30_000 })
      .toBe(kcal(day.deficit_kcal ?? 0));
    expect(await page.locator('figure[data-chart="days-deficit"]').getAttribute("data-points")).toBe("1");
    await screenshot(page, "04-day-breakdown");
  });

  it("opens the workout and shows its heart rate with the detected intervals and intensity bands", async () => {
    const { page } = browser;
    const sessions = await waitFor(
      async () => {
        const body = await api<{ sessions: { intervals: unknown[] }[]; pending: boolean }>(`/v1/hiit-sessions?from=${RIDE_DAY}&to=${RIDE_DAY}`);
        return body.pending || body.sessions.length === 0 ? undefined : body.sessions;
      },
      60_000,
      "HIIT detection of the ride",
    );
    const intervals = sessions.reduce((n, s) => n + s.intervals.length, 0);
    const { workouts } = await api<{ workouts: { id: string }[] }>(`/v1/workouts?from=${RIDE_DAY}&to=${RIDE_DAY}`);
    const detailBody = await api<{ heart_rate: unknown[] }>(`/v1/workouts/${workouts[0]?.id}`);

    await page.goto(`${origin}/#/workouts?from=2011-09-01&to=2011-09-30`);
    await page.getByTestId("workout-list").locator("a").first().click();
    const detail = page.getByTestId("workout-detail");
    await expect.poll(() => detail.getByTestId("hiit-verdict").textContent()).toBe(`yes, ${intervals} intervals`);
    // Times in the person's zone (Europe/Berlin), not the browser's (America/New_York): the ride started 15:00 at +02:00.
    expect(await detail.locator("h2").textContent()).toContain("15:00");
    const chart = detail.locator('figure[data-chart="workout-hr"]');
    await chart.locator("canvas").waitFor();
    expect(Number(await chart.getAttribute("data-points"))).toBe(detailBody.heart_rate.length);
    expect(await detail.getByTestId("interval-table").locator("tbody tr").count()).toBe(intervals);
    const bands = await detail.getByTestId("intensity-bands").textContent();
    expect(bands).toContain("Vigorous");
    await screenshot(page, "05-workout");
  });

  it("logs a weigh-in, shows it with the weekly projections, and runs a what-if drawing both trajectories", async () => {
    const { page } = browser;
    await page.goto(`${origin}/#/data`);
    const weighIn = page.getByTestId("weigh-in-form");
    await weighIn.getByLabel("When (Europe/Berlin)").fill("2011-09-26T07:30");
    await weighIn.getByLabel("Weight (kg)").fill("84.2");
    await weighIn.getByRole("button", { name: "Save weigh-in" }).click();
    await expect.poll(() => weighIn.getByRole("status").textContent()).toContain("saved");
    const body = await api<{ measurements: { local_date: string; weight_kg: number; utc_offset_min: number }[] }>(
      "/v1/body-measurements?from=2011-09-01&to=2011-10-31",
    );
    expect(body.measurements).toMatchObject([{ local_date: "2011-09-26", weight_kg: 84.2, utc_offset_min: 120 }]);

    const weekly = await waitFor(
      async () => {
        const w = await api<{ weeks: { week_start: string; calibration_factor: number | null; status: string }[]; pending: boolean }>(
          "/v1/projections/weekly?from=2011-09-01&to=2011-10-31",
        );
        return w.pending ? undefined : w.weeks;
      },
      60_000,
      "the weekly projections to settle",
    );
    await page.goto(`${origin}/#/projections?from=2011-09-01&to=2011-10-31`);
    const weight = page.locator('figure[data-chart="projection-weight"]');
    await weight.locator("canvas").waitFor();
    expect(await weight.locator(".chart-table table").textContent()).toContain("84.2 kg");
    expect(await weight.locator(".u-legend").textContent()).toContain("Hall model");
    const weeks = new Set(weekly.map((w) => w.week_start));
    expect(await page.locator('figure[data-chart="projection-weekly"] .chart-table tbody tr').count()).toBe(weeks.size);
    const projectedWeeks = weekly.filter((w) => w.status === "projected").length;
    expect(await page.getByTestId("no-projected-weeks").count()).toBe(projectedWeeks === 0 ? 1 : 0);
    expect(await page.locator('figure[data-chart="projection-weekly"]').getAttribute("data-points")).toBe(String(projectedWeeks));
    const calibration = (await page.getByTestId("calibration").textContent()) ?? "";
    if (weekly.length === 0) expect(calibration).toContain("No weekly projections yet");
    else if (weekly.some((w) => w.calibration_factor !== null)) expect(calibration).toContain("Calibrated");
    else expect(calibration).toContain("Not calibrated yet");

    await page.getByLabel("Change in daily intake (kcal, negative eats less)").fill("-500");
    await page.getByLabel("Weeks to project").fill("12");
    await page.getByRole("button", { name: "Project" }).click();
    const result = page.getByTestId("whatif-result");
    await result.waitFor();
    const expected = await api<{ models: { rule3500: { weight_kg: number }[]; dynamic: { weight_kg: number }[] } }>("/v1/projections/simulate", {
      method: "POST",
      body: JSON.stringify({ weeks: 12, intake_change_kcal: -500 }),
    });
    expect(expected.models.dynamic).toHaveLength(13);
    const chart = result.locator('figure[data-chart="whatif"]');
    await chart.locator("canvas").waitFor();
    expect(await chart.getAttribute("data-points")).toBe(String(expected.models.rule3500.length + expected.models.dynamic.length));
    const end = await result.getByTestId("whatif-end").textContent();
    expect(end).toContain(`${expected.models.rule3500.at(-1)?.weight_kg.toFixed(1)} kg by the 3,500-kcal rule`);
    expect(end).toContain(`${expected.models.dynamic.at(-1)?.weight_kg.toFixed(1)} kg by the Hall model`);
    await screenshot(page, "06-projections");
  });

  it("shows a hand-logged strength session in the training week with its sets and volume per muscle group", async () => {
    const { page } = browser;
    await api("/v1/workouts", {
      method: "POST",
      body: JSON.stringify({
        activity_type: "strength_training",
        start: "2011-09-27T18:00:00+02:00",
        duration_s: 1800,
        sets: [
          { exercise: "dumbbell_row", reps: 10, weight_kg: 14 },
          { exercise: "dumbbell_row", reps: 10, weight_kg: 14 },
          { exercise: "dumbbell_row", reps: 8, weight_kg: 16 },
          { exercise: "plank", duration_s: 60 },
        ],
      }),
    });
    const { weeks } = await api<{
      weeks: { week_start: string; strength_sessions: number; sets: number; muscle_groups: { muscle_group: string; volume_kg: number }[] }[];
    }>("/v1/training/weekly?from=2011-09-26&to=2011-10-02");
    expect(weeks).toMatchObject([{ week_start: "2011-09-26", strength_sessions: 1, sets: 4 }]);
    const backVolumeKg = weeks[0]?.muscle_groups.find((g) => g.muscle_group === "back")?.volume_kg;
    expect(backVolumeKg).toBe(10 * 14 + 10 * 14 + 8 * 16);

    await page.goto(`${origin}/#/training?from=2011-09-26&to=2011-10-02`);
    const row = page.getByTestId("training-weeks").locator('tr[data-week="2011-09-26"]');
    await row.waitFor();
    const cells = await row.locator("td").allTextContents();
    expect(cells[0]).toBe("1");
    expect(cells[1]).toBe("4");
    expect(cells[4]).toContain("1 / 2");
    const back = page.getByTestId("muscle-groups").locator('tr[data-group="back"] td');
    expect(await back.allTextContents()).toEqual(["3", "28", "408"]);
    await screenshot(page, "07-training");

    // A link to other dates on the page already shown starts it from those dates.
    await page.goto(`${origin}/#/training?from=2011-10-03&to=2011-10-09`);
    await page.getByTestId("training-weeks").locator('tr[data-week="2011-10-03"]').waitFor();
    expect(await page.getByTestId("training-weeks").locator('tr[data-week="2011-09-26"]').count()).toBe(0);
  });

  it("shows a real night's sleep: its hours in the days table and chart, its stages in the day's breakdown, the period's mean", async () => {
    const { page } = browser;
    // A real Health Auto Export night ending 08:39 +08:00 on 31 January 2023 (the file's own offset dates it): core
    // 198 + deep 51.5 + REM 75.5 = 325 asleep minutes, 488.7 min in bed, 7 min awake (hours × 60 from the file).
    const upload = await fetch(`${origin}/v1/imports`, {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/octet-stream" },
      body: new Uint8Array(fixture(SLEEP_NIGHT)),
    });
    expect(upload.status).toBe(202);
    const { id } = (await upload.json()) as { id: string };
    await waitFor(
      async () => ((await api<{ status: string }>(`/v1/imports/${id}`)).status === "completed" ? true : undefined),
      60_000,
      "the sleep import",
    );
    await waitFor(
      async () => ((await api<{ pending: boolean }>("/v1/days?from=2023-01-29&to=2023-02-01")).pending ? undefined : true),
      60_000,
      "the nights' days",
    );
    await page.goto(`${origin}/#/days?from=2023-01-29&to=2023-02-01`);
    const chart = page.locator('figure[data-chart="days-sleep"]');
    await chart.locator("canvas").waitFor();
    expect(await chart.getAttribute("data-points")).toBe("1");
    expect(await page.locator('tr[data-date="2023-01-31"] td[data-col="sleep"]').textContent()).toBe("5 h 25 min");
    expect(await page.locator('tr[data-date="2023-01-30"] td[data-col="sleep"]').textContent()).toBe("—");
    expect(await page.getByTestId("summary-sleep").textContent()).toContain("5 h 25 min");
    expect(await page.getByTestId("summary-sleep").textContent()).toContain("0 of 1 nights 7 h or more");

    await page.locator('tr[data-date="2023-01-31"] button').click();
    const sleep = page.getByTestId("day-sleep");
    await sleep.waitFor();
    expect(await sleep.getByTestId("day-sleep-asleep").textContent()).toBe("5 h 25 min");
    // 00:23–08:39 at +08:00 is 17:23–01:39 in the profile's Berlin.
    expect(await sleep.textContent()).toContain("(17:23–01:39)");
    expect(await sleep.textContent()).toContain("8 h 09 min in bed");
    const stage = (key: string) => sleep.locator(`tr[data-stage="${key}"] td`).textContent();
    expect(await stage("core")).toBe("3 h 18 min");
    expect(await stage("deep")).toBe("52 min");
    expect(await stage("rem")).toBe("1 h 16 min");
    expect(await stage("awake")).toBe("7 min");
    expect(await sleep.locator('tr[data-stage="asleep_unspecified"]').count()).toBe(0);
    await screenshot(page, "07-sleep-night");
  });

  it("fits a phone screen, made no request to another host, and signs out forgetting the key", async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${origin}/#/days?from=2011-09-19&to=2011-10-02`);
    await page.locator('figure[data-chart="days-energy"] canvas').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, "08-days-phone");

    expect(browser.foreignRequests).toEqual([]);
    expect(browser.pageErrors).toEqual([expect.stringContaining("401")]);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("API key").waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await page.reload();
    await page.getByLabel("API key").waitFor();
    expect(await page.locator("nav").count()).toBe(0);
  });
});
