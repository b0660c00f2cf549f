import type { Config } from "../../domain/config/schema.js";
import { formatProblem, hasErrors } from "../../domain/diagnostics/problem.js";
import type { PullRef, RepoRef } from "../../domain/followups/model.js";
import type { MergedPull, RepoGateway } from "../../domain/ports.js";
import { fileLevelProblem, parsePostmortem } from "../../domain/postmortem/parse.js";
import { LIMITS } from "../../domain/postmortem/schema.js";
import { errorMessage } from "../../github/client.js";
import { trustedFollowups } from "../../github/tracked-issues.js";
import { detail } from "../../text/catalog/index.js";
import type { ReconcileInput } from "./reconcile.js";
import type { SyncLog } from "./report.js";

/**
 * Which pull request and merge date each postmortem on the default branch reconciles with, when no
 * merge event says it (the sweep; the progress reports' done and adopted items): the ones its issues
 * name, so an unchanged follow-up stays unchanged; for a file without any issue, the pull request
 * that merged its last commit.
 */

export interface PostmortemGroup {
  pr: PullRef | null;
  mergedOn: string;
  paths: string[];
}

/** What grouping reads beyond the gateway (the sweep's reads, `openRepository(…).forSweep`). */
export interface GroupReads {
  /** The files and these pull requests' comments in one request, into the gateway's answers (optional). */
  prefetch?(ref: string, paths: readonly string[], numbers: readonly number[]): Promise<void>;
  /** The last commit on the ref that touched a path (for a postmortem that has no issue yet). */
  lastCommit(path: string, ref: string): Promise<{ sha: string; date: string | null } | null>;
}

export interface GroupInput {
  gateway: RepoGateway;
  github: GroupReads;
  repo: RepoRef;
  config: Config;
  /** The postmortem files on the default branch. */
  paths: readonly string[];
  botLogin: string;
  now: Date;
  /** YYYY-MM-DD in the config's time zone. */
  today: string;
  log: SyncLog;
}

export interface Grouped {
  groups: PostmortemGroup[];
  /** `file:line:col severity message` of postmortems that cannot be read. */
  problems: string[];
  errors: string[];
}

function pullRef(repo: RepoRef, number: number): PullRef {
  return { number, url: `${repo.serverUrl}/${repo.owner}/${repo.repo}/pull/${number}` };
}

export async function groupPostmortems(input: GroupInput): Promise<Grouped> {
  const { gateway, github, repo, config, paths, botLogin, now, today, log } = input;
  const problems: string[] = [];
  const errors: string[] = [];
  const ref = repo.defaultBranch;
  const tracked = await gateway.listTrackedIssues(config.labels.tracking.name);
  const { actual } = trustedFollowups(tracked, botLogin);
  // Every postmortem is read below (to reconcile it), and the weekly report reads the comments
  // of every postmortem pull request: all of it in one request, when the caller can; else the
  // files in one request. A failure only means more requests after all.
  if (github.prefetch) {
    const prs = [...new Set(actual.flatMap((i) => (i.marker.pr === null ? [] : [i.marker.pr])))];
    await github.prefetch(ref, paths, prs).catch((error: unknown) => {
      log.warn({ err: error }, "could not read the postmortems and comments in one request");
    });
  } else if (paths.length > 1 && gateway.readFiles)
    await gateway.readFiles(paths, { ref, maxBytes: LIMITS.fileBytes }).catch(() => undefined);
  const byPath = new Map<string, typeof actual>();
  for (const issue of actual)
    byPath.set(issue.marker.path, [...(byPath.get(issue.marker.path) ?? []), issue]);

  const groups = new Map<string, PostmortemGroup>();
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
          const tooLarge = detail("file-too-large", {
            bytes: file.size,
            limit: LIMITS.fileBytes,
            unit: "MiB",
          });
          problems.push(formatProblem(fileLevelProblem(path, tooLarge, config.language)));
          continue;
        }
        const parsed = parsePostmortem(path, file.content, config, { githubHost });
        if (parsed.skipped) continue;
        if (hasErrors(parsed.problems) || !parsed.postmortem) {
          problems.push(...parsed.problems.filter((p) => p.severity === "error").map(formatProblem));
          log.warn({ path }, "postmortem has errors: skipped");
          continue;
        }
        if (parsed.followups.length === 0) continue;
        const last = await github.lastCommit(path, ref);
        let pull: MergedPull | null = last ? await gateway.findMergedPull(last.sha) : null;
        if (pull && pull.baseRef !== repo.defaultBranch) pull = null;
        if (pull) pr = { number: pull.number, url: pull.url || pullRef(repo, pull.number).url };
        mergedOn = (pull?.mergedAt ?? last?.date ?? now.toISOString()).slice(0, 10);
      } catch (error) {
        errors.push(`${path}: ${errorMessage(error)}`);
        continue;
      }
    }
    const key = `${pr?.number ?? "-"}|${mergedOn}`;
    const group = groups.get(key) ?? { pr, mergedOn, paths: [] };
    group.paths.push(path);
    groups.set(key, group);
  }

  return { groups: [...groups.values()], problems, errors };
}

/**
 * A group's reconcile: its postmortems as modified at the default branch, with the group's pull
 * request and merge date (the sweep applies it; the progress reports only plan it).
 */
/** The reconcile's reach into other repositories (routed follow-ups, issue 17), when the run has it. */
export function crossRepository(
  input: Pick<ReconcileInput, "sibling" | "routing">,
): Pick<ReconcileInput, "sibling" | "routing"> {
  return {
    ...(input.sibling ? { sibling: input.sibling } : {}),
    ...(input.routing ? { routing: input.routing } : {}),
  };
}

export function reconcileInputOf(
  group: PostmortemGroup,
  base: Pick<ReconcileInput, "gateway" | "config" | "repo" | "botLogin" | "log" | "sibling" | "routing">,
): ReconcileInput {
  return {
    ...base,
    files: group.paths.map((path) => ({ path, status: "modified" as const })),
    ref: base.repo.defaultBranch,
    pr: group.pr,
    mergedOn: group.mergedOn,
  };
}
