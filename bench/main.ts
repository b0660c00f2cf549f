import { existsSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type BenchOptions, DEFAULT_OPTIONS, runBench } from "./harness.js";
import { markdownBench, markdownReport } from "./markdown.js";
import { jsonLines, textReport } from "./report.js";
import { forkedSimulator } from "./sim-child.js";
import { inProcessSimulator } from "./sim-host.js";

/**
 * `npm run bench [-- --latency 30] [--json] [--ops] [--quick] [--only merge,check,sweep,empty,org,pacing]`
 * The app against the GitHub simulator over loopback, side by side with the naive way.
 */

const { values } = parseArgs({
  options: {
    latency: { type: "string", default: String(DEFAULT_OPTIONS.latencyMs) },
    json: { type: "boolean", default: false },
    "json-file": { type: "string" },
    ops: { type: "boolean", default: false },
    quick: { type: "boolean", default: false },
    only: { type: "string" },
    merges: { type: "string" },
    checks: { type: "string" },
    sweeps: { type: "string" },
    orgs: { type: "string" },
    "sweep-latency-max-repos": { type: "string" },
    "no-baseline": { type: "boolean", default: false },
    "in-process": { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});

if (values.help) {
  process.stdout.write(
    [
      "usage: npm run bench -- [options]",
      "  --latency MS          simulated per-request latency (default 30)",
      "  --json                one JSON object per scenario per line (no table)",
      "  --json-file FILE      also write the JSON lines to FILE",
      "  --ops                 list the requests of every scenario by operation",
      "  --quick               N = 1, 10; R = 1, 100; no pacing scenario",
      "  --only LIST           merge,check,sweep,empty,org,pacing,markdown (comma-separated)",
      "  --merges LIST         follow-up counts of the merge scenarios (default 1,10,50,200)",
      "  --checks LIST         follow-up counts of the pull request check scenarios (default 10,50)",
      "  --sweeps LIST         repository counts of the sweep scenarios (default 1,100,1000)",
      "  --orgs LIST           repository counts of report --org (default 1000,5000)",
      "  --sweep-latency-max-repos R   sweeps over more repositories run with latency 0 (default 100)",
      "  --no-baseline         skip the naive baseline",
      "  --in-process          run the simulator in this process (its CPU and memory then count)",
      "",
    ].join("\n"),
  );
  process.exit(0);
}

// The compiled app reads its templates next to its build (lib/../templates): give .bench-build the
// repository's templates/.
const templates = new URL("../templates", import.meta.url);
if (!existsSync(templates))
  symlinkSync(fileURLToPath(new URL("../../templates", import.meta.url)), templates, "dir");

const list = (s: string | undefined, fallback: number[]) =>
  s === undefined ? fallback : s.split(",").filter(Boolean).map(Number);
const only = new Set((values.only ?? "merge,check,sweep,empty,org,pacing,markdown").split(","));
const latencyMs = Number(values.latency);
const options: BenchOptions = {
  ...DEFAULT_OPTIONS,
  latencyMs,
  merges: only.has("merge") ? list(values.merges, values.quick ? [1, 10] : DEFAULT_OPTIONS.merges) : [],
  checks: only.has("check") ? list(values.checks, values.quick ? [10] : DEFAULT_OPTIONS.checks) : [],
  sweeps: only.has("sweep") ? list(values.sweeps, values.quick ? [1, 100] : DEFAULT_OPTIONS.sweeps) : [],
  emptyRepos: only.has("empty") ? DEFAULT_OPTIONS.emptyRepos : 0,
  orgReports: only.has("org") ? list(values.orgs, values.quick ? [10, 50] : [1000, 5000]) : [],
  pacingItems: only.has("pacing") && !values.quick ? DEFAULT_OPTIONS.pacingItems : 0,
  sweepLatencyMaxRepos: Number(values["sweep-latency-max-repos"] ?? DEFAULT_OPTIONS.sweepLatencyMaxRepos),
  baseline: !values["no-baseline"],
  progress: (line) => process.stderr.write(`bench: ${line}\n`),
};

const machine = `${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "?"}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}, ${new Date().toISOString()}`;
process.stderr.write(`bench: ${machine}; latency ${latencyMs} ms\n`);

// The Markdown reader: pure CPU, no simulator.
if (only.has("markdown")) process.stdout.write(markdownReport(markdownBench()));

const sim = values["in-process"] ? await inProcessSimulator(latencyMs) : await forkedSimulator(latencyMs);
try {
  const run = await runBench(sim, options);
  if (values["json-file"]) writeFileSync(values["json-file"], `${jsonLines(run.results)}\n`);
  if (values.json) process.stdout.write(`${jsonLines(run.results)}\n`);
  else process.stdout.write(`${textReport(run, { ops: values.ops })}\n`);
  if (run.results.some((r) => r.failed_checks.length > 0)) process.exitCode = 1;
} finally {
  await sim.close();
}
