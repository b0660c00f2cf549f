import type { Context, Probot } from "probot";
import type { RepoRef } from "../../domain/followups/model.js";
import type { GitHubClient } from "../../github/client.js";
import { type BotIdentity, createBotIdentity, isOwnEvent } from "../../github/identity.js";
import { openRepository } from "../../github/repository.js";
import { type RepoLock, repoLockKey } from "../../infra/lock.js";
import { createRepoLock } from "../../infra/redis-lock.js";
import type { SyncLog } from "../../runs/merge/report.js";
import { type MergeTrigger, type SyncOutcome, syncMerge } from "../../runs/merge/run.js";

/**
 * Sync on merge: `pull_request.closed` with merged=true and `push` to the default branch both
 * lead to the same reconcile. The two events of one squash merge never duplicate anything: runs
 * are serialised per repository and every run plans from a fresh read.
 */

export interface SyncHandlerOptions {
  /** Per-repository serialisation (default: the process's lock, in Redis when REDIS_URL is set). */
  lock?: RepoLock;
  /** The app's bot login; `GET /app` once by default. */
  identity?: BotIdentity;
  /** Called with each run's outcome (tests, metrics). */
  onOutcome?: (outcome: SyncOutcome, context: Context) => void;
}

/** From this many commits on, a push payload's file lists are not trusted to be complete (GitHub caps
 * what it sends): the cheap "no Markdown or YAML changed" pre-filter is skipped. */
const PUSH_COMMITS_WITH_FILES = 20;

interface RepositoryPayload {
  name: string;
  full_name: string;
  default_branch?: string;
  master_branch?: string;
  html_url: string;
  owner: { login?: string; name?: string | null };
}

function repoRef(repository: RepositoryPayload): RepoRef {
  const owner = repository.owner.login ?? repository.owner.name ?? repository.full_name.split("/")[0]!;
  return {
    owner,
    repo: repository.name,
    defaultBranch: repository.default_branch ?? repository.master_branch ?? "main",
    serverUrl: new URL(repository.html_url).origin,
  };
}

export function registerSync(app: Probot, options: SyncHandlerOptions = {}): void {
  const lock = options.lock ?? createRepoLock(process.env, app.log);
  const identity = options.identity ?? createBotIdentity(app);

  async function run(
    context: Context,
    log: SyncLog,
    sender: { login?: string; type?: string } | null | undefined,
    trigger: MergeTrigger,
  ): Promise<void> {
    let botLogin: string;
    try {
      botLogin = await identity();
    } catch (error) {
      log.error(
        { err: error },
        "cannot resolve the app's bot login (GET /app): nothing can be trusted, stopping",
      );
      throw error;
    }
    if (isOwnEvent(sender, botLogin)) {
      log.info({ sender: sender?.login }, "event sent by the app itself: ignored");
      return;
    }
    const { owner, repo } = trigger.repo;
    const outcome = await lock.withLock(repoLockKey(owner, repo), async () => {
      const repository = openRepository(
        context.octokit as GitHubClient,
        { owner, repo },
        { config: context },
      );
      // A merged pull request: one GraphQL probe reads what the run needs (src/github/probe.ts).
      const reads =
        trigger.kind === "pull_request"
          ? await repository.forMerge(trigger.pull.number, log)
          : { gateway: repository.gateway, loadConfig: repository.loadConfig };
      return syncMerge({
        trigger,
        gateway: reads.gateway,
        loadConfig: reads.loadConfig,
        botLogin,
        log,
        // Recurrence reads the other repositories the config lists (same owner, same installation).
        sibling: (name: string) =>
          openRepository(context.octokit as GitHubClient, { owner, repo: name }).gateway,
        // A push that is a pull request's merge: the rest through that pull request's probe.
        ...(trigger.kind === "push"
          ? {
              probePull: async (pullNumber: number) => {
                const probed = await repository.forMerge(pullNumber, log);
                return probed.probed ? probed.gateway : null;
              },
            }
          : {}),
      });
    });
    options.onOutcome?.(outcome, context);
  }

  app.on("pull_request.closed", async (context) => {
    const { pull_request: pr, repository, sender } = context.payload;
    const log = context.log.child({
      repository: repository.full_name,
      delivery: context.id,
      event: "pull_request.closed",
      pr: pr.number,
    });
    if (!pr.merged) {
      log.info("pull request closed without merging: nothing to do");
      return;
    }
    const repo = repoRef(repository as RepositoryPayload);
    if (pr.base.ref !== repo.defaultBranch) {
      log.info({ base: pr.base.ref }, "merged into a branch other than the default branch: ignored");
      return;
    }
    if (!pr.merge_commit_sha) {
      log.warn("merged pull request without merge_commit_sha: cannot read its files, ignored");
      return;
    }
    await run(context, log, sender, {
      kind: "pull_request",
      repo,
      pull: {
        number: pr.number,
        url: pr.html_url,
        mergedAt: pr.merged_at ?? new Date().toISOString(),
        mergeCommitSha: pr.merge_commit_sha,
        baseRef: pr.base.ref,
        baseSha: pr.base.sha,
      },
    });
  });

  app.on("push", async (context) => {
    const payload = context.payload;
    const repository = payload.repository as RepositoryPayload;
    const log = context.log.child({
      repository: repository.full_name,
      delivery: context.id,
      event: "push",
      after: payload.after,
    });
    const repo = repoRef(repository);
    if (payload.ref !== `refs/heads/${repo.defaultBranch}`) {
      log.info({ ref: payload.ref }, "push to a ref other than the default branch: ignored");
      return;
    }
    if (payload.deleted || /^0+$/.test(payload.after)) {
      log.info("the push deleted the branch: nothing to do");
      return;
    }
    const commits = payload.commits ?? [];
    await run(context, log, payload.sender, {
      kind: "push",
      repo,
      before: payload.before,
      after: payload.after,
      commits,
      truncated: commits.length >= PUSH_COMMITS_WITH_FILES || (commits.length === 0 && !!payload.head_commit),
      headTimestamp: payload.head_commit?.timestamp ?? null,
    });
  });
}
