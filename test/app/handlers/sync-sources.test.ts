import { beforeEach, describe, expect, it } from "vitest";
import app from "../../../src/app/app.js";
import { push } from "../../helpers/payloads.js";
import { postmortemMarkdown } from "../../helpers/postmortems.js";
import { createTestProbot, type TestProbot } from "../../helpers/probot.js";
import {
  appRequests,
  bodyOf,
  calls,
  commentsOn,
  find,
  issuesOf,
  mergedPull,
  mergedPullPayload,
  refuseGraphqlBatches,
  seedPay,
  useSimulator,
} from "../../helpers/simulated-github.js";
import type { SimRepo } from "../../simulator/index.js";

const github = useSimulator();

const CONFIG = ".github/postmortem-followups.yml";
const FILE = "postmortems/2026-03-12-payments.md";
const ONE = { short_term: [{ id: "fix", title: "Fix the thing", owner: "alice" }] };

let t: TestProbot;

beforeEach(async () => {
  t = await createTestProbot(app, { baseUrl: github.sim.url });
});

/** acme/pay (alice collaborates) with `files`; `org`: the organisation's .github repository's files. */
function seed(files: Record<string, string> = {}, org?: Record<string, string>): SimRepo {
  const repo = seedPay(github.sim, { files, collaborators: { alice: "write" } });
  if (org) seedPay(github.sim, { name: ".github", files: org });
  return repo;
}

describe("where the config and the files come from", () => {
  it("uses the organisation's .github config when the repository has none (context.config)", async () => {
    const repo = seed({}, { [CONFIG]: "language: ko\npaths: [incidents/**]\n" });
    const file = "incidents/2026-03-12.md";
    await t.receive(
      "pull_request",
      mergedPullPayload(github.sim, repo, 7, { [file]: postmortemMarkdown(ONE) }).payload,
    );
    const [create] = find(github.sim, "POST", "/repos/acme/pay/issues").map((r) =>
      bodyOf<{ labels: string[]; body: string }>(r),
    );
    expect(create!.labels).toEqual([
      "postmortem-followup",
      "단기 해결책",
      "분류: 시스템 개선",
      "심각도: SEV2",
    ]);
    expect(create!.body).toContain("**담당자:** @alice");
    expect(commentsOn(repo, 7)[0]!.body).toContain("### 포스트모템 후속 조치");
  });

  it("a repository config with _extends merges the base it names", async () => {
    const repo = seed(
      { [CONFIG]: "_extends: .github\ndue_days:\n  short_term: 7\n" },
      { [CONFIG]: "milestones: true\n" },
    );
    await t.receive(
      "pull_request",
      mergedPullPayload(github.sim, repo, 7, { [FILE]: postmortemMarkdown(ONE) }).payload,
    );
    expect(find(github.sim, "POST", "/repos/acme/pay/milestones")).toHaveLength(1);
    expect(repo.issues[8]!.body).toContain("due **2026-03-27**"); // 7 days after the merge
  });

  it("a push whose payload may be truncated (20+ commits) is read through compare", async () => {
    const repo = seed();
    const before = repo.branches.main!;
    const after = github.sim.addCommit(repo, { files: { [FILE]: postmortemMarkdown(ONE) } }).sha;
    const commits = Array.from({ length: 20 }, () => ({ modified: ["src/index.ts"] }));
    await t.receive(
      "push",
      push({ owner: "acme", repo: "pay", installationId: repo.installation_id!, before, after, commits }),
    );
    expect(find(github.sim, "GET", `/repos/acme/pay/compare/${before}...${after}`)).toHaveLength(1);
    expect(issuesOf(repo).map((i) => i.title)).toEqual(["Fix the thing"]);
  });

  it.each([
    ["the merge probe", false, "POST /graphql mergeProbe"],
    ["the pull request's file list when the probe fails", true, "GET /repos/acme/pay/pulls/7/files"],
  ] as const)(
    "a push that is a pull request's merge uses the pull request's files (%s) and writes its summary",
    async (_how, probeFails, read) => {
      const repo = seed();
      const { commit } = mergedPull(github.sim, repo, 7, { [FILE]: postmortemMarkdown(ONE) });
      if (probeFails) refuseGraphqlBatches(github.sim);
      github.sim.clearLog();
      await t.receive(
        "push",
        push({
          owner: "acme",
          repo: "pay",
          installationId: repo.installation_id!,
          after: commit.sha,
          commits: [{ added: [FILE] }],
        }),
      );
      expect(calls(appRequests(github.sim)).filter((c) => c === read)).toHaveLength(1);
      expect(commentsOn(repo, 7)).toHaveLength(1);
      expect(issuesOf(repo)[0]!.body).toContain("merged in #7");
    },
  );
});
