import { describe, expect, it } from "vitest";
import { recordFigures } from "../reliability/figures.js";
import type { Simulator } from "../simulator/index.js";
import { useServerOnSimulator } from "./fixture.js";
import {
  type AppProcess,
  appComments,
  expectedKeys,
  followupIssues,
  mergePullRequest,
  openPerKey,
  postmortem,
  seedRepo,
  waitForQuiet,
} from "./harness.js";

/**
 * The real server (`node lib/app/server.js`) on the simulator: signed webhooks over HTTP, redelivery
 * and concurrency. "Exactly one issue per follow-up" is counted on the simulator's state.
 */

const PATH = "postmortems/2026-03-12-payments.md";

let sim: Simulator;
let app: AppProcess;
useServerOnSimulator((env) => {
  ({ sim, app } = env);
});

describe("merge of a postmortem", () => {
  it("creates one labelled, assigned issue per follow-up and one summary comment on the pull request", async () => {
    const repo = seedRepo(sim, "merge");
    const merge = mergePullRequest(sim, repo, { [PATH]: postmortem(2) });
    const delivery = await app.deliver("pull_request", merge.closed);
    expect(delivery.status).toBe(200);
    await waitForQuiet(sim);

    expect(openPerKey(sim, repo)).toEqual(expectedKeys(PATH, 2));
    const issues = [...followupIssues(sim, repo).byKey.values()].flat();
    const a1 = issues.find((i) => i.title === "Short-term fix 1")!;
    expect(a1.assignees).toEqual(["alice"]);
    expect(a1.labels).toEqual(expect.arrayContaining(["postmortem-followup", "term: short-term"]));
    const tracking = repo.labels.find((l) => l.name === "postmortem-followup");
    expect(tracking?.color).toMatch(/^[0-9a-f]{6}$/);
    expect(tracking?.color).not.toBe("ededed"); // created by the app with its colour, not on the fly
    expect(appComments(sim, repo, merge.pr.number)).toHaveLength(1);
  });

  it("a pull request closed without merging, and a push elsewhere, change nothing", async () => {
    const repo = seedRepo(sim, "unmerged");
    const merge = mergePullRequest(sim, repo, { [PATH]: postmortem(1) });
    const before = sim.requests.length;
    const unmerged = structuredClone(merge.closed);
    (unmerged.pull_request as Record<string, unknown>).merged = false;
    (unmerged.pull_request as Record<string, unknown>).merged_at = null;
    const branch = structuredClone(merge.push);
    branch.ref = "refs/heads/feature";
    expect((await app.deliver("pull_request", unmerged)).status).toBe(200);
    expect((await app.deliver("push", branch)).status).toBe(200);
    await waitForQuiet(sim);
    expect(followupIssues(sim, repo).total).toBe(0);
    // No write at all (the app may have read its own identity once).
    expect(sim.requests.slice(before).filter((r) => r.access === "write")).toEqual([]);
  });
});

describe("redelivery and concurrency", () => {
  const N = 3; // short-term follow-ups (+ 1 long-term)

  it("the same delivery three times in a row: one issue per follow-up, one summary", async () => {
    const repo = seedRepo(sim, "redeliver-seq");
    const merge = mergePullRequest(sim, repo, { [PATH]: postmortem(N) });
    const id = crypto.randomUUID();
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await app.deliver("pull_request", merge.closed, { id })).status);
    await waitForQuiet(sim);
    expect(statuses).toEqual([200, 200, 200]);
    expect(openPerKey(sim, repo)).toEqual(expectedKeys(PATH, N));
    expect(appComments(sim, repo, merge.pr.number)).toHaveLength(1);
    const count = followupIssues(sim, repo);
    recordFigures("redelivery: same delivery 3x in a row", {
      deliveries: 3,
      faultsInjected: 0,
      issuesExpected: N + 1,
      issuesFound: count.total,
      duplicates: count.duplicates,
      crashes: app.running ? 0 : 1,
    });
  });

  it("the same delivery three times at once: one issue per follow-up, one summary", async () => {
    const repo = seedRepo(sim, "redeliver-par");
    const merge = mergePullRequest(sim, repo, { [PATH]: postmortem(N) });
    const id = crypto.randomUUID();
    const results = await Promise.all([1, 2, 3].map(() => app.deliver("pull_request", merge.closed, { id })));
    await waitForQuiet(sim);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(openPerKey(sim, repo)).toEqual(expectedKeys(PATH, N));
    expect(appComments(sim, repo, merge.pr.number)).toHaveLength(1);
    const count = followupIssues(sim, repo);
    recordFigures("redelivery: same delivery 3x at once", {
      deliveries: 3,
      faultsInjected: 0,
      issuesExpected: N + 1,
      issuesFound: count.total,
      duplicates: count.duplicates,
      crashes: app.running ? 0 : 1,
    });
  });

  it("pull_request.closed and push of one squash merge at once: one set of issues", async () => {
    const repo = seedRepo(sim, "squash");
    const merge = mergePullRequest(sim, repo, { [PATH]: postmortem(N) }, { method: "squash" });
    const results = await Promise.all([
      app.deliver("pull_request", merge.closed),
      app.deliver("push", merge.push),
    ]);
    await waitForQuiet(sim);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect(openPerKey(sim, repo)).toEqual(expectedKeys(PATH, N));
    expect(appComments(sim, repo, merge.pr.number)).toHaveLength(1);
    const count = followupIssues(sim, repo);
    recordFigures("squash merge: pull_request.closed + push at once", {
      deliveries: 2,
      faultsInjected: 0,
      issuesExpected: N + 1,
      issuesFound: count.total,
      duplicates: count.duplicates,
      crashes: app.running ? 0 : 1,
    });
  });

  it("load: 6 repositories, both events of each merge, each delivered 3 times, all at once", async () => {
    const repos = Array.from({ length: 6 }, (_, i) => seedRepo(sim, `load${i}`));
    const merges = repos.map((repo) => mergePullRequest(sim, repo, { [PATH]: postmortem(N) }));
    const deliveries = merges.flatMap((m) => {
      const closedId = crypto.randomUUID();
      const pushId = crypto.randomUUID();
      return [1, 2, 3].flatMap(() => [
        () => app.deliver("pull_request", m.closed, { id: closedId }),
        () => app.deliver("push", m.push, { id: pushId }),
      ]);
    });
    const results = await Promise.all(deliveries.map((d) => d()));
    await waitForQuiet(sim);
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
    recordFigures("load: 6 repos x (closed + push) x 3, all at once", {
      deliveries: deliveries.length,
      faultsInjected: 0,
      issuesExpected: repos.length * (N + 1),
      issuesFound: found,
      duplicates,
      crashes: app.running ? 0 : 1,
    });
  });

  it("a later merge that changes one item and removes another: update and close, no new issue", async () => {
    const repo = seedRepo(sim, "change");
    const initial = mergePullRequest(sim, repo, { [PATH]: postmortem(2, { title: "Payments outage" }) });
    expect((await app.deliver("pull_request", initial.closed)).status).toBe(200);
    const numbers = new Map([...followupIssues(sim, repo).byKey].map(([k, v]) => [k, v[0]!.number]));
    const changed = postmortem(1, { title: "Payments outage" }).replace("Short-term fix 1", "Renamed fix");
    const second = mergePullRequest(sim, repo, { [PATH]: changed });
    expect((await app.deliver("pull_request", second.closed)).status).toBe(200);
    await waitForQuiet(sim);
    const after = followupIssues(sim, repo);
    expect(after.total).toBe(3);
    const a1 = after.byKey.get(`${PATH}#a1`)!;
    expect(a1.map((i) => i.number)).toEqual([numbers.get(`${PATH}#a1`)]);
    expect(a1[0]!.title).toBe("Renamed fix");
    const a2 = after.byKey.get(`${PATH}#a2`)![0]!;
    expect(a2.state).toBe("closed");
    expect(a2.state_reason).toBe("not_planned");
  });
});
