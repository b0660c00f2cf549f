import { accessSync, constants } from "node:fs";
import { dirname, resolve } from "node:path";
import { setGitHubObserver } from "../../github/telemetry.js";
import { setRunObserver } from "../../infra/telemetry.js";
import { writeMetricsFile } from "../../runs/metrics/file.js";
import { createMetrics } from "../../runs/metrics/registry.js";
import { t } from "../../text/catalog/index.js";
import { localLanguage } from "../config.js";
import { type CliContext, EXIT, println, UsageError } from "../context.js";

/**
 * `sweep --metrics-file PATH` (issue 19): the sweep CLI (a CronJob, a systemd timer) has no
 * `/metrics` to scrape, so it writes the same metrics the server serves (src/runs/metrics/registry.ts:
 * the GitHub requests, rate limits, reconciles, the sweep's duration and errors, the follow-ups by
 * state) to a file in Prometheus' text format, atomically, for node_exporter's textfile collector.
 * Written only when the sweep of every repository finished; nothing is pushed anywhere. Loaded by
 * ./command.ts only with the option, so the Action's bundle (which imports ./run.ts) has no prom-client.
 */

export async function withMetricsFile(
  ctx: CliContext,
  path: string,
  run: () => Promise<number>,
): Promise<number> {
  const target = resolve(ctx.cwd, path);
  try {
    accessSync(dirname(target), constants.W_OK);
  } catch (error) {
    const detail = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UsageError((l) => t(l, "metrics-file.no-folder", { path, detail }));
  }
  const metrics = createMetrics();
  let code: number;
  try {
    code = await run();
  } finally {
    setRunObserver(null);
    setGitHubObserver(null);
  }
  // A fleet sweep that finished set its completion time (a failed listing never gets there).
  const last = await metrics.registry
    .getSingleMetric("postmortem_followups_sweep_last_completed_timestamp_seconds")
    ?.get();
  const finished = (last?.values[0]?.value ?? 0) > 0;
  const language = await localLanguage(ctx.cwd);
  if (!finished) {
    println(ctx.stderr, t(language, "metrics-file.not-written", { path }));
    return code;
  }
  try {
    await writeMetricsFile(target, metrics.registry);
  } catch (error) {
    const detail = (error as NodeJS.ErrnoException).code ?? String(error);
    println(ctx.stderr, `error: ${t(language, "metrics-file.write-failed", { path, detail })}`);
    return code === EXIT.ok ? EXIT.problems : code;
  }
  return code;
}
