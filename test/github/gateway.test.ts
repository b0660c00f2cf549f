import { describe, expect, it } from "vitest";
import { renderMarker } from "../../src/domain/markers/marker.js";
import { AppOctokit } from "../../src/github/client.js";
import { OctokitRepoGateway } from "../../src/github/gateway.js";
import {
  bodyOf,
  botLogin,
  calls,
  find,
  installationOctokit,
  issuesOf,
  mergedPull,
  openPull,
  seedPay,
  useSimulator,
} from "../helpers/simulated-github.js";
import { blobSha } from "../simulator/state.js";

const github = useSimulator();
const gateway = () => new OctokitRepoGateway(installationOctokit(github.sim), "acme", "pay");
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe("readFile", () => {
  it("decodes a file at a ref; null when absent or a directory", async () => {
    const repo = seedPay(github.sim, { files: { "postmortems/a.md": "hello" } });
    const ref = repo.branches.main!;
    const gw = gateway();
    const file = await gw.readFile("postmortems/a.md", { ref });
    expect(file?.kind === "file" && text(file.content)).toBe("hello");
    expect(await gw.readFile("postmortems/gone.md", { ref })).toBeNull();
    expect(await gw.readFile("postmortems")).toBeNull();
  });

  it("does not download a file over the size limit; fetches the blob of a file GitHub sends without content", async () => {
    // Over 1 MB: the contents API answers `encoding: "none"` and no content, as GitHub does.
    const big = `${"x".repeat(1024 * 1024)}\n`;
    seedPay(github.sim, { files: { "big.md": big } });
    const gw = gateway();
    expect(await gw.readFile("big.md", { maxBytes: 1024 * 1024 })).toEqual({
      kind: "too-large",
      path: "big.md",
      sha: blobSha(big),
      size: big.length,
    });
    expect(calls(github.sim.requests)).toEqual(["GET /repos/acme/pay/contents/big.md"]);
    const whole = await gw.readFile("big.md");
    expect(whole?.kind === "file" && text(whole.content)).toBe(big);
    expect(calls(github.sim.requests).slice(1)).toEqual([
      "GET /repos/acme/pay/contents/big.md",
      `GET /repos/acme/pay/git/blobs/${blobSha(big)}`,
    ]);
  });
});

describe("changed files", () => {
  it("pages through a pull request's files and keeps renames", async () => {
    const repo = seedPay(github.sim, {
      files: { "postmortems/old.md": "old\n", "postmortems/gone.md": "g\n" },
    });
    const files: Record<string, string | null> = {
      "postmortems/old.md": null,
      "postmortems/new.md": "old\n",
    };
    files["postmortems/gone.md"] = null;
    for (let i = 0; i < 100; i++) files[`src/f${String(i).padStart(3, "0")}.ts`] = `${i}\n`;
    openPull(github.sim, repo, 7, files);
    const got = await gateway().listPullFiles(7);
    expect(got).toHaveLength(102);
    expect(got.filter((f) => f.path.startsWith("postmortems/"))).toEqual([
      { path: "postmortems/gone.md", status: "removed" },
      { path: "postmortems/new.md", status: "renamed", previousPath: "postmortems/old.md" },
    ]);
    expect(calls(find(github.sim, "GET", /\/pulls\/7\/files$/))).toEqual([
      "GET /repos/acme/pay/pulls/7/files",
      "GET /repos/acme/pay/pulls/7/files",
    ]);
  });

  it("follows a Link header to /repositories/{id} and reads a `changed` status as modified", async () => {
    const repo = seedPay(github.sim);
    openPull(github.sim, repo, 7);
    // Rare shapes GitHub sends: Link URLs by repository id, and the status "changed".
    const page1 = Array.from({ length: 100 }, (_, i) => ({ filename: `src/f${i}.ts`, status: "modified" }));
    github.sim.inject({
      match: { operation: "pulls/list-files" },
      respond: {
        status: 200,
        body: page1,
        headers: {
          link: `<${github.sim.url}/repositories/${repo.id}/pulls/7/files?per_page=100&page=2>; rel="next"`,
        },
      },
    });
    github.sim.inject({
      match: { method: "GET", path: `/repositories/${repo.id}/pulls/7/files` },
      respond: {
        status: 200,
        body: [
          { filename: "postmortems/new.md", status: "renamed", previous_filename: "postmortems/old.md" },
          { filename: "postmortems/b.md", status: "changed" },
        ],
      },
    });
    const got = await gateway().listPullFiles(7);
    expect(got).toHaveLength(102);
    expect(got.slice(100)).toEqual([
      { path: "postmortems/new.md", status: "renamed", previousPath: "postmortems/old.md" },
      { path: "postmortems/b.md", status: "modified" },
    ]);
    expect(github.sim.requests.map((r) => `${r.path}${r.search}`)).toEqual([
      "/repos/acme/pay/pulls/7/files?per_page=100",
      `/repositories/${repo.id}/pulls/7/files?per_page=100&page=2`,
    ]);
  });

  it("finds the merged pull request of a merge commit", async () => {
    const repo = seedPay(github.sim);
    const open = openPull(github.sim, repo, 3);
    const { pr, commit } = mergedPull(github.sim, repo, 4);
    const gw = gateway();
    expect(await gw.findMergedPull(commit.sha)).toEqual({
      number: 4,
      url: "https://github.com/acme/pay/pull/4",
      mergedAt: pr.pull!.merged_at,
      mergeCommitSha: commit.sha,
      baseRef: "main",
    });
    expect(await gw.findMergedPull(open.pull!.head.sha)).toBeNull();
  });
});

describe("owners and labels", () => {
  it("tells an assignable owner, one without access and an unknown login apart", async () => {
    seedPay(github.sim, { collaborators: { alice: "write" } });
    github.sim.addUser("carol");
    const gw = gateway();
    expect(await gw.checkAssignable("alice")).toEqual({ ok: true });
    expect(await gw.checkAssignable("carol")).toEqual({ ok: false, reason: "no-access" });
    expect(await gw.checkAssignable("ghost")).toEqual({ ok: false, reason: "unknown-login" });
    expect(calls(github.sim.requests)).toEqual([
      "GET /repos/acme/pay/assignees/alice",
      "GET /repos/acme/pay/assignees/carol",
      "GET /users/carol",
      "GET /repos/acme/pay/assignees/ghost",
      "GET /users/ghost",
    ]);
  });

  it("creates a label with colour and description; a label created meanwhile is fine", async () => {
    const repo = seedPay(github.sim);
    const gw = gateway();
    const spec = { name: "term: short-term", color: "d93f0b", description: "Short-term mitigation" };
    expect(await gw.createLabel(spec)).toBe("created");
    expect(await gw.createLabel(spec)).toBe("exists");
    expect(find(github.sim, "POST", "/repos/acme/pay/labels").map((r) => r.body)).toEqual([spec, spec]);
    expect(repo.labels.filter((l) => l.name === spec.name)).toMatchObject([spec]);
  });
});

describe("writes", () => {
  it("never lets the retry plugin repeat an issue create (the write may have taken effect)", async () => {
    const repo = seedPay(github.sim);
    const existing = github.sim.createIssue(repo, { title: "old" });
    // The production Octokit, retries ON (fast), throttling off.
    const Retrying = AppOctokit.defaults((o: Record<string, unknown>) => ({
      ...o,
      retry: { retryAfterBaseValue: 1 },
      throttle: { enabled: false },
    }));
    const octokit = new Retrying({ baseUrl: github.sim.url, auth: github.sim.createInstallationToken() });
    const gw = new OctokitRepoGateway(octokit, "acme", "pay");
    github.sim.inject({
      match: { operation: "issues/create" },
      respond: { status: 502, body: { message: "Bad Gateway" } },
    });
    await expect(gw.createIssue({ title: "t", body: "b", labels: [], assignees: [] })).rejects.toMatchObject({
      status: 502,
    });
    expect(find(github.sim, "POST", "/repos/acme/pay/issues")).toHaveLength(1); // never retried
    expect(issuesOf(repo).map((i) => i.title)).toEqual(["old"]);

    // Idempotent writes keep the plugin's retries.
    github.sim.inject({ match: { operation: "issues/update" }, respond: { status: 502, body: {} } });
    await gw.updateIssue(existing.number, { title: "x" });
    expect(find(github.sim, "PATCH", `/repos/acme/pay/issues/${existing.number}`)).toHaveLength(2);
    expect(repo.issues[existing.number]!.title).toBe("x");
  });

  it("finds the app's own marked comment, ignoring a person's copy", async () => {
    const repo = seedPay(github.sim);
    const pr = openPull(github.sim, repo, 7);
    const marker = renderMarker("summary", { pr: 7 });
    github.sim.addComment(repo, pr.number, `${marker}\nforged`, "mallory");
    github.sim.addComment(repo, pr.number, "hello", botLogin(github.sim));
    const mine = github.sim.addComment(repo, pr.number, `${marker}\nmine`, botLogin(github.sim));
    const found = await gateway().findMarkedComment<{ pr: number }>(7, "summary", botLogin(github.sim));
    expect(found?.comment.id).toBe(mine.id);
    expect(found?.data).toEqual({ pr: 7 });
  });

  it("sends a milestone's due date at midday UTC and reads it back as a date", async () => {
    const repo = seedPay(github.sim);
    const m = await gateway().createMilestone({ title: "M", dueOn: "2026-04-01", description: "d" });
    expect(bodyOf(find(github.sim, "POST", "/repos/acme/pay/milestones")[0])).toEqual({
      title: "M",
      due_on: "2026-04-01T12:00:00Z",
      description: "d",
    });
    expect(m).toEqual({ number: expect.any(Number), title: "M", dueOn: "2026-04-01", state: "open" });
    expect(repo.milestones.map((x) => x.number)).toEqual([m.number]);
  });
});
