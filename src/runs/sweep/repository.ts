import type { Config } from "../../domain/config/schema.js";
import { formatProblem, hasErrors } from "../../domain/diagnostics/problem.js";
import type { PullRef, RepoRef } from "../../domain/followups/model.js";
import type { MergedPull, RepoGateway, RepoTree } from "../../domain/ports.js";
import { parsePostmortem } from "../../domain/postmortem/parse.js";
import { LIMITS, type Postmortem } from "../../domain/postmortem/schema.js";
import type { UntrackedFollowup } from "../../domain/progress/items.js";
import { localDate } from "../../domain/progress/week.js";
import { errorMessage } from "../../github/client.js";
import type { RepoConfigResult } from "../../github/config.js";
import type { RecordedWrite } from "../../github/dry-run.js";
import { trustedFollowups } from "../../github/tracked-issues.js";
import { postmortemMatcher } from "../merge/files.js";
import { reconcileRepository } from "../merge/reconcile.js";
import type { FollowupReport, SyncLog } from "../merge/report.js";
import { type EvaluationOutcome, runEvaluations } from "../weekly/evaluation.js";
import { runWeeklyReport, type WeeklyOutcome } from "../weekly/weekly.js";
import { type NudgeRun, runNudges } from "./nudges.js";

/**
 * The sweep of one repository: re-plan every postmortem on the default branch with the same
 * reconcile as the merge path (so a follow-up issue whose webhook was lost is created now), then
 * post this ISO week's progress report wherever it is not posted yet. The caller serialises runs
 * per repository; a broken config or postmortem is reported and skipped, never thrown.
 * Longer than 350 lines: the sweep's steps (config, tree, reconcile, nudges, report, post-evaluation)
 * read best in order, in one function, with the small helpers they share.
 */

/** What the sweep needs of GitHub beyond the gateway. */
export interface SweepGitHub {
  /** Every file path on the ref that `globs` can match (at most one request). */
  tree(ref: string, globs: readonly string[]): Promise<RepoTree>;
  /**
   * Read these files at `ref` and these issues' or pull requests' comments in one request, so the
   * gateway answers them without asking again. Optional: without it, the files are read in one
   * request and the comments in another.
   */
  prefetch?(ref: string, paths: readonly string[], numbers: readonly number[]): Promise<void>;
  /** The last commit on the ref that touched a path (for a postmortem that has no issue yet). */
  lastCommit(path: string, ref: string): Promise<{ sha: string; date: string | null } | null>;
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
  };
}

interface Group {
  pr: PullRef | null;
  mergedOn: string;
  paths: string[];
}

function pullRef(repo: RepoRef, number: number): PullRef {
  return { number, url: `${repo.serverUrl}/${repo.owner}/${repo.repo}/pull/${number}` };
}

/**
 * The sweep's file choice: the default branch's paths that are postmortems under the config's
 * `paths`, sorted (the one compile function of src/domain/postmortem/paths.ts, as the check, `lint` and
 * the merge use).
 */
export function postmortemsOfTree(paths: readonly string[], config: Pick<Config, "paths">): string[] {
  return paths.filter(postmortemMatcher(config)).sort();
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
  let reconciled = Infinity;
  // Markdown items that got no issue of ours (done in the file, adopting an existing issue): the
  // weekly report counts them too.
  const untracked: UntrackedFollowup[] = [];
  // The postmortems as the reconcile read them: the post-evaluation's timeline and answers.
  const postmortems = new Map<string, Postmortem | null>();
  const ref = repo.defaultBranch;
  const today = localDate(now, config.weekly.timezone);
  if (mode === "nudges") {
    // The daily pass: the tracked issues come with the probe that read the config; no tree, no
    // postmortem, no report.
    result.nudgesOnly = true;
    result.nudges = await runNudges({ gateway, config, botLogin, today, log });
    result.errors.push(...result.nudges.errors);
    result.writes = [...input.writes];
    return result;
  }

  // 2. The postmortems on the default branch (one request) and the tracked issues (one query).
  const tree = await input.github.tree(ref, config.paths);
  const paths = postmortemsOfTree(tree.paths, config);
  result.postmortems = paths.length;
  if (tree.truncated) result.notes.push("the file listing of the default branch was truncated by GitHub");

  if (paths.length > 0) {
    const tracked = await gateway.listTrackedIssues(config.labels.tracking.name);
    const { actual } = trustedFollowups(tracked, botLogin);
    // Every postmortem is read below (to reconcile it), and the weekly report reads the comments
    // of every postmortem pull request: all of it in one request, when the caller can; else the
    // files in one request. A failure only means more requests after all.
    if (input.github.prefetch) {
      const prs = [...new Set(actual.flatMap((i) => (i.marker.pr === null ? [] : [i.marker.pr])))];
      await input.github.prefetch(ref, paths, prs).catch((error: unknown) => {
        log.warn({ err: error }, "could not read the postmortems and comments in one request");
      });
    } else if (paths.length > 1 && gateway.readFiles)
      await gateway.readFiles(paths, { ref, maxBytes: LIMITS.fileBytes }).catch(() => undefined);
    const byPath = new Map<string, typeof actual>();
    for (const issue of actual)
      byPath.set(issue.marker.path, [...(byPath.get(issue.marker.path) ?? []), issue]);

    // 3. Which pull request and merge date each file reconciles with: the ones its issues name,
    // so an unchanged follow-up stays unchanged; for a file without any issue, the pull request
    // that merged its last commit.
    const groups = new Map<string, Group>();
    const githubHost = new URL(repo.serverUrl).host;
    for (const path of paths) {
      let pr: PullRef | null = null;
      let mergedOn = today;
      const issues = byPath.get(path) ?? [];
      if (issues.length > 0) {
        const prs = issues.flatMap((i) => (i.marker.pr === null ? [] : [i.marker.pr]));
        if (prs.length) pr = pullRef(repo, Math.min(...prs));
        mergedOn = issues.map((i) => i.createdAt.slice(0, 10)).sort()[0]!;
      } else {
        try {
          const file = await gateway.readFile(path, { ref, maxBytes: LIMITS.fileBytes });
          if (!file) continue;
          if (file.kind === "too-large") {
            result.problems.push(`${path}:1:1 error file is larger than 1 MiB, the limit of a postmortem`);
            continue;
          }
          const parsed = parsePostmortem(path, file.content, config, { githubHost });
          if (parsed.skipped) continue;
          if (hasErrors(parsed.problems) || !parsed.postmortem) {
            result.problems.push(...parsed.problems.filter((p) => p.severity === "error").map(formatProblem));
            log.warn({ path }, "postmortem has errors: skipped");
            continue;
          }
          if (parsed.followups.length === 0) continue;
          const last = await input.github.lastCommit(path, ref);
          let pull: MergedPull | null = last ? await gateway.findMergedPull(last.sha) : null;
          if (pull && pull.baseRef !== repo.defaultBranch) pull = null;
          if (pull) pr = { number: pull.number, url: pull.url || pullRef(repo, pull.number).url };
          mergedOn = (pull?.mergedAt ?? last?.date ?? now.toISOString()).slice(0, 10);
        } catch (error) {
          result.errors.push(`${path}: ${errorMessage(error)}`);
          continue;
        }
      }
      const key = `${pr?.number ?? "-"}|${mergedOn}`;
      const group = groups.get(key) ?? { pr, mergedOn, paths: [] };
      group.paths.push(path);
      groups.set(key, group);
    }

    // 4. Reconcile, group by group: the same code as the merge path.
    for (const group of groups.values()) {
      try {
        const reconciled = await reconcileRepository({
          gateway,
          config,
          repo,
          files: group.paths.map((path) => ({ path, status: "modified" as const })),
          ref,
          pr: group.pr,
          mergedOn: group.mergedOn,
          botLogin,
          log,
        });
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
      ...(issues ? { issues } : {}),
    });
    for (const e of result.evaluations) if (e.error) result.errors.push(`evaluation ${e.path}: ${e.error}`);
  }
  result.writes = input.writes.slice(0, reconciled);
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

/**
 * The reconcile's done and adopted items as the weekly report counts them. An adopted issue is read
 * for its state only (one request each, through the sweep's read cache); one that cannot be read
 * counts as open.
 */
async function untrackedOf(
  gateway: RepoGateway,
  followups: readonly FollowupReport[],
  group: Group,
): Promise<UntrackedFollowup[]> {
  const out: UntrackedFollowup[] = [];
  for (const f of followups) {
    if (f.state !== "done" && f.state !== "adopted") continue;
    const item: UntrackedFollowup = {
      path: f.path,
      id: f.id,
      title: f.title,
      term: f.term,
      category: f.category,
      owner: f.owner,
      due: f.due,
      pr: group.pr?.number ?? null,
      kind: f.state,
      proof: f.proof === true,
      since: `${group.mergedOn}T00:00:00Z`,
    };
    if (f.state === "adopted" && f.number !== null) {
      const open = { state: "open" as const, stateReason: null, closedAt: null };
      const state = gateway.issueState ? await gateway.issueState(f.number).catch(() => open) : open;
      item.issue = { number: f.number, url: f.url ?? "", ...state };
    }
    out.push(item);
  }
  return out;
}
