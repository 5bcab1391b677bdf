import { useMemo, useState } from "preact/hooks";
import type uPlot from "uplot";
import type { Profile, Route } from "../App";
import { api, type Schemas, unwrap } from "../api/client";
import { Chart, utcDate } from "../components/Chart";
import { RangeForm, type RangePreset } from "../components/RangeForm";
import { Busy, ErrorNote } from "../components/Status";
import { addDays, dateToX, formatDate, formatKcal, formatNumber, formatWeight, KG_PER_LB, todayIn, weightIn, weightUnit } from "../lib/format";
import { rangeOf } from "../lib/range";
import { useAction } from "../lib/use-action";
import { useLoad } from "../lib/use-load";

// One page of the largest size covers the chart's range (26 weeks: 52 projection rows, a weigh-in or a few a day).
const PAGE = 1000;
const getWeekly = (from: string, to: string) => unwrap(api.GET("/v1/projections/weekly", { params: { query: { from, to, limit: PAGE } } }));
const getBody = (from: string, to: string) => unwrap(api.GET("/v1/body-measurements", { params: { query: { from, to, limit: PAGE } } }));
const simulate = (body: Schemas["SimulateProjection"]) => unwrap(api.POST("/v1/projections/simulate", { body }));

type Week = Awaited<ReturnType<typeof getWeekly>>["weeks"][number];
type BodyList = Awaited<ReturnType<typeof getBody>>;
type Simulation = Awaited<ReturnType<typeof simulate>>;

const PRESETS: readonly RangePreset[] = [12, 26, 52].map((weeks) => ({ label: `Last ${weeks} weeks`, daysBack: 7 * weeks }));

const MODEL_LABELS = { rule3500: "3,500-kcal rule", dynamic: "Hall model" } as const;
const MODEL_COLORS = { rule3500: "#E69F00", dynamic: "#0072B2" } as const;

/** x values (seconds) → one aligned row per series; null where a series has no value at that x. */
function align(seriesPoints: Map<number, number>[]): uPlot.AlignedData {
  const xs = [...new Set(seriesPoints.flatMap((m) => [...m.keys()]))].sort((a, b) => a - b);
  return [xs, ...seriesPoints.map((m) => xs.map((x) => m.get(x) ?? null))];
}

export function Projections({ profile, route }: { profile: Profile; route: Route }) {
  const today = todayIn(profile.zone);
  const [{ from, to }, setRange] = useState(() => rangeOf(route.params, today, 7 * 26));
  const load = useLoad(async () => {
    const [weekly, body] = await Promise.all([getWeekly(from, to), getBody(from, to)]);
    if (weekly.pending) setTimeout(() => load.reload(), 1_000);
    return { weekly, body };
  }, [from, to]);

  return (
    <section aria-labelledby="projections-title">
      <h1 id="projections-title">Projections</h1>
      <RangeForm from={from} to={to} today={today} presets={PRESETS} onChange={(f, t) => setRange({ from: f, to: t })} />
      <ErrorNote error={load.error} />
      <Busy when={load.loading && !load.data} label="Loading projections…" />
      {load.data && (
        <>
          <Calibration weeks={load.data.weekly.weeks} />
          <WeightChart weeks={load.data.weekly.weeks} body={load.data.body} profile={profile} from={from} to={to} />
          <WeeklyChangeChart weeks={load.data.weekly.weeks} profile={profile} from={from} to={to} />
        </>
      )}
      <WhatIf profile={profile} />
    </section>
  );
}

function latest(weeks: readonly Week[], model: Week["model"]): Week | undefined {
  return weeks.filter((w) => w.model === model && w.status === "projected").sort((a, b) => b.week_start.localeCompare(a.week_start))[0];
}

function Calibration({ weeks }: { weeks: readonly Week[] }) {
  const last = [...weeks].sort((a, b) => b.week_start.localeCompare(a.week_start))[0];
  const factor = weeks.find((w) => w.week_start === last?.week_start && w.calibration_factor !== null)?.calibration_factor ?? null;
  return (
    <p class="calibration" data-testid="calibration">
      {last === undefined
        ? "No weekly projections yet: they need logged days and a profile with sex, birth date, height and weight."
        : factor === null
          ? `Not calibrated yet (week of ${formatDate(last.week_start)}): ranges use each method's published error until 14 days of weigh-ins and intake are in.`
          : `Calibrated: your weight trend puts your burn at ${formatNumber(factor, 2)} × the measured one (week of ${formatDate(last.week_start)}).`}
    </p>
  );
}

/** The x scale spans at least the chosen dates, so a lone point sits in its period instead of in a padded void. */
function spanning(from: string, to: string): uPlot.Scale {
  const lo = dateToX(from);
  const hi = dateToX(to);
  return { time: true, range: (_u, min, max) => [Math.min(min ?? lo, lo), Math.max(max ?? hi, hi)] };
}

function WeightChart({ weeks, body, profile, from, to }: { weeks: readonly Week[]; body: BodyList; profile: Profile; from: string; to: string }) {
  const model = useMemo(() => {
    const w = (kg: number) => weightIn(kg, profile.units);
    const trend = new Map(body.trend.map((t) => [dateToX(t.date), w(t.trend_weight_kg)]));
    const weighIns = new Map<number, number>();
    const outliers = new Map<number, number>();
    for (const m of body.measurements) {
      if (m.weight_kg === null) continue;
      (m.outlier ? outliers : weighIns).set(dateToX(m.local_date), w(m.weight_kg));
    }
    const paths = (["rule3500", "dynamic"] as const).map((name) => {
      const week = latest(weeks, name);
      return new Map((week?.trajectory ?? []).map((p) => [dateToX(addDays(week?.week_start ?? "", 7 * p.week)), w(p.weight_kg)]));
    });
    const data = align([trend, weighIns, outliers, ...paths]);
    const options: Omit<uPlot.Options, "width" | "height"> = {
      tzDate: utcDate,
      scales: { x: spanning(from, to) },
      series: [
        {},
        { label: "Trend weight", stroke: "#333", width: 2, spanGaps: true },
        { label: "Weigh-ins", stroke: "#009E73", width: 0, points: { show: true, size: 7, fill: "#009E73" } },
        { label: "Outliers (not used)", stroke: "#D55E00", width: 0, points: { show: true, size: 9, fill: "#fff", width: 2 } },
        { label: MODEL_LABELS.rule3500, stroke: MODEL_COLORS.rule3500, width: 2, dash: [8, 4], spanGaps: true },
        { label: MODEL_LABELS.dynamic, stroke: MODEL_COLORS.dynamic, width: 2, spanGaps: true },
      ],
      axes: [{}, { label: weightUnit(profile.units), size: 55 }],
    };
    return { data, options, count: body.measurements.length + body.trend.length };
  }, [weeks, body, profile.units, from, to]);
  return (
    <Chart
      name="projection-weight"
      title={`Weight: trend, weigh-ins (outliers marked) and the latest 12-week projection of each model (${weightUnit(profile.units)})`}
      options={model.options}
      data={model.data}
      points={model.count}
      table={
        <table>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Weigh-in</th>
              <th scope="col">Outlier</th>
            </tr>
          </thead>
          <tbody>
            {body.measurements.map((m) => (
              <tr key={m.id}>
                <td>{formatDate(m.local_date)}</td>
                <td>{formatWeight(m.weight_kg, profile.units)}</td>
                <td>{m.outlier ? `yes (${m.outlier_source === "you" ? "you" : "rule"})` : "no"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

function WeeklyChangeChart({ weeks, profile, from, to }: { weeks: readonly Week[]; profile: Profile; from: string; to: string }) {
  const model = useMemo(() => {
    const w = (kg: number) => weightIn(kg, profile.units);
    const series: Map<number, number>[] = [];
    for (const name of ["rule3500", "dynamic"] as const) {
      const mine = weeks.filter((x) => x.model === name && x.projected_change_kg !== null);
      series.push(new Map(mine.map((x) => [dateToX(x.week_start), w(x.projected_change_kg_range?.[0] ?? x.projected_change_kg ?? 0)])));
      series.push(new Map(mine.map((x) => [dateToX(x.week_start), w(x.projected_change_kg_range?.[1] ?? x.projected_change_kg ?? 0)])));
      series.push(new Map(mine.map((x) => [dateToX(x.week_start), w(x.projected_change_kg ?? 0)])));
    }
    const observed = new Map<number, number>();
    for (const x of weeks) if (x.observed_change_kg !== null) observed.set(dateToX(x.week_start), w(x.observed_change_kg));
    series.push(observed);
    const faint = (c: string) => ({ stroke: `${c}55`, width: 1, spanGaps: true });
    const options: Omit<uPlot.Options, "width" | "height"> = {
      tzDate: utcDate,
      scales: { x: spanning(from, to) },
      series: [
        {},
        { label: "3,500-kcal rule, low", ...faint(MODEL_COLORS.rule3500) },
        { label: "3,500-kcal rule, high", ...faint(MODEL_COLORS.rule3500) },
        { label: MODEL_LABELS.rule3500, stroke: MODEL_COLORS.rule3500, width: 2, dash: [8, 4], points: { show: true }, spanGaps: true },
        { label: "Hall model, low", ...faint(MODEL_COLORS.dynamic) },
        { label: "Hall model, high", ...faint(MODEL_COLORS.dynamic) },
        { label: MODEL_LABELS.dynamic, stroke: MODEL_COLORS.dynamic, width: 2, points: { show: true }, spanGaps: true },
        { label: "Observed (trend)", stroke: "#333", width: 0, points: { show: true, size: 8, fill: "#333" } },
      ],
      bands: [
        { series: [2, 1], fill: `${MODEL_COLORS.rule3500}33` },
        { series: [5, 4], fill: `${MODEL_COLORS.dynamic}33` },
      ],
      axes: [{}, { label: `${weightUnit(profile.units)} per week`, size: 55 }],
    };
    return { data: align(series), options };
  }, [weeks, profile.units, from, to]);
  const rows = [...new Set(weeks.map((w) => w.week_start))].sort().reverse();
  const projected = weeks.filter((w) => w.projected_change_kg !== null).length;
  return (
    <>
      {projected === 0 && (
        <p class="muted" data-testid="no-projected-weeks">
          No week in this period had enough logged days to project; the table lists why for each week.
        </p>
      )}
      <Chart
        name="projection-weekly"
        title="Projected change per week, both models with their ranges, against the observed trend change"
        options={model.options}
        data={model.data}
        points={projected}
        table={
          <table>
            <thead>
              <tr>
                <th scope="col">Week of</th>
                <th scope="col">Mean deficit</th>
                <th scope="col">{MODEL_LABELS.rule3500}</th>
                <th scope="col">{MODEL_LABELS.dynamic}</th>
                <th scope="col">Observed</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((start) => {
                const r = weeks.find((w) => w.week_start === start && w.model === "rule3500");
                const d = weeks.find((w) => w.week_start === start && w.model === "dynamic");
                return (
                  <tr key={start}>
                    <td>{formatDate(start)}</td>
                    <td>{formatKcal(r?.mean_deficit_kcal ?? d?.mean_deficit_kcal)}</td>
                    <td>
                      {r?.status === "projected"
                        ? formatWeight(r.projected_change_kg, profile.units, 2)
                        : `not enough days (${r?.logged_days ?? 0} logged)`}
                    </td>
                    <td>
                      {d?.status === "projected"
                        ? formatWeight(d.projected_change_kg, profile.units, 2)
                        : `not enough days (${d?.logged_days ?? 0} logged)`}
                    </td>
                    <td>{formatWeight(r?.observed_change_kg ?? d?.observed_change_kg, profile.units, 2)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        }
      />
    </>
  );
}

function WhatIf({ profile }: { profile: Profile }) {
  const [weeks, setWeeks] = useState("12");
  const [change, setChange] = useState("-500");
  const [target, setTarget] = useState("");
  const [targetDate, setTargetDate] = useState("");
  const [result, setResult] = useState<Simulation | null>(null);
  const projection = useAction();
  const unit = weightUnit(profile.units);

  const run = async () => {
    const body: Schemas["SimulateProjection"] = { weeks: Number(weeks) };
    if (target && targetDate) {
      const kg = profile.units === "imperial" ? Number(target) * KG_PER_LB : Number(target);
      const days = Math.round((Date.parse(`${targetDate}T00:00:00Z`) - Date.parse(`${todayIn(profile.zone)}T00:00:00Z`)) / 86_400_000);
      body.target_weight_kg = Math.round(kg * 10) / 10;
      body.target_days = days;
    } else {
      body.intake_change_kcal = Number(change);
    }
    try {
      setResult(await simulate(body));
    } catch (err) {
      setResult(null);
      throw err;
    }
  };

  const chart = useMemo(() => {
    if (!result) return null;
    const start = dateToX(todayIn(profile.zone));
    const w = (kg: number) => weightIn(kg, profile.units);
    const at = (week: number) => start + week * 7 * 86_400;
    const data = align([
      new Map(result.models.rule3500.map((p) => [at(p.week), w(p.weight_kg)])),
      new Map(result.models.dynamic.map((p) => [at(p.week), w(p.weight_kg)])),
    ]);
    const options: Omit<uPlot.Options, "width" | "height"> = {
      tzDate: utcDate,
      scales: { x: { time: true } },
      series: [
        {},
        { label: MODEL_LABELS.rule3500, stroke: MODEL_COLORS.rule3500, width: 2, dash: [8, 4], points: { show: true } },
        { label: MODEL_LABELS.dynamic, stroke: MODEL_COLORS.dynamic, width: 2, points: { show: true } },
      ],
      axes: [{}, { label: unit, size: 55 }],
    };
    return { data, options };
  }, [result, profile.zone, profile.units, unit]);

  return (
    <section class="panel" aria-labelledby="whatif-title">
      <h2 id="whatif-title">What if…</h2>
      <form class="whatif" onSubmit={projection.submit(run)} data-testid="whatif-form">
        <label for="whatif-change">Change in daily intake (kcal, negative eats less)</label>
        <input id="whatif-change" type="number" step="10" min="-3000" max="3000" value={change} onInput={(e) => setChange(e.currentTarget.value)} />
        <fieldset>
          <legend>Or reach a target weight by a date</legend>
          <label for="whatif-target">Target weight ({unit})</label>
          <input id="whatif-target" type="number" step="0.1" min="20" max="700" value={target} onInput={(e) => setTarget(e.currentTarget.value)} />
          <label for="whatif-date">By</label>
          <input id="whatif-date" type="date" value={targetDate} onInput={(e) => setTargetDate(e.currentTarget.value)} />
        </fieldset>
        <label for="whatif-weeks">Weeks to project</label>
        <input id="whatif-weeks" type="number" min="1" max="104" required value={weeks} onInput={(e) => setWeeks(e.currentTarget.value)} />
        <button type="submit" disabled={projection.busy}>
          {projection.busy ? "Projecting…" : "Project"}
        </button>
      </form>
      <ErrorNote error={projection.error} />
      {result && chart && (
        <div data-testid="whatif-result">
          <p>
            Maintenance {formatKcal(result.maintenance_intake_kcal)} ({result.inputs.maintenance_source}); projected at{" "}
            {formatKcal(result.intake_kcal)} a day
            {result.required_intake_kcal !== undefined ? `; the target needs ${formatKcal(result.required_intake_kcal)} a day` : ""}.
          </p>
          <p data-testid="whatif-end">
            After {result.inputs.weeks} weeks: {formatWeight(result.models.rule3500.at(-1)?.weight_kg, profile.units)} by the 3,500-kcal rule,{" "}
            {formatWeight(result.models.dynamic.at(-1)?.weight_kg, profile.units)} by the Hall model.
          </p>
          {result.flags.length > 0 && <p class="warning">{result.flags.map((f) => f.replaceAll("-", " ")).join("; ")}</p>}
          <Chart
            name="whatif"
            title="What-if trajectories"
            options={chart.options}
            data={chart.data}
            points={result.models.rule3500.length + result.models.dynamic.length}
            table={
              <table>
                <thead>
                  <tr>
                    <th scope="col">Week</th>
                    <th scope="col">{MODEL_LABELS.rule3500}</th>
                    <th scope="col">{MODEL_LABELS.dynamic}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.models.dynamic.map((p, i) => (
                    <tr key={p.week}>
                      <td>{p.week}</td>
                      <td>{formatWeight(result.models.rule3500[i]?.weight_kg, profile.units)}</td>
                      <td>{formatWeight(p.weight_kg, profile.units)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            }
          />
        </div>
      )}
    </section>
  );
}
