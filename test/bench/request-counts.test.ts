import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BenchProbot, createBenchProbot } from "../../bench/app.js";
import { inProcessSimulator, type Remote, type SimHost } from "../../bench/sim-host.js";
import { createBotIdentity } from "../../src/github/identity.js";
import { createAppSweepSource } from "../../src/runs/sweep/app.js";
import { sweepAll, sweepTargets } from "../../src/runs/sweep/sweep.js";

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

  it("a first merge: one probe, the file, the labels in one mutation, one write per issue, the summary", async () => {
    const seed = await sim.seedMerge({ repo: "first", items: 10, labels: false });
    const first = await operations(() => bench.receive("pull_request", seed.payload, "first-1"));
    expect(first).toEqual({
      "graphql mergeProbe": 1, // config (+ the owner's .github), files, comments, labels, assignable users, tracked issues
      "repos/get-content": 1, // the postmortem at the merge commit
      "graphql createLabels": 1, // 7 labels, one mutation
      "issues/create": 10,
      "issues/create-comment": 1, // the summary
    });
  });

  it("a redelivered merge reads twice and writes nothing; owners are checked against the probed list", async () => {
    const seed = await sim.seedMerge({ repo: "owners", items: 10, labels: true });
    const first = await operations(() => bench.receive("pull_request", seed.payload, "owners-1"));
    expect(first["issues/check-user-can-be-assigned"]).toBeUndefined(); // three owners, all assignable
    const again = await operations(() => bench.receive("pull_request", seed.payload, "owners-1"));
    expect(again).toEqual({ "graphql mergeProbe": 1, "repos/get-content": 1 });
  });

  it("the push of the same merge: config, its pull request, then that pull request's probe", async () => {
    const seed = await sim.seedMerge({ repo: "pushed", items: 10, labels: false });
    await bench.receive("pull_request", seed.payload, "pushed-1");
    const push = await operations(() => bench.receive("push", seed.push, "pushed-2"));
    expect(push).toEqual({
      "repos/get-content": 2, // config, the postmortem
      "repos/list-pull-requests-associated-with-commit": 1,
      "graphql mergeProbe": 1, // the pull request's files and comments, labels, tracked issues
    });
  });

  it("reads up to 100 tracked issues in the probe, and continues past them from its cursor", async () => {
    const seed = await sim.seedMerge({ repo: "pages", items: 100, labels: true });
    await bench.receive("pull_request", seed.payload, "pages-1");
    const again = await operations(() => bench.receive("pull_request", seed.payload, "pages-1"));
    expect(again["graphql trackedIssues"]).toBeUndefined();
    const more = await sim.seedMerge({ repo: "pages-2", items: 150, labels: true });
    await bench.receive("pull_request", more.payload, "pages-2");
    const twice = await operations(() => bench.receive("pull_request", more.payload, "pages-2"));
    expect(twice).toEqual({ "graphql mergeProbe": 1, "graphql trackedIssues": 1, "repos/get-content": 1 });
  });

  it("tracker and project (issue 17): the items' values come with the tracked issues read after the creations", async () => {
    const seed = await sim.seedMerge({ repo: "projected", items: 10, labels: true, tracker: true });
    const first = await operations(() => bench.receive("pull_request", seed.payload, "projected-1"));
    expect(first).toEqual({
      "graphql mergeProbe": 1,
      "repos/get-content": 1,
      "issues/create": 11, // 10 follow-ups and the tracker
      // The tracked issues again (the tracker links the new ones), with each one's item in the
      // project and the project's fields: no read of the project of its own (was 1 more).
      "graphql trackedIssuesInProject": 1,
      "issues/add-sub-issue": 10,
      "graphql addProjectItems": 1,
      "graphql setProjectValues": 2, // 60 values, 50 mutations a request
      "issues/create-comment": 1,
    });
    // Delivered again: the probe's tracked issues serve the run, so the project is read on its own.
    const again = await operations(() => bench.receive("pull_request", seed.payload, "projected-1"));
    expect(again).toEqual({ "graphql mergeProbe": 1, "repos/get-content": 1, "graphql projectState": 1 });
  });
});

describe("requests recurrence adds to a merge", () => {
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
    return Object.fromEntries(Object.entries(counts.byOperation).filter(([op]) => !op.startsWith("apps/")));
  }

  it("a new postmortem on the service of 3 earlier ones: one more request (their files), one comment each", async () => {
    await sim.seedEarlier({ repo: "recur-3", count: 3, services: ["checkout"] });
    const seed = await sim.seedMerge({
      repo: "recur-3",
      items: 2,
      labels: true,
      path: "postmortems/2026-03-12-checkout.md",
      services: ["checkout"],
    });
    const counts = await operations(() => bench.receive("pull_request", seed.payload, "recur-3-new"));
    expect(counts).toEqual({
      "graphql mergeProbe": 1,
      "repos/get-content": 1, // the new postmortem
      "issues/create": 2,
      "graphql filesAndComments": 1, // recurrence: the 3 earlier postmortems, one request
      "issues/create-comment": 4, // the summary, and one comment on each earlier pull request
      "issues/list-comments": 3, // recurrence: is the comment there already? (one per earlier pull request)
    });
    // Delivered again: the same reads, no write.
    const again = await operations(() => bench.receive("pull_request", seed.payload, "recur-3-new"));
    expect(again).toEqual({
      "graphql mergeProbe": 1,
      "repos/get-content": 1,
      "graphql filesAndComments": 1,
      "issues/list-comments": 3,
    });
  });

  it("60 earlier postmortems: files read are capped at 50 (two requests), 10 listed and commented", async () => {
    await sim.seedEarlier({ repo: "recur-60", count: 60, services: ["checkout"] });
    const seed = await sim.seedMerge({
      repo: "recur-60",
      items: 2,
      labels: true,
      path: "postmortems/2026-03-12-checkout.md",
      services: ["checkout"],
    });
    const counts = await operations(() => bench.receive("pull_request", seed.payload, "recur-60-new"));
    expect(counts["graphql filesAndComments"]).toBe(2);
    expect(counts["issues/list-comments"]).toBe(10);
    expect(counts["issues/create-comment"]).toBe(11);
  });
});

describe("requests the pull request check makes", () => {
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
    return Object.fromEntries(Object.entries(counts.byOperation).filter(([op]) => !op.startsWith("apps/")));
  }

  it("50 follow-ups naming a file and an issue each: 5 requests (was 106); the same head again: 2 (was 105), nothing written", async () => {
    const seed = await sim.seedCheck({ repo: "check-50", items: 50 });
    const first = await operations(() => bench.receive("pull_request", seed.payload, "check-50-1"));
    expect(first).toEqual({
      "graphql checkProbe": 1, // config (+ the owner's .github), the head's config blob, files, the existing run
      "checks/create": 1, // in progress
      "graphql filesAndComments": 1, // the postmortem at the head commit
      "graphql evidence": 1, // 50 paths and 50 issues, one alias each
      "checks/update": 1, // completed, with the annotations
    });
    const again = await operations(() =>
      bench.receive("pull_request", { ...seed.payload, action: "reopened" }, "check-50-2"),
    );
    expect(again).toEqual({ "graphql checkProbe": 1, "graphql evidence": 1 });
    expect(await sim.checkRuns(seed.owner, seed.repo, seed.headSha)).toMatchObject([
      { app: "my-app", status: "completed", conclusion: "success", annotations: 0 },
    ]);
  });
});

describe("requests the weekly sweep makes per repository", () => {
  let sim: Remote<SimHost>;
  beforeAll(async () => {
    sim = await inProcessSimulator(0);
  });
  afterAll(() => sim.close());

  async function sweep(now = new Date()): Promise<Record<string, number>> {
    const bench = await createBenchProbot(await sim.url(), { pacing: false });
    const source = createAppSweepSource(bench.probot, { now: () => now });
    const mark = await sim.mark();
    const summary = await sweepAll(source);
    expect(summary.errors).toBe(0);
    const counts = await sim.counts(mark);
    expect(counts.violations).toEqual([]);
    // The bot login comes from the app's slug in the installation listing: no GET /app.
    expect(counts.byOperation["apps/get-authenticated"]).toBeUndefined();
    expect(counts.byOperation["apps/list-installations"]).toBe(1);
    return Object.fromEntries(Object.entries(counts.byOperation).filter(([op]) => !op.startsWith("apps/")));
  }

  it("reads every postmortem in one request and every postmortem pull request's comments in one", async () => {
    await sim.seedSweep({ owner: "sweep-org", repos: 2, postmortems: 3, items: 10 });
    expect(await sweep()).toEqual({
      "graphql repositoryProbe": 2, // config, tracked issues, assignable users, the postmortem directories
      "graphql filesAndComments": 2, // 3 postmortems and 3 pull requests' comments each
      "issues/create-comment": 6, // this week's report, one per postmortem
    });
    const again = await sweep();
    expect(again["issues/create-comment"]).toBeUndefined();
    expect(again).toEqual({ "graphql repositoryProbe": 2, "graphql filesAndComments": 2 });
  });

  it("reminders due cost their writes only: the same reads, one update and one comment per reminder", async () => {
    // 13 days after the merge the 5 short-term follow-ups of each postmortem are due tomorrow
    // (due_days.short_term: 14): 15 reminders per repository, in a new week (so new reports too).
    const later = new Date(Date.now() + 13 * 24 * 60 * 60 * 1000);
    expect(await sweep(later)).toEqual({
      "graphql repositoryProbe": 2, // the same reads as any sweep: the record is in the probed issue bodies
      "graphql filesAndComments": 2,
      "issues/update": 30, // the step recorded and the "due soon" label, one update per reminder
      "issues/create-comment": 36, // 30 reminders + this new week's 6 reports
      "issues/create-label": 2, // "due soon", once per repository (no listing)
    });
    // Again that day (a restart, a second replica): reads only.
    expect(await sweep(later)).toEqual({ "graphql repositoryProbe": 2, "graphql filesAndComments": 2 });
  });
});

describe("a sweep of one repository (--repo)", () => {
  let sim: Remote<SimHost>;
  beforeAll(async () => {
    sim = await inProcessSimulator(0);
  });
  afterAll(() => sim.close());

  it("takes the bot login from the repository's installation (no GET /app)", async () => {
    const { repos } = await sim.seedSweep({ owner: "one-org", repos: 1, postmortems: 1, items: 2 });
    const bench = await createBenchProbot(await sim.url(), { pacing: false });
    const source = createAppSweepSource(bench.probot, { now: () => new Date() });
    const mark = await sim.mark();
    const target = await source.target(repos[0]!);
    expect(target).not.toBeNull();
    const summary = await sweepTargets(source, [target!]);
    expect(summary.errors).toBe(0);
    expect(summary.reportsPosted).toBe(1);
    const counts = await sim.counts(mark);
    expect(counts.violations).toEqual([]);
    expect(counts.byOperation["apps/get-authenticated"]).toBeUndefined();
    expect(counts.byOperation["apps/get-repo-installation"]).toBe(1);
  });
});

describe("requests the weekly sweep makes for repositories without postmortems", () => {
  let sim: Remote<SimHost>;
  beforeAll(async () => {
    sim = await inProcessSimulator(0);
  });
  afterAll(() => sim.close());

  it("one request per repository: the probe finds no config, no tracked issue, no postmortem directory", async () => {
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
      // Each repository's own config and the owner's .github fallback are in the probe.
      "graphql repositoryProbe": 3,
    });
  });
});
