import type { Probot } from "probot";
import type { RepoRef } from "../../domain/followups/model.js";
import { progressItems, untrackedItems } from "../../domain/progress/items.js";
import type { GitHubClient } from "../../github/client.js";
import { type BotIdentity, createBotIdentity, isOwnEvent } from "../../github/identity.js";
import type { ReactionContent } from "../../github/installations.js";
import { openRepository } from "../../github/repository.js";
import {
  type CommandDecision,
  type CommandLimiter,
  commandLimitKey,
  LIMITED_REACTION,
} from "../../infra/command-limit.js";
import { type RepoLock, repoLockKey } from "../../infra/lock.js";
import { createCommandLimiter } from "../../infra/redis-command-limit.js";
import { createRepoLock } from "../../infra/redis-lock.js";
import type { SyncLog } from "../../runs/merge/report.js";
import { createAppSweepSource } from "../../runs/sweep/app.js";
import { schedulerEnabled, WeeklyScheduler } from "../../runs/sweep/scheduler.js";
import { readRoutedIssues, readUntracked } from "../../runs/weekly/untracked.js";
import { runWeeklyReport, type WeeklyOutcome } from "../../runs/weekly/weekly.js";

/**
 * Weekly progress: `/followups status` on a postmortem pull request or a follow-up issue refreshes
 * this week's report now; the in-process scheduler (unless POSTMORTEM_FOLLOWUPS_SCHEDULER=off)
 * sweeps every repository once its weekly slot has passed.
 */

export interface ProgressHandlerOptions {
  /** Per-repository serialisation; share the sync handler's to serialise with merges. */
  lock?: RepoLock;
  /** Rate limits of comment commands per repository, issue and user (shared with `/validated`). */
  commandLimiter?: CommandLimiter;
  identity?: BotIdentity;
  now?: () => Date;
  /** Start the hourly scheduler (default: `schedulerEnabled()`, i.e. not when turned off). */
  scheduler?: boolean;
  /** Called with each command's outcome (tests). */
  onStatus?: (outcome: StatusOutcome) => void;
}

export type StatusOutcome =
  | { status: "ignored"; reason: string }
  /** Over the command limits (src/infra/command-limit.ts): one reaction at most, nothing else. */
  | { status: "limited"; action: "react" | "ignore"; limit: "outsider" | "commands" }
  | { status: "config-error" }
  | { status: "no-followups" }
  | { status: "reported"; outcomes: WeeklyOutcome[] };

/** `/followups status` as the first non-empty line of a comment. */
export function isStatusCommand(body: string | null | undefined): boolean {
  if (!body) return false;
  const first = body.split(/\r?\n/).find((l) => l.trim() !== "");
  return first !== undefined && /^\/followups\s+status\s*$/i.test(first.trim());
}

interface RepositoryPayload {
  name: string;
  full_name: string;
  default_branch?: string;
  html_url: string;
  owner: { login: string };
}

function repoRef(repository: RepositoryPayload): RepoRef {
  return {
    owner: repository.owner.login,
    repo: repository.name,
    defaultBranch: repository.default_branch ?? "main",
    serverUrl: new URL(repository.html_url).origin,
  };
}

export function registerProgress(app: Probot, options: ProgressHandlerOptions = {}): WeeklyScheduler | null {
  // The process's lock, shared with the merge sync: the scheduler's sweep reconciles (creates
  // missing issues) and must never interleave with a merge's reconcile of the same repository.
  const lock = options.lock ?? createRepoLock(process.env, app.log);
  const identity = options.identity ?? createBotIdentity(app);
  const limiter = options.commandLimiter ?? createCommandLimiter(process.env, app.log);
  const now = options.now ?? (() => new Date());

  app.on("issue_comment.created", async (context) => {
    const { comment, issue, repository, sender } = context.payload;
    if (!isStatusCommand(comment.body)) return;
    const log: SyncLog = context.log.child({
      repository: repository.full_name,
      delivery: context.id,
      event: "issue_comment.created",
      issue: issue.number,
    });
    const done = (outcome: StatusOutcome) => {
      options.onStatus?.(outcome);
      return outcome;
    };
    const botLogin = await identity();
    if (isOwnEvent(sender, botLogin) || sender.type === "Bot") {
      log.info({ sender: sender.login }, "/followups status from a bot: ignored");
      done({ status: "ignored", reason: "bot" });
      return;
    }
    const repo = repoRef(repository as RepositoryPayload);
    const github = openRepository(context.octokit as GitHubClient, repo, { config: context });
    const react = async (content: ReactionContent) => {
      try {
        await github.react(comment.id, content);
      } catch (error) {
        log.warn({ err: error }, "could not react to the command");
      }
    };

    // The limits first (no request); the permission lookup only when the store does not already
    // know this user as an outsider answered on this issue.
    const limitKey = commandLimitKey(repository.full_name, issue.number, sender.login);
    const limited = async (decision: CommandDecision): Promise<boolean> => {
      if (decision.action === "answer") return false;
      log.info({ sender: sender.login, ...decision }, "/followups status over the command limits");
      done({ status: "limited", action: decision.action, limit: decision.limit });
      if (decision.action === "react") await react(LIMITED_REACTION);
      return true;
    };
    if (await limited(await limiter.arrive(limitKey, log))) return;
    if (
      !(await github.hasWriteAccess(sender.login)) &&
      (await limited(await limiter.outsider(limitKey, log)))
    )
      return;

    const outcome = await lock.withLock(
      repoLockKey(repo.owner, repo.repo),
      async (): Promise<StatusOutcome> => {
        // The sweep's reads (one probe: config, tracked issues, the postmortem listing; a read
        // cache): the done and adopted items of Markdown postmortems are planned from the files.
        const reads = await github.forSweep(repo.defaultBranch, log);
        const gateway = reads.gateway;
        const loaded = await reads.loadConfig();
        if (!loaded.ok) {
          log.warn({ problems: loaded.problems.length }, "the config is invalid: no report");
          return { status: "config-error" };
        }
        const config = loaded.config;
        const label = config.labels.tracking.name;
        const own = await gateway.listTrackedIssues(label);
        // Follow-ups routed to other repositories of the owner (issue 17) are reported with the others.
        const sibling = (name: string) =>
          openRepository(context.octokit as GitHubClient, { owner: repo.owner, repo: name }).gateway;
        const routedTo = new Set<string>();
        const untracked = await readUntracked({
          gateway,
          github: reads,
          repo,
          config,
          botLogin,
          now: now(),
          log,
          sibling,
          routing: github.routing,
          routedTo,
        });
        const issues = [
          ...own,
          ...(await readRoutedIssues(sibling, `${repo.owner}/${repo.repo}`, label, routedTo)),
        ];
        const items = [...progressItems(issues, config, botLogin), ...untrackedItems(untracked)];
        // On a pull request: the postmortems it merged. On a follow-up issue: its postmortem.
        const paths = new Set(
          issue.pull_request
            ? items.filter((i) => i.pr === issue.number).map((i) => i.path)
            : items.filter((i) => i.number === issue.number && !i.repository).map((i) => i.path),
        );
        if (paths.size === 0) {
          log.info("no tracked follow-up belongs to this pull request or issue: nothing to report");
          return { status: "no-followups" };
        }
        const outcomes = await runWeeklyReport({
          gateway,
          repo,
          config,
          botLogin,
          now: now(),
          issues,
          untracked,
          select: (p) => paths.has(p.path),
        });
        for (const o of outcomes)
          log.info(
            { path: o.path, pr: o.pr, week: o.week, action: o.action, reason: o.reason, error: o.error },
            "report",
          );
        return { status: "reported", outcomes };
      },
    );
    done(outcome);
    const wrote = outcome.status === "reported" && outcome.outcomes.some((o) => o.action !== "skipped");
    await react(wrote ? "+1" : "confused");
  });

  const enabled = options.scheduler ?? schedulerEnabled();
  if (!enabled) {
    app.log.info("weekly scheduler off (POSTMORTEM_FOLLOWUPS_SCHEDULER=off, or tests)");
    return null;
  }
  const log = app.log.child({ name: "weekly-scheduler" });
  const scheduler = new WeeklyScheduler({
    log,
    now,
    source: async (gate) => createAppSweepSource(app, { botLogin: await identity(), lock, log, now, gate }),
  });
  scheduler.start();
  log.info("weekly scheduler started: every hour, each repository once its weekly slot has passed");
  return scheduler;
}
