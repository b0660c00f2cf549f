import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BenchProbot, createBenchProbot } from "../../bench/app.js";
import { inProcessSimulator, type Remote, type SimHost } from "../../bench/sim-host.js";
import { createBotIdentity } from "../../src/github/identity.js";
import { createAppSweepSource } from "../../src/sweep/app.js";
import { sweepAll } from "../../src/sweep/sweep.js";

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

describe("requests the weekly sweep makes per repository", () => {
  let sim: Remote<SimHost>;
  beforeAll(async () => {
    sim = await inProcessSimulator(0);
  });
  afterAll(() => sim.close());

  async function sweep(): Promise<Record<string, number>> {
    const bench = await createBenchProbot(await sim.url(), { pacing: false });
    const botLogin = await createBotIdentity(bench.probot)();
    const source = createAppSweepSource(bench.probot, { botLogin, now: () => new Date() });
    const mark = await sim.mark();
    const summary = await sweepAll(source);
    expect(summary.errors).toBe(0);
    const counts = await sim.counts(mark);
    expect(counts.violations).toEqual([]);
    return Object.fromEntries(Object.entries(counts.byOperation).filter(([op]) => !op.startsWith("apps/")));
  }

  it("reads every postmortem in one request and every postmortem pull request's comments in one", async () => {
    await sim.seedSweep({ owner: "sweep-org", repos: 2, postmortems: 3, items: 10 });
    expect(await sweep()).toEqual({
      "repos/get-content": 2, // config
      "git/get-tree": 2,
      "graphql trackedIssues": 2,
      "graphql readFiles": 2, // 3 postmortems each
      "graphql commentsOf": 2, // 3 pull requests each
      "issues/create-comment": 6, // this week's report, one per postmortem
    });
    const again = await sweep();
    expect(again["issues/create-comment"]).toBeUndefined();
    expect(Object.values(again).reduce((a, b) => a + b, 0)).toBe(10);
  });
});

describe("requests the weekly sweep makes for repositories without postmortems", () => {
  let sim: Remote<SimHost>;
  beforeAll(async () => {
    sim = await inProcessSimulator(0);
  });
  afterAll(() => sim.close());

  it("reads the owner's .github config fallback once per sweep, not once per repository", async () => {
    await sim.seedSweep({ owner: "empty-org", repos: 0, postmortems: 0, items: 0, emptyRepos: 3 });
    const bench = await createBenchProbot(await sim.url(), { pacing: false });
    const botLogin = await createBotIdentity(bench.probot)();
    const source = createAppSweepSource(bench.probot, { botLogin, now: () => new Date() });
    const mark = await sim.mark();
    expect((await sweepAll(source)).errors).toBe(0);
    const counts = await sim.counts(mark);
    expect(
      Object.fromEntries(Object.entries(counts.byOperation).filter(([op]) => !op.startsWith("apps/"))),
    ).toEqual({
      "repos/get-content (404)": 3 + 1, // each repository's own file, the owner's .github once
      "git/get-tree": 3,
      "graphql trackedIssues": 3,
    });
  });
});
