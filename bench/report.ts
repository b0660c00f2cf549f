import type { BenchRun, ScenarioResult } from "./harness.js";

/** The figures as a table, the targets as PASS/MISS lines, and JSON lines. */

export interface Target {
  pass: boolean;
  line: string;
}

const fmt = (n: number | null | undefined, digits = 0) =>
  n === null || n === undefined ? "-" : n.toFixed(digits);

export function table(results: readonly ScenarioResult[]): string {
  const header = [
    "scenario",
    "n",
    "lat",
    "requests",
    "reads",
    "writes",
    "graphql",
    "content",
    "baseline",
    "ratio",
    "wall ms",
    "cpu ms",
    "cpu/fu",
    "rss MB",
    "heap MB",
  ];
  const rows = results.map((r) => [
    r.scenario,
    String(r.n),
    String(r.latency_ms),
    String(r.requests),
    String(r.reads),
    String(r.writes),
    String(r.graphql),
    String(r.content_creating),
    fmt(r.baseline_requests),
    r.ratio === null ? "-" : `${fmt(r.ratio, 2)}x`,
    fmt(r.wall_ms),
    fmt(r.cpu_ms),
    r.followups > 0 ? fmt(r.cpu_ms / r.followups, 2) : "-",
    fmt(r.rss_mb),
    fmt(r.heap_mb),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

export function targets(results: readonly ScenarioResult[]): Target[] {
  const out: Target[] = [];
  const add = (pass: boolean, line: string) => out.push({ pass, line });
  for (const r of results) {
    const where = `${r.scenario} n=${r.n}`;
    switch (r.scenario) {
      case "merge-cold":
        add(r.requests <= r.n + 5, `${where}: ${r.requests} requests <= N + 5 = ${r.n + 5}`);
        break;
      case "merge-warm":
        add(r.requests <= r.n + 3, `${where}: ${r.requests} requests <= N + 3 = ${r.n + 3}`);
        break;
      case "merge-redelivery":
        add(
          r.requests <= 4 && r.writes === 0,
          `${where}: ${r.requests} requests <= 4, ${r.writes} writes = 0`,
        );
        break;
      case "check":
        if (r.n === 50) add(r.requests <= 5, `${where}: ${r.requests} requests <= 5`);
        break;
      case "check-rerun":
        add(
          r.requests <= 3 && r.writes === 0,
          `${where}: ${r.requests} requests <= 3 on the same head with nothing changed, ${r.writes} writes = 0`,
        );
        break;
      case "sweep":
      case "sweep-rerun": {
        const due = r.comments_due ?? 0;
        const perRepoDue = due / r.n;
        add(
          (r.per_repo ?? Number.POSITIVE_INFINITY) <= 2 + perRepoDue && r.writes === due,
          `${where}: ${fmt(r.per_repo, 2)} requests per repository <= 2 + ${fmt(perRepoDue, 0)} comments due, ${r.writes} writes = ${due} comments due`,
        );
        break;
      }
      case "sweep-reminders": {
        // Reads per repository as in any sweep (at most 2); writes: the reports, one update and one
        // comment per reminder, and the "due soon" label once per repository.
        const reminders = r.reminders_due ?? 0;
        const reports = (r.comments_due ?? 0) - reminders;
        const writes = reports + 2 * reminders + r.n;
        const reads = (r.per_repo ?? Number.POSITIVE_INFINITY) - r.writes / r.n;
        add(
          reads <= 2 && r.writes === writes,
          `${where}: ${fmt(reads, 2)} reads per repository <= 2 with ${reminders} reminders due, ${r.writes} writes = ${writes} (${reports} reports + 2 x ${reminders} reminders + ${r.n} labels)`,
        );
        break;
      }
      case "sweep-empty":
        add(
          (r.per_repo ?? Number.POSITIVE_INFINITY) <= 1,
          `${where}: ${fmt(r.per_repo, 2)} requests per repository without postmortems <= 1`,
        );
        break;
      case "org-report":
        if (r.sweep_reads_per_repo !== undefined)
          add(
            (r.per_repo ?? Number.POSITIVE_INFINITY) <= r.sweep_reads_per_repo && r.writes === 0,
            `${where}: ${fmt(r.per_repo, 2)} requests per repository <= the sweep's ${fmt(r.sweep_reads_per_repo, 2)} reads per repository, ${r.writes} writes = 0`,
          );
        break;
      case "pacing":
        add(
          r.content_concurrency === 1 && (r.content_per_minute ?? 0) <= 80,
          `${where}: content-creating writes one at a time (${r.content_concurrency} in flight at most), ${fmt(r.content_per_minute, 1)}/minute <= 80`,
        );
        break;
    }
    if (r.scenario.startsWith("merge-") && r.n === 50 && r.ratio !== null)
      add(r.ratio >= 2, `${where}: ${fmt(r.ratio, 2)}x fewer requests than the baseline >= 2x`);
    if ((r.scenario === "sweep" || r.scenario === "sweep-rerun") && r.ratio !== null)
      add(r.ratio >= 8, `${where}: ${fmt(r.ratio, 2)}x fewer requests than the baseline >= 8x`);
    if (
      (r.scenario === "merge-cold" || r.scenario === "merge-warm" || r.scenario === "sweep") &&
      r.followups > 0
    )
      add(
        r.cpu_ms / r.followups <= 10,
        `${where}: ${fmt(r.cpu_ms / r.followups, 2)} ms in-process (CPU) per follow-up <= 10`,
      );
    if (r.scenario === "sweep" && r.n === 1000)
      add(
        r.rss_mb <= 200,
        `${where}: peak RSS ${r.rss_mb} MB <= 200 (live heap after the sweep: ${fmt(r.heap_mb)} MB)`,
      );
  }
  // `report --org`: peak RSS from the smallest to the largest size, within 10%.
  const orgs = results.filter((r) => r.scenario === "org-report");
  const [small, large] = [orgs[0], orgs.at(-1)];
  if (small && large && large.n > small.n)
    add(
      large.rss_mb <= small.rss_mb * 1.1,
      `org-report: peak RSS ${small.rss_mb} MB at R=${small.n}, ${large.rss_mb} MB at R=${large.n}, ratio ${(large.rss_mb / small.rss_mb).toFixed(2)} (<= 1.10; live heap ${fmt(small.heap_mb)} -> ${fmt(large.heap_mb)} MB)`,
    );
  return out;
}

/**
 * CPU of a merge as a fixed cost per delivery plus a cost per follow-up (least squares over the N
 * measured): the per-follow-up target divides everything by N, which at N = 1 is the fixed cost
 * alone (mostly the Octokit request stack, see docs/benchmarks.md).
 */
export function cpuModel(results: readonly ScenarioResult[]): string[] {
  const out: string[] = [];
  for (const scenario of ["merge-cold", "merge-warm"]) {
    const rows = results.filter((r) => r.scenario === scenario && r.followups > 0);
    if (new Set(rows.map((r) => r.n)).size < 2) continue;
    const mean = (f: (r: ScenarioResult) => number) => rows.reduce((a, r) => a + f(r), 0) / rows.length;
    const mx = mean((r) => r.n);
    const my = mean((r) => r.cpu_ms);
    const slope =
      rows.reduce((a, r) => a + (r.n - mx) * (r.cpu_ms - my), 0) /
      rows.reduce((a, r) => a + (r.n - mx) ** 2, 0);
    const fixed = my - slope * mx;
    out.push(
      `${scenario}: CPU ~ ${fmt(fixed, 1)} ms per delivery + ${fmt(slope, 2)} ms per follow-up (least squares over N = ${rows.map((r) => r.n).join(", ")})`,
    );
  }
  return out;
}

export function jsonLines(results: readonly ScenarioResult[]): string {
  return results
    .map((r) =>
      JSON.stringify({
        scenario: r.scenario,
        n: r.n,
        requests: r.requests,
        writes: r.writes,
        graphql: r.graphql,
        baseline_requests: r.baseline_requests,
        ratio: r.ratio,
        wall_ms: r.wall_ms,
        cpu_ms: r.cpu_ms,
        rss_mb: r.rss_mb,
        heap_mb: r.heap_mb,
        latency_ms: r.latency_ms,
        reads: r.reads,
        content_creating: r.content_creating,
        ...(r.per_repo !== undefined ? { per_repo: r.per_repo } : {}),
        ...(r.sweep_reads_per_repo !== undefined ? { sweep_reads_per_repo: r.sweep_reads_per_repo } : {}),
        ...(r.content_per_minute !== undefined
          ? { content_per_minute: r.content_per_minute, content_concurrency: r.content_concurrency }
          : {}),
        operations: r.operations,
        ...(r.failed_checks.length ? { failed_checks: r.failed_checks } : {}),
        ...(r.violations.length ? { violations: r.violations } : {}),
      }),
    )
    .join("\n");
}

export function operations(r: ScenarioResult): string {
  return Object.entries(r.operations)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([op, n]) => `${n} ${op}`)
    .join(", ");
}

export function textReport(run: BenchRun, options: { ops: boolean }): string {
  const lines = [table(run.results), ""];
  if (Object.keys(run.auth).length)
    lines.push(
      `first event of a process (not in the rows above): ${Object.entries(run.auth)
        .map(([op, n]) => `${n} ${op}`)
        .join(", ")}`,
      "",
    );
  for (const t of targets(run.results)) lines.push(`${t.pass ? "PASS" : "MISS"}  ${t.line}`);
  const model = cpuModel(run.results);
  if (model.length) lines.push("", ...model);
  const broken = run.results.filter((r) => r.failed_checks.length || r.violations.length);
  if (broken.length) {
    lines.push("");
    for (const r of broken) {
      for (const c of r.failed_checks) lines.push(`CHECK FAILED  ${r.scenario} n=${r.n}: ${c}`);
      for (const v of r.violations.slice(0, 5)) lines.push(`VIOLATION  ${r.scenario} n=${r.n}: ${v}`);
    }
  }
  if (options.ops) {
    lines.push("", "requests by operation:");
    for (const r of run.results) lines.push(`  ${r.scenario} n=${r.n}: ${operations(r)}`);
  }
  return lines.join("\n");
}
