import { addWeeks } from "date-fns/addWeeks";
import { endOfISOWeek } from "date-fns/endOfISOWeek";
import { format } from "date-fns/format";
import { parseISO } from "date-fns/parseISO";
import type { Language } from "../config/schema.js";
import type { Figures } from "../progress/figures.js";
import { computeMetrics, type MetricRow } from "../progress/metrics.js";
import { type ClassifiedItem, type FollowupStatus, isOpenStatus, summarize } from "../progress/model.js";

/**
 * The organisation report (issue 19, pure): every repository of an installation in one structure,
 * the JSON of `report --org` and the input of the HTML dashboard. Built from each repository's
 * classified follow-ups (classified on that repository's own "today"); no clock, no GitHub.
 */

/** One follow-up, as the dashboard lists it (linking to its issue). */
export interface OrgFollowup {
  repository: string;
  number: number | null;
  url: string | null;
  title: string;
  owner: string | null;
  severity: string | null;
  term: string | null;
  status: FollowupStatus;
  due: string | null;
  /** Days between the due date and the repository's today: negative when overdue. */
  daysLeft: number | null;
  path: string;
  createdAt: string;
  closedAt: string | null;
}

export interface OrgRepository {
  repository: string;
  /** The repository's web page. */
  url: string;
  /** ok: counted; config-error: its config is invalid (not counted); failed: could not be read. */
  status: "ok" | "config-error" | "failed";
  /** What went wrong (config problems, the GitHub error). */
  errors: string[];
  postmortems: number;
  /** The repository's figures (null unless ok). */
  metrics: MetricRow | null;
}

export interface OrgOwner {
  /** A login or org/team, without `@`; null: the follow-up names no owner. */
  owner: string | null;
  total: number;
  open: number;
  overdue: number;
  doneValidated: number;
  doneUnvalidated: number;
  notDoing: number;
}

/** Open follow-ups at the end of an ISO week, and how many were opened and closed during it. */
export interface BurndownWeek {
  week: string;
  open: number;
  opened: number;
  closed: number;
}

export interface OrgReport {
  /** The installation's account (organisation or user). */
  account: string;
  /** The app's installation (null: the Action's token, whose installation is not known). */
  installation: number | null;
  /** The day the report was made for (YYYY-MM-DD, UTC). */
  date: string;
  language: Language;
  totals: MetricRow;
  bySeverity: Record<string, MetricRow>;
  figures: Figures;
  burndown: BurndownWeek[];
  repositories: OrgRepository[];
  owners: OrgOwner[];
  followups: OrgFollowup[];
}

/** What one repository contributes: its classified follow-ups, or why it has none. */
export type OrgRepositoryInput =
  | {
      repository: string;
      url: string;
      status: "ok";
      items: readonly ClassifiedItem[];
      severities: readonly string[];
    }
  | { repository: string; url: string; status: "config-error" | "failed"; errors: readonly string[] };

/** How many weeks the burn-down shows (this week included). */
export const BURNDOWN_WEEKS = 12;

function isoWeekKey(day: Date): string {
  return format(day, "RRRR-'W'II");
}

/** The open follow-ups at the end of each of the last `weeks` ISO weeks up to `date`'s. */
export function burndown(
  items: readonly ClassifiedItem[],
  date: string,
  weeks = BURNDOWN_WEEKS,
): BurndownWeek[] {
  const out: BurndownWeek[] = [];
  const today = parseISO(date);
  for (let back = weeks - 1; back >= 0; back--) {
    const end = endOfISOWeek(addWeeks(today, -back));
    const last = format(end, "yyyy-MM-dd");
    const first = format(addWeeks(end, -1), "yyyy-MM-dd");
    const day = (instant: string | null) => (instant ? instant.slice(0, 10) : null);
    let open = 0;
    let opened = 0;
    let closed = 0;
    for (const item of items) {
      const created = day(item.createdAt)!;
      const done = day(item.closedAt);
      if (created <= last && (done === null || done > last)) open++;
      if (created > first && created <= last) opened++;
      if (done !== null && done > first && done <= last) closed++;
    }
    out.push({ week: isoWeekKey(end), open, opened, closed });
  }
  return out;
}

function ownerRows(items: readonly ClassifiedItem[]): OrgOwner[] {
  const byOwner = new Map<string | null, OrgOwner>();
  for (const item of items) {
    const key = item.owner ?? null;
    let row = byOwner.get(key);
    if (!row) {
      row = { owner: key, total: 0, open: 0, overdue: 0, doneValidated: 0, doneUnvalidated: 0, notDoing: 0 };
      byOwner.set(key, row);
    }
    row.total++;
    if (isOpenStatus(item.status)) row.open++;
    if (item.status === "overdue") row.overdue++;
    if (item.status === "done_validated") row.doneValidated++;
    if (item.status === "done_unvalidated") row.doneUnvalidated++;
    if (item.status === "not_doing") row.notDoing++;
  }
  // Most overdue first, then most open, then by name (no owner last).
  return [...byOwner.values()].sort(
    (a, b) =>
      b.overdue - a.overdue ||
      b.open - a.open ||
      (a.owner === null ? 1 : 0) - (b.owner === null ? 1 : 0) ||
      (a.owner ?? "").localeCompare(b.owner ?? ""),
  );
}

function followupRow(repository: string, item: ClassifiedItem): OrgFollowup {
  return {
    repository,
    number: item.number,
    url: item.url,
    title: item.title,
    owner: item.owner,
    severity: item.severity ?? null,
    term: item.term,
    status: item.status,
    due: item.due,
    daysLeft: item.daysLeft,
    path: item.path,
    createdAt: item.createdAt,
    closedAt: item.closedAt,
  };
}

/** The report over every repository (in the order given: the installation's listing, sorted by the caller). */
export function buildOrgReport(
  scope: { account: string; installation: number | null; date: string; language: Language },
  repositories: readonly OrgRepositoryInput[],
): OrgReport {
  const all: ClassifiedItem[] = [];
  const severities: string[] = [];
  const rows: OrgRepository[] = [];
  const followups: OrgFollowup[] = [];
  for (const r of repositories) {
    if (r.status !== "ok") {
      rows.push({
        repository: r.repository,
        url: r.url,
        status: r.status,
        errors: [...r.errors],
        postmortems: 0,
        metrics: null,
      });
      continue;
    }
    for (const s of r.severities) if (!severities.includes(s)) severities.push(s);
    const metrics = computeMetrics(r.repository, scope.date, [asProgress(r.items)], {
      timeZone: "UTC",
      severities: r.severities,
    });
    rows.push({
      repository: r.repository,
      url: r.url,
      status: "ok",
      errors: [],
      postmortems: new Set(r.items.map((i) => i.path)).size,
      metrics: metrics.overall.all,
    });
    for (const item of r.items) {
      all.push(item);
      followups.push(followupRow(r.repository, item));
    }
  }
  const overall = computeMetrics(scope.account, scope.date, [asProgress(all)], {
    timeZone: "UTC",
    severities,
  }).overall;
  return {
    ...scope,
    totals: overall.all,
    bySeverity: overall.bySeverity,
    figures: overall.figures,
    burndown: burndown(all, scope.date),
    repositories: rows,
    owners: ownerRows(all),
    followups,
  };
}

/** Every follow-up as one group (computeMetrics' input; the keys of two repositories may repeat). */
function asProgress(items: readonly ClassifiedItem[]) {
  return { path: "", pr: null, items: [...items], summary: summarize(items), byTerm: [], byCategory: [] };
}
