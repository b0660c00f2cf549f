import { Option } from "commander";
import { METRIC_FORMATS } from "../domain/progress/metrics.js";
import type { CommandModule } from "./context.js";
import type { ReportDeps, ReportOptions } from "./report-run.js";

/**
 * `postmortem-followups report --repo owner/name [--format md|json|csv]`: follow-up metrics of a
 * repository (per postmortem and overall: completion, overdue, validation rate, median days to
 * close by term and category). Reads only: with GITHUB_TOKEN, or as the app (APP_ID + key).
 * The implementation (src/cli/report-run.ts) is loaded when the command runs.
 */
export function reportCommandWith(deps: Partial<ReportDeps> = {}): CommandModule {
  return (program, ctx) => {
    program
      .command("report")
      .description(
        "follow-up metrics of a repository: completion, overdue, validation rate, median days to close",
      )
      .requiredOption("--repo <owner/name>", "the repository")
      .addOption(new Option("--format <format>", "output format").choices(METRIC_FORMATS).default("md"))
      .option(
        "--bot <login>",
        "the app's bot login, whose issues are trusted (default: APP_BOT_LOGIN, or asked of GitHub as the app)",
      )
      .action(async (opts: ReportOptions) => {
        const { runReport, defaultReportDeps } = await import("./report-run.js");
        ctx.exitCode = await runReport(ctx, opts, { ...defaultReportDeps, ...deps });
      });
  };
}

export const reportCommand: CommandModule = reportCommandWith();
