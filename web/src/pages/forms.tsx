import { useState } from "preact/hooks";
import type { Profile } from "../App";
import { api, unwrap } from "../api/client";
import { ErrorNote } from "../components/Status";
import { formatDate, offsetOf, todayIn, weightUnit } from "../lib/format";
import { type Action, useAction } from "../lib/use-action";

function nowLocal(zone: string): string {
  const time = new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date());
  return `${todayIn(zone)}T${time}`;
}

/** A wall time typed in the person's zone, sent with that zone's offset (the API keeps it: it decides the day). */
function withOffset(zone: string, local: string): string {
  return `${local}:00${offsetOf(zone, local)}`;
}

/** A form's submit button, then what became of its last submit. */
function SubmitFooter({ form, label, ready = true }: { form: Action; label: string; ready?: boolean }) {
  return (
    <>
      <button type="submit" disabled={form.busy || !ready}>
        {label}
      </button>
      <ErrorNote error={form.error} />
      {form.done && (
        <p class="ok" role="status">
          {form.done}
        </p>
      )}
    </>
  );
}

export function MealForm({ profile, date, onSaved }: { profile: Profile; date?: string; onSaved: () => void }) {
  const [when, setWhen] = useState(() => (date ? `${date}T12:00` : nowLocal(profile.zone)));
  const [kcal, setKcal] = useState("");
  const [name, setName] = useState("");
  const [meal, setMeal] = useState<"" | "breakfast" | "lunch" | "dinner" | "snack">("");
  const id = date ? `meal-${date}` : "meal";
  const form = useAction();
  const save = async () => {
    await unwrap(
      api.POST("/v1/intake", {
        body: {
          entries: [{ consumed_at: withOffset(profile.zone, when), energy_kcal: Number(kcal), name: name || null, meal: meal || null }],
        },
      }),
    );
    setKcal("");
    setName("");
    onSaved();
  };
  return (
    <form class="card" aria-labelledby={`${id}-title`} onSubmit={form.submit(save, "Meal logged.")} data-testid="meal-form">
      <h3 id={`${id}-title`}>Log a meal</h3>
      <label for={`${id}-when`}>When ({profile.zone})</label>
      <input id={`${id}-when`} type="datetime-local" required value={when} onInput={(e) => setWhen(e.currentTarget.value)} />
      <label for={`${id}-kcal`}>Energy (kcal)</label>
      <input id={`${id}-kcal`} type="number" min="0" max="20000" step="1" required value={kcal} onInput={(e) => setKcal(e.currentTarget.value)} />
      <label for={`${id}-name`}>What (optional)</label>
      <input id={`${id}-name`} type="text" maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      <label for={`${id}-meal`}>Meal</label>
      <select id={`${id}-meal`} value={meal} onChange={(e) => setMeal(e.currentTarget.value as typeof meal)}>
        <option value="">—</option>
        <option value="breakfast">Breakfast</option>
        <option value="lunch">Lunch</option>
        <option value="dinner">Dinner</option>
        <option value="snack">Snack</option>
      </select>
      <SubmitFooter form={form} label="Log meal" />
    </form>
  );
}

export function WeighInForm({ profile, onSaved }: { profile: Profile; onSaved: () => void }) {
  const [when, setWhen] = useState(() => nowLocal(profile.zone));
  const [weight, setWeight] = useState("");
  const [fat, setFat] = useState("");
  const unit = weightUnit(profile.units);
  const form = useAction();
  const save = async () => {
    const value = Number(weight);
    const mass = profile.units === "imperial" ? { weight_lb: value } : { weight_kg: value };
    await unwrap(
      api.POST("/v1/body-measurements", {
        body: { measured_at: withOffset(profile.zone, when), ...mass, ...(fat ? { body_fat_pct: Number(fat) } : {}) },
      }),
    );
    setWeight("");
    setFat("");
    onSaved();
  };
  return (
    <form class="card" aria-labelledby="weigh-in-title" onSubmit={form.submit(save, "Weigh-in saved.")} data-testid="weigh-in-form">
      <h3 id="weigh-in-title">Log a weigh-in</h3>
      <label for="weigh-when">When ({profile.zone})</label>
      <input id="weigh-when" type="datetime-local" required value={when} onInput={(e) => setWhen(e.currentTarget.value)} />
      <label for="weigh-weight">Weight ({unit})</label>
      <input
        id="weigh-weight"
        type="number"
        min="1"
        max="1000"
        step="0.1"
        required
        value={weight}
        onInput={(e) => setWeight(e.currentTarget.value)}
      />
      <label for="weigh-fat">Body fat % (optional)</label>
      <input id="weigh-fat" type="number" min="1" max="75" step="0.1" value={fat} onInput={(e) => setFat(e.currentTarget.value)} />
      <SubmitFooter form={form} label="Save weigh-in" />
    </form>
  );
}

const DAY_STATUS_HELP = {
  complete: "everything eaten is logged",
  partial: "some of it is missing",
  fasted: "nothing was eaten",
} as const;

export function DayStatusForm({ date, zone, onSaved }: { date?: string; zone?: string; onSaved: () => void }) {
  const [day, setDay] = useState(date ?? (zone ? todayIn(zone) : ""));
  const [status, setStatus] = useState<keyof typeof DAY_STATUS_HELP>("complete");
  const id = date ? `status-${date}` : "status";
  const form = useAction();
  const save = async () => {
    await unwrap(api.PUT("/v1/days/{date}/intake-status", { params: { path: { date: day } }, body: { status } }));
    onSaved();
  };
  return (
    <form
      class="card"
      aria-labelledby={`${id}-title`}
      onSubmit={form.submit(save, `${formatDate(day)} marked ${status}.`)}
      data-testid="day-status-form"
    >
      <h3 id={`${id}-title`}>Mark a day's intake</h3>
      {!date && (
        <>
          <label for={`${id}-date`}>Day</label>
          <input id={`${id}-date`} type="date" required value={day} onInput={(e) => setDay(e.currentTarget.value)} />
        </>
      )}
      <fieldset>
        <legend>The log of {day ? formatDate(day) : "this day"} is</legend>
        {(Object.keys(DAY_STATUS_HELP) as (keyof typeof DAY_STATUS_HELP)[]).map((s) => (
          <label key={s} class="radio">
            <input type="radio" name={`${id}-status`} value={s} checked={status === s} onChange={() => setStatus(s)} /> {s}: {DAY_STATUS_HELP[s]}
          </label>
        ))}
      </fieldset>
      <SubmitFooter form={form} label="Save" ready={day !== ""} />
    </form>
  );
}
