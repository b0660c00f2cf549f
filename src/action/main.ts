import { appendFileSync, readFileSync } from "node:fs";
import type { Logger } from "pino";
import { Probot } from "probot";
import app from "../app/app.js";
import { describeResult } from "../cli/sweep/run.js";
import { actionOctokit, checkConfigPath, type DryRunWrite } from "../github/action-octokit.js";
import { errorMessage, type GitHubClient } from "../github/client.js";
import { botLoginFromSlug, GITHUB_ACTIONS_BOT } from "../github/identity.js";
import { getRepository } from "../github/installations.js";
import type { SyncLog } from "../runs/merge/report.js";
import { sweepThroughOctokit } from "../runs/sweep/app.js";
import type { RepoSweepResult } from "../runs/sweep/repository.js";
import { errorCount } from "../runs/sweep/sweep.js";
import { t } from "../text/catalog/index.js";
import type { Language } from "../text/language.js";
import { dashboardPath, runDashboard } from "./dashboard.js";

/**
 * The GitHub Action: the same app code as the Probot server, run once for the workflow's event
 * with the workflow's token (Probot 14's own `githubToken` mode; `@probot/adapter-github-actions`
 * only supports Probot 13).
 *
 * Longer than 350 lines: inputs, routing, the run and its job summary are the Action's one entry, read
 * top to bottom; the pieces it shares with the server and the CLI live in their own modules.
 *
 * | workflow event                           | what runs                                             |
 * | ---------------------------------------- | ----------------------------------------------------- |
 * | `pull_request` closed and merged, `push` | sync: one tracked issue per follow-up                 |
 * | `pull_request` opened/synchronize/reopened | the "Postmortem follow-ups" check run               |
 * | `issues` closed/edited, `issue_comment`  | proof on close, `/validated`, `/followups status`      |
 * | `schedule`, `workflow_dispatch`          | this repository's sweep: reconcile and weekly report   |
 *
 * `pull_request_target` is handled like `pull_request` (fork pull requests get a token that can
 * write checks; the action reads the pull request through the API and never runs its code).
 * Marker trust follows the identity the run acts as: `github-actions[bot]` with GITHUB_TOKEN, or
 * the `bot-login` input for another token (a GitHub App's installation token: `my-app[bot]`).
 */

/** The Action's environment: its inputs (`INPUT_*`) and the runner's `GITHUB_*` variables. */
export type ActionEnv = Record<string, string | undefined>;

export interface ActionInputs {
  token: string;
  /** Repository path of the config file, or null for `.github/postmortem-followups.yml`. */
  configPath: string | null;
  dryRun: boolean;
  botLogin: string;
  /** Where to write the HTML dashboard after a scheduled sweep (in the workspace); null: not at all. */
  dashboard: string | null;
}

export interface ActionOptions {
  env?: ActionEnv;
  /** Workflow commands and plain lines (default: process.stdout). */
  write?: (text: string) => void;
  /** The app's logger (default: Probot's, pretty, level from LOG_LEVEL or RUNNER_DEBUG). */
  log?: Logger;
  now?: () => Date;
}

export class InputError extends Error {}

/** An input as the runner passes it: `INPUT_<NAME>` upper-cased, spaces as underscores. */
export function getInput(env: ActionEnv, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] ?? "").trim();
}

/** YAML 1.2 core booleans, as @actions/core's getBooleanInput accepts them. */
export function getBooleanInput(env: ActionEnv, name: string, fallback: boolean): boolean {
  const value = getInput(env, name);
  if (value === "") return fallback;
  if (["true", "True", "TRUE"].includes(value)) return true;
  if (["false", "False", "FALSE"].includes(value)) return false;
  throw new InputError(`input ${name} must be true or false (got "${value}")`);
}

export function readInputs(env: ActionEnv): ActionInputs {
  const token = getInput(env, "token") || env.GITHUB_TOKEN || "";
  if (!token)
    throw new InputError(
      "input token is empty: leave it unset (the workflow's github.token) or pass a token",
    );
  const config = getInput(env, "config");
  if (config) {
    const problem = checkConfigPath(config);
    if (problem) throw new InputError(problem);
  }
  const login = getInput(env, "bot-login");
  const dashboard = getInput(env, "dashboard");
  let dashboardFile: string | null = null;
  if (dashboard) {
    const where = dashboardPath(env.GITHUB_WORKSPACE || process.cwd(), dashboard);
    if ("error" in where) throw new InputError(where.error);
    dashboardFile = where.path;
  }
  return {
    token,
    configPath: config || null,
    dryRun: getBooleanInput(env, "dry-run", false),
    botLogin: login ? (login.includes("[bot]") ? login : botLoginFromSlug(login)) : GITHUB_ACTIONS_BOT,
    dashboard: dashboardFile,
  };
}

/** What a workflow event becomes: a webhook for the app's handlers, this repository's sweep, or nothing. */
export type EventRoute =
  | { kind: "webhook"; name: string; what: string }
  | { kind: "sweep"; what: string }
  | { kind: "none"; why: string };

export function routeEvent(
  eventName: string,
  payload: { action?: string; pull_request?: { merged?: boolean } },
): EventRoute {
  const action = payload.action ?? "";
  switch (eventName) {
    case "pull_request":
    case "pull_request_target": {
      if (action === "closed")
        return payload.pull_request?.merged
          ? { kind: "webhook", name: "pull_request", what: "sync the merged postmortems' follow-ups" }
          : { kind: "none", why: "the pull request was closed without merging" };
      if (["opened", "synchronize", "reopened"].includes(action))
        return { kind: "webhook", name: "pull_request", what: "the postmortem check" };
      return { kind: "none", why: `pull_request.${action} is not an event the app acts on` };
    }
    case "push":
      return { kind: "webhook", name: "push", what: "sync postmortems pushed to the default branch" };
    case "issues":
      if (action === "closed" || action === "edited")
        return { kind: "webhook", name: "issues", what: "validation evidence of a closed follow-up" };
      return { kind: "none", why: `issues.${action} is not an event the app acts on` };
    case "issue_comment":
      if (action === "created")
        return {
          kind: "webhook",
          name: "issue_comment",
          what: "the /validated and /followups status commands",
        };
      return { kind: "none", why: `issue_comment.${action} is not an event the app acts on` };
    case "check_run":
      return { kind: "webhook", name: "check_run", what: "a re-requested check" };
    case "schedule":
    case "workflow_dispatch":
      return { kind: "sweep", what: "reconcile this repository's postmortems and post the weekly report" };
    default:
      return { kind: "none", why: `the ${eventName} event is not one the action handles` };
  }
}

function silentLog(log: Logger): SyncLog {
  return {
    debug: (obj, msg) => log.debug(obj, msg),
    info: (obj, msg) => log.info(obj, msg),
    warn: (obj, msg) => log.warn(obj, msg),
    error: (obj, msg) => log.error(obj, msg),
  };
}

/** Workflow command values: %, CR and LF escaped as the runner expects. */
function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Runs the action; resolves with the process exit code. */
export async function runAction(options: ActionOptions = {}): Promise<number> {
  const env = options.env ?? process.env;
  const write = options.write ?? ((text: string) => process.stdout.write(text));
  const line = (text: string) => write(`${text}\n`);
  const error = (text: string) => line(`::error::${escapeData(text)}`);
  const summary: string[] = [];

  let inputs: ActionInputs;
  try {
    inputs = readInputs(env);
  } catch (e) {
    if (e instanceof InputError) {
      error(e.message);
      return 1;
    }
    throw e;
  }
  line(`::add-mask::${inputs.token}`);

  const eventName = env.GITHUB_EVENT_NAME ?? "";
  const eventPath = env.GITHUB_EVENT_PATH ?? "";
  const repository = env.GITHUB_REPOSITORY ?? "";
  if (!eventName || !eventPath || !/^[^/]+\/[^/]+$/.test(repository)) {
    error(
      "GITHUB_EVENT_NAME, GITHUB_EVENT_PATH and GITHUB_REPOSITORY must be set: run this inside a workflow",
    );
    return 1;
  }
  let payload: Record<string, unknown>;
  try {
    payload = JSON.parse(readFileSync(eventPath, "utf8")) as Record<string, unknown>;
  } catch (e) {
    error(`cannot read the event payload at ${eventPath}: ${errorMessage(e)}`);
    return 1;
  }
  const route = routeEvent(eventName, payload as Parameters<typeof routeEvent>[1]);
  const label = `${eventName}${typeof payload.action === "string" ? `.${payload.action}` : ""}`;
  if (route.kind === "none") {
    line(`postmortem-followups: ${label}: nothing to do (${route.why})`);
    return 0;
  }

  // The app reads these when it loads: who it is (marker trust, its own events), and no in-process
  // scheduler or shared lock in a one-shot run.
  process.env.APP_BOT_LOGIN = inputs.botLogin;
  process.env.POSTMORTEM_FOLLOWUPS_SCHEDULER = "off";
  delete process.env.REDIS_URL;

  const dryRunWrites: DryRunWrite[] = [];
  const Octokit = actionOctokit({
    repository,
    botLogin: inputs.botLogin,
    dryRun: inputs.dryRun,
    ...(inputs.configPath ? { configPath: inputs.configPath } : {}),
    onDryRunWrite: (w) => {
      dryRunWrites.push(w);
      line(`dry run: would ${w.method} ${w.route}${w.summary ? ` (${w.summary})` : ""}`);
      if (w.body) {
        line(`::group::body of ${w.method} ${w.route}`);
        line(w.body.trimEnd());
        line("::endgroup::");
      }
    },
  });
  const level = env.LOG_LEVEL || (env.RUNNER_DEBUG === "1" ? "debug" : "info");
  const probot = new Probot({
    githubToken: inputs.token,
    baseUrl: (env.GITHUB_API_URL || "https://api.github.com").replace(/\/$/, ""),
    Octokit,
    ...(options.log ? { log: options.log } : { logLevel: level as "info", logFormat: "pretty" }),
  });
  await probot.load(app, { cwd: process.cwd(), addHandler: () => {} });
  const log = probot.log;
  log.info(
    { event: label, repository, botLogin: inputs.botLogin, dryRun: inputs.dryRun, config: inputs.configPath },
    `postmortem-followups: ${label} -> ${route.what}${inputs.dryRun ? " (dry run: nothing is written)" : ""}`,
  );
  summary.push(
    `### postmortem-followups: \`${label}\``,
    "",
    `${route.what}${inputs.dryRun ? " — dry run" : ""}.`,
    "",
  );

  let code = 0;
  // The job summary's dry-run line follows the repository's language once a sweep has read its config.
  let language: Language = "en";
  if (route.kind === "webhook") {
    const id = `${env.GITHUB_RUN_ID ?? "local"}-${env.GITHUB_RUN_ATTEMPT ?? "1"}`;
    try {
      await probot.receive({ id, name: route.name, payload } as Parameters<Probot["receive"]>[0]);
    } catch (e) {
      const errors = e instanceof AggregateError ? e.errors : [e];
      for (const err of errors) error(`${label}: ${errorMessage(err)}`);
      summary.push(...errors.map((err) => `- error: ${errorMessage(err)}`));
      code = 1;
    }
  } else {
    const now = options.now?.() ?? new Date();
    const out = { line, error, summary, language: undefined as Language | undefined };
    code = await sweepThisRepository(probot, repository, inputs, now, log, out);
    if (out.language) language = out.language;
    if (inputs.dashboard) {
      const octokit = (await probot.auth()) as unknown as GitHubClient;
      const at = { path: inputs.dashboard, owner: repository.split("/")[0]!, botLogin: inputs.botLogin, now };
      code = Math.max(code, await runDashboard(octokit, at, { line, error }));
    }
  }

  if (inputs.dryRun) {
    summary.push(t(language, "sweep.action.not-sent", { writes: dryRunWrites.length }), "");
    for (const w of dryRunWrites)
      summary.push(`- \`${w.method} ${w.route}\`${w.summary ? ` ${w.summary}` : ""}`);
  }
  if (env.GITHUB_STEP_SUMMARY) {
    try {
      appendFileSync(env.GITHUB_STEP_SUMMARY, `${summary.join("\n")}\n`);
    } catch (e) {
      log.warn({ err: e }, "could not write the job summary");
    }
  }
  return code;
}

async function sweepThisRepository(
  probot: Probot,
  repository: string,
  inputs: ActionInputs,
  now: Date,
  log: Logger,
  out: {
    line: (t: string) => void;
    error: (t: string) => void;
    summary: string[];
    /** The swept repository's language, once its config is read (the job summary's last lines). */
    language?: Language;
  },
): Promise<number> {
  const [owner, repo] = repository.split("/") as [string, string];
  const octokit = (await probot.auth()) as unknown as GitHubClient;
  let result: RepoSweepResult;
  try {
    const info = await getRepository(octokit, owner, repo);
    if (!info) {
      out.error(`${repository}: not found, or the token cannot read it`);
      return 1;
    }
    if (info.archived) {
      out.line(`${repository} is archived: nothing to do`);
      return 0;
    }
    result = await sweepThroughOctokit(octokit, {
      repo: { owner, repo, defaultBranch: info.defaultBranch, serverUrl: info.serverUrl },
      botLogin: inputs.botLogin,
      now,
      dryRun: inputs.dryRun,
      log: silentLog(log),
    });
  } catch (e) {
    out.error(`${repository}: ${errorMessage(e)}`);
    out.summary.push(`- error: ${errorMessage(e)}`);
    return 1;
  }
  if (result.config) out.language = result.config.language;
  const { out: lines, err } = describeResult(result, inputs.dryRun);
  for (const l of err) out.error(l);
  for (const l of lines) out.line(l);
  const counts = t(result.config?.language ?? "en", "sweep.action.counts", {
    dryRun: inputs.dryRun,
    postmortems: result.postmortems,
    recreated: result.recreated,
    updated: result.updated,
    posted: result.posted,
    errors: errorCount(result),
  });
  out.line(`${repository}: ${counts}`);
  out.summary.push(`${counts}.`, "");
  for (const l of [...err, ...lines.filter((l) => !l.startsWith("    "))]) out.summary.push(`- ${l}`);
  return errorCount(result) > 0 ? 1 : 0;
}

/** The process entry: runs the action and sets the exit code; a crash becomes one `::error::`. */
export async function main(): Promise<void> {
  try {
    process.exitCode = await runAction();
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stdout.write(`::error::${escapeData(message)}\n`);
    process.exitCode = 1;
  }
}
