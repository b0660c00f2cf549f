import { Option } from "commander";
import { ORG_FORMATS, type OrgFormat } from "../../domain/dashboard/org-format.js";
import { t } from "../../text/catalog/index.js";
import { LANGUAGES, type Language } from "../../text/language.js";
import { type CommandModule, UsageError } from "../context.js";
import type { ReportDeps } from "./run.js";

interface ReportOptions {
  repo?: string;
  org?: string;
  installation?: string;
  format: OrgFormat;
  bot?: string;
  language?: Language;
}

/**
 * `postmortem-followups report --repo owner/name [--format md|json|csv]`: follow-up metrics of a
 * repository (per postmortem and overall: completion, overdue, validation rate, median days to
 * close by term and category). Reads only: with GITHUB_TOKEN, or as the app (APP_ID + key).
 * The implementation (./run.ts) is loaded when the command runs.
 */
export function reportCommandWith(deps: Partial<ReportDeps> = {}): CommandModule {
  return (program, ctx) => {
    program
      .command("report")
      .description(
        "follow-up metrics of a repository, or of every repository of an installation (--org, --installation; html: the dashboard)",
      )
      .option("--repo <owner/name>", "the repository")
      .option("--org <owner>", "every repository of the app's installation on this organisation or user")
      .option("--installation <id>", "every repository of this installation of the app")
      .addOption(
        new Option("--format <format>", "output format (html: --org/--installation only)")
          .choices(ORG_FORMATS)
          .default("md"),
      )
      .addOption(
        new Option(
          "--language <language>",
          "the org report's language (default: most repositories' config)",
        ).choices(LANGUAGES),
      )
      .option(
        "--bot <login>",
        "the app's bot login, whose issues are trusted (default: APP_BOT_LOGIN, or asked of GitHub as the app)",
      )
      .addHelpText(
        "after",
        [
          "",
          "Environment (one of):",
          "  GITHUB_TOKEN                 a token that can read the repository's issues (then --bot or APP_BOT_LOGIN)",
          "  APP_ID + PRIVATE_KEY | PRIVATE_KEY_PATH  as the app",
          "  APP_BOT_LOGIN                the app's bot login, e.g. postmortem-followups[bot]",
          "  GHE_HOST, GHE_PROTOCOL       GitHub Enterprise Server only",
          "",
          "Example:",
          "  GITHUB_TOKEN=$(gh auth token) npx postmortem-followups report --repo acme/shop --bot postmortem-followups[bot] --format csv",
          "  APP_ID=12345 PRIVATE_KEY_PATH=./app.pem npx postmortem-followups report --org acme --format html > dashboard.html",
          "  (--org and --installation authenticate as the app)",
          "",
          "Help is in English; the report follows the repository's language.",
        ].join("\n"),
      )
      .action(async (opts: ReportOptions) => {
        const scopes = [opts.repo, opts.org, opts.installation].filter((s) => s !== undefined).length;
        if (scopes !== 1) throw new UsageError((l) => t(l, "dashboard.usage.one-scope"));
        const { runReport, defaultReportDeps } = await import("./run.js");
        if (opts.repo === undefined) {
          const { runOrgReport } = await import("./org.js");
          ctx.exitCode = await runOrgReport(ctx, opts, { ...defaultReportDeps, ...deps });
          return;
        }
        if (opts.format === "html" || opts.language !== undefined)
          throw new UsageError((l) => t(l, "dashboard.usage.org-only"));
        ctx.exitCode = await runReport(
          ctx,
          { ...opts, repo: opts.repo, format: opts.format },
          { ...defaultReportDeps, ...deps },
        );
      });
  };
}

export const reportCommand: CommandModule = reportCommandWith();
