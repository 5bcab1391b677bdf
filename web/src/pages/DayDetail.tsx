import { useEffect, useRef } from "preact/hooks";
import type { Profile } from "../App";
import { api, type Schemas, unwrap } from "../api/client";
import { ErrorNote } from "../components/Status";
import { formatDate, formatKcal, formatNumber, formatRange, formatSleep, formatTime } from "../lib/format";
import { useAction } from "../lib/use-action";
import { useLoad } from "../lib/use-load";
import { dayState, STATE_LABELS } from "./day-states";
import { DayStatusForm, MealForm } from "./forms";

interface SourceShare {
  name: string;
  device_type: string;
  value: number;
}

interface WorkoutLine {
  id: string;
  activity_type: string;
  energy_kcal: number | null;
  method: string | null;
  counted: boolean;
  duplicate_of: string | null;
  reason: string | null;
}

/** The breakdown the day's row stores (GET /v1/days/{date}); its shape is the day assembly's, read defensively. */
interface Breakdown {
  basal?: { method?: string; sources?: SourceShare[] };
  active?: { method?: string; sources?: SourceShare[]; superseded_estimate_kcal?: number | null };
  workouts?: WorkoutLine[];
  intake?: { entries?: number; status?: string; possibly_partial?: boolean };
  estimate_inputs?: { bmr_equation?: string; weight_kg?: number; height_cm?: number; age_years?: number; sex?: string } | null;
}

const METHOD_LABELS: Record<string, string> = {
  device: "from the device",
  estimated_bmr: "estimated (Mifflin–St Jeor BMR)",
  none: "none",
};

export function DayDetail({ date, profile, onClose, onChanged }: { date: string; profile: Profile; onClose: () => void; onChanged: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const detail = useLoad(async () => {
    const [day, intake] = await Promise.all([
      unwrap(api.GET("/v1/days/{date}", { params: { path: { date } } })),
      unwrap(api.GET("/v1/intake", { params: { query: { from: date, to: date, limit: 200 } } })),
    ]);
    if (day.pending) setTimeout(() => detail.reload(), 1_000);
    return { day, intake: intake.entries };
  }, [date]);
  useEffect(() => heading.current?.focus(), []);

  const changed = () => {
    detail.reload();
    onChanged();
  };
  const day = detail.data?.day;
  const breakdown = (day?.breakdown ?? null) as Breakdown | null;

  return (
    <section class="panel day-detail" aria-labelledby="day-detail-title" data-testid="day-detail" data-date={date}>
      <div class="panel-head">
        <h2 id="day-detail-title" tabIndex={-1} ref={heading}>
          {formatDate(date)}
        </h2>
        <button type="button" class="secondary" onClick={onClose}>
          Close
        </button>
      </div>
      <ErrorNote error={detail.error} />
      {day && (
        <>
          <dl class="facts">
            <div>
              <dt>State</dt>
              <dd>{STATE_LABELS[dayState(day)]}</dd>
            </div>
            <div>
              <dt>Burned</dt>
              <dd>
                {formatKcal(day.burned_kcal)} <span class="muted">{formatRange(day.burned_kcal_range)}</span>
              </dd>
            </div>
            <div>
              <dt>Intake</dt>
              <dd data-testid="day-intake">{formatKcal(day.intake_kcal)}</dd>
            </div>
            <div>
              <dt>Deficit</dt>
              <dd data-testid="day-deficit">
                {formatKcal(day.deficit_kcal)} <span class="muted">{formatRange(day.deficit_kcal_range)}</span>
              </dd>
            </div>
            <div>
              <dt>Steps</dt>
              <dd>{formatNumber(day.steps)}</dd>
            </div>
            <div>
              <dt>Data covers</dt>
              <dd>{formatNumber(day.coverage_hours, 1)} h</dd>
            </div>
            <div>
              <dt>Range from</dt>
              <dd>
                {day.range_source === "calibration"
                  ? "your weight trend (calibrated)"
                  : day.range_source === "method_error"
                    ? "published method error"
                    : "—"}
              </dd>
            </div>
          </dl>
          {day.pending && <p class="pending">Recomputing this day…</p>}
          {day.flags.length > 0 && <FlagNote date={date} flags={day.flags} confirmed={day.confirmed} onChanged={changed} />}
          {breakdown && (
            <>
              <h3>Sources and how they were merged</h3>
              <ul class="plain">
                <li>
                  Basal: {METHOD_LABELS[breakdown.basal?.method ?? "none"] ?? breakdown.basal?.method}
                  <Shares shares={breakdown.basal?.sources} />
                </li>
                <li>
                  Active: {METHOD_LABELS[breakdown.active?.method ?? "none"] ?? `estimated (${breakdown.active?.method})`}
                  <Shares shares={breakdown.active?.sources} />
                  {breakdown.active?.superseded_estimate_kcal ? (
                    <span class="muted"> — device value used instead of an estimate of {formatKcal(breakdown.active.superseded_estimate_kcal)}</span>
                  ) : null}
                </li>
                {breakdown.estimate_inputs && (
                  <li class="muted">
                    Estimates use {breakdown.estimate_inputs.weight_kg} kg, {breakdown.estimate_inputs.height_cm} cm,{" "}
                    {breakdown.estimate_inputs.age_years} years
                  </li>
                )}
              </ul>
              <h3>Workouts</h3>
              {(breakdown.workouts ?? []).length === 0 ? (
                <p class="muted">No workouts this day.</p>
              ) : (
                <ul class="plain" data-testid="day-workouts">
                  {(breakdown.workouts ?? []).map((w) => (
                    <li key={w.id}>
                      <a href={`#/workouts/${w.id}`}>{w.activity_type.replaceAll("_", " ")}</a>: {w.counted ? "counted" : "not counted"}
                      {w.energy_kcal !== null ? `, ${formatKcal(w.energy_kcal)}` : ""}
                      {w.method ? ` (${w.method})` : ""}
                      {w.reason ? <span class="muted"> — {w.reason.replaceAll("_", " ")}</span> : null}
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
          <h3>Intake</h3>
          {detail.data && detail.data.intake.length > 0 ? (
            <ul class="plain" data-testid="day-intake-entries">
              {detail.data.intake.map((e) => (
                <li key={e.id}>
                  {formatTime(e.consumed_at, profile.zone)} {e.meal ?? ""} {e.name ?? ""}: {formatKcal(e.energy_kcal)}
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">Nothing logged ({day.intake_status.replaceAll("_", " ")}).</p>
          )}
          <h3>Sleep</h3>
          <SleepNight sleep={day.sleep} zone={profile.zone} />
          <div class="forms-row">
            <MealForm profile={profile} date={date} onSaved={changed} />
            <DayStatusForm date={date} onSaved={changed} />
          </div>
        </>
      )}
    </section>
  );
}

/** A flagged day stays out of the means until its owner says the numbers are right (PUT /v1/days/{date}/confirm). */
function FlagNote({ date, flags, confirmed, onChanged }: { date: string; flags: string[]; confirmed: boolean; onChanged: () => void }) {
  const change = useAction();
  const toggle = () =>
    change.run(async () => {
      if (confirmed) await unwrap(api.DELETE("/v1/days/{date}/confirm", { params: { path: { date } } }));
      else await unwrap(api.PUT("/v1/days/{date}/confirm", { params: { path: { date } } }));
      onChanged();
    });
  return (
    <div class="warning">
      <p>
        Flagged as implausible: {flags.map((f) => f.replaceAll("_", " ")).join(", ")}.{" "}
        {confirmed ? "You confirmed the numbers are right, so the day counts." : "It is left out of the means until you confirm it."}
      </p>
      <button type="button" class="secondary" onClick={() => void toggle()}>
        {confirmed ? "Withdraw confirmation" : "The numbers are right: count this day"}
      </button>
      <ErrorNote error={change.error} />
    </div>
  );
}

function Shares({ shares }: { shares: SourceShare[] | undefined }) {
  if (!shares || shares.length === 0) return null;
  return <span> — {shares.map((s) => `${s.name} (${s.device_type}) ${formatKcal(s.value)}`).join(", ")}</span>;
}

const STAGE_LABELS: [keyof Schemas["SleepStages"], string][] = [
  ["deep", "Deep"],
  ["core", "Core (light)"],
  ["rem", "REM"],
  ["asleep_unspecified", "Asleep, no stage"],
  ["awake", "Awake"],
];

/** The sleep that ended on this day (the night and any naps), by stage, with the sources that count. */
function SleepNight({ sleep, zone }: { sleep: Schemas["DaySleep"] | null; zone: string }) {
  if (sleep === null) return <p class="muted">No sleep data for this day (unknown, not zero).</p>;
  const naps = sleep.sessions.filter((s) => !s.main).length;
  return (
    <div data-testid="day-sleep">
      <p>
        <strong data-testid="day-sleep-asleep">{formatSleep(sleep.asleep_minutes)}</strong> asleep
        {sleep.start && sleep.end ? ` (${formatTime(sleep.start, zone)}–${formatTime(sleep.end, zone)})` : ""}
        {sleep.in_bed_minutes !== null ? `, ${formatSleep(sleep.in_bed_minutes)} in bed` : ""}
        {naps > 0 ? `, including ${naps} nap${naps > 1 ? "s" : ""}` : ""}
        {sleep.asleep_minutes !== null && sleep.asleep_minutes >= 7 * 60 ? " — 7 hours or more" : ""}
      </p>
      <table class="compact" data-testid="day-sleep-stages">
        <caption>Minutes per stage (the best-ranked source where several overlap)</caption>
        <tbody>
          {STAGE_LABELS.filter(([key]) => sleep.stages_minutes[key] > 0).map(([key, label]) => (
            <tr key={key} data-stage={key}>
              <th scope="row">{label}</th>
              <td>{formatSleep(sleep.stages_minutes[key])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted">From {sleep.sources.join(", ")}.</p>
    </div>
  );
}
