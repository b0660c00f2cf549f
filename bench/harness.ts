import type { Octokit } from "@octokit/rest";
import { createAppSweepSource } from "../src/runs/sweep/app.js";
import { type SweepSummary, sweepAll } from "../src/runs/sweep/sweep.js";
import { type BenchProbot, createBenchProbot } from "./app.js";
import { naiveMerge, naiveOctokit, naiveSweepRepository } from "./baseline.js";
import { measure } from "./measure.js";
import { runOrgReports } from "./org-report.js";
import {
  appLabels,
  benchConfig,
  type CheckSeed,
  type Counts,
  type MergeSeed,
  ORG,
  type Remote,
  type SimHost,
} from "./sim-host.js";

/**
 * The scenarios. Each one seeds the simulator, runs the real app (Probot receiving a webhook, or
 * the sweep of src/runs/sweep/), and reads the request counts from the simulator's log; the naive
 * baseline runs over the same simulator right after.
 */

export interface BenchOptions {
  /** Per-request latency of the simulator for merges and small sweeps (ms). */
  latencyMs: number;
  /** Sweeps over more repositories than this run with latency 0 (sequential sweep; see docs). */
  sweepLatencyMaxRepos: number;
  merges: number[];
  /** Follow-up counts of the check scenarios (a pull request adding a postmortem). */
  checks: number[];
  sweeps: number[];
  /** Repositories without postmortems for the "sweep-empty" scenario (0: skip). */
  emptyRepos: number;
  postmortemsPerRepo: number;
  itemsPerPostmortem: number;
  /** Follow-ups of the pacing scenario (0: skip). */
  pacingItems: number;
  /** Repository counts of `report --org` (bench/org-report.ts; empty: skip). */
  orgReports?: number[];
  baseline: boolean;
  progress?: (line: string) => void;
}

export const DEFAULT_OPTIONS: BenchOptions = {
  latencyMs: 30,
  sweepLatencyMaxRepos: 100,
  merges: [1, 10, 50, 200],
  checks: [10, 50],
  sweeps: [1, 100, 1000],
  emptyRepos: 100,
  postmortemsPerRepo: 3,
  itemsPerPostmortem: 10,
  pacingItems: 30,
  baseline: true,
};

export interface ScenarioResult {
  scenario: string;
  n: number;
  requests: number;
  writes: number;
  graphql: number;
  baseline_requests: number | null;
  ratio: number | null;
  wall_ms: number;
  cpu_ms: number;
  rss_mb: number;
  /** Live heap after the step (its result still referenced): what the process really holds. */
  heap_mb: number | null;
  latency_ms: number;
  reads: number;
  rest: number;
  content_creating: number;
  errors: number;
  /** Follow-ups the scenario covers (N, or R x postmortems x items). */
  followups: number;
  /** Sweeps: requests per repository, without the sweep's fixed cost (app auth, listings). */
  per_repo?: number;
  /** `report --org`: the dry-run sweep's reads per repository over the same repositories. */
  sweep_reads_per_repo?: number;
  /** Sweeps: comments due (this week's reports not posted yet, and reminders). */
  comments_due?: number;
  /** The reminders sweep: reminders due (each is one issue update and one comment). */
  reminders_due?: number;
  baseline_wall_ms?: number | null;
  operations: Record<string, number>;
  /** Pacing: achieved rate of content-creating writes (per minute) and most in flight at once. */
  content_per_minute?: number;
  content_concurrency?: number;
  /** Correctness checks that failed (the figures of a broken run mean nothing). */
  failed_checks: string[];
  violations: string[];
}

interface Env {
  sim: Remote<SimHost>;
  options: BenchOptions;
  url: string;
}

/** Requests the sweep makes once, whatever the number of repositories. */
const SWEEP_FIXED = new Set([
  "apps/get-authenticated",
  "apps/list-installations",
  "apps/create-installation-access-token",
  "apps/list-repos-accessible-to-installation",
]);

function row(
  scenario: string,
  n: number,
  counts: Counts,
  m: { wallMs: number; cpuMs: number; rssMb: number; heapMb: number | null },
  latencyMs: number,
  followups: number,
): ScenarioResult {
  // Creating an installation token is a POST, but it writes nothing to a repository.
  const tokens = counts.byOperation["apps/create-installation-access-token"] ?? 0;
  return {
    scenario,
    n,
    requests: counts.requests,
    writes: counts.writes - tokens,
    graphql: counts.graphql,
    baseline_requests: null,
    ratio: null,
    wall_ms: Math.round(m.wallMs),
    cpu_ms: Math.round(m.cpuMs),
    rss_mb: Math.round(m.rssMb),
    heap_mb: m.heapMb === null ? null : Math.round(m.heapMb),
    latency_ms: latencyMs,
    reads: counts.reads,
    rest: counts.rest,
    content_creating: counts.contentCreating,
    errors: counts.errors,
    followups,
    operations: counts.byOperation,
    failed_checks: [],
    violations: counts.violations,
  };
}

function withBaseline(result: ScenarioResult, baseline: { requests: number; wallMs: number } | null) {
  if (!baseline) return result;
  result.baseline_requests = baseline.requests;
  result.baseline_wall_ms = Math.round(baseline.wallMs);
  result.ratio = result.requests > 0 ? Math.round((baseline.requests / result.requests) * 100) / 100 : null;
  return result;
}

async function counted<T>(sim: Remote<SimHost>, fn: () => Promise<T>) {
  const mark = await sim.mark();
  const m = await measure(fn);
  const counts = await sim.counts(mark);
  return { ...m, counts };
}

// ---------------------------------------------------------------- merges

async function checkMerge(
  sim: Remote<SimHost>,
  seed: MergeSeed,
  items: number,
  result: ScenarioResult,
  expectWrites: boolean,
) {
  const summary = await sim.repoSummary(seed.owner, seed.repo);
  const fail = (what: string) => result.failed_checks.push(what);
  if (summary.issuesByBot !== items) fail(`${summary.issuesByBot} follow-up issues, expected ${items}`);
  if (summary.duplicateTitles > 0) fail(`${summary.duplicateTitles} duplicate titles`);
  if (summary.commentsByBot !== 1) fail(`${summary.commentsByBot} summary comments, expected 1`);
  const config = benchConfig();
  const wanted = new Map(appLabels(config).map((l) => [l.name.toLowerCase(), l.color]));
  for (const label of summary.labels) {
    const color = wanted.get(label.name.toLowerCase());
    if (color && label.color.toLowerCase() !== color.toLowerCase())
      fail(`label "${label.name}" has colour ${label.color}, not ${color}`);
  }
  if (!expectWrites && result.writes > 0) fail(`${result.writes} writes on a redelivery`);
  if (result.errors > 0) fail(`${result.errors} requests answered with an error`);
}

/** A routed merge: every follow-up in one of `targets` (none twice), the tracker at home. */
async function checkRouted(
  sim: Remote<SimHost>,
  seed: MergeSeed,
  targets: readonly string[],
  items: number,
  result: ScenarioResult,
  expectWrites: boolean,
) {
  const fail = (what: string) => result.failed_checks.push(what);
  let routed = 0;
  for (const target of targets) {
    const summary = await sim.repoSummary(seed.owner, target);
    routed += summary.issuesByBot;
    if (summary.duplicateTitles > 0) fail(`${summary.duplicateTitles} duplicate titles in ${target}`);
  }
  if (routed !== items) fail(`${routed} routed follow-up issues, expected ${items}`);
  const home = await sim.repoSummary(seed.owner, seed.repo);
  if (home.issuesByBot !== 1) fail(`${home.issuesByBot} issues at home, expected the tracker only`);
  if (!expectWrites && result.writes > 0) fail(`${result.writes} writes on a redelivery`);
  if (result.errors > 0) fail(`${result.errors} requests answered with an error`);
}

async function deliver(bench: BenchProbot, seed: MergeSeed, id: string): Promise<void> {
  await bench.receive("pull_request", seed.payload, id);
}

let mergeRuns = 0;

export async function runMerges(
  env: Env,
  bench: BenchProbot,
  naive: Octokit | null,
  n: number,
): Promise<ScenarioResult[]> {
  const { sim, options } = env;
  // Unique names when one size runs twice (`--merges 1,1,1`, to average).
  const run = ++mergeRuns > 1 ? `-${mergeRuns}` : "";
  const lat = options.latencyMs;
  await sim.setLatency(lat);
  const config = benchConfig();

  // App: cold, then the same delivery again; warm in another repository.
  const cold = await sim.seedMerge({ repo: `merge-${n}-cold${run}`, items: n, labels: false });
  const id = `delivery-merge-${n}-cold${run}`;
  const c = await counted(sim, () => deliver(bench, cold, id));
  const coldRow = row("merge-cold", n, c.counts, c, lat, n);
  await checkMerge(sim, cold, n, coldRow, true);
  const r = await counted(sim, () => deliver(bench, cold, id));
  const redeliveryRow = row("merge-redelivery", n, r.counts, r, lat, n);
  await checkMerge(sim, cold, n, redeliveryRow, false);
  // The same merge's `push` to the default branch (GitHub sends both): it finds everything done.
  const p = await counted(sim, () => bench.receive("push", cold.push, `${id}-push`));
  const pushRow = row("merge-push", n, p.counts, p, lat, n);
  await checkMerge(sim, cold, n, pushRow, false);
  const warm = await sim.seedMerge({ repo: `merge-${n}-warm${run}`, items: n, labels: true });
  const w = await counted(sim, () => deliver(bench, warm, `delivery-merge-${n}-warm${run}`));
  const warmRow = row("merge-warm", n, w.counts, w, lat, n);
  await checkMerge(sim, warm, n, warmRow, true);

  if (naive) {
    const target = (s: MergeSeed) => ({ owner: s.owner, repo: s.repo, pr: s.pr, ref: s.mergeSha });
    const bCold = await sim.seedMerge({ repo: `naive-${n}-cold${run}`, items: n, labels: false });
    const nc = await counted(sim, () => naiveMerge(naive, target(bCold), config));
    const nr = await counted(sim, () => naiveMerge(naive, target(bCold), config));
    const bWarm = await sim.seedMerge({ repo: `naive-${n}-warm${run}`, items: n, labels: true });
    const nw = await counted(sim, () => naiveMerge(naive, target(bWarm), config));
    withBaseline(coldRow, { requests: nc.counts.requests, wallMs: nc.wallMs });
    withBaseline(redeliveryRow, { requests: nr.counts.requests, wallMs: nr.wallMs });
    withBaseline(warmRow, { requests: nw.counts.requests, wallMs: nw.wallMs });
  }
  // Issue 17: the same cold merge with `tracker: true` and a Projects (v2) project, then again.
  const tracked = await sim.seedMerge({
    repo: `merge-${n}-tracker${run}`,
    items: n,
    labels: false,
    tracker: true,
  });
  const tid = `delivery-merge-${n}-tracker${run}`;
  const tc = await counted(sim, () => deliver(bench, tracked, tid));
  const trackerRow = row("merge-tracker", n, tc.counts, tc, lat, n);
  await checkMerge(sim, tracked, n + 1, trackerRow, true);
  const tr = await counted(sim, () => deliver(bench, tracked, tid));
  const trackerRedeliveryRow = row("merge-tracker-redelivery", n, tr.counts, tr, lat, n);
  await checkMerge(sim, tracked, n + 1, trackerRedeliveryRow, false);
  // Issue 17: the follow-ups routed to 3 other repositories, with the tracker and the project on.
  const targets = ["a", "b", "c"].map((t) => `merge-${n}-routed${run}-${t}`);
  const routed = await sim.seedMerge({
    repo: `merge-${n}-routed${run}`,
    items: n,
    labels: false,
    tracker: true,
    routes: targets,
  });
  const rid = `delivery-merge-${n}-routed${run}`;
  const rc = await counted(sim, () => deliver(bench, routed, rid));
  const routedRow = row("merge-routed", n, rc.counts, rc, lat, n);
  await checkRouted(sim, routed, targets, n, routedRow, true);
  const rr = await counted(sim, () => deliver(bench, routed, rid));
  const routedRedeliveryRow = row("merge-routed-redelivery", n, rr.counts, rr, lat, n);
  await checkRouted(sim, routed, targets, n, routedRedeliveryRow, false);
  return [
    coldRow,
    warmRow,
    redeliveryRow,
    pushRow,
    trackerRow,
    trackerRedeliveryRow,
    routedRow,
    routedRedeliveryRow,
  ];
}

// ---------------------------------------------------------------- checks

async function checkCheck(sim: Remote<SimHost>, seed: CheckSeed, result: ScenarioResult, rerun: boolean) {
  const fail = (what: string) => result.failed_checks.push(what);
  const runs = await sim.checkRuns(seed.owner, seed.repo, seed.headSha);
  if (runs.length !== 1) fail(`${runs.length} check runs on the head commit, expected 1`);
  const run = runs[0];
  if (run && (run.status !== "completed" || run.conclusion !== "success"))
    fail(`check run ${run.status}/${run.conclusion} ("${run.title}"), expected completed/success`);
  if (rerun && result.writes > 0) fail(`${result.writes} writes on a re-run with nothing changed`);
  if (result.errors > 0) fail(`${result.errors} requests answered with an error`);
}

let checkRuns = 0;

/**
 * A pull request adding a postmortem of N follow-ups, each naming a repository file and an issue
 * (2N pieces of evidence), then the same head again (a redelivery, a re-requested check).
 */
export async function runChecks(env: Env, bench: BenchProbot, n: number): Promise<ScenarioResult[]> {
  const { sim, options } = env;
  const run = ++checkRuns > 1 ? `-${checkRuns}` : "";
  const lat = options.latencyMs;
  await sim.setLatency(0);
  const seed = await sim.seedCheck({ repo: `check-${n}${run}`, items: n });
  await sim.setLatency(lat);
  const first = await counted(sim, () =>
    bench.receive("pull_request", seed.payload, `delivery-check-${n}${run}`),
  );
  const firstRow = row("check", n, first.counts, first, lat, n);
  await checkCheck(sim, seed, firstRow, false);
  const again = await counted(sim, () =>
    bench.receive("pull_request", { ...seed.payload, action: "reopened" }, `delivery-check-${n}${run}-again`),
  );
  const againRow = row("check-rerun", n, again.counts, again, lat, n);
  await checkCheck(sim, seed, againRow, true);
  return [firstRow, againRow];
}

// ---------------------------------------------------------------- sweeps

async function appSweep(url: string, now: Date): Promise<SweepSummary> {
  // A fresh process as the CLI's `sweep` is: its own Probot, bot identity and tokens.
  const bench = await createBenchProbot(url, { pacing: false });
  // As the CLI does: the bot login from the installation listing (no GET /app).
  const source = createAppSweepSource(bench.probot, { now: () => now });
  return sweepAll(source);
}

function perRepo(counts: Counts, repos: number): number {
  let fixed = 0;
  for (const [op, count] of Object.entries(counts.byOperation)) if (SWEEP_FIXED.has(op)) fixed += count;
  return Math.round(((counts.requests - fixed) / repos) * 100) / 100;
}

export async function runSweeps(env: Env, naiveFor: () => Promise<Octokit | null>, repos: number) {
  const { sim, options } = env;
  const lat = repos > options.sweepLatencyMaxRepos ? 0 : options.latencyMs;
  const owner = "sweep-org";
  await sim.reset();
  await sim.setLatency(0);
  const seeded = await sim.seedSweep({
    owner,
    repos,
    postmortems: options.postmortemsPerRepo,
    items: options.itemsPerPostmortem,
  });
  options.progress?.(`  seeded ${repos} repositories in ${Math.round(seeded.seedMs)} ms`);
  await sim.setLatency(lat);
  const followups = repos * options.postmortemsPerRepo * options.itemsPerPostmortem;
  const due = repos * options.postmortemsPerRepo;
  const now = new Date();

  const first = await counted(sim, () => appSweep(env.url, now));
  const dueRow = row("sweep", repos, first.counts, first, lat, followups);
  dueRow.per_repo = perRepo(first.counts, repos);
  dueRow.comments_due = due;
  checkSweep(dueRow, first.value, repos, due);

  const again = await counted(sim, () => appSweep(env.url, now));
  const rerunRow = row("sweep-rerun", repos, again.counts, again, lat, followups);
  rerunRow.per_repo = perRepo(again.counts, repos);
  rerunRow.comments_due = 0;
  checkSweep(rerunRow, again.value, repos, 0);

  // 13 days later (due_days.short_term: 14) every short-term follow-up is due tomorrow: one
  // reminder each, in a new week (so this week's reports are due too). Issue 16: the reads must
  // stay those of any sweep; the writes are the reminders' and the reports'.
  const later = new Date(now.getTime() + 13 * 24 * 60 * 60 * 1000);
  const reminders = repos * options.postmortemsPerRepo * Math.ceil(options.itemsPerPostmortem / 2);
  const nudged = await counted(sim, () => appSweep(env.url, later));
  const nudgeRow = row("sweep-reminders", repos, nudged.counts, nudged, lat, followups);
  nudgeRow.per_repo = perRepo(nudged.counts, repos);
  nudgeRow.comments_due = due + reminders;
  nudgeRow.reminders_due = reminders;
  checkSweep(nudgeRow, nudged.value, repos, due);
  if (nudged.value.nudgesSent.reminders !== reminders)
    nudgeRow.failed_checks.push(`${nudged.value.nudgesSent.reminders} reminders sent, expected ${reminders}`);

  const naive = await naiveFor();
  if (naive) {
    const config = benchConfig();
    const b = await counted(sim, async () => {
      for (const fullName of seeded.repos) {
        const [o, r] = fullName.split("/") as [string, string];
        await naiveSweepRepository(naive, { owner: o, repo: r }, config);
      }
    });
    const posted = b.counts.byOperation["issues/create-comment"] ?? 0;
    if (posted !== due) dueRow.failed_checks.push(`the baseline posted ${posted} reports, expected ${due}`);
    // The naive script keeps no state: the re-run costs it the same again.
    withBaseline(dueRow, { requests: b.counts.requests, wallMs: b.wallMs });
    withBaseline(rerunRow, { requests: b.counts.requests, wallMs: b.wallMs });
  }
  return [dueRow, rerunRow, nudgeRow];
}

function checkSweep(result: ScenarioResult, summary: SweepSummary, repos: number, due: number) {
  const fail = (what: string) => result.failed_checks.push(what);
  if (summary.repositories !== repos) fail(`swept ${summary.repositories} repositories, expected ${repos}`);
  if (summary.reportsPosted !== due) fail(`${summary.reportsPosted} reports posted, expected ${due}`);
  if (summary.issuesRecreated !== 0) fail(`${summary.issuesRecreated} issues recreated, expected 0`);
  if (summary.errors !== 0)
    fail(
      `${summary.errors} errors: ${summary.results
        .flatMap((r) => [...r.errors, ...r.problems])
        .slice(0, 3)
        .join("; ")}`,
    );
}

export async function runEmptySweep(env: Env, naiveFor: () => Promise<Octokit | null>, repos: number) {
  const { sim, options } = env;
  const lat = repos > options.sweepLatencyMaxRepos ? 0 : options.latencyMs;
  await sim.reset();
  await sim.setLatency(0);
  const seeded = await sim.seedSweep({
    owner: "empty-org",
    repos: 0,
    postmortems: 0,
    items: 0,
    emptyRepos: repos,
  });
  await sim.setLatency(lat);
  const run = await counted(sim, () => appSweep(env.url, new Date()));
  const result = row("sweep-empty", repos, run.counts, run, lat, 0);
  result.per_repo = perRepo(run.counts, repos);
  result.comments_due = 0;
  checkSweep(result, run.value, repos, 0);
  const naive = await naiveFor();
  if (naive) {
    const config = benchConfig();
    const b = await counted(sim, async () => {
      for (const fullName of seeded.repos) {
        const [o, r] = fullName.split("/") as [string, string];
        await naiveSweepRepository(naive, { owner: o, repo: r }, config);
      }
    });
    withBaseline(result, { requests: b.counts.requests, wallMs: b.wallMs });
  }
  return result;
}

// ---------------------------------------------------------------- pacing

export async function runPacing(env: Env, items: number): Promise<ScenarioResult> {
  const { sim, options } = env;
  await sim.reset();
  await sim.setLatency(options.latencyMs);
  const bench = await createBenchProbot(env.url, { pacing: true });
  const seed = await sim.seedMerge({ repo: `pacing-${items}`, items, labels: false });
  const run = await counted(sim, () => deliver(bench, seed, `delivery-pacing-${items}`));
  const result = row("pacing", items, run.counts, run, options.latencyMs, items);
  await checkMerge(sim, seed, items, result, true);
  const starts = run.counts.contentStarts;
  const first = starts[0];
  const last = starts.at(-1);
  result.content_per_minute =
    first !== undefined && last !== undefined && last > first
      ? Math.round(((starts.length - 1) / ((last - first) / 60_000)) * 10) / 10
      : 0;
  result.content_concurrency = run.counts.contentConcurrency;
  return result;
}

// ---------------------------------------------------------------- all

export interface BenchRun {
  results: ScenarioResult[];
  /** Requests of the first event of the process (app JWT: GET /app, an installation token). */
  auth: Record<string, number>;
}

export async function runBench(sim: Remote<SimHost>, options: BenchOptions): Promise<BenchRun> {
  const url = await sim.url();
  const env: Env = { sim, options, url };
  const results: ScenarioResult[] = [];
  const say = options.progress ?? (() => {});
  let auth: Record<string, number> = {};

  if (options.merges.length > 0) {
    await sim.setLatency(0);
    const bench = await createBenchProbot(url, { pacing: false });
    // Warm-up: the first event resolves the bot login (GET /app) and an installation token; a
    // long-running server pays that once (the token for an hour), so it is reported apart.
    const warmup = await sim.seedMerge({ repo: "warmup", items: 1, labels: false });
    const mark = await sim.mark();
    await deliver(bench, warmup, "delivery-warmup");
    const counts = await sim.counts(mark);
    auth = Object.fromEntries(
      Object.entries(counts.byOperation).filter(([op]) => op.startsWith("apps/")),
    ) as Record<string, number>;
    const naive = options.baseline ? naiveOctokit(url, await sim.token(ORG)) : null;
    for (const n of options.merges) {
      say(`merge N=${n}`);
      results.push(...(await runMerges(env, bench, naive, n)));
    }
  }
  if (options.checks.length > 0) {
    await sim.setLatency(0);
    const bench = await createBenchProbot(url, { pacing: false });
    // Warm-up, as for merges: the bot login and the installation token, once per process.
    const warmup = await sim.seedCheck({ repo: "check-warmup", items: 1 });
    await bench.receive("pull_request", warmup.payload, "delivery-check-warmup");
    for (const n of options.checks) {
      say(`check N=${n}`);
      results.push(...(await runChecks(env, bench, n)));
    }
  }
  const naiveFor = async (owner: string) =>
    options.baseline ? naiveOctokit(url, await sim.token(owner)) : null;
  for (const repos of options.sweeps) {
    say(`sweep R=${repos}`);
    results.push(...(await runSweeps(env, () => naiveFor("sweep-org"), repos)));
  }
  if (options.emptyRepos > 0) {
    say(`sweep of ${options.emptyRepos} repositories without postmortems`);
    results.push(await runEmptySweep(env, () => naiveFor("empty-org"), options.emptyRepos));
  }
  if (options.orgReports && options.orgReports.length > 0) {
    say(`report --org R=${options.orgReports.join(", ")}`);
    const shape = { postmortems: options.postmortemsPerRepo, items: options.itemsPerPostmortem };
    for (const { result, sweepReadsPerRepo } of await runOrgReports(
      sim,
      url,
      options.orgReports,
      shape,
      say,
    )) {
      if (sweepReadsPerRepo !== null) result.sweep_reads_per_repo = sweepReadsPerRepo;
      results.push(result);
    }
  }
  if (options.pacingItems > 0) {
    say(`pacing N=${options.pacingItems} (production throttling: this takes a while)`);
    results.push(await runPacing(env, options.pacingItems));
  }
  return { results, auth };
}
