import { MAX_GLOBS } from "../../domain/config/glob.js";
import { CONFIG_FILE, defaultConfig } from "../../domain/config/load.js";
import type { Config } from "../../domain/config/schema.js";
import { formatProblem } from "../../domain/diagnostics/problem.js";
import type { PullRef, RepoRef } from "../../domain/followups/model.js";
import type { SummaryMarker } from "../../domain/markers/marker.js";
import type { ChangedFile, MergedPull, RepoGateway } from "../../domain/ports.js";
import { globsWithinBounds, isPostmortemFileName } from "../../domain/postmortem/paths.js";
import { localDate } from "../../domain/progress/week.js";
import type { RepoConfigResult } from "../../github/config.js";
import { mergeRecurrence } from "../recurrence/merge.js";
import { recordingTrackedIssues, withTrackedIssues } from "../recurrence/tracked.js";
import { filesFromPushCommits, type PathMatcher, type PushCommit, postmortemMatcher } from "./files.js";
import { syncProject, watchProject } from "./project.js";
import { reconcileRepository } from "./reconcile.js";
import type { ReconcileResult, SyncLog } from "./report.js";
import { renderConfigError, renderSummary } from "./summary.js";

/**
 * One merge (a `pull_request.closed` with merged=true, or a push to the default branch) from
 * trigger to summary: config, changed files, reconcile, the pull request's summary comment. The
 * handlers only turn a webhook payload into a `MergeTrigger`; the caller holds the repository lock.
 */

const ZERO_SHA = /^0+$/;

export type MergeTrigger =
  | {
      kind: "pull_request";
      repo: RepoRef;
      /** The merged pull request (merge_commit_sha is where the files are read). */
      pull: MergedPull;
    }
  | {
      kind: "push";
      repo: RepoRef;
      before: string;
      after: string;
      commits: readonly PushCommit[];
      /** The payload may not list every commit (GitHub sends at most 20 with file lists). */
      truncated: boolean;
      /** The head commit's timestamp (ISO 8601), the merge date of a push without a pull request. */
      headTimestamp: string | null;
    };

export interface SyncMergeInput {
  trigger: MergeTrigger;
  gateway: RepoGateway;
  loadConfig: () => Promise<RepoConfigResult>;
  botLogin: string;
  log: SyncLog;
  /**
   * A push that turns out to be the merge of a pull request: read what is left through one probe
   * of that pull request (its files, comments, labels, tracked issues); null when it failed.
   */
  probePull?: (pullNumber: number) => Promise<RepoGateway | null>;
  /** Opens another repository of the installation (routed follow-ups, `recurrence.repositories`); absent: this one only. */
  sibling?: (repo: string) => RepoGateway;
}

export type SyncOutcome =
  | { status: "ignored"; reason: string }
  | { status: "config-error"; reported: boolean }
  | { status: "reconciled"; result: ReconcileResult; pull: PullRef | null; summary: SummaryWrite };

export type SummaryWrite = "created" | "updated" | "unchanged" | "none" | "failed";

function mergeDate(iso: string | null | undefined): string {
  const date = iso ? new Date(iso) : new Date();
  return (Number.isNaN(date.getTime()) ? new Date() : date).toISOString().slice(0, 10);
}

function pullRef(repo: RepoRef, pull: MergedPull): PullRef {
  return {
    number: pull.number,
    url: pull.url || `${repo.serverUrl}/${repo.owner}/${repo.repo}/pull/${pull.number}`,
  };
}

/** Guess `paths` of an invalid config (to decide whether to report it). */
function hints(raw: unknown): { matcher: PathMatcher } {
  const fallback = defaultConfig();
  const value = (raw && typeof raw === "object" ? raw : {}) as { paths?: unknown };
  // The globs of an invalid config were not validated: only within the bounds are they compiled.
  const paths =
    Array.isArray(value.paths) &&
    value.paths.length > 0 &&
    value.paths.length <= MAX_GLOBS &&
    value.paths.every((p) => typeof p === "string" && p) &&
    globsWithinBounds(value.paths as string[])
      ? (value.paths as string[])
      : fallback.paths;
  return { matcher: postmortemMatcher({ paths }) };
}

export async function syncMerge(input: SyncMergeInput): Promise<SyncOutcome> {
  const { trigger, log } = input;
  let gateway = input.gateway;
  const repo = trigger.repo;

  // Which files, and which pull request.
  let pull: MergedPull | null = null;
  let files: ChangedFile[];
  let ref: string;
  let pushFiles: ChangedFile[] = [];
  if (trigger.kind === "pull_request") {
    pull = trigger.pull;
    ref = pull.mergeCommitSha!;
    files = await gateway.listPullFiles(pull.number);
  } else {
    ref = trigger.after;
    pushFiles = filesFromPushCommits(trigger.commits);
    if (!trigger.truncated && !pushFiles.some((f) => isPostmortemFileName(f.path))) {
      const reason = "the push changed no Markdown or YAML file";
      log.info({ files: pushFiles.length }, `${reason}: nothing to do`);
      return { status: "ignored", reason };
    }
    files = pushFiles;
  }
  if (
    trigger.kind === "pull_request" &&
    !files.some(
      (f) =>
        isPostmortemFileName(f.path) ||
        (f.previousPath !== undefined && isPostmortemFileName(f.previousPath)),
    )
  ) {
    const reason = "the pull request changed no Markdown or YAML file";
    log.info({ files: files.length }, `${reason}: nothing to do`);
    return { status: "ignored", reason };
  }

  const loaded = await input.loadConfig();
  if (!loaded.ok) {
    // The problems are in the language the config declares: so is the comment around them.
    const { language } = loaded;
    const { matcher } = hints(loaded.raw);
    const touched = files.some((f) => matcher(f.path) || (f.previousPath ? matcher(f.previousPath) : false));
    log.warn(
      { problems: loaded.problems.map(formatProblem), touched },
      "the config is invalid: nothing is created",
    );
    if (!touched && !(trigger.kind === "push" && trigger.truncated))
      return { status: "config-error", reported: false };
    pull ??= await gateway.findMergedPull(ref);
    if (!pull) {
      log.warn("no pull request to report the config error on (a push without one): logged only");
      for (const p of loaded.problems) log.warn({ problem: p }, "config problem");
      return { status: "config-error", reported: false };
    }
    const pr = pullRef(repo, pull);
    const body = renderConfigError({ language }, pr, CONFIG_FILE, loaded.problems);
    const write = await upsertSummary(gateway, pr, () => body, input.botLogin, log);
    return { status: "config-error", reported: write !== "failed" };
  }
  const config: Config = loaded.config;
  const isPostmortem = postmortemMatcher(config);
  const touches = (list: readonly ChangedFile[]) =>
    list.some((f) => isPostmortem(f.path) || (f.previousPath ? isPostmortem(f.previousPath) : false));

  if (trigger.kind === "push") {
    if (!trigger.truncated && !touches(pushFiles)) {
      const reason = "the push changed no postmortem";
      log.info({ paths: config.paths }, `${reason}: nothing to do`);
      return { status: "ignored", reason };
    }
    // A push that is a merge: use the pull request's files (they carry renames), so both events
    // of one merge reconcile exactly the same thing.
    pull = await gateway.findMergedPull(trigger.after);
    if (pull && pull.baseRef !== repo.defaultBranch) pull = null;
    if (pull && input.probePull) gateway = (await input.probePull(pull.number)) ?? gateway;
    if (pull) {
      const fromPull = await gateway.listPullFiles(pull.number);
      const seen = new Set(fromPull.flatMap((f) => (f.previousPath ? [f.path, f.previousPath] : [f.path])));
      files = [...fromPull, ...pushFiles.filter((f) => !seen.has(f.path))];
      log.info({ pr: pull.number }, "the push is the merge of a pull request: using its files");
    } else if (!ZERO_SHA.test(trigger.before)) {
      // No pull request: compare gives the complete list, with renames.
      files = await gateway.compareFiles(trigger.before, trigger.after);
    }
  }
  if (!touches(files)) {
    const reason = "no postmortem among the changed files";
    log.info({ files: files.length, paths: config.paths }, `${reason}: nothing to do`);
    return { status: "ignored", reason };
  }

  const pr = pull ? pullRef(repo, pull) : null;
  const mergedAt = pull?.mergedAt ?? (trigger.kind === "push" ? trigger.headTimestamp : null);
  // `project:`: the tracked issues read after reconcile's writes bring the project's items along.
  watchProject(gateway, config, input.botLogin);
  // Recurrence reads the tracked issues as reconcile first read them (./../recurrence/tracked.ts).
  const recorded = recordingTrackedIssues(gateway);
  const result = await reconcileRepository({
    gateway: recorded.gateway,
    config,
    repo,
    files,
    ref,
    pr,
    mergedOn: mergeDate(mergedAt),
    botLogin: input.botLogin,
    // Follow-ups routed to other repositories of the installation (issue 17).
    ...(input.sibling ? { sibling: input.sibling } : {}),
    ...previousRefOf(trigger, pull),
    log,
  });
  log.info(
    {
      writes: result.writes,
      failures: result.failures.length,
      created: result.followups.filter((f) => f.state === "created").map((f) => f.number),
      updated: result.followups.filter((f) => f.state === "updated").map((f) => f.number),
      closed: result.closed.filter((c) => c.ok).map((c) => c.number),
    },
    "reconciled",
  );

  // `project:`: the touched postmortems' follow-ups in the Projects (v2) project (one read, batched writes).
  if (config.project) {
    const projected = await syncProject({
      gateway,
      config,
      botLogin: input.botLogin,
      today: localDate(new Date(), config.weekly.timezone),
      paths: result.files.filter((f) => f.outcome === "reconciled").map((f) => f.path),
      ...(result.trackedAfter ? { tracked: result.trackedAfter } : {}),
      log,
    });
    result.writes += projected.writes;
    for (const message of projected.problems) result.failures.push({ operation: "project", message });
  }

  if (!pr) {
    log.info("a push without a pull request: no summary comment");
    return { status: "reconciled", result, pull: null, summary: "none" };
  }
  if (result.files.length === 0) {
    log.info("no postmortem in this merge: no summary comment");
    return { status: "reconciled", result, pull: pr, summary: "none" };
  }
  // A later pull request that changed nothing for the follow-ups (a typo in the narrative, a new
  // timeline entry) gets no comment: the issues belong to the pull request that brought them, and
  // a "nothing changed" table on every edit is noise. An existing summary is still kept current.
  const quiet = nothingToReport(result, pr);
  const recurrence = await mergeRecurrence({
    repo,
    gateway: withTrackedIssues(gateway, recorded.first),
    config,
    files: result.files,
    ref,
    today: mergeDate(mergedAt),
    pr,
    botLogin: input.botLogin,
    ...(input.sibling ? { sibling: input.sibling } : {}),
    log,
  });
  const summary = await upsertSummary(
    gateway,
    pr,
    (previous) =>
      renderSummary({ result, config, repo, pr, previousBody: previous, recurrence: recurrence.section }),
    input.botLogin,
    log,
    { create: !quiet },
  );
  if (summary === "none")
    log.info({ pr: pr.number }, "nothing changed for the follow-ups: no summary comment");
  await recurrence.comment();
  return { status: "reconciled", result, pull: pr, summary };
}

/** The commit before the change: the push's `before`, or the pull request's base. */
function previousRefOf(trigger: MergeTrigger, pull: MergedPull | null): { previousRef?: string } {
  if (trigger.kind === "push") return ZERO_SHA.test(trigger.before) ? {} : { previousRef: trigger.before };
  return pull?.baseSha ? { previousRef: pull.baseSha } : {};
}

/**
 * True when a run changed nothing and has nothing to tell: every follow-up already matched, none
 * of them came from this pull request, and no file has errors, no write failed, no owner problem.
 */
export function nothingToReport(result: ReconcileResult, pr: PullRef): boolean {
  return (
    result.writes === 0 &&
    result.failures.length === 0 &&
    result.ownerProblems.length === 0 &&
    result.closed.length === 0 &&
    result.files.every((f) => f.outcome === "reconciled") &&
    result.actions.every((a) => a.type === "unchanged" && a.desired.pr !== pr.number)
  );
}

/** Create or edit THE summary comment (found by its marker, authored by the app); equal body => no write. */
export async function upsertSummary(
  gateway: RepoGateway,
  pr: PullRef,
  render: (previousBody: string | null) => string,
  botLogin: string,
  log: SyncLog,
  options: { create?: boolean } = {},
): Promise<SummaryWrite> {
  try {
    const existing = await gateway.findMarkedComment<SummaryMarker>(
      pr.number,
      "summary",
      botLogin,
      (data) => data.pr === pr.number,
    );
    if (!existing && options.create === false) return "none";
    const body = render(existing?.comment.body ?? null);
    if (!existing) {
      await gateway.createComment(pr.number, body);
      log.info({ pr: pr.number }, "posted the summary comment");
      return "created";
    }
    if (existing.comment.body.trim() === body.trim()) {
      log.info({ pr: pr.number, comment: existing.comment.id }, "summary comment unchanged: no write");
      return "unchanged";
    }
    await gateway.updateComment(existing.comment.id, body);
    log.info({ pr: pr.number, comment: existing.comment.id }, "updated the summary comment");
    return "updated";
  } catch (error) {
    log.error({ pr: pr.number, err: error }, "could not write the summary comment");
    return "failed";
  }
}
