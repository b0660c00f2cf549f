import nock from "nock";
import { describe, expect, it } from "vitest";
import { renderMarker } from "../../src/domain/markers/marker.js";
import { AppOctokit } from "../../src/github/client.js";
import { OctokitRepoGateway } from "../../src/github/gateway.js";
import { GITHUB_API, TestOctokit, useNock } from "../helpers/octokit.js";

useNock();

const gateway = () => new OctokitRepoGateway(new TestOctokit({ auth: "token" }), "acme", "pay");
const api = () => nock(GITHUB_API);

describe("readFile", () => {
  it("decodes a file at a ref; null when absent or a directory", async () => {
    api()
      .get("/repos/acme/pay/contents/postmortems%2Fa.md")
      .query({ ref: "abc" })
      .reply(200, {
        type: "file",
        path: "postmortems/a.md",
        sha: "s1",
        size: 5,
        encoding: "base64",
        content: "aGVsbG8=",
      })
      .get("/repos/acme/pay/contents/postmortems%2Fgone.md")
      .query({ ref: "abc" })
      .reply(404, { message: "Not Found" })
      .get("/repos/acme/pay/contents/postmortems")
      .reply(200, [{ type: "file", path: "postmortems/a.md" }]);
    const gw = gateway();
    const file = await gw.readFile("postmortems/a.md", { ref: "abc" });
    expect(file?.kind === "file" && new TextDecoder().decode(file.content)).toBe("hello");
    expect(await gw.readFile("postmortems/gone.md", { ref: "abc" })).toBeNull();
    expect(await gw.readFile("postmortems")).toBeNull();
  });

  it("does not download a file over the size limit; fetches the blob of a file GitHub sends without content", async () => {
    api()
      .get("/repos/acme/pay/contents/big.md")
      .reply(200, { type: "file", path: "big.md", sha: "s2", size: 5_000_000, encoding: "none", content: "" })
      .get("/repos/acme/pay/contents/mid.md")
      .reply(200, { type: "file", path: "mid.md", sha: "s3", size: 2, encoding: "none", content: "" })
      .get("/repos/acme/pay/git/blobs/s3")
      .reply(200, { content: "aGk=", encoding: "base64" });
    const gw = gateway();
    expect(await gw.readFile("big.md", { maxBytes: 1024 * 1024 })).toEqual({
      kind: "too-large",
      path: "big.md",
      sha: "s2",
      size: 5_000_000,
    });
    const mid = await gw.readFile("mid.md");
    expect(mid?.kind === "file" && new TextDecoder().decode(mid.content)).toBe("hi");
  });
});

describe("changed files", () => {
  it("pages through a pull request's files and keeps renames", async () => {
    const page1 = Array.from({ length: 100 }, (_, i) => ({ filename: `src/f${i}.ts`, status: "modified" }));
    api()
      .get("/repos/acme/pay/pulls/7/files")
      .query({ per_page: 100 })
      .reply(200, page1, {
        link: `<${GITHUB_API}/repositories/1/pulls/7/files?per_page=100&page=2>; rel="next"`,
      })
      .get("/repositories/1/pulls/7/files")
      .query({ per_page: 100, page: 2 })
      .reply(200, [
        { filename: "postmortems/new.md", status: "renamed", previous_filename: "postmortems/old.md" },
        { filename: "postmortems/gone.md", status: "removed" },
        { filename: "postmortems/b.md", status: "changed" },
      ]);
    const files = await gateway().listPullFiles(7);
    expect(files).toHaveLength(103);
    expect(files.slice(100)).toEqual([
      { path: "postmortems/new.md", status: "renamed", previousPath: "postmortems/old.md" },
      { path: "postmortems/gone.md", status: "removed" },
      { path: "postmortems/b.md", status: "modified" },
    ]);
  });

  it("finds the merged pull request of a merge commit", async () => {
    api()
      .get("/repos/acme/pay/commits/abc/pulls")
      .reply(200, [
        { number: 3, html_url: "u3", merged_at: null, merge_commit_sha: null, base: { ref: "main" } },
        {
          number: 4,
          html_url: "u4",
          merged_at: "2026-03-20T00:00:00Z",
          merge_commit_sha: "abc",
          base: { ref: "main" },
        },
      ])
      .get("/repos/acme/pay/commits/def/pulls")
      .reply(200, [
        { number: 5, html_url: "u5", merged_at: null, merge_commit_sha: null, base: { ref: "main" } },
      ]);
    const gw = gateway();
    expect(await gw.findMergedPull("abc")).toEqual({
      number: 4,
      url: "u4",
      mergedAt: "2026-03-20T00:00:00Z",
      mergeCommitSha: "abc",
      baseRef: "main",
    });
    expect(await gw.findMergedPull("def")).toBeNull();
  });
});

describe("owners and labels", () => {
  it("tells an assignable owner, one without access and an unknown login apart", async () => {
    api()
      .get("/repos/acme/pay/assignees/alice")
      .reply(204)
      .get("/repos/acme/pay/assignees/carol")
      .reply(404, { message: "Not Found" })
      .get("/users/carol")
      .reply(200, { login: "carol" })
      .get("/repos/acme/pay/assignees/ghost")
      .reply(404, { message: "Not Found" })
      .get("/users/ghost")
      .reply(404, { message: "Not Found" });
    const gw = gateway();
    expect(await gw.checkAssignable("alice")).toEqual({ ok: true });
    expect(await gw.checkAssignable("carol")).toEqual({ ok: false, reason: "no-access" });
    expect(await gw.checkAssignable("ghost")).toEqual({ ok: false, reason: "unknown-login" });
  });

  it("creates a label with colour and description; a label created meanwhile is fine", async () => {
    const bodies: unknown[] = [];
    api()
      .post("/repos/acme/pay/labels", (b) => {
        bodies.push(b);
        return true;
      })
      .reply(201, {})
      .post("/repos/acme/pay/labels")
      .reply(422, { message: "Validation Failed", errors: [{ code: "already_exists" }] });
    const gw = gateway();
    const spec = { name: "term: short-term", color: "d93f0b", description: "Short-term mitigation" };
    expect(await gw.createLabel(spec)).toBe("created");
    expect(await gw.createLabel(spec)).toBe("exists");
    expect(bodies).toEqual([spec]);
  });
});

describe("writes", () => {
  it("never lets the retry plugin repeat an issue create (the write may have taken effect)", async () => {
    // The production Octokit, retries ON (fast), throttling off.
    const Retrying = AppOctokit.defaults((o: Record<string, unknown>) => ({
      ...o,
      retry: { retryAfterBaseValue: 1 },
      throttle: { enabled: false },
    }));
    const gw = new OctokitRepoGateway(new Retrying({ auth: "token" }), "acme", "pay");
    const scope = api()
      .post("/repos/acme/pay/issues")
      .reply(502, { message: "Bad Gateway" })
      .post("/repos/acme/pay/issues")
      .reply(201, { number: 99, html_url: "u" });
    await expect(gw.createIssue({ title: "t", body: "b", labels: [], assignees: [] })).rejects.toMatchObject({
      status: 502,
    });
    expect(scope.pendingMocks()).toHaveLength(1); // the second interceptor was never used

    // Idempotent writes keep the plugin's retries.
    api().patch("/repos/acme/pay/issues/5").reply(502, {}).patch("/repos/acme/pay/issues/5").reply(200, {});
    await gw.updateIssue(5, { title: "x" });
  });

  it("finds the app's own marked comment, ignoring a person's copy", async () => {
    const marker = renderMarker("summary", { pr: 7 });
    api()
      .get("/repos/acme/pay/issues/7/comments")
      .query({ per_page: 100 })
      .reply(200, [
        { id: 1, body: `${marker}\nforged`, user: { login: "mallory", type: "User" }, html_url: "u1" },
        { id: 2, body: "hello", user: { login: "postmortem-followups[bot]", type: "Bot" }, html_url: "u2" },
        {
          id: 3,
          body: `${marker}\nmine`,
          user: { login: "postmortem-followups[bot]", type: "Bot" },
          html_url: "u3",
        },
      ]);
    const found = await gateway().findMarkedComment<{ pr: number }>(
      7,
      "summary",
      "postmortem-followups[bot]",
    );
    expect(found?.comment.id).toBe(3);
    expect(found?.data).toEqual({ pr: 7 });
  });

  it("sends a milestone's due date at midday UTC and reads it back as a date", async () => {
    const bodies: unknown[] = [];
    api()
      .post("/repos/acme/pay/milestones", (b) => {
        bodies.push(b);
        return true;
      })
      .reply(201, { number: 3, title: "M", due_on: "2026-04-01T07:00:00Z", state: "open" });
    const m = await gateway().createMilestone({ title: "M", dueOn: "2026-04-01", description: "d" });
    expect(bodies).toEqual([{ title: "M", due_on: "2026-04-01T12:00:00Z", description: "d" }]);
    expect(m).toEqual({ number: 3, title: "M", dueOn: "2026-04-01", state: "open" });
  });
});
