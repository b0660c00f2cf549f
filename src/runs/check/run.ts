import { evaluateCheck, MAX_FILES } from "../../domain/check/evaluate.js";
import { externalIdFor } from "../../domain/check/external-id.js";
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
import { TRACKING_LABEL } from "../../domain/config/defaults.js";
import { CONFIG_FILE } from "../../domain/config/load.js";
import { foreignRepositoryProblems } from "../../domain/config/recurrence.js";
import { routingForeignProblems } from "../../domain/config/routing.js";
import { DEFAULT_PATHS, type Language } from "../../domain/config/schema.js";
import type { RepoGateway, TrackedIssue } from "../../domain/ports.js";
import type { ParseResult } from "../../domain/postmortem/parse.js";
import { LIMITS } from "../../domain/postmortem/schema.js";
import type { Lookup } from "../../domain/validation/resolve.js";
import type { CheckProbe } from "../../github/check-probe.js";
import { configFromProbe, MAX_CONFIG_BYTES } from "../../github/config.js";
import type { Repository } from "../../github/repository.js";
import { trustedFollowups } from "../../github/tracked-issues.js";
import type { RepoLock } from "../../infra/lock.js";
import { t } from "../../text/catalog/index.js";
import { chooseConfig, HeadReader } from "./head.js";
import { publishCheck } from "./lifecycle.js";
import { checkRecurrence } from "./recurrence.js";
import { checkRouting } from "./routing.js";

/**
 * One PR check, from a pull request's head commit to a completed check run "Postmortem follow-ups":
 * which changed files are postmortems (always by the base's config), whether the run already on
 * this head recorded the same input and evidence (then nothing is written), else evaluate and
 * publish. The handler (src/app/handlers/check.ts) only turns an event into a `CheckRunInput`.
 */

/** The logger a check run writes to (pino's shape; Probot's `context.log` fits). */
interface CheckLog {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

export interface CheckRunInput {
  /** The repository, opened by the handler (github/repository.ts): its gateways, config and probes. */
  repository: Repository;
  owner: string;
  repo: string;
  /** Web URL of the GitHub server (links in the output). */
  serverUrl: string;
  target: { pull: number; headSha: string };
  /** The app's slug: only its own runs are reused. */
  appSlug: string;
  /** Serialises runs per head commit (a redelivery waits for the first run, then updates its run). */
  lock: RepoLock;
  now?: () => Date;
  log: CheckLog;
  /** Opens another repository of the installation (`recurrence.repositories`); absent: this one only. */
  sibling?: (repo: string) => RepoGateway;
}

export async function runCheck(input: CheckRunInput): Promise<void> {
  const { repository, owner, repo, serverUrl, target, appSlug, log } = input;
  const key = `check:${owner}/${repo}@${target.headSha}`.toLowerCase();
  await input.lock.withLock(key, async () => {
    const { gateway, checks } = repository;
    // One GraphQL request for what the check reads first; a part it could not answer (or all
    // of it, when it fails) is read through REST as before.
    let probe: CheckProbe | null = null;
    try {
      probe = await repository.probeCheck({
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
      ? await configFromProbe(probe.config, repository.loadConfig)
      : await repository.loadConfig();
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
    const resolver = repository.evidence();
    const known = record?.lookups?.map((l) => expandLookup(l, target.headSha));
    if (
      existing &&
      record &&
      !record.routed &&
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
    const head = new HeadReader(repository, target.headSha);
    const result = await publishCheck(
      {
        gateway: checks,
        headSha: target.headSha,
        externalId: externalIdFor(target.pull),
        appSlug,
        language: () => language,
        ...(input.now ? { now: input.now } : {}),
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
        // `recurrence.repositories` of another owner: an error at its line in the config file.
        const configText = configTouched
          ? await head.read(CONFIG_FILE, MAX_CONFIG_BYTES)
          : probe?.config.repository.kind === "text"
            ? probe.config.repository.text
            : null;
        const text =
          typeof configText === "string"
            ? configText
            : configText?.kind === "file"
              ? new TextDecoder().decode(configText.content)
              : null;
        // `routing.rules[].repo` of another owner: the same, at the rule's line.
        const foreign = chosen.config
          ? [
              ...foreignRepositoryProblems(chosen.config, owner, text),
              ...routingForeignProblems(chosen.config, owner, text),
            ]
          : [];
        let routed = false;
        // The tracked issues are read at most once, for the edited items and for recurrence.
        let tracked: Promise<TrackedIssue[]> | null = null;
        const trackedIssues = (label: string) => {
          tracked ??= repository.gateway.listTrackedIssues(label);
          return tracked;
        };
        const parsed: ParseResult[] = [];
        const evaluated = await evaluateCheck({
          files,
          headSha: target.headSha,
          config: chosen.config,
          configProblems: [...chosen.problems, ...foreign],
          annotateConfig: chosen.annotateConfig,
          pathsFromBase: configTouched,
          language,
          repo: { owner, repo, serverUrl },
          readFile: (path, opts) => head.read(path, opts.maxBytes),
          resolveLookups: (plans) => resolver.resolveBatch(plans),
          // Asked only when a file has items with derived ids (Markdown): which edited item still
          // tracks which issue. Only the app's own issues are trusted.
          listFollowups: async () =>
            trustedFollowups(
              await trackedIssues(chosen.config?.labels.tracking.name ?? TRACKING_LABEL),
              `${appSlug}[bot]`,
            ).actual,
          onParsed: (result) => parsed.push(result),
          // Follow-ups routed elsewhere that cannot go there (another owner, no app): at their line.
          moreProblems: async (results) => {
            const problems = await checkRouting({
              home: `${owner}/${repo}`,
              config: chosen.config,
              parsed: results,
              reads: repository.routing,
              githubHost: new URL(serverUrl).host,
              readText: async (file) => {
                const read = await head.read(file, LIMITS.fileBytes);
                return read?.kind === "file" ? new TextDecoder().decode(read.content) : null;
              },
              onRouted: () => {
                routed = true;
              },
              log,
            });
            return problems;
          },
        });
        const section = await checkRecurrence({
          gateway: repository.gateway,
          owner,
          repo,
          serverUrl,
          config: chosen.config,
          botLogin: `${appSlug}[bot]`,
          parsed,
          trackedIssues,
          today: (input.now?.() ?? new Date()).toISOString().slice(0, 10),
          ...(input.sibling ? { sibling: input.sibling } : {}),
          log,
        });
        const output = section ? { ...evaluated, summary: `${evaluated.summary}\n\n${section}` } : evaluated;
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
            routed,
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
