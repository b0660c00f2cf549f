import { t } from "../../text/catalog/index.js";
import { type CommandModule, UsageError } from "../context.js";
import type { SweepCommandOptions, SweepDeps } from "./run.js";

/**
 * `postmortem-followups sweep [--dry-run] [--repo owner/name] [--metrics-file path]`: for an external scheduler (a
 * Kubernetes CronJob, a GitHub Actions schedule). Authenticates as the app from the server's
 * environment, walks every installation and repository, reconciles every postmortem on the
 * default branch and posts this ISO week's report wherever it is not posted yet, whatever the day.
 * The implementation (./run.ts) is loaded when the command runs.
 */
export function sweepCommandWith(deps: Partial<SweepDeps> = {}): CommandModule {
  return (program, ctx) => {
    program
      .command("sweep")
      .description(
        "reconcile every postmortem of every installed repository and post this week's progress reports (authenticates as the app)",
      )
      .option("--dry-run", "print what would be posted and created; write nothing")
      .option("--repo <owner/name>", "only this repository")
      .option(
        "--metrics-file <path>",
        "write the sweep's Prometheus metrics to this file (atomically) for node_exporter's textfile collector",
      )
      .addHelpText(
        "after",
        [
          "",
          "Environment (the server's, see .env.example):",
          "  APP_ID                       the GitHub App's ID",
          "  PRIVATE_KEY | PRIVATE_KEY_PATH  its private key, or the path to the .pem file",
          "  GHE_HOST, GHE_PROTOCOL       GitHub Enterprise Server only",
          "  REDIS_URL                    share the repository lock with running replicas",
          "",
          "Examples:",
          "  APP_ID=12345 PRIVATE_KEY_PATH=./app.pem npx postmortem-followups sweep --dry-run --repo acme/shop",
          "  postmortem-followups sweep --metrics-file /var/lib/node_exporter/textfile/postmortem_followups.prom",
          "",
          "Help is in English; what the command prints follows each repository's language.",
        ].join("\n"),
      )
      .action(async (opts: SweepCommandOptions) => {
        const { runSweep, defaultSweepDeps } = await import("./run.js");
        const run = () => runSweep(ctx, opts, { ...defaultSweepDeps, ...deps });
        if (opts.metricsFile === undefined) ctx.exitCode = await run();
        else {
          // (loaded only with the option: prom-client stays out of the other commands and the Action)
          if (opts.repo !== undefined) throw new UsageError((l) => t(l, "metrics-file.with-repo"));
          const { withMetricsFile } = await import("./metrics-file.js");
          ctx.exitCode = await withMetricsFile(ctx, opts.metricsFile, run);
        }
      });
  };
}

export const sweepCommand: CommandModule = sweepCommandWith();
