import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BenchProbot, createBenchProbot } from "../../bench/app.js";
import { inProcessSimulator, type Remote, type SimHost } from "../../bench/sim-host.js";

/**
 * Request counts of the app's hot paths over the simulator, pinned by operation: each waste the
 * benchmark found and fixed has a test here, so it cannot come back unnoticed.
 */
describe("requests the app makes", () => {
  let sim: Remote<SimHost>;
  let bench: BenchProbot;

  beforeAll(async () => {
    sim = await inProcessSimulator(0);
    bench = await createBenchProbot(await sim.url(), { pacing: false });
  });
  afterAll(() => sim.close());

  async function operations(run: () => Promise<void>): Promise<Record<string, number>> {
    const mark = await sim.mark();
    await run();
    const counts = await sim.counts(mark);
    expect(counts.violations).toEqual([]);
    return Object.fromEntries(
      Object.entries(counts.byOperation).filter(([op]) => !op.startsWith("apps/")), // app auth: once per process
    );
  }

  it("a redelivered merge checks no owner that is already assigned to a follow-up", async () => {
    const seed = await sim.seedMerge({ repo: "owners", items: 10, labels: true });
    const first = await operations(() => bench.receive("pull_request", seed.payload, "owners-1"));
    expect(first["issues/check-user-can-be-assigned"]).toBe(3); // three owners, first time seen
    const again = await operations(() => bench.receive("pull_request", seed.payload, "owners-1"));
    expect(again).toEqual({
      "pulls/list-files": 1,
      "repos/get-content": 2, // config, postmortem
      "graphql trackedIssues": 1,
      "issues/list-comments": 1, // the summary comment, unchanged
    });
  });

  it("reads up to 100 tracked issues in one GraphQL request (GitHub's largest page)", async () => {
    const seed = await sim.seedMerge({ repo: "pages", items: 100, labels: true });
    await bench.receive("pull_request", seed.payload, "pages-1");
    const again = await operations(() => bench.receive("pull_request", seed.payload, "pages-1"));
    expect(again["graphql trackedIssues"]).toBe(1);
  });
});
