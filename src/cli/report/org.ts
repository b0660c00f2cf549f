import type { Language } from "../../domain/config/schema.js";
import { type OrgFormat, orgCsv, orgMarkdown } from "../../domain/dashboard/org-format.js";
import type { OrgReport } from "../../domain/dashboard/org-report.js";
import { hasAppCredentials } from "../../github/auth.js";
import type { GitHubClient } from "../../github/client.js";
import { botLoginFromSlug, createBotIdentity } from "../../github/identity.js";
import { type InstallationInfo, listInstallations } from "../../github/installations.js";
import { loadDashboardAssets, renderDashboard } from "../../runs/report/html.js";
import { collectOrgReport } from "../../runs/report/org.js";
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

/** The report in a format (html reads Chart.js from node_modules). */
export function formatOrgReport(report: OrgReport, format: OrgFormat): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(report, null, 2)}\n`;
    case "csv":
      return orgCsv(report);
    case "md":
      return orgMarkdown(report);
    case "html":
      return renderDashboard(report, loadDashboardAssets());
  }
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
    const report = await collectOrgReport(octokit, {
      installation,
      botLogin,
      now: deps.now(),
      ...(opts.language ? { language: opts.language } : {}),
    });
    ctx.stdout(formatOrgReport(report, opts.format));
    for (const r of report.repositories)
      for (const error of r.errors) println(ctx.stderr, `${r.repository}: ${error}`);
    return report.repositories.some((r) => r.status !== "ok") ? EXIT.problems : EXIT.ok;
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
