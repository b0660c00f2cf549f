import { pino } from "pino";
import { Probot } from "probot";
import { afterAll, beforeAll, expect, it } from "vitest";
import { registerProgress } from "../../src/app/handlers/progress.js";
import { createRepoLock } from "../../src/infra/redis-lock.js";
import { TestOctokit } from "../helpers/octokit.js";
import { examplePayload, withRepository } from "../helpers/payloads.js";
import { testPrivateKey } from "../helpers/probot.js";
import { type Simulator, startSimulator } from "../simulator/index.js";

/**
 * Regression: the weekly progress handler (and the in-process scheduler's sweep, which reconciles
 * and creates missing issues) must serialise with the merge sync on the SAME per-repository lock.
 * With a lock of its own, an hourly sweep running during a merge's reconcile could plan "create"
 * for the same follow-up as the sync and duplicate it.
 */

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim.close();
});

it("the progress handler waits for the process's repository lock held by another run (sync)", async () => {
  const repo = sim.seedRepo({ owner: "octo-org", ownerType: "Organization", name: "shared-lock" });
  sim.addUser("alice");
  const probot = new Probot({
    appId: 1,
    privateKey: testPrivateKey(),
    baseUrl: sim.url,
    Octokit: TestOctokit,
    log: pino({ level: "silent" }),
  });
  await probot.load((app) => {
    registerProgress(app, { scheduler: false, identity: async () => "my-app[bot]" });
  });
  const issue = sim.createIssue(repo, { title: "postmortem PR", user: "alice" });
  const payload = withRepository(
    examplePayload("issue_comment", (p) => p.action === "created"),
    { owner: "octo-org", repo: "shared-lock", installationId: repo.installation_id! },
  );
  (payload.comment as Record<string, unknown>).body = "/followups status";
  (payload.issue as Record<string, unknown>).number = issue.number;
  delete (payload.issue as Record<string, unknown>).pull_request;
  (payload.sender as Record<string, unknown>).login = "alice";
  (payload.sender as Record<string, unknown>).type = "User";

  // Another run (the sync of a merge) holds the repository's lock.
  let release!: () => void;
  const held = createRepoLock().withLock(
    "octo-org/shared-lock",
    () => new Promise<void>((r) => (release = r)),
  );
  const handled = probot.receive({ id: "d1", name: "issue_comment", payload } as never);
  await new Promise((r) => setTimeout(r, 300));
  // The tracked issues come with the sweep's probe (or their own query when it fails).
  const readsTracked = () =>
    sim.requests.filter((r) => r.operation === "trackedIssues" || r.operation === "repositoryProbe").length;
  const trackedBefore = readsTracked();
  release();
  await held;
  await handled;
  const trackedAfter = readsTracked();
  expect(trackedBefore).toBe(0); // it waited for the lock
  expect(trackedAfter).toBeGreaterThan(0);
});
