import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dryRunGateway, type RecordedWrite } from "../../src/github/dry-run.js";
import { openRepository, ownerConfigCache } from "../../src/github/repository.js";
import { TestOctokit } from "../helpers/octokit.js";
import { type Simulator, startSimulator } from "../simulator/index.js";

/**
 * The repository factory and its dry run, against the simulator: reads go through, writes of a
 * dry run are recorded (what the sweep prints as `would …`) and never reach GitHub.
 */

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ strict: true });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.reset();
  sim.seedRepo({ owner: "acme", name: "pay", files: { "postmortems/a.md": "# A\n" } });
});

function client() {
  return new TestOctokit({ baseUrl: sim.url, auth: sim.createInstallationToken() });
}

const writes = () => sim.requests.filter((r) => r.access === "write");
const issueTitles = () => Object.values(sim.state.repos["acme/pay"]!.issues).map((i) => i.title);

describe("openRepository", () => {
  it("without dryRun: the gateway writes to GitHub and records nothing", async () => {
    const repository = openRepository(client(), { owner: "acme", repo: "pay" });
    const created = await repository.gateway.createIssue({
      title: "Real",
      body: "b",
      labels: [],
      assignees: [],
    });
    expect(created.number).toBeGreaterThan(0);
    expect(issueTitles()).toEqual(["Real"]);
    expect(repository.writes).toEqual([]);
  });

  it("dryRun: reads go through, every write is recorded and answered locally, GitHub is unchanged", async () => {
    const repository = openRepository(client(), { owner: "acme", repo: "pay" }, { dryRun: true });
    const file = await repository.gateway.readFile("postmortems/a.md");
    expect(file?.kind).toBe("file");
    sim.clearLog();

    const created = await repository.gateway.createIssue({
      title: "Cap the cache TTL",
      body: "b",
      labels: ["postmortem-followup"],
      assignees: [],
    });
    await repository.gateway.updateIssue(3, { title: "t", state: "closed" });
    const comment = await repository.gateway.createComment(7, "report");
    await repository.gateway.updateComment(11, "edited");
    expect(await repository.gateway.createLabel({ name: "sev1", color: "ff0000", description: "" })).toBe(
      "created",
    );
    await repository.gateway.createMilestone({ title: "Payments", dueOn: "2026-03-19" });
    await repository.gateway.updateMilestone(2, { dueOn: null });

    expect(created).toEqual({ number: 0, url: "" });
    expect(comment).toEqual({ id: 0, body: "report", author: null, url: "" });
    expect(repository.writes).toEqual<RecordedWrite[]>([
      { method: "createIssue", operation: "create-issue", target: "Cap the cache TTL", fields: [] },
      { method: "updateIssue", operation: "update-issue", target: "#3", fields: ["title", "state"] },
      { method: "createComment", operation: "create-comment", target: "#7", fields: [] },
      { method: "updateComment", operation: "update-comment", target: "11", fields: [] },
      { method: "createLabel", operation: "create-label", target: "sev1", fields: [] },
      { method: "createMilestone", operation: "create-milestone", target: "Payments", fields: [] },
      { method: "updateMilestone", operation: "update-milestone", target: "2", fields: [] },
    ]);
    expect(sim.requests).toEqual([]);
    expect(issueTitles()).toEqual([]);
  });

  it("dryRun covers the sweep's reads too: the primed, cached gateway of forSweep records its writes", async () => {
    const repository = openRepository(client(), { owner: "acme", repo: "pay" }, { dryRun: true });
    const reads = await repository.forSweep("main");
    expect(reads.probed).toBe(true);
    expect((await reads.tree("main", ["postmortems/**/*.md"])).paths).toEqual(["postmortems/a.md"]);
    sim.clearLog();
    await reads.gateway.createIssue({ title: "X", body: "", labels: [], assignees: [] });
    expect(repository.writes.map((w) => [w.operation, w.target])).toEqual([["create-issue", "X"]]);
    expect(writes()).toEqual([]);
  });
});

describe("openRepository's ownerConfigs (one sweep, many repositories of one owner)", () => {
  const ownerReads = () =>
    sim.requests.filter((r) => r.method === "GET" && r.path.startsWith("/repos/acme/.github/contents/"));

  beforeEach(() => {
    sim.seedRepo({ owner: "acme", name: "web", files: { "postmortems/b.md": "# B\n" } });
    sim.seedRepo({
      owner: "acme",
      name: ".github",
      files: { ".github/postmortem-followups.yml": "language: ko\n" },
    });
    sim.clearLog();
  });

  it("a second repository of the same owner reads the owner's .github config from the cache: 1 request, not 2", async () => {
    const octokit = client();
    const ownerConfigs = ownerConfigCache();
    const configs = [];
    for (const repo of ["pay", "web"]) {
      const result = await openRepository(octokit, { owner: "acme", repo }, { ownerConfigs }).loadConfig();
      configs.push(result.ok ? result.config.language : result.problems);
    }
    expect(configs).toEqual(["ko", "ko"]);
    expect(ownerReads()).toHaveLength(1);
    // each repository's own file is still asked for (two 404s)
    expect(
      sim.requests.filter((r) => /^\/repos\/acme\/(pay|web)\/contents\//.test(r.path)).map((r) => r.status),
    ).toEqual([404, 404]);
  });

  it("without it, or in two runs, every repository reads the owner's file again", async () => {
    const octokit = client();
    for (const repo of ["pay", "web"]) await openRepository(octokit, { owner: "acme", repo }).loadConfig();
    expect(ownerReads()).toHaveLength(2);
    sim.clearLog();
    for (const repo of ["pay", "web"])
      await openRepository(
        client(),
        { owner: "acme", repo },
        { ownerConfigs: ownerConfigCache() },
      ).loadConfig();
    // two runs (each its cache and its clients) do not share
    expect(ownerReads()).toHaveLength(2);
  });

  it("remembers a 404 (no owner config) as well, and hooks an Octokit once however many repositories it opens", async () => {
    delete sim.state.repos["acme/.github"];
    const octokit = client();
    const ownerConfigs = ownerConfigCache();
    for (const repo of ["pay", "web", "pay", "web"])
      await openRepository(octokit, { owner: "acme", repo }, { ownerConfigs }).loadConfig();
    expect(ownerReads().map((r) => r.status)).toEqual([404]);
    expect(ownerConfigs.reads.size).toBe(1);
  });
});

describe("dryRunGateway", () => {
  it("treats a method it does not know as a write: recorded under its name, never called", async () => {
    const recorded: RecordedWrite[] = [];
    let called = false;
    const inner = {
      createLabels: async () => {
        called = true;
        return new Map();
      },
    } as never;
    const gateway = dryRunGateway(inner, recorded) as unknown as { createLabels(): Promise<unknown> };
    expect(await gateway.createLabels()).toBeUndefined();
    expect(called).toBe(false);
    expect(recorded).toEqual([
      { method: "createLabels", operation: "other", target: "createLabels", fields: [] },
    ]);
  });
});
