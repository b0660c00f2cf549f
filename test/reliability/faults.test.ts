import { describe, expect, it } from "vitest";
import { type ServerOnSimulator, useServerOnSimulator } from "../e2e/fixture.js";
import {
  type AppProcess,
  appComments,
  expectedKeys,
  followupIssues,
  mergePullRequest,
  openPerKey,
  postmortem,
  runSweepCli,
  seedRepo,
  startApp,
  type Trap,
  waitForQuiet,
} from "../e2e/harness.js";
import { faults, type Injection, type InjectSpec, type SimRepo, type Simulator } from "../simulator/index.js";
import { recordFigures } from "./figures.js";

/**
 * Faults against the real server on the simulator: 5xx and connection resets on reads and
 * writes, secondary rate limits, a 5xx after the write took effect, a file gone at read time, and
 * the process killed midway followed by a redelivery or a sweep. In every case the end state is
 * exactly one open issue per follow-up.
 */

const PATH = "postmortems/2026-03-12-payments.md";
const N = 3; // short-term follow-ups, plus one long-term

let sim: Simulator;
let app: AppProcess;
let trap: Trap;
let env: ServerOnSimulator;
useServerOnSimulator(
  (started) => {
    env = started;
    ({ sim, app, trap } = started);
  },
  // Tests here kill the server; each leaves no fault behind for the next.
  { checks: { running: false, before: ({ sim }) => sim.clearInjections() } },
);

/** Start the server again after a kill (the fixture checks and stops the new one). */
async function restartApp(): Promise<void> {
  app = env.app = await startApp(sim, { trap });
}

/** Restrict a REST fault to one repository's paths. */
function inRepo(repo: SimRepo, rest: string): RegExp {
  return new RegExp(`^/repos/${repo.owner}/${repo.name}${rest}`);
}

interface Outcome {
  deliveries: number;
  injections: Injection[];
  repo: SimRepo;
  prNumber: number;
}

function figures(name: string, o: Outcome, killed = 0): void {
  const count = followupIssues(sim, o.repo);
  recordFigures(name, {
    deliveries: o.deliveries,
    faultsInjected: o.injections.reduce((n, i) => n + i.fired, 0),
    issuesExpected: N + 1,
    issuesFound: count.total,
    openFound: Object.values(openPerKey(sim, o.repo)).reduce((a, b) => a + b, 0),
    duplicates: count.duplicates,
    processesKilled: killed,
    crashes: app.running ? 0 : 1,
  });
}

/** Merge, inject, deliver `pull_request.closed` (and redeliver `redeliveries` times after clearing the faults). */
async function scenario(
  label: string,
  faultsFor: (repo: SimRepo) => InjectSpec[],
  options: { redeliveries?: number; alsoPush?: boolean } = {},
): Promise<Outcome> {
  const repo = seedRepo(sim, label);
  const merge = mergePullRequest(sim, repo, { [PATH]: postmortem(N) });
  const injections = faultsFor(repo).map((spec) => sim.inject(spec));
  const id = crypto.randomUUID();
  let deliveries = 0;
  const first = options.alsoPush
    ? await Promise.all([app.deliver("pull_request", merge.closed, { id }), app.deliver("push", merge.push)])
    : [await app.deliver("pull_request", merge.closed, { id })];
  deliveries += first.length;
  await waitForQuiet(sim);
  for (const i of injections) i.remove();
  for (let r = 0; r < (options.redeliveries ?? 0); r++) {
    await app.deliver("pull_request", merge.closed, { id });
    deliveries++;
    await waitForQuiet(sim);
  }
  return { deliveries, injections, repo, prNumber: merge.pr.number };
}

function expectExactlyOne(o: Outcome): void {
  expect(openPerKey(sim, o.repo)).toEqual(expectedKeys(PATH, N));
  expect(followupIssues(sim, o.repo).total).toBe(N + 1);
  expect(app.running).toBe(true);
}

describe("server errors and connection resets", () => {
  it.each([500, 502, 503])(
    "%i on reads (the merge probe, the postmortem file): retried, done in one delivery",
    async (status) => {
      const o = await scenario(`read-${status}`, (repo) => [
        { match: { operation: "mergeProbe", times: 2 }, respond: faults.serverError(status) },
        { match: { path: inRepo(repo, "/contents/"), times: 1 }, respond: faults.serverError(status) },
      ]);
      expect(o.injections.every((i) => i.fired > 0)).toBe(true);
      expectExactlyOne(o);
      expect(appComments(sim, o.repo, o.prNumber)).toHaveLength(1);
      figures(`${status} on reads`, o);
    },
  );

  it("the merge probe failing every time: each part read on its own, exactly one issue per follow-up", async () => {
    const o = await scenario(
      "probe-down",
      () => [{ match: { operation: "mergeProbe", times: Infinity }, respond: faults.serverError(502) }],
      { redeliveries: 1, alsoPush: true },
    );
    expect(o.injections[0]!.fired).toBeGreaterThan(0);
    expectExactlyOne(o);
    expect(appComments(sim, o.repo, o.prNumber)).toHaveLength(1);
    figures("merge probe down (502 every time) + push + 1 redelivery", o);
  });

  it("connection resets on reads: retried, done in one delivery", async () => {
    const o = await scenario("read-reset", (repo) => [
      { match: { path: inRepo(repo, "/contents/"), times: 1 }, respond: "reset" },
      { match: { operation: "mergeProbe", times: 1 }, respond: "reset" },
    ]);
    expect(o.injections.every((i) => i.fired > 0)).toBe(true);
    expectExactlyOne(o);
    figures("connection resets on reads", o);
  });

  it.each([500, 502, 503])(
    "%i on issue creation (nothing written): re-read, created once",
    async (status) => {
      const o = await scenario(`write-${status}`, (repo) => [
        {
          match: { path: inRepo(repo, "/issues$"), method: "POST", times: 1 },
          respond: faults.serverError(status),
        },
      ]);
      expect(o.injections[0]!.fired).toBe(1);
      expectExactlyOne(o);
      figures(`${status} on issue creation (no effect)`, o);
    },
  );

  it("502 on a create and on its retry: that item is reported failed, a redelivery completes it", async () => {
    const o = await scenario(
      "write-502-twice",
      (repo) => [
        {
          match: { path: inRepo(repo, "/issues$"), method: "POST", times: 2 },
          respond: faults.serverError(502),
        },
      ],
      { redeliveries: 1 },
    );
    expect(o.injections[0]!.fired).toBe(2);
    expectExactlyOne(o);
    figures("502 on a create and its retry, then a redelivery", o);
  });

  it("connection reset on writes (issue update, label creation, comment): done after one redelivery", async () => {
    const o = await scenario(
      "write-reset",
      (repo) => [
        // The labels' mutation: reset (retried, or created one by one).
        { match: { operation: "createLabels", times: 1 }, respond: "reset" },
        { match: { path: inRepo(repo, "/issues$"), method: "POST", nth: 2 }, respond: "reset" },
        {
          match: { path: inRepo(repo, "/issues/\\d+/comments$"), method: "POST", times: 1 },
          respond: "reset",
        },
      ],
      { redeliveries: 1 },
    );
    expect(o.injections.every((i) => i.fired === 1)).toBe(true);
    expectExactlyOne(o);
    expect(appComments(sim, o.repo, o.prNumber)).toHaveLength(1);
    figures("connection resets on writes + 1 redelivery", o);
  });
});

describe("a write that took effect although the client saw an error", () => {
  it.each([
    ["502 after the write", { status: 502, afterWrite: true, body: { message: "Server Error" } }],
    ["connection reset after the write", "reset-after-write"],
  ] as const)("issue creation, %s: the re-read finds it, exactly one issue", async (label, respond) => {
    const o = await scenario(`after-write-${label.split(" ")[0]}`, (repo) => [
      { match: { path: inRepo(repo, "/issues$"), method: "POST", times: N + 1 }, respond },
    ]);
    expect(o.injections[0]!.fired).toBe(N + 1); // every create "failed" for the client
    expectExactlyOne(o);
    figures(`issue creation: ${label}`, o);
  });

  it("the summary comment, 502 after the write, then a redelivery: one summary comment", async () => {
    const o = await scenario(
      "after-write-summary",
      (repo) => [
        {
          match: { path: inRepo(repo, "/issues/\\d+/comments$"), method: "POST", times: 1 },
          respond: { status: 502, afterWrite: true, body: { message: "Server Error" } },
        },
      ],
      { redeliveries: 1 },
    );
    expectExactlyOne(o);
    expect(appComments(sim, o.repo, o.prNumber)).toHaveLength(1);
    figures("summary comment: 502 after the write + 1 redelivery", o);
  });

  it("both events of a squash merge while every issue creation answers 502 after writing", async () => {
    const o = await scenario(
      "after-write-squash",
      (repo) => [
        {
          match: { path: inRepo(repo, "/issues$"), method: "POST", times: Infinity },
          respond: { status: 502, afterWrite: true, body: { message: "Server Error" } },
        },
      ],
      { alsoPush: true },
    );
    expectExactlyOne(o);
    figures("squash merge (2 events) with every create answering 502 after writing", o);
  });
});

describe("secondary rate limits", () => {
  it("403 with retry-after on writes and 429 on GraphQL: waited out, done in one delivery", async () => {
    const o = await scenario("secondary", (repo) => [
      {
        match: { path: inRepo(repo, "/issues$"), method: "POST", times: 1 },
        respond: faults.secondaryRateLimit(1),
      },
      { match: { operation: "mergeProbe", times: 1 }, respond: faults.tooManyRequests(1) },
      { match: { operation: "createLabels", times: 1 }, respond: faults.tooManyRequests(1) },
    ]);
    expect(o.injections.every((i) => i.fired === 1)).toBe(true);
    expectExactlyOne(o);
    expect(appComments(sim, o.repo, o.prNumber)).toHaveLength(1);
    figures("secondary rate limits (403 + 429, retry-after 1 s)", o);
  });
});

describe("a file gone at read time", () => {
  it("the postmortem answers 404 at the merge commit: nothing created, no crash; a redelivery later creates all", async () => {
    const repo = seedRepo(sim, "gone");
    const merge = mergePullRequest(sim, repo, { [PATH]: postmortem(N) });
    const gone = sim.inject({
      match: { path: inRepo(repo, "/contents/.*postmortems"), times: Infinity },
      respond: { status: 404, body: { message: "Not Found" } },
    });
    expect((await app.deliver("pull_request", merge.closed)).status).toBe(200);
    await waitForQuiet(sim);
    expect(followupIssues(sim, repo).total).toBe(0);
    gone.remove();
    expect((await app.deliver("pull_request", merge.closed)).status).toBe(200);
    await waitForQuiet(sim);
    const o = { deliveries: 2, injections: [gone], repo, prNumber: merge.pr.number };
    expectExactlyOne(o);
    figures("file 404 at read time, then a redelivery", o);
  });

  it("the postmortem deleted by the next merge: its issues are closed as not planned", async () => {
    const repo = seedRepo(sim, "deleted");
    const added = mergePullRequest(sim, repo, { [PATH]: postmortem(N) });
    const removed = mergePullRequest(sim, repo, { [PATH]: null });
    expect((await app.deliver("pull_request", added.closed)).status).toBe(200);
    expect((await app.deliver("pull_request", removed.closed)).status).toBe(200);
    await waitForQuiet(sim);
    const issues = [...followupIssues(sim, repo).byKey.values()].flat();
    expect(issues).toHaveLength(N + 1);
    expect(issues.every((i) => i.state === "closed" && i.state_reason === "not_planned")).toBe(true);
  });
});

describe("the process stopped midway", () => {
  /** Deliver, and kill the server while its (k+1)th issue creation hangs. */
  async function killAfter(k: number, label: string) {
    const repo = seedRepo(sim, label);
    const merge = mergePullRequest(sim, repo, { [PATH]: postmortem(N) });
    const hang = sim.inject({
      match: { path: inRepo(repo, "/issues$"), method: "POST", nth: k + 1 },
      respond: "reset",
      delayMs: 10_000,
    });
    const id = crypto.randomUUID();
    const pending = app.deliver("pull_request", merge.closed, { id }).catch(() => ({ status: 0, text: "" }));
    const deadline = Date.now() + 15_000;
    while (hang.matched < k + 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(hang.matched).toBe(k + 1);
    await app.kill();
    await pending;
    hang.remove();
    expect(followupIssues(sim, repo).total).toBe(k);
    return { repo, merge, id, hang };
  }

  it("killed after 2 issue writes, restarted, the same delivery redelivered: nothing lost, nothing twice", async () => {
    const { repo, merge, id, hang } = await killAfter(2, "kill-redeliver");
    await restartApp();
    expect((await app.deliver("pull_request", merge.closed, { id })).status).toBe(200);
    await waitForQuiet(sim);
    const o = { deliveries: 2, injections: [hang], repo, prNumber: merge.pr.number };
    expectExactlyOne(o);
    expect(appComments(sim, repo, merge.pr.number)).toHaveLength(1);
    figures("process killed after 2 creates, then a redelivery", o, 1);
  });

  it("killed after 1 issue write, no redelivery: the sweep recreates what is missing", async () => {
    const { repo, merge, hang } = await killAfter(1, "kill-sweep");
    await restartApp();
    const sweep = await runSweepCli(sim, ["--repo", repo.full_name], { trap });
    expect(sweep.stderr).not.toMatch(/error/i);
    expect(sweep.code).toBe(0);
    await waitForQuiet(sim);
    const o = { deliveries: 1, injections: [hang], repo, prNumber: merge.pr.number };
    expectExactlyOne(o);
    figures("process killed after 1 create, then the sweep", o, 1);
  });

  it("every write reset (a dying node), then a redelivery: one issue per follow-up", async () => {
    const o = await scenario(
      "reset-all",
      (repo) => [
        { match: { path: inRepo(repo, "/"), method: "POST", times: Infinity }, respond: "reset" },
        { match: { path: inRepo(repo, "/"), method: "PATCH", times: Infinity }, respond: "reset" },
      ],
      { redeliveries: 1 },
    );
    expectExactlyOne(o);
    expect(appComments(sim, o.repo, o.prNumber)).toHaveLength(1);
    figures("every write reset, then a redelivery", o);
  });
});
