import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AppProcess,
  appComments,
  expectedKeys,
  followupIssues,
  mergePullRequest,
  openPerKey,
  postmortem,
  seedRepo,
  startApp,
  startTrap,
  type Trap,
  waitForQuiet,
} from "../e2e/harness.js";
import { type Simulator, startSimulator } from "../simulator/index.js";
import { recordFigures } from "./figures.js";
import { REDIS_URL, redisAvailabilityTest } from "./redis-env.js";

/**
 * Several replicas: two server processes on one simulator, sharing a Redis (REDIS_URL), receive
 * the same deliveries at once (GitHub sends each delivery to one replica, but a redelivery or the
 * second event of a squash merge may land on the other). The per-repository lock in Redis keeps
 * them from both planning "create" for the same follow-up.
 */

const PATH = "postmortems/2026-03-12-payments.md";
const N = 3;
const REPOS = 4;

redisAvailabilityTest("replicas");

describe.skipIf(!REDIS_URL)("two replicas sharing Redis", () => {
  let sim: Simulator;
  let trap: Trap;
  let replicas: AppProcess[] = [];

  beforeAll(async () => {
    sim = await startSimulator();
    trap = await startTrap();
    const env = { REDIS_URL: REDIS_URL! };
    replicas = await Promise.all([
      startApp(sim, { trap, env, name: "replica-a" }),
      startApp(sim, { trap, env, name: "replica-b" }),
    ]);
  });
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await trap?.close();
    await sim?.close();
  });

  it("both events of each merge, each sent to both replicas at once: exactly one issue per follow-up", async () => {
    sim.setLatency(3); // widen the window between "read the issues" and "create"
    const repos = Array.from({ length: REPOS }, (_, i) => seedRepo(sim, `replicas${i}`));
    const merges = repos.map((repo) => mergePullRequest(sim, repo, { [PATH]: postmortem(N) }));
    const sends = merges.flatMap((m) => {
      const closedId = crypto.randomUUID();
      const pushId = crypto.randomUUID();
      return replicas.flatMap((replica) => [
        () => replica.deliver("pull_request", m.closed, { id: closedId }),
        () => replica.deliver("push", m.push, { id: pushId }),
      ]);
    });
    const results = await Promise.all(sends.map((send) => send()));
    await waitForQuiet(sim, { quietMs: 300 });
    sim.setLatency(0);

    expect(results.every((r) => r.status === 200 || r.status === 202)).toBe(true);
    let found = 0;
    let duplicates = 0;
    repos.forEach((repo, i) => {
      expect(openPerKey(sim, repo)).toEqual(expectedKeys(PATH, N));
      expect(appComments(sim, repo, merges[i]!.pr.number)).toHaveLength(1);
      const count = followupIssues(sim, repo);
      found += count.total;
      duplicates += count.duplicates;
    });
    expect(sim.violations).toEqual([]);
    expect(trap.requests).toEqual([]);
    expect(replicas.every((r) => r.running)).toBe(true);
    // Both replicas did work (the lock serialised them; it did not just route everything to one).
    const worked = replicas.map((r) => r.logs().filter((l) => l.msg === "reconciled").length);
    expect(worked.every((n) => n > 0)).toBe(true);
    recordFigures("replicas: 2 processes + Redis lock, 4 merges x 2 events x 2 replicas at once", {
      deliveries: sends.length,
      faultsInjected: 0,
      issuesExpected: REPOS * (N + 1),
      issuesFound: found,
      duplicates,
      crashes: replicas.filter((r) => !r.running).length,
      reconcilesReplicaA: worked[0],
      reconcilesReplicaB: worked[1],
    });
  });
});

describe("control: two replicas WITHOUT the shared lock", () => {
  let sim: Simulator;
  let replicas: AppProcess[] = [];

  beforeAll(async () => {
    sim = await startSimulator();
    replicas = await Promise.all([startApp(sim, { name: "lone-a" }), startApp(sim, { name: "lone-b" })]);
  });
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await sim?.close();
  });

  it("shows what the lock prevents (duplicates are counted, not asserted: the race is timing-dependent)", async () => {
    sim.setLatency(3);
    const repos = Array.from({ length: REPOS }, (_, i) => seedRepo(sim, `control${i}`));
    const merges = repos.map((repo) => mergePullRequest(sim, repo, { [PATH]: postmortem(N) }));
    const sends = merges.flatMap((m) =>
      replicas.flatMap((replica) => [
        () => replica.deliver("pull_request", m.closed),
        () => replica.deliver("push", m.push),
      ]),
    );
    await Promise.all(sends.map((send) => send()));
    await waitForQuiet(sim, { quietMs: 300 });
    sim.setLatency(0);
    let found = 0;
    let extra = 0;
    for (const repo of repos) {
      const count = followupIssues(sim, repo);
      found += count.total;
      extra += count.total - (N + 1);
    }
    recordFigures("control: 2 processes WITHOUT Redis, same deliveries", {
      deliveries: sends.length,
      faultsInjected: 0,
      issuesExpected: REPOS * (N + 1),
      issuesFound: found,
      duplicates: extra,
      crashes: replicas.filter((r) => !r.running).length,
    });
    expect(found).toBeGreaterThanOrEqual(REPOS * (N + 1));
  });
});
