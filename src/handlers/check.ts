import type { Context, Probot } from "probot";
import { evaluateCheck } from "../check/evaluate.js";
import { publishCheck } from "../check/lifecycle.js";
import { CHECK_NAME } from "../check/output.js";
import { CONFIG_FILE } from "../config/load.js";
import type { Config, Language } from "../config/schema.js";
import type { Problem } from "../diagnostics/problem.js";
import { OctokitChecksGateway } from "../github/checks.js";
import { loadRepoConfig, MAX_CONFIG_BYTES, readConfigFile } from "../github/config.js";
import { EvidenceResolver } from "../github/evidence.js";
import { OctokitRepoGateway } from "../github/gateway.js";
import { type BotIdentity, createBotIdentity } from "../github/identity.js";
import { postmortemPathMatcher } from "../postmortem/paths.js";
import type { RepoLock } from "../sync/lock.js";
import { createRepoLock } from "../sync/redis-lock.js";

/**
 * The check run "Postmortem follow-ups" on pull requests that touch postmortem files (or the
 * config file): `pull_request` opened/synchronize/reopened, and re-requests from the Checks tab
 * (`check_run.rerequested`, `check_suite.rerequested`). Routing only: the work is in src/check.
 */

export interface CheckHandlerOptions {
  identity?: BotIdentity;
  /** Serialises runs per head commit (a redelivery waits for the first run, then updates its run). */
  lock?: RepoLock;
  now?: () => Date;
}

const DEFAULT_PATHS = ["postmortems/**", "docs/postmortems/**"];

/** `external_id` of our runs: the pull request, for re-requests without one in the payload (forks). */
export function externalIdFor(pull: number): string {
  return `postmortem-followups:pull/${pull}`;
}

export function pullFromExternalId(externalId: string | null | undefined): number | null {
  const m = /^postmortem-followups:pull\/(\d+)$/.exec(externalId ?? "");
  return m ? Number(m[1]) : null;
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
    const key = `check:${owner}/${repo}@${target.headSha}`.toLowerCase();
    await lock.withLock(key, async () => {
      const gateway = new OctokitRepoGateway(context.octokit, owner, repo);
      const changed = await gateway.listPullFiles(target.pull);
      const present = changed.filter((f) => f.status !== "removed");
      const configTouched = present.some((f) => f.path === CONFIG_FILE);

      // The config: the pull request's own version when it changes the file (without `_extends`,
      // which only the default branch's config can use), else the repository's as Probot reads it.
      let config: Config | null = null;
      let configProblems: Problem[] = [];
      // The language of an invalid config: the one it declares, when it can be read that far.
      let configLanguage: Language = "en";
      let annotateConfig = configTouched;
      let headConfigUsed = false;
      if (configTouched) {
        const read = await readConfigFile(gateway, target.headSha);
        if (read.kind === "too-large") {
          configProblems = read.problems;
          configLanguage = read.language;
          headConfigUsed = true;
        } else if (read.kind === "parsed") {
          if (!read.result.ok) {
            configProblems = read.result.problems;
            configLanguage = read.result.language;
            headConfigUsed = true;
          } else if (!/^_extends\s*:/m.test(read.text)) {
            config = read.result.config;
            configProblems = read.result.problems;
            headConfigUsed = true;
          }
        }
      }
      if (!headConfigUsed) {
        const loaded = await loadRepoConfig(context, gateway);
        if (loaded.ok) {
          config = loaded.config;
          configProblems = loaded.problems;
        } else {
          configProblems = loaded.problems;
          configLanguage = loaded.language;
          // Annotations need a path that exists at the head commit.
          annotateConfig =
            configTouched ||
            (await gateway.readFile(CONFIG_FILE, { ref: target.headSha, maxBytes: MAX_CONFIG_BYTES })) !==
              null;
        }
      }

      const isPostmortem = postmortemPathMatcher(config?.paths ?? DEFAULT_PATHS);
      const files = present.map((f) => f.path).filter(isPostmortem);
      if (files.length === 0 && !configTouched) {
        log.info({ changed: changed.length }, "the pull request touches no postmortem file: no check run");
        return;
      }
      const language: Language = config?.language ?? configLanguage;
      const resolver = new EvidenceResolver(context.octokit, owner, repo);
      const result = await publishCheck(
        {
          gateway: new OctokitChecksGateway(context.octokit, owner, repo),
          headSha: target.headSha,
          externalId: externalIdFor(target.pull),
          appSlug,
          language: () => language,
          ...(options.now ? { now: options.now } : {}),
          log,
        },
        () =>
          evaluateCheck({
            files,
            headSha: target.headSha,
            config,
            configProblems,
            annotateConfig,
            language,
            repo: { owner, repo, serverUrl },
            readFile: async (path, opts) => {
              const file = await gateway.readFile(path, opts);
              if (!file) return null;
              return file.kind === "too-large"
                ? { kind: "too-large", size: file.size }
                : { kind: "file", content: file.content };
            },
            resolveLookups: (plans) => resolver.resolve(plans),
          }),
      );
      log.info(
        {
          runId: result.runId,
          conclusion: result.conclusion,
          reused: result.reused,
          requests: result.requests,
          lookups: resolver.requests,
        },
        "check run completed",
      );
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
      const existing = await new OctokitChecksGateway(context.octokit, owner, repo).findRun(
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
