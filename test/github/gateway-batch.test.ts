import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppOctokit, type GitHubClient } from "../../src/github/client.js";
import { OctokitRepoGateway } from "../../src/github/gateway.js";
import { type Simulator, startSimulator } from "../simulator/index.js";

/** The gateway's batched reads (one GraphQL request for many files or comment lists). */
describe("gateway: readFiles and listCommentsOf", () => {
  let sim: Simulator;
  let gateway: OctokitRepoGateway;
  beforeAll(async () => {
    sim = await startSimulator({ strict: true });
    const repo = sim.seedRepo({
      owner: "octo-org",
      name: "api",
      files: { "postmortems/a.md": "# a\n", "postmortems/b.md": "b ✓\n", "big.md": "x".repeat(2000) },
    });
    sim.createIssue(repo, { title: "one" }); // #1
    sim.addComment(repo, 1, "first");
    sim.addComment(repo, 1, "second", "alice");
    sim.createIssue(repo, { title: "two" }); // #2, no comments
    sim.createIssue(repo, { title: "busy" }); // #3, 101 comments
    for (let i = 0; i < 101; i++) sim.addComment(repo, 3, `c${i}`);
    const octokit = new AppOctokit({
      baseUrl: sim.url,
      auth: sim.createInstallationToken(),
      throttle: { enabled: false },
      retry: { enabled: false },
    }) as unknown as GitHubClient;
    gateway = new OctokitRepoGateway(octokit, "octo-org", "api");
  });
  afterAll(() => sim.close());

  it("reads several files in one request: absent and directories are null, large ones too-large", async () => {
    sim.clearLog();
    const files = await gateway.readFiles(
      ["postmortems/a.md", "postmortems/b.md", "missing.md", "postmortems", "big.md"],
      {
        ref: "main",
        maxBytes: 1000,
      },
    );
    expect(sim.requests).toHaveLength(1);
    expect(sim.violations).toEqual([]);
    const text = (path: string) => {
      const file = files.get(path);
      return file?.kind === "file" ? new TextDecoder().decode(file.content) : file?.kind;
    };
    expect(text("postmortems/a.md")).toBe("# a\n");
    expect(text("postmortems/b.md")).toBe("b ✓\n");
    expect(files.get("missing.md")).toBeNull();
    expect(files.get("postmortems")).toBeNull();
    expect(files.get("big.md")).toMatchObject({ kind: "too-large", size: 2000 });
    // Same bytes and sha as the REST read.
    expect(files.get("postmortems/b.md")).toEqual(
      await gateway.readFile("postmortems/b.md", { ref: "main" }),
    );
  });

  it("lists the comments of several issues in one request; over 100 comments is left to listComments", async () => {
    sim.clearLog();
    const comments = await gateway.listCommentsOf([1, 2, 3, 99]);
    expect(sim.requests).toHaveLength(1);
    expect(sim.violations).toEqual([]);
    expect(comments.get(1)).toEqual(await gateway.listComments(1));
    expect(comments.get(1)?.map((c) => [c.body, c.author])).toEqual([
      ["first", "octo-org"],
      ["second", "alice"],
    ]);
    expect(comments.get(2)).toEqual([]);
    expect(comments.has(3)).toBe(false); // 101 comments
    expect(comments.has(99)).toBe(false); // no such issue
  });
});
