import type { Config } from "../../domain/config/schema.js";
import { formatProblem } from "../../domain/diagnostics/problem.js";
import type { RepoRef } from "../../domain/followups/model.js";
import type { RepoGateway, RepoTree, RoutingReads, TrackedIssue } from "../../domain/ports.js";
import type { Postmortem } from "../../domain/postmortem/schema.js";
import { progressItems, type UntrackedFollowup } from "../../domain/progress/items.js";
import { buildProgress } from "../../domain/progress/model.js";
import { type FollowupStates, followupStateCounts } from "../../domain/progress/state-counts.js";
import { localDate } from "../../domain/progress/week.js";
import { errorMessage } from "../../github/client.js";
import type { RepoConfigResult } from "../../github/config.js";
import type { RecordedWrite } from "../../github/dry-run.js";
import { postmortemsOfTree } from "../merge/files.js";
import { crossRepository, type GroupReads, groupPostmortems, reconcileInputOf } from "../merge/groups.js";
import { syncProject, watchProject } from "../merge/project.js";
import { reconcileRepository } from "../merge/reconcile.js";
import type { SyncLog } from "../merge/report.js";
import { routedView } from "../merge/routed.js";
import { type EvaluationOutcome, runEvaluations } from "../weekly/evaluation.js";
import { untrackedOf } from "../weekly/untracked.js";
import { runWeeklyReport, type WeeklyOutcome } from "../weekly/weekly.js";
import { type NudgeRun, runNudges } from "./nudges.js";
import { type RecheckResolver, type RecheckRun, runRecheck } from "./recheck.js";

/**
 * The sweep of one repository: re-plan every postmortem on the default branch with the same
 * reconcile as the merge path (so a follow-up issue whose webhook was lost is created now), then
 * post this ISO week's progress report wherever it is not posted yet. The caller serialises runs
 * per repository; a broken config or postmortem is reported and skipped, never thrown.
 */

/** What the sweep needs of GitHub beyond the gateway: the tree, and what grouping reads. */
export interface SweepGitHub extends GroupReads {
  /** Every file path on the ref that `globs` can match (at most one request). */
  tree(ref: string, globs: readonly string[]): Promise<RepoTree>;
}

export interface RepoSweepInput {
  repo: RepoRef;
  /** The repository's gateway for this sweep (from `openRepository(…).forSweep`: cached reads, dry run). */
  gateway: RepoGateway;
  /** The writes a dry run recorded instead of sending (empty otherwise): reported as `would …`. */
  writes: readonly RecordedWrite[];
  github: SweepGitHub;
  loadConfig: () => Promise<RepoConfigResult>;
  botLogin: string;
  now: Date;
  log?: SyncLog;
  /**
   * After the config is read: false stops here (the scheduler's "is this repository's slot due?");
   * "nudges" does only the reminders, escalations and state labels (the scheduler's daily pass).
   */
  gate?: (config: Config) => boolean | "nudges";
  /** The run's evidence resolver (the effectiveness re-check); without it there is no re-check. */
  evidence?: () => RecheckResolver;
  /** Opens another repository of the same owner by name (follow-ups routed there, issue 17). */
  sibling?: (name: string) => RepoGateway;
  /** CODEOWNERS and where the app is installed, for `routing:` rules. */
  routing?: RoutingReads;
}

export type RepoSweepStatus = "ok" | "config-error" | "not-due" | "failed";

export interface RepoSweepResult {
  repository: string;
  status: RepoSweepStatus;
  /** Postmortem files on the default branch. */
  postmortems: number;
  /** Follow-up issues the reconcile created (missing ones), or would create in a dry run. */
  recreated: number;
  /** Follow-up issues the reconcile updated. */
  updated: number;
  reports: WeeklyOutcome[];
  /** Post-evaluation comments (issue 18): posted, or skipped with the reason. */
  evaluations: EvaluationOutcome[];
  /** Reports posted (a new week's, or the final one), or that would be. */
  posted: number;
  /** Problems in the config or the postmortems (`file:line:col severity path: message`). */
  problems: string[];
  /** What failed (a GitHub error on one item, a whole repository). */
  errors: string[];
  /** Dry run: the writes that would have been made. */
  writes: RecordedWrite[];
  /** Why the report was not posted, or the repository skipped. */
  notes: string[];
  /** Reminders, escalations and state labels (null: not run). */
  nudges: NudgeRun | null;
  /** The effectiveness re-check of this run (null: not run). */
  recheck: RecheckRun | null;
  /** The follow-ups by state after this run (the `followups` gauge), when their issues were read. */
  followups?: FollowupStates;
  /** The scheduler's daily pass: only the nudges ran. */
  nudgesOnly?: true;
  config?: Config;
}

const silentLog: SyncLog = { debug() {}, info() {}, warn() {}, error() {} };

export function emptyResult(repository: string, status: RepoSweepStatus): RepoSweepResult {
  return {
    repository,
    status,
    postmortems: 0,
    recreated: 0,
    updated: 0,
    reports: [],
    evaluations: [],
    posted: 0,
    problems: [],
    errors: [],
    writes: [],
    notes: [],
    nudges: null,
    recheck: null,
  };
}

export async function sweepRepository(input: RepoSweepInput): Promise<RepoSweepResult> {
  const { repo, botLogin, now } = input;
  const log = input.log ?? silentLog;
  const result = emptyResult(`${repo.owner}/${repo.repo}`, "ok");

  // 1. Config: an invalid one is reported and the repository skipped.
  const loaded = await input.loadConfig();
  if (!loaded.ok) {
    result.status = "config-error";
    result.problems = loaded.problems.map(formatProblem);
    log.warn({ problems: result.problems }, "the config is invalid: repository skipped");
    return result;
  }
  const config = loaded.config;
  result.config = config;
  const mode = input.gate ? input.gate(config) : true;
  if (mode === false) {
    result.status = "not-due";
    return result;
  }

  const gateway = input.gateway;
  // `project:`: the tracked issues read after this sweep's writes bring the project's items along.
  watchProject(gateway, config, botLogin);
  let reconciled = Infinity;
  // Markdown items that got no issue of ours (done in the file, adopting an existing issue): the
  // weekly report counts them too.
  const untracked: UntrackedFollowup[] = [];
  // The postmortems as the reconcile read them: the post-evaluation's timeline and answers.
  const postmortems = new Map<string, Postmortem | null>();
  // Other repositories this repository's follow-ups are routed to (issue 17): nudged and reported too.
  const routedTo = new Map<string, string>();
  const ref = repo.defaultBranch;
  const today = localDate(now, config.weekly.timezone);
  if (mode === "nudges") {
    // The daily pass: the tracked issues come with the probe that read the config; no tree, no
    // postmortem, no report.
    result.nudgesOnly = true;
    result.nudges = await runNudges({ gateway, config, botLogin, today, log });
    result.errors.push(...result.nudges.errors);
    countStates(result, config, botLogin, today);
    result.writes = [...input.writes];
    return result;
  }

  // 2. The postmortems on the default branch (one request) and the tracked issues (one query).
  const tree = await input.github.tree(ref, config.paths);
  const paths = postmortemsOfTree(tree.paths, config);
  result.postmortems = paths.length;
  if (tree.truncated) result.notes.push("the file listing of the default branch was truncated by GitHub");

  if (paths.length > 0) {
    // 3. Which pull request and merge date each file reconciles with (../merge/groups.ts).
    const grouped = await groupPostmortems({
      gateway,
      github: input.github,
      repo,
      config,
      paths,
      botLogin,
      now,
      today,
      log,
    });
    result.problems.push(...grouped.problems);
    result.errors.push(...grouped.errors);

    // 4. Reconcile, group by group: the same code as the merge path.
    for (const group of grouped.groups) {
      try {
        const reconciled = await reconcileRepository(
          reconcileInputOf(group, { gateway, config, repo, botLogin, log, ...crossRepository(input) }),
        );
        for (const name of reconciled.routedTo ?? []) routedTo.set(name.toLowerCase(), name);
        result.recreated += reconciled.followups.filter((f) => f.state === "created").length;
        result.updated += reconciled.followups.filter((f) => f.state === "updated").length;
        untracked.push(...(await untrackedOf(gateway, reconciled.followups, group)));
        for (const file of reconciled.files) postmortems.set(file.path, file.postmortem);
        for (const file of reconciled.files)
          if (file.outcome === "errors")
            result.problems.push(
              ...(file.problems.length
                ? file.problems.filter((p) => p.severity === "error").map(formatProblem)
                : [`${file.path}: ${file.note ?? "could not be read"}`]),
            );
        for (const failure of reconciled.failures)
          result.errors.push(`${failure.operation}: ${failure.message}`);
      } catch (error) {
        result.errors.push(`reconcile ${group.paths.join(", ")}: ${errorMessage(error)}`);
      }
    }
  }

  // 5. Reminders, escalation and the state labels, on the issues as reconcile left them.
  result.nudges = await runNudges({ gateway, config, botLogin, today, log });
  result.errors.push(...result.nudges.errors);

  // 5a. The effectiveness re-check: validated follow-ups whose evidence no longer holds (issue 18).
  // A dry run lists its writes as `result.recheck.done` (one line per issue), not one by one.
  const recheckWrites: { from: number; to: number }[] = [];
  const start = input.writes.length;
  // Evidence is always resolved in this repository (where the postmortem names it).
  const evidenceContext = {
    owner: repo.owner,
    repo: repo.repo,
    ref,
    githubHost: new URL(repo.serverUrl).host,
    serverUrl: repo.serverUrl,
  };
  const recheck = (
    on: RepoGateway,
    issues: TrackedIssue[] | null | undefined,
    evidence: () => RecheckResolver,
  ) =>
    runRecheck({
      gateway: on,
      config,
      botLogin,
      now,
      resolver: evidence(),
      context: evidenceContext,
      log,
      ...(issues ? { issues } : {}),
    });
  if (input.evidence) {
    result.recheck = await recheck(gateway, result.nudges.issues, input.evidence);
    result.errors.push(...result.recheck.errors);
    if (result.recheck.issues) result.nudges.issues = result.recheck.issues;
    recheckWrites.push({ from: start, to: input.writes.length });
  }

  // 5c. The follow-ups routed to other repositories (issue 17): their reminders and re-check run
  // there, with this repository's config; the reports below count them with the others.
  const routedIssues: TrackedIssue[] = [];
  for (const name of routedTo.values()) {
    if (!input.sibling) break;
    const view = routedView(input.sibling(name.split("/")[1]!), `${repo.owner}/${repo.repo}`);
    const nudged = await runNudges({ gateway: view, config, botLogin, today, log });
    result.errors.push(...nudged.errors.map((e) => `${name}: ${e}`));
    let issues = nudged.issues;
    if (input.evidence && issues) {
      const from = input.writes.length;
      const rechecked = await recheck(view, issues, input.evidence);
      result.errors.push(...rechecked.errors.map((e) => `${name}: ${e}`));
      issues = rechecked.issues ?? issues;
      recheckWrites.push({ from, to: input.writes.length });
      result.recheck?.done.push(...rechecked.done.map((d) => ({ ...d, repository: name })));
    }
    routedIssues.push(...(issues ?? []));
  }
  if (result.nudges.issues && routedIssues.length > 0)
    result.nudges.issues = [...result.nudges.issues, ...routedIssues];
  // The follow-ups by state (the metrics' gauge), those routed elsewhere included.
  countStates(result, config, botLogin, today);

  // 5b. `project:`: every postmortem's follow-ups in the Projects (v2) project, in one read.
  if (config.project) {
    const projected = await syncProject({ gateway, config, botLogin, today, paths, log });
    result.errors.push(...projected.problems);
  }

  // 6. This week's report, wherever it is not posted yet (it reads the issues as the nudges left them).
  if (!config.weekly.enabled) {
    result.notes.push("weekly reports are disabled (weekly.enabled: false)");
  } else {
    // The report's own writes (a dry run records them too) are described by `result.reports`.
    reconciled = input.writes.length;
    const issues = result.nudges.issues;
    result.reports = await runWeeklyReport({
      gateway,
      repo,
      config,
      botLogin,
      now,
      untracked,
      ...(issues ? { issues } : {}),
    });
    result.posted = result.reports.filter((r) => r.action === "created").length;
    for (const r of result.reports) if (r.error) result.errors.push(`report ${r.path}: ${r.error}`);
    // 7. The post-evaluation of every postmortem whose follow-ups are all finished (once each).
    result.evaluations = await runEvaluations({
      gateway,
      repo,
      config,
      botLogin,
      now,
      untracked,
      postmortems,
      // As the re-check left them: its markers say what was re-checked and what lapsed.
      ...(issues ? { issues } : {}),
    });
    for (const e of result.evaluations) if (e.error) result.errors.push(`evaluation ${e.path}: ${e.error}`);
  }
  result.writes = input.writes
    .slice(0, reconciled)
    .filter((_, i) => !recheckWrites.some((r) => i >= r.from && i < r.to));
  log.info(
    {
      postmortems: result.postmortems,
      recreated: result.recreated,
      posted: result.posted,
      problems: result.problems.length,
      errors: result.errors.length,
    },
    "swept",
  );
  return result;
}

/** The follow-ups by state as the reports classify them, from the issues as this run left them. */
function countStates(result: RepoSweepResult, config: Config, botLogin: string, today: string): void {
  const issues = result.nudges?.issues;
  if (!issues) return;
  result.followups = followupStateCounts(
    buildProgress(progressItems(issues, config, botLogin), today).flatMap((p) => p.items),
  );
}
