import type { Context, Probot } from "probot";
import { evaluateCheck, type FileRead, MAX_FILES } from "../../domain/check/evaluate.js";
import { checkedPostmortems } from "../../domain/check/files.js";
import { CHECK_NAME } from "../../domain/check/output.js";
import {
  digest,
  expandLookup,
  makeRecord,
  readRecord,
  resultsDigest,
  withRecord,
} from "../../domain/check/record.js";
import { declaresExtends } from "../../domain/config/extends.js";
import { CONFIG_FILE, parseConfigText } from "../../domain/config/load.js";
import { type Config, DEFAULT_PATHS, type Language } from "../../domain/config/schema.js";
import type { Problem } from "../../domain/diagnostics/problem.js";
import { LIMITS } from "../../domain/postmortem/schema.js";
import type { Lookup } from "../../domain/validation/resolve.js";
import { type CheckProbe, probeCheck } from "../../github/check-probe.js";
import { OctokitChecksGateway } from "../../github/checks.js";
import {
  configFromProbe,
  configProblem,
  loadRepoConfig,
  MAX_CONFIG_BYTES,
  type RepoConfigResult,
} from "../../github/config.js";
import { EvidenceResolver } from "../../github/evidence.js";
import { OctokitRepoGateway, type RepoFile } from "../../github/gateway.js";
import { readFilesAndComments } from "../../github/probe.js";
import { type BotIdentity, createBotIdentity } from "../../infra/identity.js";
import type { RepoLock } from "../../infra/lock.js";
import { createRepoLock } from "../../infra/redis-lock.js";
import { publishCheck } from "../../runs/check/lifecycle.js";
import { detail, t } from "../../text/catalog/index.js";

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

/** Files at the head commit: read together in one GraphQL request, REST for what it cannot give. */
class HeadReader {
  readonly #files = new Map<string, RepoFile | null>();

  constructor(
    private readonly octokit: Context["octokit"],
    private readonly gateway: OctokitRepoGateway,
    private readonly owner: string,
    private readonly repo: string,
    private readonly ref: string,
  ) {}

  async prefetch(paths: readonly string[]): Promise<void> {
    if (paths.length === 0) return;
    const { files } = await readFilesAndComments(this.octokit, {
      owner: this.owner,
      repo: this.repo,
      ref: this.ref,
      paths,
      numbers: [],
      maxBytes: Math.max(LIMITS.fileBytes, MAX_CONFIG_BYTES),
    });
    for (const [path, file] of files) this.#files.set(path, file);
  }

  /** The file (too large over `maxBytes`), null when absent. */
  async read(path: string, maxBytes: number): Promise<FileRead> {
    let file = this.#files.get(path);
    if (file === undefined) file = await this.gateway.readFile(path, { ref: this.ref, maxBytes });
    if (!file) return null;
    if (file.kind === "too-large") return { kind: "too-large", size: file.size };
    return file.size > maxBytes
      ? { kind: "too-large", size: file.size }
      : { kind: "file", content: file.content };
  }
}

interface ChosenConfig {
  config: Config | null;
  problems: Problem[];
  language: Language;
  annotateConfig: boolean;
}

/**
 * The config the postmortems are judged with. The pull request's own config file, when it changes
 * it, is validated and its problems reported on it; when it is valid (and has no `_extends`, which
 * only the default branch's config can use) its settings judge the postmortems, because those are
 * the rules they will be synced under once this merges. They are data (names, numbers, choices),
 * never compiled into a matcher: `paths` is always the base's.
 */
async function chooseConfig(input: {
  base: RepoConfigResult;
  basePaths: string[];
  configTouched: boolean;
  head: HeadReader;
  /** Whether the config file exists at the head commit (undefined: not probed, read it). */
  headConfigExists: boolean | undefined;
}): Promise<ChosenConfig> {
  const { base } = input;
  if (input.configTouched) {
    const read = await input.head.read(CONFIG_FILE, MAX_CONFIG_BYTES);
    if (read?.kind === "too-large") {
      const problem = detail("config-too-large", { bytes: read.size, max: MAX_CONFIG_BYTES });
      return {
        config: null,
        // The proposed file cannot be read, so its language is unknown: the base's.
        problems: [configProblem(problem, base.ok ? base.config.language : base.language)],
        language: base.ok ? base.config.language : base.language,
        annotateConfig: true,
      };
    }
    if (read) {
      const text = new TextDecoder().decode(read.content);
      const result = parseConfigText(text, CONFIG_FILE);
      if (!result.ok)
        return { config: null, problems: result.problems, language: result.language, annotateConfig: true };
      if (!declaresExtends(text))
        return {
          config: { ...result.config, paths: input.basePaths },
          problems: result.problems,
          language: result.config.language,
          annotateConfig: true,
        };
    }
  }
  if (base.ok)
    return {
      config: base.config,
      problems: base.problems,
      language: base.config.language,
      annotateConfig: input.configTouched,
    };
  // Annotations need a path that exists at the head commit.
  const exists =
    input.configTouched ||
    (input.headConfigExists ?? (await input.head.read(CONFIG_FILE, MAX_CONFIG_BYTES)) !== null);
  return { config: null, problems: base.problems, language: base.language, annotateConfig: exists };
}

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
      const checks = new OctokitChecksGateway(context.octokit, owner, repo);
      // One GraphQL request for what the check reads first; a part it could not answer (or all
      // of it, when it fails) is read through REST as before.
      let probe: CheckProbe | null = null;
      try {
        probe = await probeCheck(context.octokit, {
          owner,
          repo,
          pull: target.pull,
          headSha: target.headSha,
          checkName: CHECK_NAME,
          appSlug,
        });
      } catch (error) {
        log.warn({ err: error }, "check probe failed: reading through REST");
      }
      const changed = probe?.pullFiles ?? (await gateway.listPullFiles(target.pull));
      const present = changed.filter((f) => f.status !== "removed");
      const configTouched = present.some((f) => f.path === CONFIG_FILE);

      // Which files are postmortems: ALWAYS the base's config (the repository's, as Probot reads
      // it: default branch, `_extends`). The pull request chooses its file names; it must not also
      // choose the globs they are matched with (a crafted glob against a crafted name stalls the
      // matcher), so globs of the proposed config are never compiled here.
      const base = probe
        ? await configFromProbe(probe.config, () => loadRepoConfig(context, gateway))
        : await loadRepoConfig(context, gateway);
      const basePaths = base.ok ? base.config.paths : [...DEFAULT_PATHS];
      const files = checkedPostmortems(changed, basePaths);
      if (files.length === 0 && !configTouched) {
        log.info({ changed: changed.length }, "the pull request touches no postmortem file: no check run");
        return;
      }
      const headConfigId = probe ? (probe.headConfig?.oid ?? null) : undefined;
      const inputDigest = digest({
        pull: target.pull,
        files: [...files].sort(),
        configTouched,
        base: base.ok ? { config: base.config, problems: base.problems } : base,
        headConfig: headConfigId ?? null,
      });

      // The same head again (a redelivery, a re-requested check): when the run of ours on it
      // recorded this same input, only the evidence can have changed. Ask it again (one request);
      // the same answers mean the same output: nothing to write.
      const existing = probe ? probe.existing : undefined;
      const record =
        existing && existing.status === "completed" && headConfigId !== undefined
          ? readRecord(existing.summary)
          : null;
      const resolver = new EvidenceResolver(context.octokit, owner, repo);
      const known = record?.lookups?.map((l) => expandLookup(l, target.headSha));
      if (
        existing &&
        record &&
        known?.every((l) => l !== null) &&
        record.input === inputDigest &&
        record.conclusion === existing.conclusion &&
        record.annotations.length === existing.annotationsCount
      ) {
        const lookups = (known ?? []) as Lookup[];
        const answers = await resolver.resolveLookups(lookups);
        if (resultsDigest(lookups, answers) === record.results) {
          log.info(
            { runId: existing.id, lookups: lookups.length, conclusion: existing.conclusion },
            "nothing changed since this head commit's run (evidence asked again): nothing written",
          );
          return;
        }
        log.info({ runId: existing.id }, "evidence changed since this head commit's run: checking again");
      }

      let language: Language = base.ok ? base.config.language : base.language;
      const head = new HeadReader(context.octokit, gateway, owner, repo, target.headSha);
      const result = await publishCheck(
        {
          gateway: checks,
          headSha: target.headSha,
          externalId: externalIdFor(target.pull),
          appSlug,
          language: () => language,
          ...(options.now ? { now: options.now } : {}),
          log,
          ...(existing !== undefined ? { existing } : {}),
          ...(record ? { existingAnnotations: record.annotations } : {}),
        },
        async () => {
          // The postmortems and the proposed config at the head commit: one GraphQL request.
          // The files evaluateCheck reads: the first MAX_FILES in its order (the rest get a warning).
          const read = [...files].sort((a, b) => a.localeCompare(b)).slice(0, MAX_FILES);
          await head.prefetch([...read, ...(configTouched ? [CONFIG_FILE] : [])]);
          const chosen = await chooseConfig({
            base,
            basePaths,
            configTouched,
            head,
            headConfigExists: headConfigId === undefined ? undefined : headConfigId !== null,
          });
          language = chosen.language;
          const output = await evaluateCheck({
            files,
            headSha: target.headSha,
            config: chosen.config,
            configProblems: chosen.problems,
            annotateConfig: chosen.annotateConfig,
            pathsFromBase: configTouched,
            language,
            repo: { owner, repo, serverUrl },
            readFile: (path, opts) => head.read(path, opts.maxBytes),
            resolveLookups: (plans) => resolver.resolveBatch(plans),
          });
          const asked = resolver.asked();
          const answers = await resolver.resolveLookups(asked); // all cached: no request
          return withRecord(
            output,
            makeRecord({
              inputDigest,
              headSha: target.headSha,
              lookups: asked,
              results: answers,
              conclusion: output.conclusion,
              annotations: output.annotations,
            }),
            t(language, "check.truncated"),
          );
        },
      );
      log.info(
        {
          runId: result.runId,
          conclusion: result.conclusion,
          reused: result.reused,
          requests: result.requests,
          lookups: resolver.requests,
          lookupQueries: resolver.graphqlRequests,
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
