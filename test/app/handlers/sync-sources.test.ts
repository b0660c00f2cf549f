import { beforeEach, describe, expect, it } from "vitest";
import app from "../../../src/app/app.js";
import { FakeGitHub } from "../../helpers/fake-github.js";
import { recordUnmatched, useNock } from "../../helpers/octokit.js";
import { pullRequestClosed, push } from "../../helpers/payloads.js";
import { postmortemMarkdown } from "../../helpers/postmortems.js";
import { createTestProbot, type TestProbot } from "../../helpers/probot.js";

useNock();
const unmatched = recordUnmatched();

const FILE = "postmortems/2026-03-12-payments.md";
const SHA1 = "1111111111111111111111111111111111111111";
const SHA2 = "2222222222222222222222222222222222222222";
const ONE = { short_term: [{ id: "fix", title: "Fix the thing", owner: "alice" }] };

let gh: FakeGitHub;
let t: TestProbot;

beforeEach(async () => {
  gh = new FakeGitHub({ owner: "acme", repo: "pay" }).install();
  gh.addCollaborator("alice");
  t = await createTestProbot(app);
});

describe("where the config and the files come from", () => {
  it("uses the organisation's .github config when the repository has none (context.config)", async () => {
    gh.orgFiles.set(".github/postmortem-followups.yml", "language: ko\npaths: [incidents/**]\n");
    const file = "incidents/2026-03-12.md";
    gh.setFile(file, postmortemMarkdown(ONE), SHA1);
    gh.addMergedPull({ number: 7, mergeCommitSha: SHA1, files: [{ filename: file, status: "added" }] });
    await t.receive(
      "pull_request",
      pullRequestClosed({ owner: "acme", repo: "pay", number: 7, mergeCommitSha: SHA1 }),
    );
    const [create] = gh
      .find("POST", "/repos/acme/pay/issues")
      .map((r) => r.body as { labels: string[]; body: string });
    expect(create!.labels).toEqual([
      "postmortem-followup",
      "단기 해결책",
      "분류: 시스템 개선",
      "심각도: SEV2",
    ]);
    expect(create!.body).toContain("**담당자:** @alice");
    expect(gh.issue(7)!.comments[0]!.body).toContain("### 포스트모템 후속 조치");
    expect(unmatched).toEqual([]);
  });

  it("a repository config with _extends merges the base it names", async () => {
    gh.files.set(".github/postmortem-followups.yml", "_extends: .github\ndue_days:\n  short_term: 7\n");
    gh.orgFiles.set(".github/postmortem-followups.yml", "milestones: true\n");
    gh.setFile(FILE, postmortemMarkdown(ONE), SHA1);
    gh.addMergedPull({ number: 7, mergeCommitSha: SHA1, files: [{ filename: FILE, status: "added" }] });
    await t.receive(
      "pull_request",
      pullRequestClosed({ owner: "acme", repo: "pay", number: 7, mergeCommitSha: SHA1 }),
    );
    expect(gh.find("POST", "/repos/acme/pay/milestones")).toHaveLength(1);
    expect(gh.issue(8)!.body).toContain("due **2026-03-27**"); // 7 days after the merge
  });

  it("a push whose payload may be truncated (20+ commits) is read through compare", async () => {
    gh.setFile(FILE, postmortemMarkdown(ONE), SHA2);
    gh.compares.set(`${SHA1}...${SHA2}`, [{ filename: FILE, status: "added" }]);
    const commits = Array.from({ length: 20 }, () => ({ modified: ["src/index.ts"] }));
    await t.receive("push", push({ owner: "acme", repo: "pay", before: SHA1, after: SHA2, commits }));
    expect(gh.find("GET", `/repos/acme/pay/compare/${SHA1}...${SHA2}`)).toHaveLength(1);
    expect(gh.realIssues.map((i) => i.title)).toEqual(["Fix the thing"]);
  });

  it("a push that is a pull request's merge uses the pull request's files and writes its summary", async () => {
    gh.setFile(FILE, postmortemMarkdown(ONE), SHA1);
    gh.addMergedPull({ number: 7, mergeCommitSha: SHA1, files: [{ filename: FILE, status: "added" }] });
    await t.receive("push", push({ owner: "acme", repo: "pay", after: SHA1, commits: [{ added: [FILE] }] }));
    expect(gh.find("GET", "/repos/acme/pay/pulls/7/files")).toHaveLength(1);
    expect(gh.issue(7)!.comments).toHaveLength(1);
    expect(gh.realIssues[0]!.body).toContain("merged in #7");
  });
});
