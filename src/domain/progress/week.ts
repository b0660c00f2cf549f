import { TZDate } from "@date-fns/tz";
import { format } from "date-fns/format";
import { getISOWeek } from "date-fns/getISOWeek";
import { getISOWeekYear } from "date-fns/getISOWeekYear";

/** ISO week of an instant in a time zone, e.g. `2026-W48`. */
export function isoWeek(now: Date, timeZone = "UTC"): string {
  const local = new TZDate(now.getTime(), timeZone);
  return `${getISOWeekYear(local)}-W${String(getISOWeek(local)).padStart(2, "0")}`;
}

/** The calendar date of an instant in a time zone, YYYY-MM-DD. */
export function localDate(now: Date, timeZone = "UTC"): string {
  return format(new TZDate(now.getTime(), timeZone), "yyyy-MM-dd");
}

const WEEK_RE = /^(\d{4})-W(\d{2})$/;

export function isWeekKey(value: unknown): value is string {
  return typeof value === "string" && WEEK_RE.test(value);
}

/** Order of ISO week keys (they are zero-padded, so string order is time order). */
export function compareWeeks(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `2026-W48` -> `W48` (chart axis labels). */
export function shortWeek(week: string): string {
  return WEEK_RE.exec(week) ? week.slice(5) : week;
}
