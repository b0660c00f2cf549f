import type { Context, Probot } from "probot";
import { pullFromExternalId } from "../../domain/check/external-id.js";
import { CHECK_NAME } from "../../domain/check/output.js";
import type { GitHubClient } from "../../github/client.js";
import { type BotIdentity, createBotIdentity } from "../../github/identity.js";
import { openRepository } from "../../github/repository.js";
import type { RepoLock } from "../../infra/lock.js";
import { createRepoLock } from "../../infra/redis-lock.js";
import { runCheck } from "../../runs/check/run.js";

/**
 * The check run "Postmortem follow-ups" on pull requests that touch postmortem files (or the
 * config file): `pull_request` opened/synchronize/reopened, and re-requests from the Checks tab
 * (`check_run.rerequested`, `check_suite.rerequested`). Routing only: each event becomes a
 * `CheckRunInput`; the work is in src/runs/check/.
 */

export interface CheckHandlerOptions {
  identity?: BotIdentity;
  /** Serialises runs per head commit (a redelivery waits for the first run, then updates its run). */
  lock?: RepoLock;
  now?: () => Date;
}

interface Target {
  pull: number;
  headSha: string;
}

interface RepositoryPayload {
  name: string;
  full_name: string;
  html_url: string;
  owner: { login?: string; name?: string | null };
}

function slugOf(botLogin: string): string {
  return botLogin.replace(/\[bot\]$/, "");
}

export function registerCheck(app: Probot, options: CheckHandlerOptions = {}): void {
  const identity = options.identity ?? createBotIdentity(app);
  // The process's lock (Redis with REDIS_URL): replicas never create two runs for one commit.
  const lock = options.lock ?? createRepoLock(process.env, app.log);

  async function run(context: Context, target: Target, event: string): Promise<void> {
    const repository = (context.payload as { repository: RepositoryPayload }).repository;
    const owner = repository.owner.login ?? repository.owner.name ?? repository.full_name.split("/")[0]!;
    const repo = repository.name;
    const serverUrl = new URL(repository.html_url).origin;
    const log = context.log.child({
      repository: repository.full_name,
      delivery: context.id,
      event,
      pr: target.pull,
      sha: target.headSha,
    });
    const appSlug = slugOf(await identity());
    await runCheck({
      repository: openRepository(context.octokit as GitHubClient, { owner, repo }, { config: context }),
      owner,
      repo,
      serverUrl,
      target,
      appSlug,
      lock,
      ...(options.now ? { now: options.now } : {}),
      log,
      // Recurrence reads the other repositories the config lists (same owner, same installation).
      sibling: (name: string) =>
        openRepository(context.octokit as GitHubClient, { owner, repo: name }).gateway,
    });
  }

  app.on(["pull_request.opened", "pull_request.synchronize", "pull_request.reopened"], async (context) => {
    const pr = context.payload.pull_request;
    await run(context, { pull: pr.number, headSha: pr.head.sha }, `pull_request.${context.payload.action}`);
  });

  app.on("check_run.rerequested", async (context) => {
    const checkRun = context.payload.check_run;
    const log = context.log.child({
      delivery: context.id,
      event: "check_run.rerequested",
      checkRun: checkRun.id,
    });
    if (checkRun.name !== CHECK_NAME) {
      log.info({ name: checkRun.name }, "re-request of another check: ignored");
      return;
    }
    if (checkRun.app?.slug && checkRun.app.slug !== slugOf(await identity())) {
      log.info({ app: checkRun.app.slug }, "re-request of another app's run: ignored");
      return;
    }
    const pull = checkRun.pull_requests[0]?.number ?? pullFromExternalId(checkRun.external_id);
    if (!pull) {
      log.warn("re-requested run names no pull request: nothing to check");
      return;
    }
    await run(context, { pull, headSha: checkRun.head_sha }, "check_run.rerequested");
  });

  app.on("check_suite.rerequested", async (context) => {
    const suite = context.payload.check_suite;
    const log = context.log.child({
      delivery: context.id,
      event: "check_suite.rerequested",
      suite: suite.id,
    });
    const appSlug = slugOf(await identity());
    if (suite.app?.slug && suite.app.slug !== appSlug) {
      log.info({ app: suite.app.slug }, "another app's check suite: ignored");
      return;
    }
    let pull: number | null = suite.pull_requests[0]?.number ?? null;
    if (!pull) {
      // Fork pull requests are not in the payload: our earlier run on the commit names it.
      const { owner, repo } = context.repo();
      const existing = await openRepository(context.octokit as GitHubClient, { owner, repo }).checks.findRun(
        suite.head_sha,
        CHECK_NAME,
        appSlug,
      );
      pull = pullFromExternalId(existing?.externalId);
    }
    if (!pull) {
      log.info("check suite names no pull request and has no earlier run of ours: nothing to check");
      return;
    }
    await run(context, { pull, headSha: suite.head_sha }, "check_suite.rerequested");
  });
}
