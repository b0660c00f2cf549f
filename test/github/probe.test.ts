import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONFIG_FILE } from "../../src/domain/config/load.js";
import { AppOctokit, type GitHubClient } from "../../src/github/client.js";
import {
  type BlobNode,
  blobFile,
  blobRead,
  type CommentNode,
  commentsOf,
  createLabels,
  FILES_PER_QUERY,
  globDirectories,
  type MergeProbeData,
  mergeProbeOf,
  probeMerge,
  probeRepository,
  pullFilesOf,
  type RepositoryProbeData,
  readFilesAndComments,
  repositoryId,
  repositoryProbeOf,
  type TreeNode,
  trackedIssuesAfter,
  treePaths,
} from "../../src/github/probe.js";
import type { TrackedIssueNode } from "../../src/github/tracked-issues.js";
import { type SimRepo, type Simulator, startSimulator } from "../simulator/index.js";

// ---------------------------------------------------------------- plain data

const blob = (over: Partial<BlobNode> = {}): BlobNode => ({
  __typename: "Blob",
  oid: "sha1",
  byteSize: 5,
  isBinary: false,
  isTruncated: false,
  text: "hello",
  ...over,
});

const page = <T>(nodes: (T | null)[], hasNextPage = false, endCursor: string | null = null) => ({
  pageInfo: { hasNextPage, endCursor },
  nodes,
});

const comment = (over: Partial<CommentNode> = {}): CommentNode => ({
  databaseId: 11,
  body: "hi",
  url: "https://github.com/acme/pay/pull/7#issuecomment-11",
  createdAt: "2024-05-01T10:00:00Z",
  author: { __typename: "User", login: "alice" },
  ...over,
});

const issueNode = (number: number, over: Partial<TrackedIssueNode> = {}): TrackedIssueNode => ({
  number,
  title: `t${number}`,
  body: "b",
  url: `https://github.com/acme/pay/issues/${number}`,
  state: "OPEN",
  stateReason: null,
  createdAt: "2024-05-01T10:00:00Z",
  closedAt: null,
  author: { __typename: "Bot", login: "my-app" },
  labels: { nodes: [{ name: "postmortem-followup" }] },
  assignees: { nodes: [] },
  milestone: null,
  timelineItems: { nodes: [] },
  ...over,
});

describe("blobRead", () => {
  it("absent for a missing object and for anything that is not a Blob", () => {
    expect(blobRead(null)).toEqual({ kind: "absent" });
    expect(blobRead(undefined)).toEqual({ kind: "absent" });
    expect(blobRead({ __typename: "Tree" })).toEqual({ kind: "absent" });
    expect(blobRead({ __typename: "Commit" })).toEqual({ kind: "absent" });
  });

  it("too large only above maxBytes (the size and sha kept, no text)", () => {
    expect(blobRead(blob({ byteSize: 6 }), 5)).toEqual({ kind: "too-large", size: 6, sha: "sha1" });
    expect(blobRead(blob({ byteSize: 5 }), 5)).toEqual({ kind: "text", text: "hello", size: 5, sha: "sha1" });
    expect(blobRead(blob({ byteSize: 1_000_000 }))).toMatchObject({ kind: "text" }); // no limit given
    // Too large wins over binary: the content is not wanted at all.
    expect(blobRead(blob({ byteSize: 10, isBinary: true, text: null }), 5)).toMatchObject({
      kind: "too-large",
    });
  });

  it("unreadable when binary, truncated or without text", () => {
    expect(blobRead(blob({ isBinary: true, text: null }))).toEqual({ kind: "unreadable" });
    expect(blobRead(blob({ isTruncated: true }))).toEqual({ kind: "unreadable" });
    expect(blobRead(blob({ text: null }))).toEqual({ kind: "unreadable" });
    expect(blobRead(blob({ text: undefined }))).toEqual({ kind: "unreadable" });
  });

  it("text with its size and sha; an empty file is text too", () => {
    expect(blobRead(blob({ text: "a ✓\n", byteSize: 6, oid: "abc" }))).toEqual({
      kind: "text",
      text: "a ✓\n",
      size: 6,
      sha: "abc",
    });
    expect(blobRead(blob({ text: "", byteSize: 0 }))).toEqual({
      kind: "text",
      text: "",
      size: 0,
      sha: "sha1",
    });
    // isBinary null (GitHub's nullable field) is not binary.
    expect(blobRead(blob({ isBinary: null }))).toMatchObject({ kind: "text" });
  });
});

describe("blobFile", () => {
  it("absent -> null, unreadable -> undefined (read it through REST)", () => {
    expect(blobFile("a.md", { kind: "absent" })).toBeNull();
    expect(blobFile("a.md", { kind: "unreadable" })).toBeUndefined();
  });

  it("too-large and text as the gateway's RepoFile, the text as UTF-8 bytes", () => {
    expect(blobFile("a.md", { kind: "too-large", size: 9, sha: "s" })).toEqual({
      kind: "too-large",
      path: "a.md",
      sha: "s",
      size: 9,
    });
    const file = blobFile("p/a.md", { kind: "text", text: "é✓", size: 5, sha: "s2" });
    expect(file).toMatchObject({ kind: "file", path: "p/a.md", sha: "s2", size: 5 });
    expect(file?.kind === "file" && [...file.content]).toEqual([0xc3, 0xa9, 0xe2, 0x9c, 0x93]);
  });
});

describe("pullFilesOf", () => {
  it("maps ADDED, DELETED, MODIFIED (and CHANGED, COPIED) to the REST statuses; null nodes skipped", () => {
    expect(
      pullFilesOf(
        page([
          { path: "a.md", changeType: "ADDED" },
          null,
          { path: "b.md", changeType: "DELETED" },
          { path: "c.md", changeType: "MODIFIED" },
          { path: "d.md", changeType: "CHANGED" },
          { path: "e.md", changeType: "COPIED" },
        ]),
      ),
    ).toEqual([
      { path: "a.md", status: "added" },
      { path: "b.md", status: "removed" },
      { path: "c.md", status: "modified" },
      { path: "d.md", status: "modified" },
      { path: "e.md", status: "added" },
    ]);
    expect(pullFilesOf(page([]))).toEqual([]);
  });

  it("null for a rename (its old path is unknown), an unknown type, more pages, or no connection", () => {
    expect(
      pullFilesOf(
        page([
          { path: "a.md", changeType: "ADDED" },
          { path: "b.md", changeType: "RENAMED" },
        ]),
      ),
    ).toBeNull();
    expect(pullFilesOf(page([{ path: "a.md", changeType: "SOMETHING_NEW" }]))).toBeNull();
    expect(pullFilesOf(page([{ path: "a.md", changeType: "ADDED" }], true, "c"))).toBeNull();
    expect(pullFilesOf(null)).toBeNull();
    expect(pullFilesOf(undefined)).toBeNull();
  });
});

describe("commentsOf", () => {
  it("maps each comment as REST lists it: a bot's login ends in [bot], its type kept", () => {
    expect(
      commentsOf(
        page([
          comment({ author: { __typename: "Bot", login: "my-app" } }),
          comment({ databaseId: 12, body: "two", author: { __typename: "User", login: "alice" } }),
          comment({ databaseId: 13, author: { __typename: "Bot", login: "other[bot]" } }),
          comment({ databaseId: 14, author: null }),
        ]),
      ),
    ).toEqual([
      {
        id: 11,
        body: "hi",
        author: "my-app[bot]",
        authorType: "Bot",
        url: "https://github.com/acme/pay/pull/7#issuecomment-11",
        createdAt: "2024-05-01T10:00:00Z",
      },
      expect.objectContaining({ id: 12, body: "two", author: "alice", authorType: "User" }),
      expect.objectContaining({ id: 13, author: "other[bot]", authorType: "Bot" }),
      expect.objectContaining({ id: 14, author: null, authorType: null }),
    ]);
  });

  it("drops a comment without a databaseId and null nodes", () => {
    expect(
      commentsOf(page([comment({ databaseId: null }), null, comment({ databaseId: 5 })]))?.map((c) => c.id),
    ).toEqual([5]);
  });

  it("null when there are more pages or no connection", () => {
    expect(commentsOf(page([comment()], true, "x"))).toBeNull();
    expect(commentsOf(null)).toBeNull();
  });
});

describe("treePaths", () => {
  const tree = (entries: NonNullable<TreeNode["entries"]>): TreeNode => ({ __typename: "Tree", entries });
  const file = (path: string) => ({ path, type: "blob" });
  const dir = (path: string, object: TreeNode | null) => ({ path, type: "tree", object });

  it("lists the blobs of nested trees; submodules and other types are skipped", () => {
    expect(
      treePaths(
        tree([
          file("pm/a.md"),
          dir("pm/2024", tree([file("pm/2024/b.md"), dir("pm/2024/q1", tree([file("pm/2024/q1/c.md")]))])),
          { path: "pm/sub", type: "commit" },
        ]),
      ),
    ).toEqual(["pm/a.md", "pm/2024/b.md", "pm/2024/q1/c.md"]);
  });

  it("null when a tree sits at the last probed level (its entries were not asked for)", () => {
    // depth 2: the top entries and one level below; a tree in that level is too deep.
    expect(treePaths(tree([dir("pm/x", tree([dir("pm/x/y", null)]))]), 2)).toBeNull();
    expect(treePaths(tree([dir("pm/x", tree([file("pm/x/a.md")]))]), 2)).toEqual(["pm/x/a.md"]);
    expect(treePaths(tree([file("pm/a.md"), dir("pm/x", null)]), 1)).toBeNull();
    // The default depth (4): a tree in the fourth level is too deep, a blob there is fine.
    const chain = (leaf: { path: string; type: string; object?: TreeNode | null }) =>
      tree([dir("a/1", tree([dir("a/1/2", tree([dir("a/1/2/3", tree([leaf]))]))]))]);
    expect(treePaths(chain(file("a/1/2/3/x.md")))).toEqual(["a/1/2/3/x.md"]);
    expect(treePaths(chain(dir("a/1/2/3/4", null)))).toBeNull();
  });

  it("an empty list when the directory is missing or not a tree", () => {
    expect(treePaths(null)).toEqual([]);
    expect(treePaths(undefined)).toEqual([]);
    expect(treePaths({ __typename: "Blob" })).toEqual([]);
    expect(treePaths(tree([]))).toEqual([]);
  });
});

describe("globDirectories", () => {
  it("the fixed directory part of each glob", () => {
    expect(globDirectories(["postmortems/**"])).toEqual(["postmortems"]);
    expect(globDirectories(["docs/postmortems/*.md"])).toEqual(["docs/postmortems"]);
    expect(globDirectories(["postmortems/**/*.md"])).toEqual(["postmortems"]);
    expect(globDirectories(["./incidents/**"])).toEqual(["incidents"]);
    expect(globDirectories(["postmortems/**", "docs/postmortems/**"])).toEqual([
      "docs/postmortems",
      "postmortems",
    ]);
  });

  it("drops a directory inside another, and duplicates; a shared prefix is not nesting", () => {
    expect(globDirectories(["postmortems/**", "postmortems/2024/*.md", "postmortems/*.md"])).toEqual([
      "postmortems",
    ]);
    expect(globDirectories(["post/*.md", "postmortems/*.md"])).toEqual(["post", "postmortems"]);
  });

  it("null when a glob can match at the root or starts with a pattern", () => {
    expect(globDirectories(["**/*.md"])).toBeNull();
    expect(globDirectories(["*.md"])).toBeNull();
    expect(globDirectories(["postmortems/**", "*.md"])).toBeNull();
    expect(globDirectories(["{a,b}/*.md"])).toBeNull();
  });
});

describe("mergeProbeOf", () => {
  const full = (): MergeProbeData => ({
    repository: {
      id: "R_1",
      config: blob({ text: "language: ko\n", byteSize: 13 }),
      pullRequest: {
        files: page([{ path: "postmortems/a.md", changeType: "ADDED" }]),
        comments: page([comment()]),
      },
      labels: page([
        { name: "bug", color: "d73a4a", description: null },
        { name: "postmortem-followup", color: "5319e7", description: "Follow-up" },
      ]),
      assignableUsers: page([{ login: "Alice" }, { login: "bob" }]),
      issues: page([issueNode(3), null, issueNode(4, { state: "CLOSED" })]),
    },
    organisation: null,
  });

  it("maps every part", () => {
    const probe = mergeProbeOf(full(), "postmortem-followup");
    expect(probe.repositoryId).toBe("R_1");
    expect(probe.config).toEqual({
      repository: { kind: "text", text: "language: ko\n", size: 13, sha: "sha1" },
      organisation: { kind: "absent" },
    });
    expect(probe.pullFiles).toEqual([{ path: "postmortems/a.md", status: "added" }]);
    expect(probe.comments?.map((c) => c.id)).toEqual([11]);
    expect(probe.labels).toEqual([
      { name: "bug", color: "d73a4a", description: null },
      { name: "postmortem-followup", color: "5319e7", description: "Follow-up" },
    ]);
    expect([...(probe.assignable ?? [])]).toEqual(["alice", "bob"]);
    expect(probe.tracked?.label).toBe("postmortem-followup");
    expect(probe.tracked?.endCursor).toBeNull();
    expect(probe.tracked?.issues.map((i) => [i.number, i.state, i.author])).toEqual([
      [3, "open", "my-app[bot]"],
      [4, "closed", "my-app[bot]"],
    ]);
  });

  it("labels or assignable users over one page -> null; the tracked cursor only when more pages follow", () => {
    const data = full();
    data.repository!.labels = page([{ name: "bug", color: "d73a4a", description: null }], true, "L");
    data.repository!.assignableUsers = page([{ login: "alice" }], true, "A");
    data.repository!.issues = page([issueNode(3)], true, "CURSOR");
    const probe = mergeProbeOf(data, "x");
    expect(probe.labels).toBeNull();
    expect(probe.assignable).toBeNull();
    expect(probe.tracked).toMatchObject({ label: "x", endCursor: "CURSOR" });
    expect(probe.tracked?.issues).toHaveLength(1);
    // An endCursor without a next page is not a continuation.
    data.repository!.issues = page([issueNode(3)], false, "STALE");
    expect(mergeProbeOf(data, "x").tracked?.endCursor).toBeNull();
  });

  it("no pull request, no repository, an organisation config", () => {
    const data = full();
    data.repository!.pullRequest = null;
    data.organisation = { config: blob({ text: "x: 1\n" }) };
    const probe = mergeProbeOf(data, "x");
    expect(probe.pullFiles).toBeNull();
    expect(probe.comments).toBeNull();
    expect(probe.config.organisation).toMatchObject({ kind: "text", text: "x: 1\n" });
    const empty = mergeProbeOf({ repository: null }, "x");
    expect(empty).toEqual({
      repositoryId: null,
      config: { repository: { kind: "absent" }, organisation: { kind: "absent" } },
      pullFiles: null,
      comments: null,
      labels: null,
      assignable: null,
      tracked: null,
    });
  });
});

describe("repositoryProbeOf", () => {
  const tree = (...paths: string[]): TreeNode => ({
    __typename: "Tree",
    entries: paths.map((path) => ({ path, type: "blob" })),
  });
  const data = (dirs: Record<string, TreeNode | null>): RepositoryProbeData => ({
    repository: {
      id: "R_2",
      config: null,
      assignableUsers: page([{ login: "Carol" }]),
      issues: page([issueNode(1)], true, "C1"),
      ...dirs,
    },
    organisation: { config: blob({ text: "language: ko\n" }) },
  });

  it("the paths of every directory, deduplicated and sorted; a missing directory lists nothing", () => {
    const probe = repositoryProbeOf(
      data({ d0: tree("postmortems/b.md", "postmortems/a.md"), d1: null, d2: tree("postmortems/a.md") }),
      "postmortem-followup",
      3,
    );
    expect(probe.paths).toEqual(["postmortems/a.md", "postmortems/b.md"]);
    expect(probe.repositoryId).toBe("R_2");
    expect(probe.config.repository).toEqual({ kind: "absent" });
    expect(probe.config.organisation).toMatchObject({ kind: "text", text: "language: ko\n" });
    expect([...(probe.assignable ?? [])]).toEqual(["carol"]);
    expect(probe.tracked).toMatchObject({ label: "postmortem-followup", endCursor: "C1" });
  });

  it("null paths when one directory is deeper than probed (TREE_DEPTH levels)", () => {
    const level = (path: string, object: TreeNode | null): TreeNode => ({
      __typename: "Tree",
      entries: [{ path, type: "tree", object }],
    });
    // d1: p/1 -> p/1/2 -> p/1/2/3 -> a tree p/1/2/3/4 at the fourth level, its entries not probed.
    const deep = level("p/1", level("p/1/2", level("p/1/2/3", level("p/1/2/3/4", null))));
    expect(repositoryProbeOf(data({ d0: tree("q/a.md"), d1: deep }), "l", 2).paths).toBeNull();
    const fits = level("p/1", level("p/1/2", level("p/1/2/3", tree("p/1/2/3/x.md"))));
    expect(repositoryProbeOf(data({ d0: tree("q/a.md"), d1: fits }), "l", 2).paths).toEqual([
      "p/1/2/3/x.md",
      "q/a.md",
    ]);
  });

  it("no directories: an empty list", () => {
    expect(repositoryProbeOf(data({}), "l", 0).paths).toEqual([]);
  });
});

// ---------------------------------------------------------------- against the simulator

describe("probes against the simulator (GitHub's schema)", () => {
  let sim: Simulator;
  let octokit: GitHubClient;
  let api: SimRepo;
  let pull: number;
  const LABEL = "postmortem-followup";
  const CONFIG = "language: ko\n";
  const ORG_CONFIG = "severities: [P1, P2]\n";

  beforeAll(async () => {
    sim = await startSimulator({ strict: true });
    api = sim.seedRepo({
      owner: "octo-org",
      ownerType: "Organization",
      name: "api",
      files: {
        [CONFIG_FILE]: CONFIG,
        "README.md": "# api\n",
        "old.md": "old\n",
        "postmortems/b.md": "b\n",
        "postmortems/2024/a.md": "a\n",
        "docs/postmortems/x/y/z.md": "z\n",
        "src/index.ts": "x\n",
      },
      labels: [
        { name: "bug", color: "d73a4a" },
        { name: LABEL, color: "5319e7", description: "Follow-up of a postmortem" },
      ],
      collaborators: { alice: "write", Bob: "maintain" },
    });
    pull = sim.openPullRequest(api, {
      title: "Postmortem c",
      head: "pm-c",
      files: { "postmortems/c.md": "c\n", "README.md": "# api v2\n", "old.md": null },
    }).number;
    sim.mergePullRequest(api, pull);
    sim.addComment(api, pull, "summary", "my-app[bot]");
    sim.addComment(api, pull, "thanks", "alice");
    sim.createIssue(api, { title: "Add alert", labels: [LABEL], user: "my-app[bot]" });
    sim.createIssue(api, { title: "Fix runbook", labels: [LABEL], user: "my-app[bot]", state: "closed" });
    sim.createIssue(api, { title: "Unrelated", labels: ["bug"] });
    sim.seedRepo({ owner: "octo-org", name: ".github", files: { [CONFIG_FILE]: ORG_CONFIG } });
    const web = sim.seedRepo({ owner: "octo-org", name: "web", files: { "README.md": "web\n" } });
    sim.openPullRequest(web, { title: "w", head: "w", files: { "a.md": "a\n" } });
    const lonely = sim.seedRepo({ owner: "solo", name: "lonely", files: { "README.md": "x\n" } });
    sim.openPullRequest(lonely, { title: "l", head: "l", files: { "a.md": "a\n" } });
    octokit = new AppOctokit({
      baseUrl: sim.url,
      auth: sim.createInstallationToken(),
      throttle: { enabled: false },
      retry: { enabled: false },
    }) as unknown as GitHubClient;
  });
  afterAll(() => sim.close());

  const restSha = async (owner: string, repo: string, path: string) =>
    ((await octokit.rest.repos.getContent({ owner, repo, path })).data as { sha: string }).sha;

  it("probeMerge: config, files, comments, labels, assignable users and tracked issues in ONE request", async () => {
    sim.clearLog();
    const probe = await probeMerge(octokit, { owner: "octo-org", repo: "api", pull, trackingLabel: LABEL });
    expect(sim.requests.map((r) => r.kind)).toEqual(["graphql"]);
    expect(sim.violations).toEqual([]);
    expect(sim.unimplemented).toEqual([]);

    expect(probe.repositoryId).toBe(api.node_id);
    expect(probe.config.repository).toEqual({
      kind: "text",
      text: CONFIG,
      size: CONFIG.length,
      sha: await restSha("octo-org", "api", CONFIG_FILE),
    });
    // Read too (Probot would not use it while the repository has its own file).
    expect(probe.config.organisation).toMatchObject({ kind: "text", text: ORG_CONFIG });
    expect([...(probe.pullFiles ?? [])].sort((a, b) => (a.path < b.path ? -1 : 1))).toEqual([
      { path: "README.md", status: "modified" },
      { path: "old.md", status: "removed" },
      { path: "postmortems/c.md", status: "added" },
    ]);
    expect(probe.comments?.map((c) => [c.body, c.author, c.authorType])).toEqual([
      ["summary", "my-app[bot]", "Bot"],
      ["thanks", "alice", "User"],
    ]);
    // The same comments as REST lists them.
    const rest = await octokit.rest.issues.listComments({
      owner: "octo-org",
      repo: "api",
      issue_number: pull,
    });
    expect(probe.comments?.map((c) => [c.id, c.author, c.url, c.createdAt])).toEqual(
      rest.data.map((c) => [c.id, c.user?.login, c.html_url, c.created_at]),
    );
    expect(probe.labels).toEqual([
      { name: "bug", color: "d73a4a", description: null },
      { name: LABEL, color: "5319e7", description: "Follow-up of a postmortem" },
    ]);
    expect(probe.assignable).toEqual(new Set(["octo-org", "alice", "bob"]));
    expect(probe.tracked?.endCursor).toBeNull();
    expect(probe.tracked?.issues.map((i) => [i.title, i.state, i.author, i.authorType, i.labels])).toEqual([
      ["Add alert", "open", "my-app[bot]", "Bot", [LABEL]],
      ["Fix runbook", "closed", "my-app[bot]", "Bot", [LABEL]],
    ]);
  });

  it("probeMerge: a repository without its own config reads the owner's .github repository's", async () => {
    sim.clearLog();
    const probe = await probeMerge(octokit, {
      owner: "octo-org",
      repo: "web",
      pull: 1,
      trackingLabel: LABEL,
    });
    expect(sim.requests).toHaveLength(1);
    expect(sim.violations).toEqual([]);
    expect(probe.config).toEqual({
      repository: { kind: "absent" },
      organisation: {
        kind: "text",
        text: ORG_CONFIG,
        size: ORG_CONFIG.length,
        sha: await restSha("octo-org", ".github", CONFIG_FILE),
      },
    });
    expect(probe.pullFiles).toEqual([{ path: "a.md", status: "added" }]);
    expect(probe.tracked).toEqual({ label: LABEL, issues: [], endCursor: null });
  });

  it("probeMerge: no .github repository -> the organisation's config is absent, nothing thrown", async () => {
    sim.clearLog();
    const probe = await probeMerge(octokit, { owner: "solo", repo: "lonely", pull: 1, trackingLabel: LABEL });
    expect(sim.requests).toHaveLength(1);
    expect(sim.violations).toEqual([]);
    expect(probe.config).toEqual({ repository: { kind: "absent" }, organisation: { kind: "absent" } });
    expect(probe.pullFiles).toEqual([{ path: "a.md", status: "added" }]);
    expect(probe.comments).toEqual([]);
    expect(probe.labels).toEqual([]);
  });

  it("probeMerge: a missing pull request or repository is the caller's error", async () => {
    await expect(
      probeMerge(octokit, { owner: "octo-org", repo: "api", pull: 999, trackingLabel: LABEL }),
    ).rejects.toThrow(/999/);
    await expect(
      probeMerge(octokit, { owner: "octo-org", repo: "nope", pull: 1, trackingLabel: LABEL }),
    ).rejects.toThrow(/nope/);
  });

  it("probeRepository: config, tracked issues, assignable users and the directories' files in ONE request", async () => {
    sim.clearLog();
    const probe = await probeRepository(octokit, {
      owner: "octo-org",
      repo: "api",
      trackingLabel: LABEL,
      directories: ["postmortems", "docs/postmortems"],
    });
    expect(sim.requests).toHaveLength(1);
    expect(sim.violations).toEqual([]);
    expect(probe.repositoryId).toBe(api.node_id);
    expect(probe.config.repository).toMatchObject({ kind: "text", text: CONFIG });
    expect(probe.config.organisation).toMatchObject({ kind: "text", text: ORG_CONFIG });
    expect(probe.tracked?.issues.map((i) => i.title)).toEqual(["Add alert", "Fix runbook"]);
    expect(probe.assignable).toEqual(new Set(["octo-org", "alice", "bob"]));
    // Nested directories too: a nested tree is told apart by its __typename (once missing, the
    // files of subdirectories were lost).
    expect(probe.paths).toEqual([
      "docs/postmortems/x/y/z.md",
      "postmortems/2024/a.md",
      "postmortems/b.md",
      "postmortems/c.md",
    ]);
  });

  // A tree deeper than probed: the listing is incomplete, so null (the caller asks REST).
  it("probeRepository: a directory deeper than probed gives null paths", async () => {
    sim.seedRepo({
      owner: "octo-org",
      name: "deep",
      files: { "postmortems/1/2/3/4/e.md": "e\n", "postmortems/top.md": "t\n" },
    });
    const deep = await probeRepository(octokit, {
      owner: "octo-org",
      repo: "deep",
      trackingLabel: LABEL,
      directories: ["postmortems"],
    });
    expect(deep.paths).toBeNull();
  });

  it("probeRepository: missing directories list nothing; no .github repository is no error", async () => {
    sim.clearLog();
    const none = await probeRepository(octokit, {
      owner: "solo",
      repo: "lonely",
      trackingLabel: LABEL,
      directories: ["postmortems", "docs/postmortems"],
    });
    expect(sim.requests).toHaveLength(1);
    expect(none.paths).toEqual([]);
    expect(none.config).toEqual({ repository: { kind: "absent" }, organisation: { kind: "absent" } });
    expect(none.tracked).toEqual({ label: LABEL, issues: [], endCursor: null });
    expect(sim.violations).toEqual([]);
  });

  it("over 100 tracked issues: the probe's cursor continues with trackedIssuesAfter", async () => {
    const busy = sim.seedRepo({
      owner: "octo-org",
      name: "busy",
      labels: [{ name: LABEL, color: "5319e7" }],
    });
    for (let i = 0; i < 103; i++)
      sim.createIssue(busy, { title: `f${i}`, labels: [LABEL], user: "my-app[bot]" });
    const probe = await probeRepository(octokit, {
      owner: "octo-org",
      repo: "busy",
      trackingLabel: LABEL,
      directories: [],
    });
    expect(probe.tracked?.issues).toHaveLength(100);
    expect(probe.tracked?.endCursor).toEqual(expect.any(String));
    expect(probe.paths).toEqual([]);
    sim.clearLog();
    const rest = await trackedIssuesAfter(octokit, {
      owner: "octo-org",
      repo: "busy",
      label: LABEL,
      cursor: probe.tracked!.endCursor!,
    });
    expect(sim.requests).toHaveLength(1);
    expect(rest.map((i) => i.title)).toEqual(["f100", "f101", "f102"]);
    expect(sim.violations).toEqual([]);
  });

  const seedMany = () => {
    const files: Record<string, string> = { "big.md": "x".repeat(300) };
    for (let i = 0; i < 30; i++) files[`pm/f${String(i).padStart(2, "0")}.md`] = `file ${i}\n`;
    const many = sim.seedRepo({ owner: "octo-org", name: "many", files });
    sim.createIssue(many, { title: "one" }); // #1
    sim.addComment(many, 1, "first", "my-app[bot]");
    sim.addComment(many, 1, "second", "alice");
    sim.openPullRequest(many, { title: "pr", head: "h", files: { "n.md": "n\n" } }); // #2, no comments
    return Object.keys(files).filter((p) => p.startsWith("pm/"));
  };
  let pmPaths: string[];

  it("readFilesAndComments: files and comments in one request; a missing number or path tolerated", async () => {
    pmPaths = seedMany();
    sim.clearLog();
    const read = await readFilesAndComments(octokit, {
      owner: "octo-org",
      repo: "many",
      ref: "main",
      paths: [...pmPaths.slice(0, 10), "missing.md", "big.md"],
      numbers: [1, 2, 999, 1],
      maxBytes: 100,
    });
    expect(sim.requests).toHaveLength(1);
    expect(sim.violations).toEqual([]);
    const query = String((sim.requests[0]?.body as { query: string } | undefined)?.query);
    expect(query.split("issueOrPullRequest(").length - 1).toBe(3); // 1, 2, 999: deduplicated
    expect(read.files.size).toBe(12);
    const text = (path: string) => {
      const file = read.files.get(path);
      return file?.kind === "file" ? new TextDecoder().decode(file.content) : file;
    };
    expect(text("pm/f00.md")).toBe("file 0\n");
    expect(text("pm/f09.md")).toBe("file 9\n");
    expect(read.files.get("missing.md")).toBeNull();
    expect(read.files.get("big.md")).toMatchObject({ kind: "too-large", path: "big.md", size: 300 });
    expect([...read.comments.keys()].sort((a, b) => a - b)).toEqual([1, 2]);
    expect(read.comments.get(1)?.map((c) => [c.body, c.author])).toEqual([
      ["first", "my-app[bot]"],
      ["second", "alice"],
    ]);
    expect(read.comments.get(2)).toEqual([]);
  });

  // Requests without comment numbers must not define the comments fragment (GraphQL refuses an
  // unused fragment): more than 25 paths, or files alone.
  it("readFilesAndComments: over 25 paths is two requests, the comments asked in the first only", async () => {
    const paths = [...pmPaths, "missing.md"];
    expect(paths.length).toBeGreaterThan(FILES_PER_QUERY);
    sim.clearLog();
    const read = await readFilesAndComments(octokit, {
      owner: "octo-org",
      repo: "many",
      ref: "main",
      paths,
      numbers: [1, 999],
    });
    expect(sim.violations).toEqual([]);
    expect(sim.requests).toHaveLength(2);
    const queries = sim.requests.map((r) => String((r.body as { query: string }).query));
    expect(queries.map((q) => q.split("issueOrPullRequest(").length - 1)).toEqual([2, 0]);
    expect(queries.map((q) => q.split("object(expression").length - 1)).toEqual([25, 6]);
    expect(read.files.size).toBe(31);
    expect(read.files.get("pm/f29.md")).toMatchObject({ kind: "file", path: "pm/f29.md" });
    expect(read.files.get("missing.md")).toBeNull();
    expect([...read.comments.keys()]).toEqual([1]);
  });

  // Same bug: files alone (a sweep of postmortems without pull requests to read).
  it("readFilesAndComments: files alone is one request", async () => {
    sim.clearLog();
    const read = await readFilesAndComments(octokit, {
      owner: "octo-org",
      repo: "many",
      ref: "main",
      paths: ["pm/f00.md"],
      numbers: [],
    });
    expect(sim.violations).toEqual([]);
    expect(sim.requests).toHaveLength(1);
    expect(read.files.get("pm/f00.md")).toMatchObject({ kind: "file" });
  });

  it("readFilesAndComments: comments alone is one request; nothing asked is no request", async () => {
    sim.clearLog();
    const only = await readFilesAndComments(octokit, {
      owner: "octo-org",
      repo: "many",
      ref: "main",
      paths: [],
      numbers: [1],
    });
    expect(sim.requests).toHaveLength(1);
    expect(only.comments.get(1)).toHaveLength(2);
    sim.clearLog();
    const nothing = await readFilesAndComments(octokit, {
      owner: "octo-org",
      repo: "many",
      ref: "main",
      paths: [],
      numbers: [0, -1],
    });
    expect(sim.requests).toHaveLength(0);
    expect(nothing.files.size + nothing.comments.size).toBe(0);
    expect(sim.violations).toEqual([]);
  });

  it("createLabels: several labels in one request; a taken name is 'exists', the others are created", async () => {
    const repo = sim.seedRepo({
      owner: "octo-org",
      name: "labels",
      labels: [{ name: "term: short-term", color: "ffffff" }],
    });
    sim.clearLog();
    const id = await repositoryId(octokit, "octo-org", "labels");
    expect(id).toBe(repo.node_id);
    sim.clearLog();
    const outcomes = await createLabels(octokit, id, [
      { name: "postmortem-followup", color: "5319e7", description: "Follow-up of a postmortem" },
      { name: "Term: Short-Term", color: "d93f0b", description: "Short-term mitigation" },
      { name: "severity: SEV1", color: "b60205", description: "d".repeat(150) },
    ]);
    expect(sim.requests).toHaveLength(1);
    expect(sim.requests[0]?.kind).toBe("graphql");
    expect(sim.violations).toEqual([]);
    expect(outcomes).toEqual(
      new Map([
        ["postmortem-followup", "created"],
        ["Term: Short-Term", "exists"],
        ["severity: SEV1", "created"],
      ]),
    );
    expect(repo.labels.map((l) => [l.name, l.color, l.description])).toEqual([
      ["term: short-term", "ffffff", null],
      ["postmortem-followup", "5319e7", "Follow-up of a postmortem"],
      ["severity: SEV1", "b60205", "d".repeat(100)],
    ]);
    sim.clearLog();
    expect(await createLabels(octokit, id, [])).toEqual(new Map());
    expect(sim.requests).toHaveLength(0);
  });

  it("createLabels: an unknown repository id fails every label with GitHub's message", async () => {
    const outcomes = await createLabels(octokit, "R_nope", [{ name: "a", color: "000000", description: "" }]);
    const outcome = outcomes.get("a");
    expect(outcome).toBeInstanceOf(Error);
    expect((outcome as Error).message).toMatch(/R_nope/);
  });
});
