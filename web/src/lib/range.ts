import { addDays } from "./format";

export interface DateRange {
  from: string;
  to: string;
}

/** A page's range: the address's `from`/`to` when it names them, else the `daysBack` days before today, and today. */
export function rangeOf(params: URLSearchParams, today: string, daysBack: number): DateRange {
  return { from: params.get("from") ?? addDays(today, -daysBack), to: params.get("to") ?? today };
}
