import type { CommandModule } from "./context.js";
import type { SweepDeps, SweepOptions } from "./sweep-run.js";

/**
 * `postmortem-followups sweep [--dry-run] [--repo owner/name]`: for an external scheduler (a
 * Kubernetes CronJob, a GitHub Actions schedule). Authenticates as the app from the server's
 * environment, walks every installation and repository, reconciles every postmortem on the
 * default branch and posts this ISO week's report wherever it is not posted yet, whatever the day.
 * The implementation (src/cli/sweep-run.ts) is loaded when the command runs.
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
      .action(async (opts: SweepOptions) => {
        const { runSweep, defaultSweepDeps } = await import("./sweep-run.js");
        ctx.exitCode = await runSweep(ctx, opts, { ...defaultSweepDeps, ...deps });
      });
  };
}

export const sweepCommand: CommandModule = sweepCommandWith();
