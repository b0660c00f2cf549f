import { TZDate } from "@date-fns/tz";
import { differenceInCalendarDays } from "date-fns/differenceInCalendarDays";
import { format } from "date-fns/format";
import { parseISO } from "date-fns/parseISO";
import type { NudgesSent } from "../markers/nudges.js";
import { type AgeBucket, ageBuckets, percentile } from "./distribution.js";
import { type ClassifiedItem, median, type NotDoingReason } from "./model.js";

/**
 * The follow-up SLO figures of issue 16 (pure, on a fixed `today`): policy attainment by severity,
 * p50/p90 days to close, aging of open follow-ups, the "not doing" list with reasons, and the
 * nudges sent. Rendered by ./figures-render.ts (weekly comment, `report`).
 *
 * Attainment counts the follow-ups whose due date is decided: closed as completed (met when closed
 * on or before the due date, a calendar day in the repository's time zone) and still open past it
 * (already missed). Open follow-ups not yet due, follow-ups without a due date and "not doing" ones
 * are left out: not doing is a decision, listed with its reason, not a breach.
 */

export interface Attainment {
  /** The severity (its label); "unknown" without one. */
  severity: string;
  met: number;
  missed: number;
  /** met / (met + missed), 0..1; null when nothing is decided yet. */
  rate: number | null;
}

export interface NotDoingEntry {
  number: number;
  url: string;
  /** `owner/name`, when the issue is in another repository than the postmortem's. */
  repository?: string;
  title: string;
  path: string;
  /** Null: closed as not planned without a reason (yet). */
  reason: NotDoingReason | null;
}

export interface Figures {
  attainment: Attainment[];
  /** Days from opening to closing of the follow-ups closed as completed: the median and the p90. */
  daysToClose: { count: number; p50: number | null; p90: number | null };
  /** Open follow-ups by days since they were opened. */
  aging: Record<AgeBucket, number>;
  notDoing: NotDoingEntry[];
  /** Summed over the follow-ups; null when no follow-up says (src/domain/progress/items.ts's hook). */
  nudges: NudgesSent | null;
  /** Follow-ups whose validation lapsed (the effectiveness re-check); absent when none. */
  lapsed?: number;
}

export interface FiguresOptions {
  /** YYYY-MM-DD in `timeZone`. */
  today: string;
  timeZone: string;
  /** The config's severities, most severe first (the rows' order; others follow by name). */
  severities?: readonly string[];
}

/** The calendar day of an instant in a time zone. */
function dayIn(instant: string, timeZone: string): string | null {
  const ms = Date.parse(instant);
  return Number.isFinite(ms) ? format(new TZDate(ms, timeZone), "yyyy-MM-dd") : null;
}

/** Met, missed, or not decided (null) for one follow-up. */
export function policyOutcome(item: ClassifiedItem, opts: FiguresOptions): "met" | "missed" | null {
  if (!item.due || item.status === "not_doing") return null;
  if (item.state === "closed") {
    const closed = item.closedAt ? dayIn(item.closedAt, opts.timeZone) : null;
    if (!closed) return null;
    return closed <= item.due ? "met" : "missed";
  }
  return opts.today > item.due ? "missed" : null;
}

function attainment(items: readonly ClassifiedItem[], opts: FiguresOptions): Attainment[] {
  const rows = new Map<string, { met: number; missed: number }>();
  for (const item of items) {
    const outcome = policyOutcome(item, opts);
    if (!outcome) continue;
    const key = item.severity ?? "unknown";
    const row = rows.get(key) ?? { met: 0, missed: 0 };
    row[outcome] += 1;
    rows.set(key, row);
  }
  const order = opts.severities ?? [];
  const rank = (s: string) =>
    s === "unknown" ? order.length + 1 : order.includes(s) ? order.indexOf(s) : order.length;
  return [...rows.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([severity, { met, missed }]) => ({ severity, met, missed, rate: met / (met + missed) }));
}

export function computeFigures(items: readonly ClassifiedItem[], opts: FiguresOptions): Figures {
  const closeDays = items.flatMap((i) => (i.daysToClose === null ? [] : [i.daysToClose]));
  const ages = items
    .filter((i) => i.state === "open")
    .map((i) =>
      Math.max(
        0,
        differenceInCalendarDays(
          parseISO(opts.today),
          parseISO(dayIn(i.createdAt, opts.timeZone) ?? opts.today),
        ),
      ),
    );
  const withNudges = items.filter((i) => i.nudges);
  return {
    attainment: attainment(items, opts),
    // p50 is the median the reports always showed (the mean of the two middle values for an even
    // count), so one comment never shows two different middles; p90 is the nearest rank.
    daysToClose: { count: closeDays.length, p50: median(closeDays), p90: percentile(closeDays, 90) },
    aging: ageBuckets(ages),
    notDoing: items
      // (an adopted issue closed as not planned has a number; only a done Markdown item has none)
      .flatMap((i) =>
        i.status === "not_doing" && i.stateReason === "not_planned" && i.number !== null && i.url !== null
          ? [{ ...i, number: i.number, url: i.url }]
          : [],
      )
      .sort((a, b) => a.number - b.number)
      .map((i) => ({
        number: i.number,
        url: i.url,
        ...(i.repository ? { repository: i.repository } : {}),
        title: i.title,
        path: i.path,
        reason: i.notDoing ?? null,
      })),
    nudges: withNudges.length
      ? {
          reminders: withNudges.reduce((n, i) => n + i.nudges!.reminders, 0),
          overdue: withNudges.reduce((n, i) => n + i.nudges!.overdue, 0),
          escalations: withNudges.reduce((n, i) => n + i.nudges!.escalations, 0),
        }
      : null,
    ...(lapsedCount(items) > 0 ? { lapsed: lapsedCount(items) } : {}),
  };
}

function lapsedCount(items: readonly { lapsed?: boolean }[]): number {
  return items.filter((i) => i.lapsed).length;
}
