import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type EvidencePlan,
  type Lookup,
  lookupKey,
  planEvidence,
} from "../../src/domain/validation/resolve.js";
import { AppOctokit, type GitHubClient } from "../../src/github/client.js";
import { EvidenceResolver } from "../../src/github/evidence-resolver.js";
import { type SimRepo, type Simulator, startSimulator } from "../simulator/index.js";

/**
 * The check's evidence lookups, batched: paths, issues and commits as aliases of GraphQL queries
 * (100 a query), workflows and runs through REST, each distinct lookup asked once, with the same
 * answers (found, missing, forbidden) the one-request-per-lookup way gave.
 */
describe("EvidenceResolver.resolveBatch", () => {
  let sim: Simulator;
  let repo: SimRepo;
  let octokit: GitHubClient;
  let head: string;
  const ctx = () => ({
    owner: "octo-org",
    repo: "api",
    ref: head,
    githubHost: "github.com",
    serverUrl: "https://github.com",
  });

  beforeAll(async () => {
    sim = await startSimulator({ strict: true });
    const files: Record<string, string> = { ".github/workflows/ci.yml": "on: push\n" };
    for (let i = 0; i < 150; i++) files[`test/t${i}.test.ts`] = "x\n";
    repo = sim.seedRepo({ owner: "octo-org", name: "api", files });
    head = repo.branches.main!;
    for (let i = 0; i < 150; i++) sim.createIssue(repo, { title: `issue ${i + 1}` });
    const pr = sim.openPullRequest(repo, { title: "Fix retries", head: "fix", files: { "a.ts": "a\n" } });
    sim.mergePullRequest(repo, pr.number);
    octokit = new AppOctokit({
      baseUrl: sim.url,
      auth: sim.createInstallationToken(),
      throttle: { enabled: false },
      retry: { enabled: false },
    }) as unknown as GitHubClient;
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    sim.clearLog();
    sim.clearInjections();
  });

  const plans = (entries: string[]): EvidencePlan[] => entries.map((e) => planEvidence(e, ctx()));
  const ops = () => sim.requests.map((r) => (r.kind === "graphql" ? `graphql ${r.operation}` : r.operation));

  it("300 entries naming 150 paths and 150 issues, each twice over: 3 GraphQL requests, one answer per distinct lookup", async () => {
    const entries: string[] = [];
    for (let i = 0; i < 150; i++) entries.push(`test/t${i}.test.ts`, `#${i + 1}`, `test/t${i}.test.ts`);
    const resolver = new EvidenceResolver(octokit, "octo-org", "api");
    const results = await resolver.resolveBatch(plans(entries));
    expect(ops()).toEqual(["graphql evidence", "graphql evidence", "graphql evidence"]); // 300 aliases, 100 a query
    expect(results.size).toBe(300);
    expect(results.get(lookupKey({ kind: "content", ref: head, path: "test/t7.test.ts" }))).toEqual({
      status: "found",
    });
    expect(results.get(lookupKey({ kind: "issue", number: 8 }))).toEqual({
      status: "found",
      pullRequest: false,
      merged: false,
      state: "open",
      title: "issue 8",
      htmlUrl: "https://github.com/octo-org/api/issues/8",
    });
    expect(resolver.requests).toBe(300);
    expect(resolver.graphqlRequests).toBe(3);
    // Asked again (the same run): all cached.
    await resolver.resolveBatch(plans(entries));
    expect(sim.requests).toHaveLength(3);
    expect(sim.violations).toEqual([]);
  });

  it("maps answers as the REST lookups did: missing paths, issues and commits, a merged pull request, a workflow through REST", async () => {
    const resolver = new EvidenceResolver(octokit, "octo-org", "api");
    const merge = repo.branches.main!;
    // The state of issues and pull requests, in the same query (the effectiveness re-check's rule).
    Object.assign(repo.issues[10]!, {
      state: "closed",
      state_reason: "completed",
      closed_at: "2026-01-01T00:00:00Z",
    });
    const open = sim.openPullRequest(repo, { title: "Draft", head: "draft", files: { "b.ts": "b\n" } });
    const entries = [
      "test/none.test.ts",
      "#151",
      "#10",
      `#${open.number}`,
      "#9999",
      `https://github.com/octo-org/api/commit/${merge}`,
      `https://github.com/octo-org/api/commit/${"0".repeat(40)}`,
      "https://github.com/octo-org/api/actions/workflows/ci.yml",
      "https://github.com/octo-org/api/blob/main/test/t1.test.ts",
    ];
    const results = await resolver.resolveBatch(plans(entries));
    const at = (lookup: Lookup) => results.get(lookupKey(lookup));
    expect(at({ kind: "content", ref: head, path: "test/none.test.ts" })).toEqual({ status: "missing" });
    expect(at({ kind: "issue", number: 151 })).toMatchObject({
      status: "found",
      pullRequest: true,
      merged: true,
      state: "closed",
    });
    expect(at({ kind: "issue", number: 10 })).toMatchObject({ pullRequest: false, state: "closed" });
    expect(at({ kind: "issue", number: open.number })).toMatchObject({
      pullRequest: true,
      merged: false,
      state: "open",
    });
    expect(at({ kind: "issue", number: 9999 })).toEqual({ status: "missing" });
    expect(at({ kind: "commit", sha: merge })).toEqual({ status: "found" });
    expect(at({ kind: "commit", sha: "0".repeat(40) })).toEqual({ status: "missing" });
    expect(at({ kind: "workflow", file: "ci.yml" })).toEqual({ status: "found" });
    expect(at({ kind: "content", ref: "main", path: "test/t1.test.ts" })).toEqual({ status: "found" });
    expect(ops().sort()).toEqual(["actions/get-workflow", "graphql evidence"]);
    // A number over GraphQL's 32-bit Int names nothing, and is never sent (it would fail the query).
    const big = await resolver.resolveLookups([{ kind: "issue", number: 99_999_999_999 }]);
    expect([...big.values()]).toEqual([{ status: "missing" }]);
    expect(sim.requests).toHaveLength(2);
    expect(sim.violations).toEqual([]);
  });

  it("a query GitHub fails to answer throws (the check then fails: never a pass that checked nothing)", async () => {
    sim.inject({
      match: { operation: "evidence" },
      respond: { status: 502, body: { message: "Bad Gateway" } },
    });
    const resolver = new EvidenceResolver(octokit, "octo-org", "api");
    await expect(resolver.resolveBatch(plans(["test/t1.test.ts"]))).rejects.toThrow();
  });

  it("spends at most the lookup budget; the rest are skipped, first alternatives first", async () => {
    const resolver = new EvidenceResolver(octokit, "octo-org", "api", 5);
    const entries = Array.from({ length: 8 }, (_, i) => `#${i + 1}`);
    const results = await resolver.resolveBatch(plans(entries));
    expect([...results.values()].map((r) => r.status)).toEqual([
      "found",
      "found",
      "found",
      "found",
      "found",
      "skipped",
      "skipped",
      "skipped",
    ]);
    expect(ops()).toEqual(["graphql evidence"]);
  });
});
