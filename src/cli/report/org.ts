import type { Language } from "../../domain/config/schema.js";
import { type OrgReportParts, partsOf } from "../../domain/dashboard/org-fold.js";
import { type OrgFormat, orgCsvChunks, orgMarkdownChunks } from "../../domain/dashboard/org-format.js";
import { orgJsonChunks } from "../../domain/dashboard/org-json.js";
import type { OrgReport } from "../../domain/dashboard/org-report.js";
import { hasAppCredentials } from "../../github/auth.js";
import type { GitHubClient } from "../../github/client.js";
import { botLoginFromSlug, createBotIdentity } from "../../github/identity.js";
import { type InstallationInfo, listInstallations } from "../../github/installations.js";
import { dashboardChunks, loadDashboardAssets } from "../../runs/report/html.js";
import { withOrgReport } from "../../runs/report/org.js";
import { describeError } from "../../runs/sweep/sweep.js";
import { t } from "../../text/catalog/index.js";
import { localLanguage } from "../config.js";
import { type CliContext, EXIT, println, UsageError } from "../context.js";
import { refusedCredentials, unusableCredentials } from "../credentials.js";
import type { ReportDeps } from "./run.js";

/**
 * `report --org OWNER` / `--installation ID` (issue 19): every repository of one installation of
 * the app, as Markdown, JSON, CSV or the self-contained HTML dashboard. Authenticates as the app
 * (APP_ID + key): only an installation lists its repositories. Read-only.
 */

export interface OrgReportCommandOptions {
  org?: string;
  installation?: string;
  format: OrgFormat;
  bot?: string;
  language?: Language;
}

/** The report in a format, in chunks to write as they come (html reads Chart.js from node_modules). */
export function orgReportChunks(report: OrgReportParts, format: OrgFormat): Iterable<string> {
  switch (format) {
    case "json":
      return orgJsonChunks(report);
    case "csv":
      return orgCsvChunks(report);
    case "md":
      return orgMarkdownChunks(report);
    case "html":
      return dashboardChunks(report, loadDashboardAssets());
  }
}

/** A report held whole in memory, in a format. */
export function formatOrgReport(report: OrgReport, format: OrgFormat): string {
  return [...orgReportChunks(partsOf(report), format)].join("");
}

function pick(
  installations: readonly InstallationInfo[],
  opts: OrgReportCommandOptions,
): InstallationInfo | null {
  if (opts.installation !== undefined)
    return installations.find((i) => String(i.id) === opts.installation) ?? null;
  const org = opts.org!.toLowerCase();
  return installations.find((i) => i.account.toLowerCase() === org) ?? null;
}

export async function runOrgReport(
  ctx: CliContext,
  opts: OrgReportCommandOptions,
  deps: ReportDeps,
): Promise<number> {
  if (opts.installation !== undefined && !/^\d+$/.test(opts.installation))
    throw new UsageError((l) => t(l, "dashboard.usage.installation-number", { got: opts.installation! }));
  if (!hasAppCredentials(ctx.env)) throw new UsageError((l) => t(l, "dashboard.usage.credentials"));
  const unusable = unusableCredentials(ctx, await localLanguage(ctx.cwd));
  if (unusable) {
    println(ctx.stderr, unusable);
    return EXIT.usage;
  }
  try {
    const app = deps.app(ctx.env);
    const installation = pick(await listInstallations((await app.auth()) as GitHubClient), opts);
    if (!installation || installation.suspended) {
      const what = opts.installation !== undefined ? `installation ${opts.installation}` : opts.org;
      println(
        ctx.stderr,
        `error: the app has no ${installation?.suspended ? "active " : ""}installation on ${what}`,
      );
      return EXIT.problems;
    }
    const named = opts.bot ?? ctx.env.APP_BOT_LOGIN;
    const botLogin =
      !named && installation.appSlug
        ? botLoginFromSlug(installation.appSlug)
        : await createBotIdentity(app, named)();
    const octokit = (await app.auth(installation.id)) as GitHubClient;
    return await withOrgReport(
      octokit,
      {
        installation,
        botLogin,
        now: deps.now(),
        ...(opts.language ? { language: opts.language } : {}),
      },
      (report) => {
        // Written as it is made: no output is ever whole in memory (stdout is synchronous on
        // files and, on Linux, on pipes, so nothing queues up either).
        for (const chunk of orgReportChunks(report, opts.format)) ctx.stdout(chunk);
        for (const r of report.repositories())
          for (const error of r.errors) println(ctx.stderr, `${r.repository}: ${error}`);
        return report.counts.counted < report.counts.repositories ? EXIT.problems : EXIT.ok;
      },
    );
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const refused = refusedCredentials(error, await localLanguage(ctx.cwd));
    if (refused) {
      println(ctx.stderr, refused);
      return EXIT.usage;
    }
    println(ctx.stderr, `error: ${describeError(error)}`);
    return EXIT.problems;
  }
}
