import type { Language } from "../config/schema.js";
import {
  bySeverityRank,
  type Figures,
  type FiguresOptions,
  type NotDoingEntry,
  notDoingEntry,
} from "../progress/figures.js";
import { computeMetrics } from "../progress/metrics.js";
import { type ClassifiedItem, isOpenStatus, summarize } from "../progress/model.js";
import { BurndownFold, MetricFold, UrgentFollowups } from "./metric-fold.js";
import type { OrgFollowup, OrgOwner, OrgReport, OrgRepository, OrgRepositoryInput } from "./org-report.js";

/**
 * The organisation report folded one repository at a time (issue 19: memory flat in the number of
 * repositories). `add` takes one repository's classified follow-ups, folds them into bounded
 * aggregates and hands back that repository's rows for the caller to write out (the CLI spools them
 * to a file, `buildOrgReport` keeps them); nothing of the repository is kept here but:
 * - counts by status, by severity and by owner (at most `limits.owners` owners; the follow-ups of
 *   further owners are counted, and the outputs say how many), policy attainment by severity,
 *   aging buckets, nudges, and the 12 burn-down weeks;
 * - the days to close of each follow-up closed as completed, one number each, so p50/p90 stay
 *   exact (the reports' median and nearest rank, no sketch): 8 bytes per closed follow-up;
 * - the `limits.followups` most urgent follow-ups, the rows the HTML page lists.
 * The results are exactly what the whole-report computation gave (test/domain/dashboard/).
 */

export interface OrgLimits {
  /** Follow-up rows on the HTML page: the most urgent ones (the JSON lists every follow-up). */
  followups: number;
  /** Owners with their own row (md, JSON, HTML); the follow-ups of others are only counted. */
  owners: number;
}

export const ORG_LIMITS: OrgLimits = { followups: 2000, owners: 1000 };

/** Everything of the report but its per-repository and per-follow-up lists (bounded). */
export interface OrgSummary
  extends Pick<
    OrgReport,
    "account" | "installation" | "date" | "language" | "totals" | "bySeverity" | "burndown" | "owners"
  > {
  /** With `notDoing` empty: the entries are streamed (`OrgReportParts.notDoing`). */
  figures: Figures;
  /** Follow-ups whose owner is past `limits.owners` (0: every owner has a row). */
  ownersOmitted: number;
  counts: {
    repositories: number;
    /** Repositories whose config was read (status ok). */
    counted: number;
    failed: number;
    postmortems: number;
    followups: number;
    notDoing: number;
  };
  /** The most urgent follow-ups (at most `limits.followups`), in the order they were read. */
  urgent: OrgFollowup[];
  limits: OrgLimits;
}

/** The report as the renderers read it: the bounded summary, and the lists, each readable once per call. */
export interface OrgReportParts extends OrgSummary {
  repositories(): Iterable<OrgRepository>;
  followups(): Iterable<OrgFollowup>;
  /** Every follow-up closed as not planned, by issue number (the figures' "not doing" list). */
  notDoing(): Iterable<NotDoingEntry>;
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

/** What `add` hands back: the repository's rows, to write out and forget. */
export interface FoldedRepository {
  row: OrgRepository;
  followups: OrgFollowup[];
  notDoing: NotDoingEntry[];
}

export class OrgFold {
  private readonly opts: FiguresOptions;
  private readonly severities: string[] = [];
  private readonly totals = new MetricFold();
  private readonly bySeverity = new Map<string, MetricFold>();
  private readonly burndown: BurndownFold;
  private readonly owners = new Map<string | null, OrgOwner>();
  private ownersOmitted = 0;
  private readonly urgent: UrgentFollowups;
  private readonly counts = {
    repositories: 0,
    counted: 0,
    failed: 0,
    postmortems: 0,
    followups: 0,
    notDoing: 0,
  };

  constructor(
    private readonly scope: { account: string; installation: number | null; date: string },
    readonly limits: OrgLimits = ORG_LIMITS,
  ) {
    this.opts = { today: scope.date, timeZone: "UTC", severities: this.severities };
    this.burndown = new BurndownFold(scope.date);
    this.urgent = new UrgentFollowups(limits.followups);
  }

  add(r: OrgRepositoryInput): FoldedRepository {
    this.counts.repositories++;
    if (r.status !== "ok") {
      if (r.status === "failed") this.counts.failed++;
      return {
        row: {
          repository: r.repository,
          url: r.url,
          status: r.status,
          errors: [...r.errors],
          postmortems: 0,
          metrics: null,
        },
        followups: [],
        notDoing: [],
      };
    }
    this.counts.counted++;
    for (const s of r.severities) if (!this.severities.includes(s)) this.severities.push(s);
    const metrics = computeMetrics(r.repository, this.scope.date, [asProgress(r.items)], {
      timeZone: "UTC",
      severities: r.severities,
    });
    const postmortems = new Set(r.items.map((i) => i.path)).size;
    this.counts.postmortems += postmortems;
    const followups: OrgFollowup[] = [];
    const notDoing: NotDoingEntry[] = [];
    for (const item of r.items) {
      this.totals.add(item, this.opts);
      const severity = item.severity ?? "unknown";
      const fold = this.bySeverity.get(severity) ?? new MetricFold();
      this.bySeverity.set(severity, fold);
      fold.add(item, this.opts);
      this.burndown.add(item);
      this.addOwner(item);
      const row = followupRow(r.repository, item);
      followups.push(row);
      this.urgent.add(row);
      const entry = notDoingEntry(item);
      if (entry) notDoing.push(entry);
    }
    this.counts.followups += followups.length;
    this.counts.notDoing += notDoing.length;
    return {
      row: {
        repository: r.repository,
        url: r.url,
        status: "ok",
        errors: [],
        postmortems,
        metrics: metrics.overall.all,
      },
      followups,
      notDoing,
    };
  }

  private addOwner(item: ClassifiedItem): void {
    const key = item.owner ?? null;
    let row = this.owners.get(key);
    if (!row) {
      if (this.owners.size >= this.limits.owners) {
        this.ownersOmitted++;
        return;
      }
      row = { owner: key, total: 0, open: 0, overdue: 0, doneValidated: 0, doneUnvalidated: 0, notDoing: 0 };
      this.owners.set(key, row);
    }
    row.total++;
    if (isOpenStatus(item.status)) row.open++;
    if (item.status === "overdue") row.overdue++;
    if (item.status === "done_validated") row.doneValidated++;
    if (item.status === "done_unvalidated") row.doneUnvalidated++;
    if (item.status === "not_doing") row.notDoing++;
  }

  finish(language: Language): OrgSummary {
    const severities = [...this.bySeverity.keys()].sort(bySeverityRank(this.severities));
    return {
      ...this.scope,
      language,
      totals: this.totals.row(this.severities),
      bySeverity: Object.fromEntries(
        severities.map((s) => [s, this.bySeverity.get(s)!.row(this.severities)]),
      ),
      figures: this.totals.figures(this.severities),
      burndown: this.burndown.rows(),
      // Most overdue first, then most open, then by name (no owner last).
      owners: [...this.owners.values()].sort(
        (a, b) =>
          b.overdue - a.overdue ||
          b.open - a.open ||
          (a.owner === null ? 1 : 0) - (b.owner === null ? 1 : 0) ||
          (a.owner ?? "").localeCompare(b.owner ?? ""),
      ),
      ownersOmitted: this.ownersOmitted,
      counts: { ...this.counts },
      urgent: this.urgent.rows(),
      limits: this.limits,
    };
  }
}

/** One repository's follow-ups as one group (computeMetrics' input). */
function asProgress(items: readonly ClassifiedItem[]) {
  return { path: "", pr: null, items: [...items], summary: summarize(items), byTerm: [], byCategory: [] };
}

/** The parts of a report held whole in memory (tests, the screenshots, `/dashboard`). */
export function partsOf(report: OrgReport, followupLimit = ORG_LIMITS.followups): OrgReportParts {
  const limits = { followups: followupLimit, owners: report.ownersOmitted?.limit ?? ORG_LIMITS.owners };
  const urgent = new UrgentFollowups(limits.followups);
  for (const f of report.followups) urgent.add(f);
  const { repositories, followups, figures, ...rest } = report;
  return {
    ...rest,
    figures: { ...figures, notDoing: [] },
    ownersOmitted: report.ownersOmitted?.followups ?? 0,
    counts: {
      repositories: repositories.length,
      counted: repositories.filter((r) => r.status === "ok").length,
      failed: repositories.filter((r) => r.status === "failed").length,
      postmortems: repositories.reduce((n, r) => n + r.postmortems, 0),
      followups: followups.length,
      notDoing: figures.notDoing.length,
    },
    urgent: urgent.rows(),
    limits,
    repositories: () => repositories,
    followups: () => followups,
    notDoing: () => figures.notDoing,
  };
}

/** The report over every repository (in the order given: the installation's listing, sorted by the caller). */
export function buildOrgReport(
  scope: { account: string; installation: number | null; date: string; language: Language },
  repositories: readonly OrgRepositoryInput[],
  limits: OrgLimits = ORG_LIMITS,
): OrgReport {
  const { language, ...where } = scope;
  const fold = new OrgFold(where, limits);
  const rows: OrgRepository[] = [];
  const followups: OrgFollowup[] = [];
  const notDoing: NotDoingEntry[] = [];
  for (const r of repositories) {
    const folded = fold.add(r);
    rows.push(folded.row);
    followups.push(...folded.followups);
    notDoing.push(...folded.notDoing);
  }
  const summary = fold.finish(language);
  return {
    account: summary.account,
    installation: summary.installation,
    date: summary.date,
    language,
    totals: summary.totals,
    bySeverity: summary.bySeverity,
    figures: { ...summary.figures, notDoing: notDoing.sort((a, b) => a.number - b.number) },
    burndown: summary.burndown,
    repositories: rows,
    owners: summary.owners,
    ...(summary.ownersOmitted > 0
      ? { ownersOmitted: { limit: limits.owners, followups: summary.ownersOmitted } }
      : {}),
    followups,
  };
}
