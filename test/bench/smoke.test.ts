import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BenchRun, DEFAULT_OPTIONS, runBench } from "../../bench/harness.js";
import { inProcessSimulator, type Remote, type SimHost } from "../../bench/sim-host.js";

/**
 * The benchmark harness, smallest sizes, no latency: request counts are deterministic, so they
 * are pinned exactly (a change in the app's request pattern shows up here first). Time and
 * memory are never asserted; `npm run bench` reports them.
 */
describe("bench harness (N = 1, R = 1, latency 0)", () => {
  let sim: Remote<SimHost>;
  let run: BenchRun;

  beforeAll(async () => {
    sim = await inProcessSimulator(0);
    run = await runBench(sim, {
      ...DEFAULT_OPTIONS,
      latencyMs: 0,
      merges: [1],
      checks: [],
      sweeps: [1],
      emptyRepos: 2,
      pacingItems: 0,
      baseline: true,
    });
  }, 120_000);
  afterAll(() => sim.close());

  const figures = () =>
    run.results.map(
      (r) =>
        `${r.scenario} n=${r.n}: ${r.requests} requests, ${r.writes} writes, ${r.graphql} graphql; baseline ${r.baseline_requests}`,
    );

  it("runs every scenario correctly (no failed checks, no contract violations)", () => {
    for (const r of run.results) {
      expect(r.failed_checks, `${r.scenario} n=${r.n}`).toEqual([]);
      expect(r.violations, `${r.scenario} n=${r.n}`).toEqual([]);
    }
  });

  it("counts requests exactly", () => {
    expect(figures()).toEqual([
      "merge-cold n=1: 5 requests, 3 writes, 2 graphql; baseline 4",
      "merge-warm n=1: 4 requests, 2 writes, 1 graphql; baseline 4",
      "merge-redelivery n=1: 2 requests, 0 writes, 1 graphql; baseline 3",
      "merge-push n=1: 4 requests, 0 writes, 1 graphql; baseline null",
      // Issue 17, `tracker: true` and a project: + the tracker (create, 1 sub-issue link), the
      // fresh tracked issues (with the project's items and fields: no read of the project of its
      // own, was 11 requests), its item and its values; a redelivery adds the project's read only.
      "merge-tracker n=1: 10 requests, 7 writes, 5 graphql; baseline null",
      "merge-tracker-redelivery n=1: 3 requests, 0 writes, 2 graphql; baseline null",
      // Routed to another repository (issue 17), tracker and project on: + routing (CODEOWNERS or
      // rules: 1 request; the installation's list for a public target: 1), and in the target its
      // tracked issues (before and after the writes), its labels and its node id; a redelivery
      // reads the target's tracked issues twice and writes nothing.
      "merge-routed n=1: 16 requests, 7 writes, 9 graphql; baseline null",
      "merge-routed-redelivery n=1: 7 requests, 0 writes, 5 graphql; baseline null",
      "sweep n=1: 8 requests, 3 writes, 2 graphql; baseline 67",
      "sweep-rerun n=1: 5 requests, 0 writes, 2 graphql; baseline 67",
      "sweep-reminders n=1: 39 requests, 34 writes, 2 graphql; baseline null",
      "sweep-empty n=2: 5 requests, 0 writes, 2 graphql; baseline 2",
    ]);
  });
});
