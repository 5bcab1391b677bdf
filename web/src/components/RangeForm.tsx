import { addDays } from "../lib/format";

export interface RangePreset {
  label: string;
  /** The preset's range is [today − daysBack, today]. */
  daysBack: number;
}

/** The from/to dates of a page's range, with buttons for the usual ones ending today. */
export function RangeForm({
  from,
  to,
  today,
  presets = [],
  onChange,
}: {
  from: string;
  to: string;
  today: string;
  presets?: readonly RangePreset[];
  onChange: (from: string, to: string) => void;
}) {
  return (
    <form class="range" onSubmit={(e) => e.preventDefault()}>
      <label>
        From <input type="date" name="from" value={from} max={to} onChange={(e) => onChange(e.currentTarget.value, to)} />
      </label>
      <label>
        To <input type="date" name="to" value={to} min={from} onChange={(e) => onChange(from, e.currentTarget.value)} />
      </label>
      {presets.map((p) => (
        <button key={p.label} type="button" class="secondary" onClick={() => onChange(addDays(today, -p.daysBack), today)}>
          {p.label}
        </button>
      ))}
    </form>
  );
}
