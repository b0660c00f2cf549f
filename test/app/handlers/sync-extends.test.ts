import { beforeEach, describe, expect, it } from "vitest";
import app from "../../../src/app/app.js";
import { FakeGitHub } from "../../helpers/fake-github.js";
import { recordUnmatched, useNock } from "../../helpers/octokit.js";
import { pullRequestClosed, push } from "../../helpers/payloads.js";
import { postmortemMarkdown } from "../../helpers/postmortems.js";
import { createTestProbot, logsMatching, type TestProbot } from "../../helpers/probot.js";

/**
 * An `_extends` that cannot be read is a configuration error at the `_extends` line: before, a
 * 404 on the extended repository's config was dropped by Probot's plugin and the defaults applied
 * (issues with default labels and due dates, nothing said on the pull request).
 */

useNock();
const unmatched = recordUnmatched();

const CONFIG = ".github/postmortem-followups.yml";
const FILE = "postmortems/2026-03-12-payments.md";
const SHA1 = "1111111111111111111111111111111111111111";
const ONE = { short_term: [{ id: "fix", title: "Fix the thing", owner: "alice" }] };
const OTHER = "/repos/acme/other-repo/contents/.github/postmortem-followups.yml";

let gh: FakeGitHub;
let t: TestProbot;

beforeEach(async () => {
  gh = new FakeGitHub({ owner: "acme", repo: "pay" }).install();
  gh.addCollaborator("alice");
  t = await createTestProbot(app);
});

async function merge(): Promise<void> {
  gh.setFile(FILE, postmortemMarkdown(ONE), SHA1);
  gh.addMergedPull({ number: 7, mergeCommitSha: SHA1, files: [{ filename: FILE, status: "added" }] });
  await t.receive(
    "pull_request",
    pullRequestClosed({ owner: "acme", repo: "pay", number: 7, mergeCommitSha: SHA1 }),
  );
}

/** The writes of the merge: only the config-error comment on the pull request, nothing else. */
function onlyTheReport(): string {
  expect(gh.realIssues).toEqual([]);
  expect(gh.labels).toEqual([]);
  expect(gh.writes().map((w) => `${w.method} ${w.path}`)).toEqual(["POST /repos/acme/pay/issues/7/comments"]);
  return (gh.writes()[0]!.body as { body: string }).body;
}

describe("an _extends that cannot be read stops the merge", () => {
  it("404: no issue, no label; the pull request is told at the _extends line, and the log says it", async () => {
    gh.files.set(CONFIG, "due_days:\n  short_term: 7\n_extends: other-repo\n");
    await merge();
    expect(gh.find("POST", "/graphql").length).toBeGreaterThan(0); // the merge probe deferred to Probot's lookup
    expect(gh.find("GET", OTHER)).toHaveLength(1);
    const body = onlyTheReport();
    expect(body).toContain(
      "- **error** `.github/postmortem-followups.yml:3:1` _extends: _extends names acme/other-repo:.github/postmortem-followups.yml, which cannot be read: GitHub answers 404 (no such repository or file, or the app is not installed on it). No issue or label is created until this is fixed",
    );
    const [warning] = logsMatching(t.logs, "the config is invalid: nothing is created");
    expect((warning as { problems?: string[] }).problems).toEqual([
      ".github/postmortem-followups.yml:3:1 error _extends: _extends names acme/other-repo:.github/postmortem-followups.yml, which cannot be read: GitHub answers 404 (no such repository or file, or the app is not installed on it). No issue or label is created until this is fixed",
    ]);
    expect(unmatched).toEqual([]);
  });

  it("the organisation's .github config extends a missing repository: the probe's path agrees, at line 1", async () => {
    gh.orgFiles.set(CONFIG, "_extends: other-repo\n");
    await merge();
    expect(gh.find("POST", "/graphql").length).toBeGreaterThan(0); // the merge probe ran and deferred
    expect(gh.find("GET", OTHER)).toHaveLength(1);
    expect(onlyTheReport()).toContain(
      "- **error** `.github/postmortem-followups.yml:1:1` _extends: _extends names acme/other-repo:.github/postmortem-followups.yml, which cannot be read",
    );
  });

  it("404 with language: ko: the message is Korean", async () => {
    gh.files.set(CONFIG, "language: ko\n_extends: acme/other-repo\n");
    await merge();
    expect(onlyTheReport()).toContain(
      "`.github/postmortem-followups.yml:2:1` _extends: _extends가 가리키는 acme/other-repo:.github/postmortem-followups.yml 설정을 읽을 수 없습니다: GitHub가 404로 답했습니다",
    );
  });

  it("403: the app may not read it", async () => {
    gh.files.set(CONFIG, "_extends: other-repo\n");
    gh.failNext("GET", /^\/repos\/acme\/other-repo\//, 403);
    await merge();
    expect(onlyTheReport()).toContain(
      "`.github/postmortem-followups.yml:1:1` _extends: _extends names acme/other-repo:.github/postmortem-followups.yml, which the app may not read: GitHub answers 403.",
    );
  });

  it("a malformed reference (_extends: ../x): no request for it, a plain message at its line", async () => {
    gh.files.set(CONFIG, "language: en\n_extends: ../x\n");
    await merge();
    const read = gh.find("GET", /\/contents\//).map((r) => r.path);
    expect(read.every((path) => path.startsWith("/repos/acme/pay/"))).toBe(true);
    expect(onlyTheReport()).toContain(
      '`.github/postmortem-followups.yml:2:11` _extends: _extends: "../x" does not name a repository: write repo, owner/repo or owner/repo:path.yml',
    );
  });

  it("the extended config is invalid: its problem, at the _extends line", async () => {
    gh.files.set(CONFIG, "language: en\n_extends: .github\n");
    gh.orgFiles.set(CONFIG, "weekly:\n  hour: 25\n");
    await merge();
    expect(onlyTheReport()).toContain(
      "`.github/postmortem-followups.yml:2:1` _extends: _extends names acme/.github:.github/postmortem-followups.yml, which is not a valid config: weekly.hour: must be at most 23. No issue or label is created until this is fixed",
    );
  });

  it("the extended file is not YAML: its problem, at the _extends line", async () => {
    gh.files.set(CONFIG, "_extends: .github\n");
    gh.orgFiles.set(CONFIG, "paths: [unclosed\n");
    await merge();
    expect(onlyTheReport()).toMatch(
      /`\.github\/postmortem-followups\.yml:1:1` _extends: _extends names acme\/\.github:\.github\/postmortem-followups\.yml, which is not a valid config: Configuration could not be parsed from .*\(invalid YAML\)/,
    );
  });

  it("a push with no pull request: nothing is written, the problem is logged", async () => {
    gh.files.set(CONFIG, "_extends: other-repo\n");
    gh.setFile(FILE, postmortemMarkdown(ONE), SHA1);
    await t.receive("push", push({ owner: "acme", repo: "pay", after: SHA1, commits: [{ added: [FILE] }] }));
    expect(gh.writes()).toEqual([]);
    expect(gh.realIssues).toEqual([]);
    const logged = logsMatching(t.logs, "config problem").map(
      (l) => (l as { problem?: { code: string } }).problem?.code,
    );
    expect(logged).toEqual(["extends-not-found"]);
  });

  it("an _extends that can be read still merges (Probot's deep merge, as before)", async () => {
    gh.files.set(CONFIG, "_extends: .github\ndue_days:\n  short_term: 7\n");
    gh.orgFiles.set(CONFIG, "milestones: true\n");
    await merge();
    expect(gh.realIssues.map((i) => i.title)).toEqual(["Fix the thing"]);
    expect(gh.find("POST", "/repos/acme/pay/milestones")).toHaveLength(1);
  });
});
