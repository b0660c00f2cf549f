import { beforeEach, describe, expect, it } from "vitest";
import { defaultConfig, parseConfigText } from "../../../src/domain/config/load.js";
import type { RepoRef } from "../../../src/domain/followups/model.js";
import { readFollowupMarker } from "../../../src/domain/markers/marker.js";
import { openRepository } from "../../../src/github/repository.js";
import { type ReconcileInput, reconcileRepository } from "../../../src/runs/merge/reconcile.js";
import { renderSummary } from "../../../src/runs/merge/summary.js";
import { postmortemMarkdown } from "../../helpers/postmortems.js";
import {
  bodyOf,
  botLogin,
  commentsOn,
  find,
  installationOctokit,
  refuseGraphqlBatches,
  seedPay,
  useSimulator,
  writes,
} from "../../helpers/simulated-github.js";
import { faults, type SimRepo } from "../../simulator/index.js";

const github = useSimulator();

const REPO: RepoRef = { owner: "acme", repo: "pay", defaultBranch: "main", serverUrl: "https://github.com" };
const FILE = "postmortems/2026-03-12-payments.md";
let repo: SimRepo;
/** The merge commit of the last `commit()`: the ref reconcile reads. */
let SHA = "";

beforeEach(() => {
  repo = seedPay(github.sim, { collaborators: { alice: "write", bob: "write" } });
});

/** A commit on main with `files`: their content at the returned sha (the merge commit). */
function commit(files: Record<string, string>): string {
  SHA = github.sim.addCommit(repo, { files }).sha;
  return SHA;
}

function input(overrides: Partial<ReconcileInput> = {}): ReconcileInput {
  return {
    gateway: openRepository(installationOctokit(github.sim), { owner: "acme", repo: "pay" }).gateway,
    config: defaultConfig(),
    repo: REPO,
    files: [{ path: FILE, status: "added" }],
    ref: SHA,
    pr: { number: 7, url: "https://github.com/acme/pay/pull/7" },
    mergedOn: "2026-03-20",
    botLogin: botLogin(github.sim),
    ...overrides,
  };
}

const ONE = { short_term: [{ id: "fix", title: "Fix the thing", owner: "alice" }] };

describe("reconcileRepository", () => {
  it("returns what it did, per file and per follow-up", async () => {
    commit({ [FILE]: postmortemMarkdown(ONE) });
    const result = await reconcileRepository(input());
    expect(result.files).toMatchObject([{ path: FILE, status: "added", outcome: "reconciled" }]);
    expect(result.followups).toEqual([
      {
        key: `${FILE}#fix`,
        path: FILE,
        id: "fix",
        term: "short_term",
        category: "system",
        title: "Fix the thing",
        owner: "alice",
        ownerProblem: null,
        due: "2026-04-03",
        number: 1,
        url: "https://github.com/acme/pay/issues/1",
        issueState: "open",
        state: "created",
        reasons: [],
      },
    ]);
    expect(result.failures).toEqual([]);
    expect(result.writes).toBe(5); // 4 labels + 1 issue

    const again = await reconcileRepository(input());
    expect(again.writes).toBe(0);
    expect(again.followups[0]).toMatchObject({ number: 1, state: "unchanged" });
  });

  it("reads nothing for files outside the globs", async () => {
    const result = await reconcileRepository(input({ files: [{ path: "README.md", status: "modified" }] }));
    expect(result.files).toEqual([]);
    expect(github.sim.requests).toEqual([]);
  });

  it.each([
    ["in one GraphQL request", false],
    ["one by one over REST when that request fails", true],
  ] as const)(
    "skips Markdown without front matter, notes a missing file, and refuses an oversized one (%s)",
    async (_how, refused) => {
      if (refused) refuseGraphqlBatches(github.sim);
      commit({
        "postmortems/notes.md": "# Just notes\n",
        "postmortems/huge.md": `---\ntitle: x\n---\n${"x".repeat(1024 * 1024 + 10)}`,
      });
      const result = await reconcileRepository(
        input({
          files: [
            { path: "postmortems/notes.md", status: "modified" },
            { path: "postmortems/gone.md", status: "modified" },
            { path: "postmortems/huge.md", status: "added" },
          ],
        }),
      );
      expect(result.files.map((f) => [f.path, f.outcome])).toEqual([
        ["postmortems/gone.md", "missing"],
        ["postmortems/huge.md", "errors"],
        ["postmortems/notes.md", "skipped"],
      ]);
      expect(result.files[1]!.problems[0]!.message).toMatch(/limited to 1 MiB/);
      // Nothing valid: the issues are not even read (the one GraphQL request read, or tried to read, the three files).
      expect(find(github.sim, "POST", "/graphql").map((r) => r.operation)).toEqual(["filesAndComments"]);
      expect(find(github.sim, "GET", /\/contents\//)).toHaveLength(refused ? 3 : 0);
    },
  );

  it("language: ko: the problems and the notes of the summary comment are in Korean", async () => {
    const ko = parseConfigText("language: ko\n");
    if (!ko.ok) throw new Error("invalid config");
    commit({
      "postmortems/notes.md": "# Just notes\n",
      [FILE]: postmortemMarkdown({ short_term: [{ id: "fix", category: "sytem" }] }),
    });
    const result = await reconcileRepository(
      input({
        config: ko.config,
        files: [
          { path: FILE, status: "added" },
          { path: "postmortems/gone.md", status: "modified" },
          { path: "postmortems/notes.md", status: "modified" },
        ],
      }),
    );
    const body = renderSummary({
      result,
      config: ko.config,
      repo: REPO,
      pr: { number: 7, url: "https://github.com/acme/pay/pull/7" },
    });
    expect(body).toContain(
      '- **error** `postmortems/2026-03-12-payments.md:12:17` followups.short_term[0].category: "sytem"은 분류가 아닙니다 (가능한 값: system, process, training, documentation, tooling); "system"을 말씀하신 건가요?',
    );
    expect(body).toContain(`병합 커밋에서 파일을 찾지 못했습니다(커밋 ${SHA.slice(0, 12)}에 없음).`);
    expect(body).toContain(
      '포스트모템이 아닙니다(후속 조치 섹션(예: "## 재발 방지 계획")이 없습니다. 이 파일의 제목: Just notes).',
    );
  });

  it.each([
    [
      "en",
      "renamed from postmortems/old.md: its issues move once the file is valid in a later merge that still renames it",
      `Follow-ups of https://github.com/acme/pay/blob/main/${FILE}`,
    ],
    [
      "ko",
      "postmortems/old.md에서 이름을 바꾼 파일: 이후 병합에서 이름이 바뀐 채로 파일이 올바르면 이슈가 새 경로로 옮겨집니다",
      `https://github.com/acme/pay/blob/main/${FILE}의 후속 조치`,
    ],
  ] as const)(
    "language: %s: the note on a renamed file with errors and the milestone's description",
    async (language, note, description) => {
      const parsed = parseConfigText(`language: ${language}\nmilestones: true\n`);
      if (!parsed.ok) throw new Error("invalid config");
      commit({ "postmortems/new.md": "---\ntitle: [broken\n---\n", [FILE]: postmortemMarkdown(ONE) });
      const result = await reconcileRepository(
        input({
          config: parsed.config,
          files: [
            { path: "postmortems/new.md", status: "renamed", previousPath: "postmortems/old.md" },
            { path: FILE, status: "added" },
          ],
        }),
      );
      expect(result.files.map((f) => [f.path, f.outcome, f.note])).toEqual([
        [FILE, "reconciled", undefined],
        ["postmortems/new.md", "errors", note],
      ]);
      expect(repo.milestones.map((m) => m.description)).toEqual([description]);
    },
  );

  it("a file with errors keeps its existing issues open (it is out of scope, not emptied)", async () => {
    commit({ [FILE]: postmortemMarkdown(ONE) });
    await reconcileRepository(input());
    commit({ [FILE]: "---\ntitle: [broken\n---\n" });
    const result = await reconcileRepository(input({ files: [{ path: FILE, status: "modified" }] }));
    expect(result.files[0]!.outcome).toBe("errors");
    expect(result.closed).toEqual([]);
    expect(repo.issues[1]!.state).toBe("open");
  });

  it("closes a newer duplicate of a follow-up (e.g. from a replica without the shared lock)", async () => {
    commit({ [FILE]: postmortemMarkdown(ONE) });
    await reconcileRepository(input());
    const copy = github.sim.createIssue(repo, {
      title: "Fix the thing",
      body: repo.issues[1]!.body,
      labels: ["postmortem-followup"],
      user: botLogin(github.sim),
    });
    const result = await reconcileRepository(input());
    expect(result.closed).toEqual([
      {
        key: `${FILE}#fix`,
        path: FILE,
        id: "fix",
        number: copy.number,
        title: "Fix the thing",
        reason: "duplicate",
        duplicateOf: 1,
        ok: true,
      },
    ]);
    expect(repo.issues[copy.number]).toMatchObject({ state: "closed", state_reason: "not_planned" });
    expect(commentsOn(repo, copy.number)[0]!.body).toMatch(/^Closed as a duplicate of #1/);
  });

  it("a failed read of the tracked issues writes nothing and is reported", async () => {
    commit({ [FILE]: postmortemMarkdown(ONE) });
    github.sim.inject({ match: { operation: "trackedIssues" }, respond: faults.serverError(502) });
    const result = await reconcileRepository(input());
    expect(result.failures).toMatchObject([{ operation: "list tracked issues", status: 502 }]);
    expect(writes(github.sim)).toEqual([]);
  });

  it("a default due date never moves on a later merge; an explicit one does", async () => {
    commit({ [FILE]: postmortemMarkdown(ONE) });
    await reconcileRepository(input());
    const result = await reconcileRepository(input({ mergedOn: "2026-05-01" }));
    expect(result.writes).toBe(0);
    expect(readFollowupMarker(repo.issues[1]!.body ?? "")?.due).toBe("2026-04-03");
  });

  it("writes in Korean when the config says so", async () => {
    const config = parseConfigText("language: ko\n");
    if (!config.ok) throw new Error("config");
    commit({
      [FILE]: postmortemMarkdown({ short_term: [{ id: "fix", title: "고치기", owner: "nobody-here" }] }),
    });
    const result = await reconcileRepository(input({ config: config.config }));
    expect(bodyOfCreate()).toContain("담당자를 지정하지 못했습니다: GitHub 사용자가 아님");
    const summary = renderSummary({ result, config: config.config, repo: REPO, pr: { number: 7, url: "" } });
    expect(summary).toContain("### 포스트모템 후속 조치");
    expect(summary).toContain("#### 담당자로 지정하지 못한 사람");
    expect(summary).toContain("| #1 | 시스템 개선 | 고치기 | `nobody-here` ⚠️ |");
  });
});

function bodyOfCreate(): string {
  return bodyOf<{ body: string }>(find(github.sim, "POST", "/repos/acme/pay/issues")[0]).body;
}

describe("renderSummary", () => {
  it("keeps the previous run's changes when this run changed nothing, so the comment stays identical", async () => {
    commit({ [FILE]: postmortemMarkdown(ONE) });
    const pr = { number: 7, url: "" };
    const first = renderSummary({
      result: await reconcileRepository(input()),
      config: defaultConfig(),
      repo: REPO,
      pr,
    });
    expect(first).toContain("- Created #1: Fix the thing");
    const second = renderSummary({
      result: await reconcileRepository(input()),
      config: defaultConfig(),
      repo: REPO,
      pr,
      previousBody: first,
    });
    expect(second).toBe(first);
    const fresh = renderSummary({
      result: await reconcileRepository(input()),
      config: defaultConfig(),
      repo: REPO,
      pr,
    });
    expect(fresh).toContain("nothing changed");
  });
});
