import { api, unwrap } from "../api/client";

export const getDays = (from: string, to: string) => unwrap(api.GET("/v1/days", { params: { query: { from, to } } }));

export type Day = Awaited<ReturnType<typeof getDays>>["days"][number];

// One state per day for the charts' colours and the table, from what the API says of the day. Colours are the
// Okabe–Ito palette (distinguishable with the common colour-vision deficiencies); the label always goes with them.

export type DayState = "complete" | "partial" | "unlogged" | "fasted" | "in_progress" | "flagged" | "no_data";

export const STATE_LABELS: Record<DayState, string> = {
  complete: "Complete",
  partial: "Partial",
  unlogged: "Intake not logged",
  fasted: "Fasted",
  in_progress: "In progress",
  flagged: "Flagged (implausible)",
  no_data: "No data",
};

export const STATE_COLORS: Record<DayState, string> = {
  complete: "#0072B2",
  partial: "#E69F00",
  unlogged: "#8c8c8c",
  fasted: "#009E73",
  in_progress: "#56B4E9",
  flagged: "#D55E00",
  no_data: "#d0d0d0",
};

export const STATE_ORDER: DayState[] = ["complete", "partial", "fasted", "flagged", "in_progress", "unlogged", "no_data"];

export function dayState(day: Pick<Day, "status" | "flags" | "confirmed" | "intake_status">): DayState {
  if (day.status === "in_progress") return "in_progress";
  if (day.flags.length > 0 && !day.confirmed) return "flagged";
  if (day.status === "no_data") return "no_data";
  if (day.intake_status === "fasted") return "fasted";
  if (day.status === "complete") return "complete";
  if (day.status === "partial") return "partial";
  return "unlogged";
}
