import { addWeeks } from "date-fns/addWeeks";
import { endOfISOWeek } from "date-fns/endOfISOWeek";
import { format } from "date-fns/format";
import { parseISO } from "date-fns/parseISO";
import type { NudgesSent } from "../markers/nudges.js";
import { type AgeBucket, ageBucket, percentile } from "../progress/distribution.js";
import {
  attainmentRows,
  countOutcome,
  type Figures,
  type FiguresOptions,
  openAge,
} from "../progress/figures.js";
import { type MetricRow, metricRow } from "../progress/metrics.js";
import {
  type ClassifiedItem,
  emptyCounts,
  type FollowupStatus,
  isOpenStatus,
  median,
} from "../progress/model.js";
import type { BurndownWeek, OrgFollowup } from "./org-report.js";

/**
 * The bounded accumulators of the organisation report (./org-fold.ts), each fed one follow-up at a
 * time: a MetricRow's counts and figures, the burn-down weeks, and the most urgent follow-ups.
 */

/** Urgency order: overdue, due soon, open, then done without validation, not doing, done and validated. */
const URGENCY: Record<FollowupStatus, number> = {
  overdue: 0,
  due_soon: 1,
  open: 2,
  done_unvalidated: 3,
  not_doing: 4,
  done_validated: 5,
};

interface Ranked {
  seq: number;
  row: OrgFollowup;
}

function moreUrgent(a: Ranked, b: Ranked): number {
  return (
    URGENCY[a.row.status] - URGENCY[b.row.status] ||
    (a.row.daysLeft ?? Number.POSITIVE_INFINITY) - (b.row.daysLeft ?? Number.POSITIVE_INFINITY) ||
    a.seq - b.seq
  );
}

/** The `limit` most urgent follow-ups, bounded while it reads (at most twice the limit held). */
export class UrgentFollowups {
  private held: Ranked[] = [];
  private seq = 0;
  constructor(private readonly limit: number) {}
  add(row: OrgFollowup): void {
    this.held.push({ seq: this.seq++, row });
    if (this.held.length >= 2 * this.limit + 1) this.trim();
  }
  private trim(): void {
    this.held.sort(moreUrgent);
    this.held.length = Math.min(this.held.length, this.limit);
  }
  /** The kept rows in the order they came. */
  rows(): OrgFollowup[] {
    this.trim();
    return [...this.held].sort((a, b) => a.seq - b.seq).map((r) => r.row);
  }
}

/** One MetricRow's figures, added up one follow-up at a time (no list kept but the days to close). */
export class MetricFold {
  private readonly counts = emptyCounts();
  private total = 0;
  private complete = true;
  private readonly closeDays: number[] = [];
  private readonly outcomes = new Map<string, { met: number; missed: number }>();
  private readonly aging: Record<AgeBucket, number> = { "0-7": 0, "8-30": 0, "31-90": 0, "over-90": 0 };
  private nudges: NudgesSent | null = null;
  private lapsed = 0;

  add(item: ClassifiedItem, opts: FiguresOptions): void {
    this.total++;
    this.counts[item.status]++;
    if (item.daysToClose !== null) this.closeDays.push(item.daysToClose);
    countOutcome(this.outcomes, item, opts);
    if (item.state === "open") this.aging[ageBucket(openAge(item, opts))]++;
    if (item.nudges) {
      this.nudges ??= { reminders: 0, overdue: 0, escalations: 0 };
      const n = this.nudges;
      n.reminders += item.nudges.reminders;
      n.overdue += item.nudges.overdue;
      n.escalations += item.nudges.escalations;
    }
    if (item.lapsed) this.lapsed++;
    // (summarize's `complete`; not shown in the org report, kept so the summary is whole)
    if (!isFinished(item)) this.complete = false;
  }

  /** The figures, with the "not doing" list left empty (streamed apart). */
  figures(severities: readonly string[]): Figures {
    return {
      attainment: attainmentRows(this.outcomes, severities),
      daysToClose: {
        count: this.closeDays.length,
        p50: median(this.closeDays),
        p90: percentile(this.closeDays, 90),
      },
      aging: { ...this.aging },
      notDoing: [],
      nudges: this.nudges ? { ...this.nudges } : null,
      ...(this.lapsed > 0 ? { lapsed: this.lapsed } : {}),
    };
  }

  row(severities: readonly string[]): MetricRow {
    const c = this.counts;
    const total = this.total;
    const done = c.done_validated + c.done_unvalidated;
    const closed = done + c.not_doing;
    return metricRow(
      {
        total,
        counts: { ...c },
        open: c.open + c.due_soon + c.overdue,
        done,
        closed,
        completion: total ? closed / total : null,
        validation: done ? c.done_validated / done : null,
        medianDaysToClose: median(this.closeDays),
        complete: total > 0 && this.complete,
      },
      this.figures(severities),
    );
  }
}

function isFinished(item: ClassifiedItem): boolean {
  return !isOpenStatus(item.status) && !item.needsReason;
}

function isoWeekKey(day: Date): string {
  return format(day, "RRRR-'W'II");
}

/** How many weeks the burn-down shows (this week included). */
export const BURNDOWN_WEEKS = 12;

/** The burn-down weeks up to `date`'s, counted one follow-up at a time. */
export class BurndownFold {
  private readonly weeks: (BurndownWeek & { first: string; last: string })[] = [];
  constructor(date: string, weeks = BURNDOWN_WEEKS) {
    const today = parseISO(date);
    for (let back = weeks - 1; back >= 0; back--) {
      const end = endOfISOWeek(addWeeks(today, -back));
      this.weeks.push({
        week: isoWeekKey(end),
        first: format(addWeeks(end, -1), "yyyy-MM-dd"),
        last: format(end, "yyyy-MM-dd"),
        open: 0,
        opened: 0,
        closed: 0,
      });
    }
  }
  add(item: ClassifiedItem): void {
    const created = item.createdAt.slice(0, 10);
    const done = item.closedAt ? item.closedAt.slice(0, 10) : null;
    for (const w of this.weeks) {
      if (created <= w.last && (done === null || done > w.last)) w.open++;
      if (created > w.first && created <= w.last) w.opened++;
      if (done !== null && done > w.first && done <= w.last) w.closed++;
    }
  }
  rows(): BurndownWeek[] {
    return this.weeks.map(({ week, open, opened, closed }) => ({ week, open, opened, closed }));
  }
}
