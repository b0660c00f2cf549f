import type { Probot } from "probot";
import type { Config } from "../../domain/config/schema.js";
import { formatProblem } from "../../domain/diagnostics/problem.js";
import type { RepoFile, RepoGateway } from "../../domain/ports.js";
import { parsePostmortem } from "../../domain/postmortem/parse.js";
import { LIMITS } from "../../domain/postmortem/schema.js";
import { progressItems, untrackedItems } from "../../domain/progress/items.js";
import {
  computeMetrics,
  formatMetrics,
  type MetricFormat,
  type RepositoryMetrics,
} from "../../domain/progress/metrics.js";
import { buildProgress } from "../../domain/progress/model.js";
import { postmortemRecord } from "../../domain/progress/record-report.js";
import { renderServiceRecurrence } from "../../domain/progress/recurrence-render.js";
import { localDate } from "../../domain/progress/week.js";
import { type AuthEnv, appFromEnv, hasAppCredentials, tokenOctokit } from "../../github/auth.js";
import type { GitHubClient } from "../../github/client.js";
import { botLoginFromSlug, createBotIdentity } from "../../github/identity.js";
import { findRepoInstallationInfo, getRepository } from "../../github/installations.js";
import { openRepository } from "../../github/repository.js";
import { serviceRecurrence } from "../../runs/recurrence/report.js";
import { describeError } from "../../runs/sweep/sweep.js";
import { readUntracked } from "../../runs/weekly/untracked.js";
import { t } from "../../text/catalog/index.js";
import { localLanguage } from "../config.js";
import { type CliContext, EXIT, println, UsageError } from "../context.js";
import { refusedCredentials, unusableCredentials } from "../credentials.js";

/**
 * The implementation of `postmortem-followups report --repo owner/name [--format md|json|csv]`: follow-up metrics of a
 * repository (per postmortem and overall: completion, overdue, validation rate, median days to
 * close by term and category). Reads only: with GITHUB_TOKEN, or as the app (APP_ID + key).
 */

export interface ReportCommandOptions {
  repo: string;
  format: MetricFormat;
  bot?: string;
}

export interface ReportDeps {
  app(env: AuthEnv): Pick<Probot, "auth">;
  token(env: AuthEnv, token: string): GitHubClient;
  now(): Date;
}

export const defaultReportDeps: ReportDeps = { app: appFromEnv, token: tokenOctokit, now: () => new Date() };

async function authenticate(
  ctx: CliContext,
  deps: ReportDeps,
  owner: string,
  repo: string,
  bot: string | undefined,
): Promise<{ octokit: GitHubClient; botLogin: string }> {
  const token = ctx.env.GITHUB_TOKEN;
  const named = bot ?? ctx.env.APP_BOT_LOGIN;
  if (hasAppCredentials(ctx.env) && !token) {
    const unusable = unusableCredentials(ctx, await localLanguage(ctx.cwd));
    if (unusable) throw new CredentialsError(unusable);
    const app = deps.app(ctx.env);
    const found = await findRepoInstallationInfo((await app.auth()) as GitHubClient, owner, repo);
    if (found === null)
      throw new UsageError((l) => t(l, "usage.not-installed", { repo: `${owner}/${repo}` }));
    // The bot login: named, else the app's slug listed with the installation, else GET /app.
    const botLogin =
      !named && found.appSlug ? botLoginFromSlug(found.appSlug) : await createBotIdentity(app, named)();
    return { octokit: (await app.auth(found.id)) as GitHubClient, botLogin };
  }
  if (!token) throw new UsageError((l) => t(l, "usage.report-credentials"));
  if (!named) throw new UsageError((l) => t(l, "usage.report-bot"));
  return { octokit: deps.token(ctx.env, token), botLogin: createBotIdentityLogin(named) };
}

/** The app's credentials cannot be used: its message is the whole line (exit 2). */
class CredentialsError extends Error {}

function createBotIdentityLogin(login: string): string {
  const clean = login.replace(/^@/, "");
  return clean.endsWith("[bot]") ? clean : `${clean}[bot]`;
}

export async function runReport(
  ctx: CliContext,
  opts: ReportCommandOptions,
  deps: ReportDeps,
): Promise<number> {
  const [owner, repo, ...rest] = opts.repo.split("/");
  if (
    !owner ||
    !repo ||
    rest.length > 0 ||
    !/^[A-Za-z0-9_.-]+$/.test(owner) ||
    !/^[A-Za-z0-9_.-]+$/.test(repo)
  )
    throw new UsageError((l) => t(l, "usage.repo-form", { got: opts.repo }));
  try {
    const { octokit, botLogin } = await authenticate(ctx, deps, owner, repo, opts.bot);
    const repository = await getRepository(octokit, owner, repo);
    if (!repository) {
      const language = await localLanguage(ctx.cwd);
      println(ctx.stderr, `error: ${t(language, "report.repo-not-found", { repo: `${owner}/${repo}` })}`);
      return EXIT.problems;
    }
    const repoRef = {
      owner,
      repo,
      defaultBranch: repository.defaultBranch,
      serverUrl: repository.serverUrl,
    };
    // The sweep's reads (one probe, a read cache): the done and adopted items of Markdown
    // postmortems are planned from the files, as the sweep and `/followups status` count them.
    const reads = await openRepository(octokit, { owner, repo }).forSweep(repoRef.defaultBranch);
    const loaded = await reads.loadConfig();
    if (!loaded.ok) {
      for (const p of loaded.problems) println(ctx.stderr, formatProblem(p));
      const language = await localLanguage(ctx.cwd);
      println(ctx.stderr, `error: ${t(language, "report.config-invalid", { repo: `${owner}/${repo}` })}`);
      return EXIT.problems;
    }
    const config = loaded.config;
    const now = deps.now();
    const issues = await reads.gateway.listTrackedIssues(config.labels.tracking.name);
    const untracked = await readUntracked({
      gateway: reads.gateway,
      github: reads,
      repo: repoRef,
      config,
      botLogin,
      now,
    });
    const today = localDate(now, config.weekly.timezone);
    const progress = buildProgress(
      [...progressItems(issues, config, botLogin), ...untrackedItems(untracked)],
      today,
    );
    const metrics = computeMetrics(`${owner}/${repo}`, today, progress, {
      timeZone: config.weekly.timezone,
      severities: config.severities,
    });
    // At the default branch, as readUntracked read them above: served by the read cache.
    await attachRecords(metrics, reads.gateway, config, repoRef.defaultBranch);
    // Repeat incidents per service (recurrence): md and json; csv keeps its one table.
    const recurrence =
      opts.format === "csv"
        ? []
        : await serviceRecurrence({
            gateway: reads.gateway,
            repository: `${owner}/${repo}`,
            config,
            botLogin,
            issues,
            ref: repoRef.defaultBranch,
          });
    const text = formatMetrics(metrics, opts.format, config.language);
    if (opts.format === "json")
      ctx.stdout(`${JSON.stringify({ ...JSON.parse(text), recurrence }, null, 2)}\n`);
    else if (opts.format === "md")
      ctx.stdout(`${text.trimEnd()}\n\n${renderServiceRecurrence(recurrence, config.language)}\n`);
    else ctx.stdout(text);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const refused =
      error instanceof CredentialsError
        ? error.message
        : refusedCredentials(error, await localLanguage(ctx.cwd));
    if (refused) {
      println(ctx.stderr, refused);
      return EXIT.usage;
    }
    println(ctx.stderr, `error: ${describeError(error, await localLanguage(ctx.cwd))}`);
    return EXIT.problems;
  }
}

/**
 * Each postmortem's response figures and post-evaluation (issue 18), from the file on the default
 * branch: one GraphQL request for all of them (a gateway without it reads them one by one). A file
 * that cannot be read or parsed gets no record; the metrics are unchanged.
 */
async function attachRecords(
  metrics: RepositoryMetrics,
  gateway: RepoGateway,
  config: Config,
  ref: string,
): Promise<void> {
  const paths = metrics.postmortems.map((p) => p.path);
  if (paths.length === 0) return;
  const files = gateway.readFiles
    ? await gateway
        .readFiles(paths, { ref, maxBytes: LIMITS.fileBytes })
        .catch(() => new Map<string, RepoFile | null>())
    : new Map<string, RepoFile | null>();
  for (const p of metrics.postmortems) {
    const file =
      files.get(p.path) ??
      (await gateway.readFile(p.path, { ref, maxBytes: LIMITS.fileBytes }).catch(() => null));
    if (file?.kind !== "file") continue;
    const parsed = parsePostmortem(p.path, file.content, config);
    if (parsed.postmortem) p.record = postmortemRecord(parsed.postmortem);
  }
}
