// date-fns by subpath: its index loads hundreds of modules (CLI start-up).
import { differenceInCalendarDays } from "date-fns/differenceInCalendarDays";
import { parseISO } from "date-fns/parseISO";
import type { Term } from "../../text/catalog/labels.js";
import { compareFollowups } from "../followups/order.js";
import type { NudgesSent } from "../markers/nudges.js";
import { dueState } from "../policy/nudges.js";

/**
 * The progress model (pure): how far each postmortem's follow-ups are. No clock and no GitHub:
 * callers pass `today` (a calendar date in the repository's time zone) and plain data.
 */

export const STATUSES = [
  "overdue",
  "due_soon",
  "open",
  "done_unvalidated",
  "done_validated",
  "not_doing",
] as const;
export type FollowupStatus = (typeof STATUSES)[number];

/**
 * A follow-up is "due soon" when its due date is at most this many days away, for items that do not
 * carry their policy's window (`ProgressItem.dueSoon`): plain data built without a config.
 */
const DEFAULT_DUE_SOON_DAYS = 3;

const OPEN_STATUSES: ReadonlySet<FollowupStatus> = new Set(["open", "due_soon", "overdue"]);
const FINISHED_STATUSES: ReadonlySet<FollowupStatus> = new Set(["done_validated", "not_doing"]);

export function isOpenStatus(status: string | undefined): boolean {
  return status !== undefined && OPEN_STATUSES.has(status as FollowupStatus);
}

export function isClosedStatus(status: string | undefined): boolean {
  return status !== undefined && !OPEN_STATUSES.has(status as FollowupStatus) && isStatus(status);
}

export function isStatus(value: string): value is FollowupStatus {
  return (STATUSES as readonly string[]).includes(value);
}

/**
 * One follow-up, as the progress model needs it: built from a tracked issue, or from an item of a
 * Markdown postmortem that got no issue of ours (done in the file, or adopting an existing issue:
 * ./items.ts's untrackedItems).
 */
export interface ProgressItem {
  /** `path#id`, the follow-up's identity. */
  key: string;
  /** Path of the postmortem file. */
  path: string;
  /** The follow-up's id in the file. */
  id: string;
  /** The follow-up's issue (ours, or the one it adopted); null for an item done in the postmortem. */
  number: number | null;
  url: string | null;
  /** `owner/name` of the repository the issue is in, when routed away from the postmortem's (issue 17). */
  repository?: string;
  title: string;
  /** From the term label; null when the label is gone. */
  term: Term | null;
  /** Category key, from the category label; null when the label is gone. */
  category: string | null;
  /** The owner the postmortem names (login or org/team), without `@`. */
  owner: string | null;
  due: string | null;
  /** The postmortem pull request (from the follow-up marker). */
  pr: number | null;
  state: "open" | "closed";
  /** GitHub's state reason, lower case: completed, not_planned, duplicate, reopened, or null. */
  stateReason: string | null;
  createdAt: string;
  closedAt: string | null;
  /** Closed as completed with evidence recorded and no needs-validation label. */
  validated: boolean;
  /** The last reminder or escalation step sent for the current due date (issue 16), if any. */
  nudge?: { step: "reminder" | "overdue" | `escalation-${number}`; on: string };
  /** The due soon window of the follow-up's policy (the due soon label's): days before the due
   *  date, counted in business days when the policy says. */
  dueSoon?: { days: number; businessDays: { holidays: readonly string[] } | undefined };
  /** From the severity label; null without one. */
  severity?: string | null;
  /** The recorded "not doing" reason (src/domain/validation/not-doing.ts), if any. */
  notDoing?: NotDoingReason | null;
  /** Closed as not planned without a reason while the config asks for one (`validation.on_close`
   *  not `off`): the postmortem is not complete yet. */
  needsReason?: boolean;
  /** Reminders and escalations sent (issue 16's nudges, read from their markers); null: unknown. */
  nudges?: NudgesSent | null;
  /** Closed as validated, and the effectiveness re-check found its evidence gone (issue 18;
   *  src/domain/markers/recheck.ts). Absent: not lapsed. */
  lapsed?: boolean;
}

/** Why a follow-up is not done, and who accepted the risk (from the evidence section). */
export interface NotDoingReason {
  reason: string;
  by: string;
  at: string;
  url: string;
}

export interface ClassifiedItem extends ProgressItem {
  status: FollowupStatus;
  /** Days between the due date and today: negative when overdue; null without a due date. */
  daysLeft: number | null;
  /** Days from the creation to its close (done only), one decimal. */
  daysToClose: number | null;
}

/** Classify one follow-up on a calendar day (YYYY-MM-DD). */
export function classify(item: ProgressItem, today: string): ClassifiedItem {
  const daysLeft = item.due ? differenceInCalendarDays(parseISO(item.due), parseISO(today)) : null;
  let status: FollowupStatus;
  let daysToClose: number | null = null;
  if (item.state === "closed") {
    const reason = (item.stateReason ?? "completed").toLowerCase();
    if (reason === "not_planned" || reason === "duplicate") {
      status = "not_doing";
    } else {
      status = item.validated ? "done_validated" : "done_unvalidated";
      daysToClose = durationDays(item.createdAt, item.closedAt);
    }
  } else if (daysLeft === null) {
    status = "open";
  } else if (daysLeft < 0) {
    status = "overdue";
  } else if (
    item.dueSoon
      ? dueState(
          { open: true, due: item.due, today },
          { remindDaysBefore: item.dueSoon.days, businessDays: item.dueSoon.businessDays },
        ) === "due-soon"
      : daysLeft <= DEFAULT_DUE_SOON_DAYS
  ) {
    status = "due_soon";
  } else {
    status = "open";
  }
  return { ...item, status, daysLeft, daysToClose };
}

function durationDays(from: string, to: string | null): number | null {
  if (!to) return null;
  const ms = Date.parse(to) - Date.parse(from);
  if (!Number.isFinite(ms)) return null;
  return Math.max(0, Math.round(ms / 8_640_000) / 10);
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const m = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.round(m * 10) / 10;
}

export interface ProgressSummary {
  total: number;
  counts: Record<FollowupStatus, number>;
  /** Open, due soon and overdue. */
  open: number;
  /** Done, validated or not. */
  done: number;
  /** Done or not doing. */
  closed: number;
  /** Closed share of all follow-ups (0..1); null without follow-ups. */
  completion: number | null;
  /** Validated share of the done follow-ups (0..1); null when nothing is done. */
  validation: number | null;
  medianDaysToClose: number | null;
  /** Every follow-up is done and validated, or not doing (with its reason, when one is asked for). */
  complete: boolean;
}

export function emptyCounts(): Record<FollowupStatus, number> {
  return Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<FollowupStatus, number>;
}

export function summarize(items: readonly ClassifiedItem[]): ProgressSummary {
  const counts = emptyCounts();
  for (const item of items) counts[item.status]++;
  const total = items.length;
  const open = counts.open + counts.due_soon + counts.overdue;
  const done = counts.done_validated + counts.done_unvalidated;
  const closed = done + counts.not_doing;
  return {
    total,
    counts,
    open,
    done,
    closed,
    completion: total ? closed / total : null,
    validation: done ? counts.done_validated / done : null,
    medianDaysToClose: median(items.flatMap((i) => (i.daysToClose === null ? [] : [i.daysToClose]))),
    // Not doing without the reason the team asks for is not finished: the reports go on listing it.
    complete: total > 0 && items.every((i) => FINISHED_STATUSES.has(i.status) && !i.needsReason),
  };
}

export interface GroupSummary {
  key: string;
  summary: ProgressSummary;
}

/** Summaries per term or per category, in a stable order (terms first-to-last, categories by name). */
export function groupBy(items: readonly ClassifiedItem[], dimension: "term" | "category"): GroupSummary[] {
  const groups = new Map<string, ClassifiedItem[]>();
  for (const item of items) {
    const key = item[dimension] ?? "unknown";
    const list = groups.get(key) ?? [];
    list.push(item);
    groups.set(key, list);
  }
  const order = (k: string) => (k === "short_term" ? 0 : k === "long_term" ? 1 : k === "unknown" ? 3 : 2);
  return [...groups.entries()]
    .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
    .map(([key, list]) => ({ key, summary: summarize(list) }));
}

export interface PostmortemProgress {
  path: string;
  /** The pull request the weekly report goes to: the lowest `pr` among the follow-up markers. */
  pr: number | null;
  items: ClassifiedItem[];
  summary: ProgressSummary;
  byTerm: GroupSummary[];
  byCategory: GroupSummary[];
}

/**
 * One tracked issue per follow-up: when a key has several issues (a duplicate the sync closes),
 * the lowest number is the follow-up, as in the planner.
 */
export function canonicalItems(items: readonly ProgressItem[]): ProgressItem[] {
  const byKey = new Map<string, ProgressItem>();
  for (const item of items) {
    const seen = byKey.get(item.key);
    if (!seen || (item.number ?? Infinity) < (seen.number ?? Infinity)) byKey.set(item.key, item);
  }
  return [...byKey.values()];
}

/** One order in every artifact (domain/followups/order.ts): due date, then the number. */
function itemOrder(a: ClassifiedItem, b: ClassifiedItem): number {
  return compareFollowups(a, b) || (a.number ?? 0) - (b.number ?? 0);
}

export function postmortemProgress(
  path: string,
  items: readonly ProgressItem[],
  today: string,
): PostmortemProgress {
  const classified = canonicalItems(items)
    .map((item) => classify(item, today))
    .sort(itemOrder);
  const prs = classified.flatMap((i) => (i.pr === null ? [] : [i.pr]));
  return {
    path,
    pr: prs.length ? Math.min(...prs) : null,
    items: classified,
    summary: summarize(classified),
    byTerm: groupBy(classified, "term"),
    byCategory: groupBy(classified, "category"),
  };
}

/** Progress of every postmortem with tracked follow-ups, by path. */
export function buildProgress(items: readonly ProgressItem[], today: string): PostmortemProgress[] {
  const byPath = new Map<string, ProgressItem[]>();
  for (const item of items) {
    const list = byPath.get(item.path) ?? [];
    list.push(item);
    byPath.set(item.path, list);
  }
  return [...byPath.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([path, list]) => postmortemProgress(path, list, today));
}

/** Statuses by follow-up id, as kept in the progress comment's marker. */
export function statusesOf(progress: PostmortemProgress): Record<string, FollowupStatus> {
  const out: Record<string, FollowupStatus> = {};
  for (const item of [...progress.items].sort((a, b) => a.id.localeCompare(b.id))) out[item.id] = item.status;
  return out;
}
