import { useMemo, useState } from "preact/hooks";
import type uPlot from "uplot";
import type { Profile, Route } from "../App";
import { api, type Schemas, unwrap } from "../api/client";
import { Chart, shadeSpans, utcDate } from "../components/Chart";
import { RangeForm } from "../components/RangeForm";
import { Busy, ErrorNote } from "../components/Status";
import { formatDateTime, formatDuration, formatKcal, formatNumber, formatTime, instantToX, todayIn } from "../lib/format";
import { rangeOf } from "../lib/range";
import { useLoad } from "../lib/use-load";

type Workout = Schemas["Workout"];

interface Group {
  lead: Workout;
  duplicates: Workout[];
}

/** A group per activity: the counted record first, the records found to be the same activity under it. */
function groupDuplicates(workouts: readonly Workout[]): Group[] {
  const groups = new Map<string, Group>();
  for (const w of workouts) if (w.duplicate_of === null) groups.set(w.id, { lead: w, duplicates: [] });
  for (const w of workouts) {
    if (w.duplicate_of === null) continue;
    const group = groups.get(w.duplicate_of);
    if (group) group.duplicates.push(w);
    else groups.set(w.id, { lead: w, duplicates: [] });
  }
  return [...groups.values()].sort((a, b) => b.lead.start.localeCompare(a.lead.start));
}

export function Workouts({ profile, route }: { profile: Profile; route: Route }) {
  const today = todayIn(profile.zone);
  const [{ from, to }, setRange] = useState(() => rangeOf(route.params, today, 89));
  const list = useLoad(async () => {
    const all: Workout[] = [];
    let cursor: string | undefined;
    do {
      const page = await unwrap(api.GET("/v1/workouts", { params: { query: { from, to, limit: 200, ...(cursor ? { cursor } : {}) } } }));
      all.push(...page.workouts);
      cursor = page.next_cursor ?? undefined;
    } while (cursor && all.length < 2_000);
    return all;
  }, [from, to]);
  const groups = useMemo(() => groupDuplicates(list.data ?? []), [list.data]);
  const selected = route.rest || null;

  return (
    <section aria-labelledby="workouts-title">
      <h1 id="workouts-title">Workouts and HIIT</h1>
      {selected && <WorkoutDetail key={selected} id={selected} profile={profile} />}
      <RangeForm from={from} to={to} today={today} onChange={(f, t) => setRange({ from: f, to: t })} />
      <ErrorNote error={list.error} />
      <Busy when={list.loading && !list.data} label="Loading workouts…" />
      {list.data && groups.length === 0 && <p>No workouts in this range.</p>}
      <ul class="workouts" data-testid="workout-list">
        {groups.map((g) => (
          <li key={g.lead.id} class="workout-group" data-duplicates={g.duplicates.length}>
            <WorkoutLine w={g.lead} zone={profile.zone} range={`from=${from}&to=${to}`} />
            {g.duplicates.length > 0 && (
              <ul class="duplicates" aria-label="Same activity, recorded again">
                {g.duplicates.map((d) => (
                  <li key={d.id}>
                    <WorkoutLine w={d} zone={profile.zone} range={`from=${from}&to=${to}`} />
                    <span class="muted"> — not counted: {(d.duplicate_reason ?? "same activity").replaceAll("_", " ")}</span>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The link keeps the list's range, so opening a workout leaves the list as it was. */
function WorkoutLine({ w, zone, range }: { w: Workout; zone: string; range: string }) {
  return (
    <a href={`#/workouts/${w.id}?${range}`} class="workout-line">
      <strong>{w.activity_type.replaceAll("_", " ")}</strong> {formatDateTime(w.start, zone)} · {formatDuration(w.duration_s)}
      {w.distance_m !== null ? ` · ${formatNumber(w.distance_m / 1000, 2)} km` : ""}
      {w.avg_hr_bpm !== null ? ` · ${formatNumber(w.avg_hr_bpm)} bpm avg` : ""} <span class="muted">{w.source.name}</span>
    </a>
  );
}

const BANDS: { key: keyof NonNullable<Schemas["IntensityMinutes"]>; label: string }[] = [
  { key: "very_light", label: "Very light (< 57 % HRmax)" },
  { key: "light", label: "Light (57–63 %)" },
  { key: "moderate", label: "Moderate (64–76 %)" },
  { key: "vigorous", label: "Vigorous (77–95 %)" },
  { key: "near_maximal", label: "Near-maximal (≥ 96 %)" },
];

function WorkoutDetail({ id, profile }: { id: string; profile: Profile }) {
  const detail = useLoad(() => unwrap(api.GET("/v1/workouts/{id}", { params: { path: { id } } })), [id]);
  const w = detail.data;
  const chart = useMemo(() => {
    if (!w) return null;
    const xs = w.heart_rate.map((p) => instantToX(p.t, profile.zone));
    const spans = w.hiit_intervals.map((i) => ({ from: instantToX(i.start, profile.zone), to: instantToX(i.end, profile.zone) }));
    const options: Omit<uPlot.Options, "width" | "height"> = {
      tzDate: utcDate,
      scales: { x: { time: true } },
      series: [
        { label: "Time" },
        { label: "Heart rate", stroke: "#D55E00", width: 1.5, value: (_u, v) => (v === null ? "—" : `${Math.round(v)} bpm`) },
      ],
      axes: [{}, { label: "bpm", size: 50 }],
      plugins: [shadeSpans(spans, "rgba(230,159,0,0.28)")],
    };
    return { data: [xs, w.heart_rate.map((p) => p.bpm)] as uPlot.AlignedData, options };
  }, [w, profile.zone]);

  return (
    <section class="panel" aria-labelledby="workout-title" data-testid="workout-detail">
      <ErrorNote error={detail.error} />
      {w && chart && (
        <>
          <div class="panel-head">
            <h2 id="workout-title" tabIndex={-1}>
              {w.activity_type.replaceAll("_", " ")}, {formatDateTime(w.start, profile.zone)}
            </h2>
            <a href="#/workouts" class="button secondary">
              Close
            </a>
          </div>
          <dl class="facts">
            <div>
              <dt>Duration</dt>
              <dd>{formatDuration(w.duration_s)}</dd>
            </div>
            <div>
              <dt>Energy</dt>
              <dd>{formatKcal(w.active_energy_kcal)}</dd>
            </div>
            <div>
              <dt>Heart rate</dt>
              <dd>
                {formatNumber(w.avg_hr_bpm)} avg / {formatNumber(w.max_hr_bpm)} max bpm
              </dd>
            </div>
            <div>
              <dt>Counted</dt>
              <dd>{w.counted ? "yes" : `no: ${(w.duplicate_reason ?? "duplicate").replaceAll("_", " ")}`}</dd>
            </div>
            <div>
              <dt>HIIT</dt>
              <dd data-testid="hiit-verdict">
                {w.hiit === null ? "not analysed yet" : w.hiit ? `yes, ${w.hiit_intervals.length} intervals` : "no intervals found"}
              </dd>
            </div>
          </dl>
          <Chart
            name="workout-hr"
            title="Heart rate, with the detected HIIT work intervals shaded"
            options={chart.options}
            data={chart.data}
            points={w.heart_rate.length}
            table={
              <table data-testid="interval-table">
                <caption>Detected work intervals</caption>
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">From</th>
                    <th scope="col">To</th>
                    <th scope="col">Peak</th>
                    <th scope="col">Mean</th>
                  </tr>
                </thead>
                <tbody>
                  {w.hiit_intervals.map((i, n) => (
                    <tr key={i.start}>
                      <td>{n + 1}</td>
                      <td>{formatTime(i.start, profile.zone)}</td>
                      <td>{formatTime(i.end, profile.zone)}</td>
                      <td>{formatNumber(i.peak_bpm)} bpm</td>
                      <td>{formatNumber(i.mean_bpm)} bpm</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            }
          />
          <p class="muted" data-testid="interval-count">
            {w.hiit_intervals.length} detected intervals shaded
          </p>
          {w.intensity_minutes && (
            <table class="bands" data-testid="intensity-bands">
              <caption>Time in each intensity band (ACSM, % of HRmax)</caption>
              <tbody>
                {BANDS.map((b) => {
                  const minutes = w.intensity_minutes?.[b.key] ?? 0;
                  const total = BANDS.reduce((n, x) => n + (w.intensity_minutes?.[x.key] ?? 0), 0);
                  return (
                    <tr key={b.key}>
                      <th scope="row">{b.label}</th>
                      <td>{formatNumber(minutes, 1)} min</td>
                      <td class="bar-cell">
                        <meter min={0} max={Math.max(1, total)} value={minutes} aria-label={`${b.label}: ${formatNumber(minutes, 1)} minutes`} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
