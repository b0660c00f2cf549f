import type { Probot } from "probot";
import { type AuthEnv, appFromEnv, hasAppCredentials } from "../../github/auth.js";
import { botLoginFromSlug } from "../../github/identity.js";
import { createRepoLock } from "../../infra/redis-lock.js";
import { createAppSweepSource } from "../../runs/sweep/app.js";
import type { RepoSweepResult } from "../../runs/sweep/repository.js";
import {
  describeError,
  fleetLanguage,
  type SweepSummary,
  summaryLine,
  sweepAll,
  sweepTargets,
} from "../../runs/sweep/sweep.js";
import { t } from "../../text/catalog/index.js";
import { localLanguage } from "../config.js";
import { type CliContext, EXIT, println, UsageError } from "../context.js";
import { refusedCredentials, unusableCredentials } from "../credentials.js";

/**
 * The implementation of `postmortem-followups sweep [--dry-run] [--repo owner/name]` (loaded only
 * when the command runs, so the other commands start fast): for an external scheduler (a
 * Kubernetes CronJob, a GitHub Actions schedule). Authenticates as the app from the server's
 * environment, walks every installation and repository, reconciles every postmortem on the
 * default branch and posts this ISO week's report wherever it is not posted yet, whatever the day.
 */

export interface SweepCommandOptions {
  dryRun?: boolean;
  repo?: string;
  /** Write the metrics there (./metrics-file.ts, applied by ./command.ts). */
  metricsFile?: string;
}

export interface SweepDeps {
  /** The app, authenticated (tests pass one wired to the simulator). */
  app(env: AuthEnv): Pick<Probot, "auth">;
  /** Is stderr a terminal (progress line)? */
  isTTY(): boolean;
  now(): Date;
}

export const defaultSweepDeps: SweepDeps = {
  app: appFromEnv,
  isTTY: () => Boolean(process.stderr.isTTY),
  now: () => new Date(),
};

function indent(text: string): string {
  return text
    .trimEnd()
    .split("\n")
    .map((l) => (l ? `    ${l}` : l))
    .join("\n");
}

/** Text from an issue, on one terminal line: no control characters (escape sequences, newlines). */
function plainLine(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, " ").trim();
}

/** What one repository's sweep did, as lines for stdout (actions) and stderr (problems). */
export function describeResult(result: RepoSweepResult, dryRun: boolean): { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const name = result.repository;
  const language = result.config?.language ?? "en";
  if (result.status === "config-error") {
    err.push(`${name}: ${t(language, "sweep.config-invalid")}`);
    for (const p of result.problems) err.push(`  ${p}`);
    return { out, err };
  }
  if (result.status === "failed") {
    for (const e of result.errors) err.push(`${name}: error: ${e}`);
    return { out, err };
  }
  for (const p of result.problems) err.push(`${name}: ${p}`);
  for (const e of result.errors) err.push(`${name}: error: ${e}`);
  if (dryRun)
    for (const { operation, target, fields } of result.writes)
      out.push(`${name}: ${t(language, "sweep.would-write", { operation, target, fields })}`);
  else if (result.recreated > 0)
    out.push(`${name}: ${t(language, "sweep.recreated", { count: result.recreated })}`);
  for (const n of result.nudges?.nudges ?? []) {
    const line = t(language, "sweep.nudge", {
      step: n.step,
      state: dryRun ? "dry-run" : n.sent ? "sent" : "failed",
      number: n.number,
      mentions: n.mentions,
      due: n.due,
    });
    out.push(`${name}: ${line}`);
  }
  for (const r of result.recheck?.done ?? []) {
    const line = t(language, "sweep.recheck", {
      dryRun,
      issue: `${r.repository ?? ""}#${r.number}`,
      closed: r.closed.slice(0, 10),
      outcome: r.outcome,
      reopen: r.reopen,
      label: r.label,
    });
    out.push(`${name}: ${line}`);
    for (const l of r.lapsed) out.push(`    - ${plainLine(l.entry)}: ${plainLine(l.message)}`);
  }
  for (const r of result.reports) {
    if (r.action !== "created" && r.action !== "updated") continue;
    const line = t(language, "sweep.report", {
      action: r.action,
      dryRun,
      final: r.final,
      week: r.week,
      pr: r.pr,
      path: r.path,
    });
    out.push(`${name}: ${line}`);
    if (dryRun && r.body) out.push(indent(r.body));
  }
  for (const e of result.evaluations) {
    if (e.action !== "created" && e.action !== "updated") continue;
    const updated = e.action === "updated";
    out.push(`${name}: ${t(language, "evaluation.sweep-line", { dryRun, pr: e.pr, path: e.path, updated })}`);
    if (dryRun && e.body) out.push(indent(e.body));
  }
  return { out, err };
}

export async function runSweep(ctx: CliContext, opts: SweepCommandOptions, deps: SweepDeps): Promise<number> {
  if (!hasAppCredentials(ctx.env)) throw new UsageError((l) => t(l, "usage.sweep-credentials"));
  if (opts.repo !== undefined && !/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(opts.repo))
    throw new UsageError((l) => t(l, "usage.repo-form", { got: opts.repo ?? "" }));
  const unusable = unusableCredentials(ctx, await localLanguage(ctx.cwd));
  if (unusable) {
    println(ctx.stderr, unusable);
    return EXIT.usage;
  }
  const dryRun = opts.dryRun ?? false;
  const app = deps.app(ctx.env);
  // The bot login: APP_BOT_LOGIN, else the app's slug listed with its installations (no request
  // of its own), else GET /app.
  const botLogin = ctx.env.APP_BOT_LOGIN ? botLoginFromSlug(ctx.env.APP_BOT_LOGIN) : undefined;
  const now = deps.now();
  // Serialise with the server replicas (Redis with REDIS_URL): a CronJob sweep reconciling while a
  // replica handles a merge must not create a follow-up twice. A dry run writes nothing: no lock.
  const lock = dryRun ? undefined : createRepoLock(ctx.env);
  const source = createAppSweepSource(app, {
    ...(botLogin ? { botLogin } : {}),
    now: () => now,
    dryRun,
    ...(lock ? { lock } : {}),
  });
  const tty = deps.isTTY();
  // Before any repository's config is read: the language of the working folder's config.
  const local = await localLanguage(ctx.cwd);
  const progress = (done: number, total: number, result?: RepoSweepResult) => {
    if (result) {
      const { out, err } = describeResult(result, dryRun);
      if (tty && (out.length || err.length)) ctx.stderr("\r\x1b[K");
      for (const line of err) println(ctx.stderr, line);
      for (const line of out) println(ctx.stdout, line);
    }
    if (tty) ctx.stderr(`\r\x1b[K${t(local, "sweep.progress", { done, total })}`);
  };

  let summary: SweepSummary;
  try {
    if (opts.repo) {
      const target = await source.target(opts.repo);
      if (!target) {
        println(ctx.stderr, `error: ${t(local, "sweep.not-installed", { repo: opts.repo })}`);
        return EXIT.problems;
      }
      summary = await sweepTargets(source, [target], { onProgress: progress });
    } else {
      summary = await sweepAll(source, { onProgress: progress });
    }
  } catch (error) {
    if (tty) ctx.stderr("\r\x1b[K");
    const refused = refusedCredentials(error, await localLanguage(ctx.cwd));
    if (refused) {
      println(ctx.stderr, refused);
      return EXIT.usage;
    }
    const cannot = { repo: opts.repo ?? null, detail: describeError(error, local) };
    println(ctx.stderr, `error: ${t(local, "sweep.cannot-list", cannot)}`);
    return EXIT.problems;
  } finally {
    await lock?.close?.();
  }
  if (tty) ctx.stderr("\r\x1b[K");
  for (const e of summary.installationErrors) println(ctx.stderr, `error: ${e}`);
  const language = fleetLanguage(summary);
  const label = t(language, "sweep.summary.label", { dryRun });
  println(ctx.stdout, `${label}: ${summaryLine(summary, dryRun, language)}`);
  return summary.errors > 0 ? EXIT.problems : EXIT.ok;
}
