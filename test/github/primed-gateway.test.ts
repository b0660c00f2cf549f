import { describe, expect, it } from "vitest";
import type { LabelSpec } from "../../src/domain/config/schema.js";
import { renderMarker } from "../../src/domain/markers/marker.js";
import type {
  ChangedFile,
  IssueComment,
  LabelOutcome,
  RepoFile,
  RepoGateway,
  RepoLabel,
} from "../../src/domain/ports.js";
import { type Prime, PrimedGateway } from "../../src/github/primed-gateway.js";
import type { TrackedIssue } from "../../src/github/tracked-issues.js";

// ---------------------------------------------------------------- a strict inner gateway

type Methods = Omit<RepoGateway, "owner" | "repo">;
type Calls = { method: string; args: unknown[] }[];

const REQUIRED: (keyof Methods)[] = [
  "readFile",
  "listPullFiles",
  "compareFiles",
  "findMergedPull",
  "listTrackedIssues",
  "listLabels",
  "createLabel",
  "checkAssignable",
  "createIssue",
  "updateIssue",
  "listComments",
  "findMarkedComment",
  "createComment",
  "updateComment",
  "listMilestones",
  "createMilestone",
  "updateMilestone",
];

/**
 * A gateway whose every method throws unless the test allows it: a read answered from the prime
 * must not reach it. Optional methods (readFiles, createLabels, listCommentsOf, useRepositoryId)
 * exist only when given. Every call that was allowed is recorded.
 */
function strictInner(allowed: Partial<Methods> = {}): { inner: RepoGateway; calls: Calls } {
  const calls: Calls = [];
  const inner: Record<string, unknown> = { owner: "acme", repo: "pay" };
  const names = new Set<string>([...REQUIRED, ...Object.keys(allowed)]);
  for (const name of names) {
    const impl = (allowed as Record<string, ((...args: unknown[]) => unknown) | undefined>)[name];
    inner[name] = (...args: unknown[]) => {
      if (!impl) throw new Error(`inner.${name} must not be called`);
      calls.push({ method: name, args });
      return impl(...args);
    };
  }
  return { inner: inner as unknown as RepoGateway, calls };
}

const names = (calls: Calls) => calls.map((c) => c.method);

const tracked = (number: number, over: Partial<TrackedIssue> = {}): TrackedIssue => ({
  number,
  title: `t${number}`,
  body: "",
  url: `https://github.com/acme/pay/issues/${number}`,
  state: "open",
  stateReason: null,
  createdAt: "2024-05-01T10:00:00Z",
  closedAt: null,
  author: "my-app[bot]",
  authorType: "Bot",
  labels: ["postmortem-followup"],
  assignees: [],
  milestone: null,
  timeline: [],
  linkedPulls: [],
  ...over,
});

const comment = (id: number, body: string, author: string | null = "my-app[bot]"): IssueComment => ({
  id,
  body,
  author,
  authorType: author?.endsWith("[bot]") ? "Bot" : "User",
  url: `https://github.com/acme/pay/pull/7#issuecomment-${id}`,
  createdAt: "2024-05-01T10:00:00Z",
});

const textFile = (path: string, text: string): RepoFile => ({
  kind: "file",
  path,
  sha: `sha-${path}`,
  size: new TextEncoder().encode(text).length,
  content: new TextEncoder().encode(text),
});

const LABEL = "postmortem-followup";
const FILES: ChangedFile[] = [{ path: "postmortems/a.md", status: "added" }];
const LABELS: RepoLabel[] = [{ name: LABEL, color: "5319e7", description: "Follow-up" }];

const prime = (over: Partial<Prime> = {}): Prime => ({
  repositoryId: "R_1",
  pullFiles: { number: 7, files: FILES },
  comments: new Map([
    [7, [comment(1, "hello", "alice")]],
    [8, [comment(2, "other")]],
  ]),
  labels: LABELS,
  assignable: new Set(["alice", "bob"]),
  tracked: { label: LABEL, issues: [tracked(3), tracked(4)], endCursor: null },
  files: new Map<string, RepoFile | null>([
    ["main:postmortems/a.md", textFile("postmortems/a.md", "# a\n")],
    ["main:gone.md", null],
  ]),
  ...over,
});

// ---------------------------------------------------------------- reads

describe("PrimedGateway: reads from the prime", () => {
  it("answers every primed read without asking the inner gateway", async () => {
    const { inner, calls } = strictInner({ useRepositoryId: () => {} });
    const gw = new PrimedGateway(inner, prime());
    expect(gw.owner).toBe("acme");
    expect(gw.repo).toBe("pay");
    expect(await gw.listPullFiles(7)).toEqual(FILES);
    expect((await gw.listTrackedIssues(LABEL)).map((i) => i.number)).toEqual([3, 4]);
    expect(await gw.listLabels()).toEqual(LABELS);
    expect(await gw.checkAssignable("alice")).toEqual({ ok: true });
    expect((await gw.listComments(7)).map((c) => c.body)).toEqual(["hello"]);
    expect(await gw.listCommentsOf([7, 8])).toEqual(
      new Map([
        [7, [comment(1, "hello", "alice")]],
        [8, [comment(2, "other")]],
      ]),
    );
    const file = await gw.readFile("postmortems/a.md", { ref: "main" });
    expect(file?.kind === "file" && new TextDecoder().decode(file.content)).toBe("# a\n");
    expect(await gw.readFile("gone.md", { ref: "main" })).toBeNull(); // primed as absent
    expect(await gw.readFiles(["postmortems/a.md", "gone.md"], { ref: "main" })).toEqual(
      new Map([
        ["postmortems/a.md", textFile("postmortems/a.md", "# a\n")],
        ["gone.md", null],
      ]),
    );
    // Only the repository's node id went to the inner gateway (for its mutations).
    expect(calls).toEqual([{ method: "useRepositoryId", args: ["R_1"] }]);
  });

  it("answers copies: a caller changing a list does not change the prime", async () => {
    const { inner } = strictInner();
    const gw = new PrimedGateway(inner, prime({ repositoryId: null }));
    (await gw.listLabels()).push({ name: "x", color: "000000", description: null });
    (await gw.listComments(7)).pop();
    expect(await gw.listLabels()).toEqual(LABELS);
    expect(await gw.listComments(7)).toHaveLength(1);
  });

  it("asks the inner gateway for what is not primed", async () => {
    const other = [tracked(9, { labels: ["other"] })];
    const { inner, calls } = strictInner({
      listPullFiles: async () => [{ path: "x.md", status: "modified" }],
      listTrackedIssues: async () => other,
      listComments: async () => [comment(5, "fresh")],
      readFile: async (path: string) => textFile(path, "inner"),
      listLabels: async () => [],
      listMilestones: async () => [],
    });
    const gw = new PrimedGateway(inner, prime({ labels: null, repositoryId: null }));
    expect(await gw.listPullFiles(8)).toEqual([{ path: "x.md", status: "modified" }]);
    expect(await gw.listTrackedIssues("other")).toBe(other);
    expect((await gw.listComments(9)).map((c) => c.id)).toEqual([5]);
    await gw.readFile("postmortems/a.md", { ref: "dev" }); // another ref
    await gw.readFile("postmortems/a.md"); // no ref: the default branch, not "main"
    expect(await gw.listLabels()).toEqual([]); // labels primed as unknown (null)
    expect(await gw.listMilestones()).toEqual([]);
    expect(calls).toEqual([
      { method: "listPullFiles", args: [8] },
      { method: "listTrackedIssues", args: ["other"] },
      { method: "listComments", args: [9] },
      { method: "readFile", args: ["postmortems/a.md", { ref: "dev" }] },
      { method: "readFile", args: ["postmortems/a.md", {}] },
      { method: "listLabels", args: [] },
      { method: "listMilestones", args: [] },
    ]);
  });

  it("an empty prime reads everything through the inner gateway", async () => {
    const { inner, calls } = strictInner({
      listTrackedIssues: async () => [tracked(1)],
      checkAssignable: async () => ({ ok: false, reason: "unknown-login" }),
    });
    const gw = new PrimedGateway(inner, {});
    expect(await gw.listTrackedIssues(LABEL)).toHaveLength(1);
    expect(await gw.checkAssignable("alice")).toEqual({ ok: false, reason: "unknown-login" });
    expect(names(calls)).toEqual(["listTrackedIssues", "checkAssignable"]);
  });

  it("readFile: a primed file over maxBytes is too-large; within the limit it is the file", async () => {
    const { inner, calls } = strictInner();
    const gw = new PrimedGateway(inner, prime());
    expect(await gw.readFile("postmortems/a.md", { ref: "main", maxBytes: 3 })).toEqual({
      kind: "too-large",
      path: "postmortems/a.md",
      sha: "sha-postmortems/a.md",
      size: 4,
    });
    expect(await gw.readFile("postmortems/a.md", { ref: "main", maxBytes: 4 })).toMatchObject({
      kind: "file",
      size: 4,
    });
    expect(await gw.readFiles(["postmortems/a.md"], { ref: "main", maxBytes: 1 })).toEqual(
      new Map([
        [
          "postmortems/a.md",
          { kind: "too-large", path: "postmortems/a.md", sha: "sha-postmortems/a.md", size: 4 },
        ],
      ]),
    );
    expect(calls).toEqual([]);
  });

  it("readFiles: asks the inner gateway for the missing paths only, and remembers them", async () => {
    const { inner, calls } = strictInner({
      readFiles: async (paths: readonly string[]) =>
        new Map(paths.map((p) => [p, p === "none.md" ? null : textFile(p, "b")])),
    });
    const gw = new PrimedGateway(inner, prime());
    const read = await gw.readFiles(["postmortems/a.md", "postmortems/b.md", "none.md"], { ref: "main" });
    expect([...read.keys()]).toEqual(["postmortems/a.md", "postmortems/b.md", "none.md"]);
    expect(calls).toEqual([
      { method: "readFiles", args: [["postmortems/b.md", "none.md"], { ref: "main" }] },
    ]);
    expect(await gw.readFile("postmortems/b.md", { ref: "main" })).toMatchObject({ kind: "file" });
    expect(await gw.readFile("none.md", { ref: "main" })).toBeNull();
    expect(calls).toHaveLength(1);
  });

  it("addFiles and addComments answer later reads", async () => {
    const { inner, calls } = strictInner();
    const gw = new PrimedGateway(inner, {});
    gw.addFiles("abc", new Map([["p.md", textFile("p.md", "p")]]));
    gw.addComments(new Map([[12, [comment(9, "late")]]]));
    expect(await gw.readFile("p.md", { ref: "abc" })).toMatchObject({ kind: "file", path: "p.md" });
    expect((await gw.listComments(12)).map((c) => c.id)).toEqual([9]);
    expect(calls).toEqual([]);
  });

  it("listCommentsOf: the primed numbers from the prime, the others in one inner call", async () => {
    const { inner, calls } = strictInner({
      listCommentsOf: async (numbers: readonly number[]) =>
        new Map(numbers.map((n) => [n, [comment(n * 10, "x")]])),
    });
    const gw = new PrimedGateway(inner, prime());
    const out = await gw.listCommentsOf([7, 20, 21]);
    expect([...out.keys()].sort((a, b) => a - b)).toEqual([7, 20, 21]);
    expect(out.get(7)?.[0]?.body).toBe("hello");
    expect(calls).toEqual([{ method: "listCommentsOf", args: [[20, 21]] }]);
  });
});

describe("PrimedGateway: tracked issues", () => {
  it("a probe page with a cursor: the continuation once, then cached", async () => {
    const { inner, calls } = strictInner();
    const rest: [string, string][] = [];
    const gw = new PrimedGateway(
      inner,
      prime({ tracked: { label: LABEL, issues: [tracked(3)], endCursor: "CUR" } }),
      async (label, cursor) => {
        rest.push([label, cursor]);
        return [tracked(101), tracked(102)];
      },
    );
    const [first, second] = await Promise.all([gw.listTrackedIssues(LABEL), gw.listTrackedIssues(LABEL)]);
    expect(first.map((i) => i.number)).toEqual([3, 101, 102]);
    expect(second).toEqual(first);
    expect((await gw.listTrackedIssues(LABEL)).map((i) => i.number)).toEqual([3, 101, 102]);
    expect(rest).toEqual([[LABEL, "CUR"]]);
    expect(calls).toEqual([]);
  });

  it("a cursor without a continuation callback: the inner gateway reads them all", async () => {
    const { inner, calls } = strictInner({ listTrackedIssues: async () => [tracked(1), tracked(2)] });
    const gw = new PrimedGateway(
      inner,
      prime({ tracked: { label: LABEL, issues: [tracked(1)], endCursor: "C" } }),
    );
    expect((await gw.listTrackedIssues(LABEL)).map((i) => i.number)).toEqual([1, 2]);
    expect(calls).toEqual([{ method: "listTrackedIssues", args: [LABEL] }]);
  });

  it("a failed continuation is not remembered: the next call reads everything through the inner gateway", async () => {
    const { inner, calls } = strictInner({ listTrackedIssues: async () => [tracked(1), tracked(2)] });
    const gw = new PrimedGateway(
      inner,
      prime({ tracked: { label: LABEL, issues: [tracked(1)], endCursor: "C" } }),
      async () => {
        throw new Error("502");
      },
    );
    await expect(gw.listTrackedIssues(LABEL)).rejects.toThrow("502");
    expect((await gw.listTrackedIssues(LABEL)).map((i) => i.number)).toEqual([1, 2]);
    expect(names(calls)).toEqual(["listTrackedIssues"]);
  });

  it("after createIssue the tracked issues are read fresh through the inner gateway", async () => {
    const { inner, calls } = strictInner({
      createIssue: async () => ({ number: 5, url: "u" }),
      listTrackedIssues: async () => [tracked(3), tracked(4), tracked(5)],
    });
    const gw = new PrimedGateway(inner, prime());
    expect(await gw.listTrackedIssues(LABEL)).toHaveLength(2);
    await gw.createIssue({ title: "t", body: "b", labels: [LABEL], assignees: [] });
    expect((await gw.listTrackedIssues(LABEL)).map((i) => i.number)).toEqual([3, 4, 5]);
    expect(names(calls)).toEqual(["createIssue", "listTrackedIssues"]);
  });

  it("after updateIssue too, and the prime is dropped even when the write fails", async () => {
    const { inner, calls } = strictInner({
      updateIssue: async () => {
        throw new Error("502 after the write");
      },
      listTrackedIssues: async () => [tracked(3, { state: "closed" })],
    });
    const gw = new PrimedGateway(inner, prime());
    await expect(gw.updateIssue(3, { state: "closed" })).rejects.toThrow("502");
    expect((await gw.listTrackedIssues(LABEL)).map((i) => i.state)).toEqual(["closed"]);
    expect(calls.map((c) => [c.method, c.args[0]])).toEqual([
      ["updateIssue", 3],
      ["listTrackedIssues", LABEL],
    ]);
  });
});

describe("PrimedGateway: comments, assignees, labels", () => {
  it("createComment drops that number's comments only; updateComment drops them all", async () => {
    const { inner, calls } = strictInner({
      createComment: async (_n: number, body: string) => comment(50, body),
      updateComment: async () => {},
      listComments: async (n: number) => [comment(60 + n, "fresh")],
    });
    const gw = new PrimedGateway(inner, prime());
    await gw.createComment(7, "new");
    expect((await gw.listComments(7)).map((c) => c.id)).toEqual([67]);
    expect((await gw.listComments(8)).map((c) => c.id)).toEqual([2]); // still primed
    await gw.updateComment(2, "edited");
    expect((await gw.listComments(8)).map((c) => c.id)).toEqual([68]);
    expect(calls.map((c) => [c.method, c.args[0]])).toEqual([
      ["createComment", 7],
      ["listComments", 7],
      ["updateComment", 2],
      ["listComments", 8],
    ]);
  });

  it("findMarkedComment: over the primed comments, by author (case-insensitive) and match", async () => {
    const { inner, calls } = strictInner();
    const summary = (sha: string) => `Summary\n${renderMarker("summary", { sha })}`;
    const gw = new PrimedGateway(
      inner,
      prime({
        comments: new Map([
          [
            7,
            [
              comment(1, summary("forged"), "mallory"),
              comment(2, "no marker"),
              comment(3, summary("abc")),
              comment(4, summary("def")),
            ],
          ],
        ]),
      }),
    );
    const found = await gw.findMarkedComment<{ sha: string }>(7, "summary", "My-App[bot]");
    expect(found?.comment.id).toBe(3);
    expect(found?.data).toEqual({ sha: "abc" });
    const matched = await gw.findMarkedComment<{ sha: string }>(
      7,
      "summary",
      "my-app[bot]",
      (d) => d.sha === "def",
    );
    expect(matched?.comment.id).toBe(4);
    expect(await gw.findMarkedComment(7, "progress", "my-app[bot]")).toBeNull();
    expect(calls).toEqual([]);
  });

  it("checkAssignable: ok from the set whatever the case; a login not in it is asked", async () => {
    const { inner, calls } = strictInner({
      checkAssignable: async () => ({ ok: false, reason: "no-access" }),
    });
    const gw = new PrimedGateway(inner, prime());
    expect(await gw.checkAssignable("Alice")).toEqual({ ok: true });
    expect(await gw.checkAssignable("BOB")).toEqual({ ok: true });
    expect(calls).toEqual([]);
    expect(await gw.checkAssignable("carol")).toEqual({ ok: false, reason: "no-access" });
    expect(calls).toEqual([{ method: "checkAssignable", args: ["carol"] }]);
  });

  it("checkAssignable: no complete list primed -> always asked", async () => {
    const { inner, calls } = strictInner({ checkAssignable: async () => ({ ok: true }) });
    const gw = new PrimedGateway(inner, prime({ assignable: null }));
    expect(await gw.checkAssignable("alice")).toEqual({ ok: true });
    expect(calls).toHaveLength(1);
  });

  it("createLabels: created and existing labels join listLabels, failed ones do not", async () => {
    const specs: LabelSpec[] = [
      { name: "term: short-term", color: "d93f0b", description: "Short-term mitigation" },
      { name: "term: long-term", color: "0e8a16", description: "Long-term" },
      { name: "severity: SEV1", color: "b60205", description: "SEV1" },
      { name: "POSTMORTEM-FOLLOWUP", color: "000000", description: "dup" },
    ];
    const { inner, calls } = strictInner({
      createLabels: async () =>
        new Map<string, LabelOutcome>([
          ["term: short-term", "created"],
          ["term: long-term", "exists"],
          ["severity: SEV1", new Error("boom")],
          ["POSTMORTEM-FOLLOWUP", "exists"],
        ]),
    });
    const gw = new PrimedGateway(inner, prime());
    const out = await gw.createLabels(specs);
    expect(out.get("severity: SEV1")).toBeInstanceOf(Error);
    expect(await gw.listLabels()).toEqual([
      ...LABELS, // the existing label is not added twice under another case
      { name: "term: short-term", color: "d93f0b", description: "Short-term mitigation" },
      { name: "term: long-term", color: "0e8a16", description: "Long-term" },
    ]);
    expect(names(calls)).toEqual(["createLabels"]);
  });

  it("createLabels without a batch in the inner gateway: one createLabel each, a failure as an Error", async () => {
    const { inner, calls } = strictInner({
      createLabel: async (spec: LabelSpec) => {
        if (spec.name === "bad") throw new Error("422");
        return spec.name === "old" ? "exists" : "created";
      },
    });
    const gw = new PrimedGateway(inner, prime({ labels: [] }));
    const out = await gw.createLabels([
      { name: "new", color: "111111", description: "" },
      { name: "old", color: "222222", description: "" },
      { name: "bad", color: "333333", description: "" },
    ]);
    expect(out.get("new")).toBe("created");
    expect(out.get("old")).toBe("exists");
    expect(out.get("bad")).toBeInstanceOf(Error);
    expect((await gw.listLabels()).map((l) => l.name)).toEqual(["new", "old"]);
    expect(names(calls)).toEqual(["createLabel", "createLabel", "createLabel"]);
  });

  it("createLabel adds to the primed labels; without primed labels listLabels still asks", async () => {
    const { inner, calls } = strictInner({
      createLabel: async () => "created",
      listLabels: async () => [{ name: "z", color: "000000", description: null }],
    });
    const primed = new PrimedGateway(inner, prime());
    await primed.createLabel({ name: "x", color: "ffffff", description: "d" });
    expect((await primed.listLabels()).map((l) => l.name)).toEqual([LABEL, "x"]);
    const unprimed = new PrimedGateway(inner, prime({ labels: null }));
    await unprimed.createLabel({ name: "y", color: "ffffff", description: "d" });
    expect((await unprimed.listLabels()).map((l) => l.name)).toEqual(["z"]);
    expect(names(calls)).toEqual(["createLabel", "createLabel", "listLabels"]);
  });

  it("milestone writes and other reads pass through unchanged", async () => {
    const milestone = { number: 1, title: "m", dueOn: null, state: "open" as const };
    const { inner, calls } = strictInner({
      createMilestone: async () => milestone,
      updateMilestone: async () => {},
      compareFiles: async () => FILES,
      findMergedPull: async () => null,
    });
    const gw = new PrimedGateway(inner, prime({ repositoryId: null }));
    expect(await gw.createMilestone({ title: "m", dueOn: null })).toBe(milestone);
    await gw.updateMilestone(1, { dueOn: "2024-06-01" });
    expect(await gw.compareFiles("a", "b")).toBe(FILES);
    expect(await gw.findMergedPull("abc")).toBeNull();
    expect(calls.map((c) => [c.method, c.args])).toEqual([
      ["createMilestone", [{ title: "m", dueOn: null }]],
      ["updateMilestone", [1, { dueOn: "2024-06-01" }]],
      ["compareFiles", ["a", "b"]],
      ["findMergedPull", ["abc"]],
    ]);
    // Tracked issues and comments are still primed after milestone writes.
    expect(await gw.listTrackedIssues(LABEL)).toHaveLength(2);
  });
});

describe("PrimedGateway: project: (issue 17)", () => {
  const REF = { owner: "acme", number: 3, fields: { status: "Status", due: "Due" } };
  const SNAPSHOT = {
    id: "PVT_1",
    fields: [{ id: "F_due", name: "Due", dataType: "DATE", options: [] }],
    items: new Map([["I_3", { id: "PVTI_3", values: { F_due: { date: "2026-12-24" } } }]]),
  };
  const issues = [tracked(3, { nodeId: "I_3" }), tracked(4, { nodeId: "I_4" })];
  const fromRequest = { id: "PVT_1", fields: [], items: new Map() };

  function watched(over: Partial<Methods> = {}) {
    const { inner, calls } = strictInner({
      createIssue: async () => ({ number: 5, url: "u" }),
      updateIssue: async () => {},
      listTrackedIssuesInProject: async () => ({ issues, project: SNAPSHOT }),
      readProject: async () => fromRequest,
      setProjectValues: async () => [],
      ...over,
    });
    const gw = new PrimedGateway(inner, prime());
    gw.watchProject(REF);
    return { gw, calls };
  }

  it("a read of the tracked issues from GitHub brings the items: readProject is answered for the issues it covered", async () => {
    const { gw, calls } = watched();
    // The probe's tracked issues carry no items: the project is read on its own.
    expect(await gw.listTrackedIssues(LABEL)).toHaveLength(2);
    expect(await gw.readProject(REF, ["I_3"])).toBe(fromRequest);
    await gw.createIssue({ title: "t", body: "b", labels: [LABEL], assignees: [] });
    expect(await gw.listTrackedIssues(LABEL)).toEqual(issues);
    const answered = await gw.readProject(REF, ["I_3", "I_4"]);
    expect(answered).toEqual({
      id: "PVT_1",
      fields: SNAPSHOT.fields,
      items: new Map([["I_3", SNAPSHOT.items.get("I_3")]]),
    });
    answered!.fields.push({ id: "F_new", name: "New", dataType: "TEXT", options: [] });
    expect((await gw.readProject(REF, ["I_4"]))!.fields).toHaveLength(1);
    // An issue the read did not cover, or another project: a read of its own.
    expect(await gw.readProject(REF, ["I_3", "I_9"])).toBe(fromRequest);
    expect(await gw.readProject({ ...REF, number: 4 }, ["I_3"])).toBe(fromRequest);
    expect(calls.map((c) => [c.method, c.args[0]])).toEqual([
      ["readProject", REF],
      ["createIssue", { title: "t", body: "b", labels: [LABEL], assignees: [] }],
      ["listTrackedIssuesInProject", LABEL],
      ["readProject", REF],
      ["readProject", { ...REF, number: 4 }],
    ]);
  });

  it("an issue this run updated since is read again; a project write forgets the read", async () => {
    const { gw, calls } = watched();
    await gw.createIssue({ title: "t", body: "b", labels: [LABEL], assignees: [] });
    await gw.listTrackedIssues(LABEL);
    await gw.updateIssue(4, { state: "closed" });
    expect((await gw.readProject(REF, ["I_3"]))?.items.size).toBe(1);
    expect(await gw.readProject(REF, ["I_4"])).toBe(fromRequest);
    await gw.setProjectValues("PVT_1", []);
    expect(await gw.readProject(REF, ["I_3"])).toBe(fromRequest);
    expect(names(calls)).toEqual([
      "createIssue",
      "listTrackedIssuesInProject",
      "updateIssue",
      "readProject",
      "setProjectValues",
      "readProject",
    ]);
  });

  it("no such project: the read answers null without a request of its own", async () => {
    const { gw, calls } = watched({ listTrackedIssuesInProject: async () => ({ issues, project: null }) });
    await gw.createIssue({ title: "t", body: "b", labels: [LABEL], assignees: [] });
    await gw.listTrackedIssues(LABEL);
    expect(await gw.readProject(REF, ["I_3"])).toBeNull();
    expect(names(calls)).toEqual(["createIssue", "listTrackedIssuesInProject"]);
  });

  it("the larger query fails (a token without Projects access): the plain one answers, and the project is not folded again", async () => {
    const { gw, calls } = watched({
      listTrackedIssuesInProject: async () => {
        throw new Error("Resource not accessible by integration");
      },
      listTrackedIssues: async () => issues,
    });
    await gw.createIssue({ title: "t", body: "b", labels: [LABEL], assignees: [] });
    expect(await gw.listTrackedIssues(LABEL)).toEqual(issues);
    await gw.updateIssue(3, { state: "closed" });
    expect(await gw.listTrackedIssues(LABEL)).toEqual(issues);
    expect(await gw.readProject(REF, ["I_3"])).toBe(fromRequest);
    expect(names(calls)).toEqual([
      "createIssue",
      "listTrackedIssuesInProject",
      "listTrackedIssues",
      "updateIssue",
      "listTrackedIssues",
      "readProject",
    ]);
  });
});
