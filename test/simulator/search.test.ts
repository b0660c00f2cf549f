import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "./index.js";

describe("simulator: minimal issue search", () => {
  let sim: Simulator;
  let octokit: Octokit;
  beforeAll(async () => {
    sim = await startSimulator({ checkResponses: true });
    const repo = sim.seedRepo({ owner: "octo-org", name: "api" });
    sim.seedRepo({ owner: "octo-org", name: "web" });
    sim.createIssue(repo, { title: "Add an alert on read-only writes", labels: ["ops"] });
    sim.createIssue(repo, { title: "Rotate the keys", body: "alert nobody" });
    sim.createIssue("octo-org/web", { title: "Add an alert on read-only writes" });
    sim.openPullRequest(repo, { title: "Add an alert", head: "alert", files: { "a.txt": "a" } });
    octokit = new Octokit({ baseUrl: sim.url, auth: sim.createInstallationToken() });
  });
  afterAll(() => sim.close());

  const search = async (q: string) => (await octokit.rest.search.issuesAndPullRequests({ q })).data;

  it("filters by repository, kind, title phrase and label", async () => {
    const phrase = await search('repo:octo-org/api is:issue in:title "alert on read-only"');
    expect(phrase.items.map((i) => i.title)).toEqual(["Add an alert on read-only writes"]);
    expect(phrase.total_count).toBe(1);
    expect((await search("repo:octo-org/api alert")).items.map((i) => i.number)).toEqual([3, 2, 1]);
    expect((await search("repo:octo-org/api is:pr alert")).items.map((i) => i.number)).toEqual([3]);
    expect((await search("label:ops is:open")).items.map((i) => i.number)).toEqual([1]);
    expect((await search("alert in:title is:issue")).total_count).toBe(2);
    expect(sim.violations).toEqual([]);
    expect(sim.responseViolations).toEqual([]);
    expect(sim.stats().byOperation["search/issues-and-pull-requests"]).toBe(5);
  });
});
