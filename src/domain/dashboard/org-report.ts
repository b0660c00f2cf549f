import type { Language } from "../config/schema.js";
import type { Figures } from "../progress/figures.js";
import type { MetricRow } from "../progress/metrics.js";
import type { ClassifiedItem, FollowupStatus } from "../progress/model.js";

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
  /** Owners have rows up to `limit` (./org-fold.ts); the follow-ups of further owners are counted here. Absent when none. */
  ownersOmitted?: { limit: number; followups: number };
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
