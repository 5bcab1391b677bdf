import { useState } from "preact/hooks";
import type { Profile, Route } from "../App";
import { api, type Schemas, unwrap } from "../api/client";
import { Busy, ErrorNote } from "../components/Status";
import { formatDate, formatNumber, todayIn } from "../lib/format";
import { rangeOf } from "../lib/range";
import { useLoad } from "../lib/use-load";

type Week = Schemas["TrainingWeek"];

const mark = (met: boolean | null) => (met === null ? "–" : met ? "✓ met" : "not yet");

/** Each local ISO week: strength, sets and volume per muscle group, HIIT and activity minutes, steps, against WHO 2020 and the guide. */
export function Training({ profile, route }: { profile: Profile; route: Route }) {
  const today = todayIn(profile.zone);
  const [{ from, to }, setRange] = useState(() => rangeOf(route.params, today, 55));
  const weeks = useLoad(() => unwrap(api.GET("/v1/training/weekly", { params: { query: { from, to } } })), [from, to]);
  const list: Week[] = weeks.data?.weeks ?? [];

  const groups = new Map<string, { sets: number; reps: number; volumeKg: number }>();
  for (const week of list)
    for (const g of week.muscle_groups) {
      const sum = groups.get(g.muscle_group) ?? { sets: 0, reps: 0, volumeKg: 0 };
      groups.set(g.muscle_group, { sets: sum.sets + g.sets, reps: sum.reps + g.reps, volumeKg: sum.volumeKg + g.volume_kg });
    }

  return (
    <section aria-labelledby="training-title">
      <h1 id="training-title">Training</h1>
      <form class="range" onSubmit={(e) => e.preventDefault()}>
        <label>
          From <input type="date" value={from} onInput={(e) => setRange({ from: e.currentTarget.value, to })} />
        </label>
        <label>
          To <input type="date" value={to} onInput={(e) => setRange({ from, to: e.currentTarget.value })} />
        </label>
      </form>
      <p class="hint">
        WHO 2020: 150–300 min of moderate activity a week (a vigorous minute counts as two) and muscle strengthening on 2 or more days. The guide adds
        back exercises on 2 days and more steps than the week before.
      </p>
      <Busy when={weeks.loading} label="Loading the training weeks…" />
      <ErrorNote error={weeks.error} />
      {weeks.data?.pending && <p class="hint">Some days are still being recomputed; steps and HIIT minutes may change.</p>}
      <div class="table-wrap">
        <table data-testid="training-weeks">
          <caption>Per local ISO week (Monday first)</caption>
          <thead>
            <tr>
              <th scope="col">Week of</th>
              <th scope="col">Strength sessions</th>
              <th scope="col">Sets</th>
              <th scope="col">HIIT min</th>
              <th scope="col">Moderate-equivalent min (WHO)</th>
              <th scope="col">Strength days (WHO ≥ 2)</th>
              <th scope="col">Back days (guide ≥ 2)</th>
              <th scope="col">Mean steps (walking more)</th>
            </tr>
          </thead>
          <tbody>
            {list.map((w) => (
              <tr key={w.week_start} data-week={w.week_start}>
                <th scope="row">{formatDate(w.week_start)}</th>
                <td>{w.strength_sessions}</td>
                <td>{w.sets}</td>
                <td>{formatNumber(w.hiit_minutes)}</td>
                <td>
                  {formatNumber(w.who.aerobic.moderate_equivalent_min)} / {w.who.aerobic.target_min} · {mark(w.who.aerobic.met)}
                </td>
                <td>
                  {w.who.muscle_strengthening.days} / {w.who.muscle_strengthening.target} · {mark(w.who.muscle_strengthening.met)}
                </td>
                <td>
                  {w.guide.back_exercises.days} / {w.guide.back_exercises.target} · {mark(w.guide.back_exercises.met)}
                </td>
                <td>
                  {formatNumber(w.mean_steps)} · {mark(w.guide.walking_more.met)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="table-wrap">
        <table data-testid="muscle-groups">
          <caption>Sets and volume per muscle group over the range</caption>
          <thead>
            <tr>
              <th scope="col">Muscle group</th>
              <th scope="col">Sets</th>
              <th scope="col">Reps</th>
              <th scope="col">Volume (reps × kg)</th>
            </tr>
          </thead>
          <tbody>
            {[...groups.entries()].map(([group, sum]) => (
              <tr key={group} data-group={group}>
                <th scope="row">{group}</th>
                <td>{sum.sets}</td>
                <td>{sum.reps}</td>
                <td>{formatNumber(sum.volumeKg)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
