import type { Problem } from "../../domain/diagnostics/problem.js";
import type { IdentityJoin } from "../../domain/followups/identity.js";
import type { DesiredFollowup, PlannedAction, RepoRef } from "../../domain/followups/model.js";
import type { ChangedFile, TrackedIssue } from "../../domain/ports.js";
import type { Postmortem } from "../../domain/postmortem/schema.js";
import { errorMessage, statusOf } from "../../github/client.js";
import type { Term } from "../../text/catalog/labels.js";

/**
 * What a reconcile run did (the summary comment, the sweep's log and the CLI print it), how a
 * failure is recorded, and the names of the operations a failure is reported under.
 */

/** The logger reconcile writes to (pino's shape; Probot's `context.log` fits). */
export interface SyncLog {
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

export const silentLog: SyncLog = { debug() {}, info() {}, warn() {}, error() {} };

export type FileOutcome =
  | "reconciled" // valid: its follow-ups were reconciled
  | "errors" // the file has errors: nothing was created, updated or closed for it
  | "skipped" // not a postmortem (e.g. Markdown without front matter)
  | "missing" // not found at the merge commit
  | "removed"; // deleted: its open follow-ups were closed

export interface FileReport {
  path: string;
  status: ChangedFile["status"];
  previousPath?: string;
  outcome: FileOutcome;
  problems: Problem[];
  postmortem: Postmortem | null;
  note?: string;
}

export type FollowupState = "created" | "updated" | "unchanged" | "failed" | "done" | "adopted";

export interface FollowupReport {
  key: string;
  path: string;
  id: string;
  term: Term;
  category: string;
  title: string;
  owner: string | null;
  ownerProblem: string | null;
  due: string;
  number: number | null;
  url: string | null;
  issueState: "open" | "closed" | null;
  state: FollowupState;
  /** What an update changed (title, owner, labels, milestone, body, restored). */
  reasons: string[];
  /** Found after an ambiguous create error: the first create had taken effect. */
  recovered?: boolean;
  /** Done or adopted: the item names a pull request or a commit (the weekly report counts it as validated once done). */
  proof?: true;
  /** The item was edited (its id changed) and still tracks its issue: how it was recognised. */
  joined?: { from: string; by: IdentityJoin["by"] };
  /** `owner/name` of the repository the issue is in, when routed away from the postmortem's (issue 17). */
  repository?: string;
}

/** `#12`, or `acme/payments#12` for an issue in another repository (GitHub links both). */
export function issueRef(number: number, repository?: string): string {
  return `${repository ?? ""}#${number}`;
}

export interface ClosedReport {
  key: string;
  path: string;
  id: string;
  number: number;
  title: string;
  reason: "removed-item" | "removed-file" | "duplicate";
  duplicateOf?: number;
  /** `owner/name` of the repository the issue is in, when not the postmortem's. */
  repository?: string;
  ok: boolean;
}

export interface OwnerProblemReport {
  owner: string;
  reason: "unknown-login" | "no-access";
  message: string;
  keys: string[];
}

export interface FailureReport {
  /** What was being done, e.g. "create postmortems/a.md#x" or "label category: system". */
  operation: string;
  key?: string;
  number?: number;
  status?: number;
  message: string;
}

export interface ReconcileResult {
  files: FileReport[];
  followups: FollowupReport[];
  closed: ClosedReport[];
  ownerProblems: OwnerProblemReport[];
  labelsCreated: string[];
  milestones: {
    title: string;
    number: number;
    dueOn: string | null;
    change: "created" | "updated" | "unchanged";
  }[];
  failures: FailureReport[];
  /** Issues with a copied follow-up marker but not authored by the app: ignored. */
  untrusted: number[];
  /** Writes to GitHub made by this run (0 when everything already matched). */
  writes: number;
  actions: PlannedAction[];
  /** Edited items joined to the issues they already had (domain/followups/identity.ts). */
  joins: IdentityJoin[];
  /**
   * The tracked issues as the follow-up writes left them (read by the tracker step, before its own
   * writes, which change no follow-up): `project:` reuses them instead of reading again.
   */
  trackedAfter?: TrackedIssue[];
  /** Tracker issues this run created or closed (`tracker: true`), for the summary's last changes. */
  trackers?: { path: string; number: number; change: "created" | "closed" }[];
  /** Other repositories whose routed issues this run read (issue 17): the sweep's nudges go there too. */
  routedTo?: string[];
}

export function emptyResult(): ReconcileResult {
  return {
    files: [],
    followups: [],
    closed: [],
    ownerProblems: [],
    labelsCreated: [],
    milestones: [],
    failures: [],
    untrusted: [],
    writes: 0,
    actions: [],
    joins: [],
  };
}

/** Record a failed operation in the result (the summary lists it) and log it; the run goes on. */
export function fail(
  result: ReconcileResult,
  log: SyncLog,
  where: { operation: string; key?: string; number?: number },
  error: unknown,
): void {
  const status = statusOf(error);
  const failure: FailureReport = {
    ...where,
    ...(status !== undefined ? { status } : {}),
    message: errorMessage(error).split("\n")[0]!.slice(0, 300),
  };
  result.failures.push(failure);
  log.error({ ...where, status, err: error }, `failed: ${where.operation}`);
}

/** A follow-up's report before it is applied ("failed" until a write or a match says otherwise). */
export function followupReport(d: DesiredFollowup, ownerProblem: string | null): FollowupReport {
  return {
    key: d.key,
    path: d.path,
    id: d.id,
    term: d.term,
    category: d.category,
    title: d.title,
    owner: d.owner,
    ownerProblem,
    due: d.due,
    number: null,
    url: null,
    issueState: null,
    state: "failed",
    reasons: [],
  };
}

/**
 * Each desired follow-up's report before any write, into `result.followups`: done and adopted items
 * (a disposition and no action: no issue of ours) are final here; the apply step completes the rest.
 * The same reports serve a run that only plans (the progress reports' done and adopted items).
 */
export function followupReports(
  desired: readonly DesiredFollowup[],
  actions: readonly PlannedAction[],
  repo: RepoRef,
  result: ReconcileResult,
): Map<string, FollowupReport> {
  const issueUrl = (n: number) => `${repo.serverUrl}/${repo.owner}/${repo.repo}/issues/${n}`;
  const problemByOwner = new Map(result.ownerProblems.map((p) => [p.owner, p.message]));
  const joinedBy = new Map(result.joins.map((j) => [j.key, j]));
  const planned = new Set(actions.map((a) => a.key));
  const reports = new Map<string, FollowupReport>();
  for (const d of desired) {
    const report = followupReport(d, d.owner ? (problemByOwner.get(d.owner) ?? null) : null);
    const join = joinedBy.get(d.key);
    if (join) report.joined = { from: join.from, by: join.by };
    if (d.disposition && !planned.has(d.key)) {
      // No issue of ours: done in the file, or adopting the issue its tracking link names.
      report.state = d.disposition.kind === "done" ? "done" : "adopted";
      if (d.disposition.proof) report.proof = true;
      if (d.disposition.kind === "adopt") {
        report.number = d.disposition.number;
        report.url = issueUrl(d.disposition.number);
      }
    }
    reports.set(d.key, report);
    result.followups.push(report);
  }
  return reports;
}

// The names of the operations in the failures list (the run's other text is in the catalog: merge.*).

/** What a failed read or write was doing (the summary's list of failures shows it). */
export const OPERATION = {
  read: (path: string) => `read ${path}`,
  listTrackedIssues: "list tracked issues",
  listLabels: "list labels",
  createLabel: (name: string) => `create label "${name}"`,
  listMilestones: "list milestones",
  milestone: (title: string) => `milestone "${title}"`,
  create: (key: string) => `create ${key}`,
  update: (issue: number) => `update #${issue}`,
  close: (issue: number) => `close #${issue}`,
  transfer: (issue: number, to: string) => `move #${issue} to ${to}`,
  comment: (issue: number) => `comment on #${issue}`,
};
