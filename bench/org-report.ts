import type { GitHubClient } from "../src/github/client.js";
import { botLoginFromSlug } from "../src/github/identity.js";
import { listInstallations } from "../src/github/installations.js";
import { dashboardChunks, loadDashboardAssets } from "../src/runs/report/html.js";
import { withOrgReport } from "../src/runs/report/org.js";
import { createAppSweepSource } from "../src/runs/sweep/app.js";
import { sweepAll } from "../src/runs/sweep/sweep.js";
import { createBenchProbot } from "./app.js";
import type { ScenarioResult } from "./harness.js";
import { measure } from "./measure.js";
import type { Counts, Remote, SimHost } from "./sim-host.js";

/**
 * `report --org` over R repositories (issue 19): the CLI's own path (a fresh Probot, the app's
 * installations, the installation's repositories, `withOrgReport`, the HTML dashboard written chunk by chunk),
 * over the sweep's repositories (3 postmortems x 10 follow-ups each). Requests per repository must
 * not exceed the reads the sweep makes per repository over the same data (a dry-run sweep, measured
 * here at the first size only); the peak RSS and live heap are printed for each size.
 */

export interface OrgReportRow {
  result: ScenarioResult;
  /** The dry-run sweep's reads per repository over the same repositories (first size only). */
  sweepReadsPerRepo: number | null;
}

const FIXED = new Set([
  "apps/get-authenticated",
  "apps/list-installations",
  "apps/create-installation-access-token",
  "apps/list-repos-accessible-to-installation",
]);

function perRepo(counts: Counts, repos: number, what: "requests" | "reads"): number {
  let fixed = 0;
  for (const [op, count] of Object.entries(counts.byOperation)) if (FIXED.has(op)) fixed += count;
  return Math.round(((counts[what] - fixed) / repos) * 100) / 100;
}

async function orgReport(
  url: string,
  owner: string,
  now: Date,
): Promise<{ repositories: number; html: number }> {
  const bench = await createBenchProbot(url, { pacing: false });
  const installations = await listInstallations((await bench.probot.auth()) as GitHubClient);
  const installation = installations.find((i) => i.account === owner);
  if (!installation) throw new Error(`no installation on ${owner}`);
  const octokit = (await bench.probot.auth(installation.id)) as GitHubClient;
  // As the CLI writes it: chunk by chunk, to a sink that only counts (the page is never whole).
  return withOrgReport(
    octokit,
    { installation, botLogin: botLoginFromSlug(installation.appSlug ?? "my-app"), now },
    (report) => {
      let html = 0;
      for (const chunk of dashboardChunks(report, loadDashboardAssets())) html += chunk.length;
      return { repositories: report.counts.repositories, html };
    },
  );
}

export async function runOrgReports(
  sim: Remote<SimHost>,
  url: string,
  sizes: readonly number[],
  shape: { postmortems: number; items: number },
  progress: (line: string) => void,
): Promise<OrgReportRow[]> {
  const rows: OrgReportRow[] = [];
  const owner = "report-org";
  for (const [index, repos] of sizes.entries()) {
    await sim.reset();
    await sim.setLatency(0);
    const seeded = await sim.seedSweep({ owner, repos, postmortems: shape.postmortems, items: shape.items });
    progress(`  org-report: seeded ${repos} repositories in ${Math.round(seeded.seedMs)} ms`);
    const now = new Date();
    const mark = await sim.mark();
    const m = await measure(() => orgReport(url, owner, now));
    const counts = await sim.counts(mark);
    const followups = repos * shape.postmortems * shape.items;
    const tokens = counts.byOperation["apps/create-installation-access-token"] ?? 0;
    const result: ScenarioResult = {
      scenario: "org-report",
      n: repos,
      requests: counts.requests,
      writes: counts.writes - tokens,
      graphql: counts.graphql,
      baseline_requests: null,
      ratio: null,
      wall_ms: Math.round(m.wallMs),
      cpu_ms: Math.round(m.cpuMs),
      rss_mb: Math.round(m.rssMb),
      heap_mb: m.heapMb === null ? null : Math.round(m.heapMb),
      latency_ms: 0,
      reads: counts.reads,
      rest: counts.rest,
      content_creating: counts.contentCreating,
      errors: counts.errors,
      followups,
      per_repo: perRepo(counts, repos, "requests"),
      operations: counts.byOperation,
      failed_checks: [],
      violations: counts.violations,
    };
    if (m.value.repositories !== repos)
      result.failed_checks.push(`${m.value.repositories} repositories reported, expected ${repos}`);
    if (result.writes !== 0) result.failed_checks.push(`${result.writes} writes, expected 0`);
    let sweepReadsPerRepo: number | null = null;
    if (index === 0) {
      // The sweep over the same repositories, writing nothing: its reads per repository.
      const bench = await createBenchProbot(url, { pacing: false });
      const sweepMark = await sim.mark();
      await sweepAll(createAppSweepSource(bench.probot, { now: () => now, dryRun: true }));
      sweepReadsPerRepo = perRepo(await sim.counts(sweepMark), repos, "reads");
      if ((result.per_repo ?? 0) > sweepReadsPerRepo)
        result.failed_checks.push(
          `${result.per_repo} requests per repository > the sweep's ${sweepReadsPerRepo} reads per repository`,
        );
    }
    progress(
      `  org-report R=${repos}: ${result.per_repo} requests per repository${sweepReadsPerRepo === null ? "" : ` (the sweep: ${sweepReadsPerRepo} reads)`}, peak RSS ${result.rss_mb} MB, live heap ${result.heap_mb ?? "?"} MB, dashboard ${Math.round(m.value.html / 1024)} KiB`,
    );
    rows.push({ result, sweepReadsPerRepo });
  }
  const [small, large] = [rows[0]?.result, rows.at(-1)?.result];
  if (small && large && large.n > small.n)
    progress(
      `  org-report RSS: ${small.rss_mb} MB at R=${small.n}, ${large.rss_mb} MB at R=${large.n}, ratio ${(large.rss_mb / small.rss_mb).toFixed(2)} (flat: <= 1.10)`,
    );
  return rows;
}
