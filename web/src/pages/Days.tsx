import { useMemo, useState } from "preact/hooks";
import type uPlot from "uplot";
import type { Profile, Route } from "../App";
import type { Schemas } from "../api/client";
import { bars, Chart, utcDate } from "../components/Chart";
import { RangeForm, type RangePreset } from "../components/RangeForm";
import { Busy, ErrorNote } from "../components/Status";
import { dateToX, formatDate, formatKcal, formatNumber, formatRange, formatSleep, todayIn } from "../lib/format";
import { useLoad } from "../lib/use-load";
import { DayDetail } from "./DayDetail";
import { type Day, dayState, STATE_COLORS, STATE_LABELS, STATE_ORDER } from "./day-states";
import { defaultRange, loadDays, loadSummary } from "./days-load";

// Each range holds its number of days, today included.
const PRESETS: readonly RangePreset[] = [
  { label: "Last 4 weeks", daysBack: 27 },
  { label: "Last 12 weeks", daysBack: 83 },
  { label: "Last 1 year", daysBack: 364 },
];

/** Hours a night: the guide's 7–8 h and the AASM/SRS adult consensus of 7 h or more (Watson et al. 2015). */
const SLEEP_TARGET_HOURS = 7;

/** Re-reads while the API says work for these days is still queued or running. */
const PENDING_POLL_MS = 1_000;

export function Days({ profile, route }: { profile: Profile; route: Route }) {
  const today = todayIn(profile.zone);
  const initial = defaultRange(profile.zone, route.params);
  const [{ from, to }, setRange] = useState(initial);
  const [picked, setPicked] = useState<string | null>(route.params.get("day"));

  // Two loads, not one: the chart draws as soon as the days arrive, whatever the summary's read costs.
  const days = useLoad(async () => {
    const list = await loadDays(from, to);
    if (list.pending) setTimeout(() => days.reload(), PENDING_POLL_MS);
    return list;
  }, [from, to]);
  const summary = useLoad(async () => {
    const answer = await loadSummary(from, to);
    if (answer.pending) setTimeout(() => summary.reload(), PENDING_POLL_MS);
    return answer;
  }, [from, to]);

  return (
    <section aria-labelledby="days-title">
      <h1 id="days-title">Days</h1>
      <RangeForm from={from} to={to} today={today} presets={PRESETS} onChange={(f, t) => setRange({ from: f, to: t })} />
      <ErrorNote error={days.error ?? summary.error} />
      <Busy when={days.loading && !days.data} label="Loading days…" />
      {days.data && (
        <>
          {days.data.pending && (
            <p class="pending" aria-live="polite">
              Some of these days are being recomputed; the chart updates when that is done.
            </p>
          )}
          {summary.data ? <Summary summary={summary.data} /> : <Busy when={summary.loading} label="Loading the period's summary…" />}
          <DaysCharts days={days.data.days} onPick={setPicked} />
          {picked && (
            <DayDetail
              key={picked}
              date={picked}
              profile={profile}
              onClose={() => setPicked(null)}
              onChanged={() => {
                days.reload();
                summary.reload();
              }}
            />
          )}
        </>
      )}
    </section>
  );
}

function Summary({ summary }: { summary: Schemas["Summary"] }) {
  const reasons = new Map<string, number>();
  for (const e of summary.excluded) reasons.set(e.reason, (reasons.get(e.reason) ?? 0) + 1);
  return (
    <section class="summary" aria-label="Period summary" data-testid="period-summary">
      <div>
        <span class="figure">{formatKcal(summary.mean_deficit_kcal)}</span>
        <span class="caption">mean deficit per day</span>
      </div>
      <div>
        <span class="figure">{summary.days_used}</span>
        <span class="caption">days counted</span>
      </div>
      <div>
        <span class="figure">{formatKcal(summary.mean_burned_kcal)}</span>
        <span class="caption">mean burned</span>
      </div>
      <div>
        <span class="figure">{formatKcal(summary.mean_intake_kcal)}</span>
        <span class="caption">mean intake</span>
      </div>
      <div data-testid="summary-sleep">
        <span class="figure">{formatSleep(summary.mean_sleep_minutes)}</span>
        <span class="caption">
          mean sleep
          {summary.sleep_nights > 0 ? `, ${summary.nights_7h_or_more} of ${summary.sleep_nights} nights 7 h or more` : ""}
        </span>
      </div>
      <div class="left-out">
        <span class="caption">Left out: {summary.excluded.length} days</span>
        {reasons.size > 0 && (
          <ul>
            {[...reasons].map(([reason, n]) => (
              <li key={reason}>
                {n} × {reason.replaceAll("_", " ")}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

/** A strip under the deficit bars: one colour per day's state, so unlogged and in-progress days show too. */
function stateStrip(colors: readonly string[]): uPlot.Plugin {
  return {
    hooks: {
      draw: (u) => {
        const { ctx, bbox } = u;
        const xs = u.data[0];
        const h = 8 * devicePixelRatio;
        ctx.save();
        for (let i = 0; i < xs.length; i++) {
          const x = xs[i];
          if (x === undefined) continue;
          const x0 = u.valToPos(x - 43_200, "x", true);
          const x1 = u.valToPos(x + 43_200, "x", true);
          ctx.fillStyle = colors[i] ?? "#ccc";
          ctx.fillRect(x0 + 1, bbox.top + bbox.height - h, Math.max(1, x1 - x0 - 2), h);
        }
        ctx.restore();
      },
    },
  };
}

function DaysCharts({ days, onPick }: { days: Day[]; onPick: (date: string) => void }) {
  const model = useMemo(() => {
    const xs = days.map((d) => dateToX(d.date));
    const states = days.map(dayState);
    const energyData: uPlot.AlignedData = [
      xs,
      days.map((d) => d.burned_kcal_range?.[0] ?? null),
      days.map((d) => d.burned_kcal_range?.[1] ?? null),
      days.map((d) => d.burned_kcal),
      days.map((d) => d.intake_kcal),
    ];
    const energyOptions: Omit<uPlot.Options, "width" | "height"> = {
      tzDate: utcDate,
      scales: { x: { time: true } },
      series: [
        { label: "Date", value: (_u, v) => (v === null ? "—" : new Date(v * 1000).toISOString().slice(0, 10)) },
        { label: "Burned, low", stroke: "rgba(0,114,178,0.25)", width: 1, value: (_u, v) => formatKcal(v) },
        { label: "Burned, high", stroke: "rgba(0,114,178,0.25)", width: 1, value: (_u, v) => formatKcal(v) },
        { label: "Burned", stroke: "#0072B2", width: 2, points: { show: true }, value: (_u, v) => formatKcal(v) },
        { label: "Intake", stroke: "#009E73", width: 2, dash: [6, 4], points: { show: true }, value: (_u, v) => formatKcal(v) },
      ],
      bands: [{ series: [2, 1], fill: "rgba(0,114,178,0.15)" }],
      axes: [{}, { label: "kcal", size: 60 }],
    };
    const stateSeries = STATE_ORDER.filter((s) => s !== "no_data");
    const deficitData: uPlot.AlignedData = [xs, ...stateSeries.map((s) => days.map((d, i) => (states[i] === s ? d.deficit_kcal : null)))];
    const deficitOptions: Omit<uPlot.Options, "width" | "height"> = {
      tzDate: utcDate,
      scales: { x: { time: true } },
      series: [
        { label: "Date", value: (_u, v) => (v === null ? "—" : new Date(v * 1000).toISOString().slice(0, 10)) },
        ...stateSeries.map((s) => ({
          label: STATE_LABELS[s],
          stroke: STATE_COLORS[s],
          fill: STATE_COLORS[s],
          paths: bars,
          points: { show: false },
          value: (_u: uPlot, v: number | null) => formatKcal(v),
        })),
      ],
      axes: [{}, { label: "deficit, kcal", size: 60 }],
      plugins: [stateStrip(states.map((s) => STATE_COLORS[s]))],
    };
    // Hours asleep per night (dated by the morning it ended), against the guide's and the AASM/SRS 7 hours.
    const sleepData: uPlot.AlignedData = [
      xs,
      days.map((d) => (d.sleep_minutes === null ? null : d.sleep_minutes / 60)),
      days.map(() => SLEEP_TARGET_HOURS),
    ];
    const sleepOptions: Omit<uPlot.Options, "width" | "height"> = {
      tzDate: utcDate,
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(10, Math.ceil(max))] } },
      series: [
        { label: "Date", value: (_u, v) => (v === null ? "—" : new Date(v * 1000).toISOString().slice(0, 10)) },
        {
          label: "Asleep",
          stroke: "#56B4E9",
          fill: "#56B4E9",
          paths: bars,
          points: { show: false },
          value: (_u, v) => formatSleep(v === null ? null : v * 60),
        },
        { label: "7 hours", stroke: "#009E73", width: 1, dash: [4, 4], points: { show: false }, value: () => "7 h" },
      ],
      axes: [{}, { label: "hours asleep", size: 60 }],
    };
    return { energyData, energyOptions, deficitData, deficitOptions, sleepData, sleepOptions, states };
  }, [days]);

  const pick = (i: number) => {
    const d = days[i];
    if (d) onPick(d.date);
  };
  const drawn = days.filter((d) => d.burned_kcal !== null || d.intake_kcal !== null).length;
  const slept = days.filter((d) => d.sleep_minutes !== null).length;

  if (days.length === 0) return <p>No days in this range.</p>;
  return (
    <div class="charts">
      <Chart
        name="days-energy"
        title="Burned (with its likely range) and intake per day"
        options={model.energyOptions}
        data={model.energyData}
        points={drawn}
        onPick={pick}
        table={<p>Each day's burned, range and intake are in the table below the charts.</p>}
      />
      <Chart
        name="days-deficit"
        title="Deficit per day, coloured by the day's state (click a day for its breakdown)"
        options={model.deficitOptions}
        data={model.deficitData}
        points={days.filter((d) => d.deficit_kcal !== null).length}
        height={200}
        onPick={pick}
        table={<p>Each day's deficit and state are in the table below the charts.</p>}
      />
      {slept > 0 && (
        <Chart
          name="days-sleep"
          title="Hours asleep per night (dated by the morning it ended), against 7 hours"
          options={model.sleepOptions}
          data={model.sleepData}
          points={slept}
          height={160}
          onPick={pick}
          table={<p>Each night's sleep is in the table below the charts.</p>}
        />
      )}
      <ul class="legend-states" aria-label="Day states">
        {STATE_ORDER.map((s) => (
          <li key={s}>
            <span class={`swatch state-${s}`} aria-hidden="true" /> {STATE_LABELS[s]}
          </li>
        ))}
      </ul>
      <DaysTable days={days} onPick={onPick} />
    </div>
  );
}

/** The newest rows are shown at once; a year's table follows on request, so the first screen is the chart's. */
const FIRST_ROWS = 35;

function DaysTable({ days, onPick }: { days: Day[]; onPick: (date: string) => void }) {
  const [all, setAll] = useState(false);
  const newestFirst = [...days].reverse();
  const shown = all ? newestFirst : newestFirst.slice(0, FIRST_ROWS);
  return (
    <div class="table-wrap">
      <table class="days-table" data-testid="days-table">
        <caption>Days, newest first (choose a date for its breakdown)</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">State</th>
            <th scope="col">Burned</th>
            <th scope="col">Intake</th>
            <th scope="col">Deficit</th>
            <th scope="col">Steps</th>
            <th scope="col">Sleep</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((d) => {
            const state = dayState(d);
            return (
              <tr key={d.date} data-date={d.date} data-state={state}>
                <th scope="row">
                  <button type="button" class="link" onClick={() => onPick(d.date)}>
                    {formatDate(d.date)}
                  </button>
                </th>
                <td>
                  <span class={`swatch state-${state}`} aria-hidden="true" /> {STATE_LABELS[state]}
                </td>
                <td>
                  {formatKcal(d.burned_kcal)} <span class="muted">{formatRange(d.burned_kcal_range)}</span>
                </td>
                <td>{d.intake_status === "fasted" ? "fasted" : formatKcal(d.intake_kcal)}</td>
                <td data-col="deficit">{formatKcal(d.deficit_kcal)}</td>
                <td>{formatNumber(d.steps)}</td>
                <td data-col="sleep">{formatSleep(d.sleep_minutes)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {shown.length < newestFirst.length && (
        <button type="button" class="secondary" onClick={() => setAll(true)}>
          Show all {newestFirst.length} days
        </button>
      )}
    </div>
  );
}
