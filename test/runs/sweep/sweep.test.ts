import type { Probot } from "probot";
import { beforeEach, describe, expect, it } from "vitest";
import { readFollowupMarker } from "../../../src/domain/markers/marker.js";
import { readProgressMarker } from "../../../src/domain/progress/report.js";
import { createAppSweepSource } from "../../../src/runs/sweep/app.js";
import { summaryLine, sweepAll } from "../../../src/runs/sweep/sweep.js";
import type { FakeGitHub } from "../../helpers/fake-github.js";
import { recordUnmatched, useNock } from "../../helpers/octokit.js";
import { postmortemMarkdown } from "../../helpers/postmortems.js";
import { createTestProbot } from "../../helpers/probot.js";
import { FakeFleet } from "./fleet.js";

useNock();
const unmatched = recordUnmatched();

const NOW = new Date("2026-11-25T12:00:00Z");
const PATH = "postmortems/2026-03-12-payments.md";

let fleet: FakeFleet;
let probot: Probot;

beforeEach(async () => {
  fleet = new FakeFleet(1);
  ({ probot } = await createTestProbot(() => {}));
});

/** A repository whose postmortem merged in pull request #7 (its webhook may or may not have run). */
function repoWithPostmortem(
  owner: string,
  name: string,
  ids = ["gateway", "canary"],
  path = PATH,
): FakeGitHub {
  const fake = FakeFleet.repo(owner, name);
  fake.setFile(path, postmortemMarkdown({ short_term: ids.map((id) => ({ id, due: "2026-12-20" })) }));
  fake.setFile("README.md", "# repo\n");
  fake.addMergedPull({
    number: 7,
    files: [{ filename: path, status: "added" }],
    mergeCommitSha: `merge-${owner}-${name}`,
    mergedAt: "2026-03-20T09:30:00Z",
  });
  fake.addCollaborator("alice");
  fleet.lastCommits.set(`${owner}/${name}:${path}`, {
    sha: `merge-${owner}-${name}`,
    date: "2026-03-20T09:30:00Z",
  });
  return fake;
}

function source(options: { dryRun?: boolean } = {}) {
  return createAppSweepSource(probot, { botLogin: fleet.botLogin, now: () => NOW, ...options });
}

function followups(fake: FakeGitHub) {
  return fake.realIssues.filter((i) => readFollowupMarker(i.body));
}

function reports(fake: FakeGitHub, pr = 7) {
  return (fake.issue(pr)?.comments ?? []).filter((c) => readProgressMarker(c.body));
}

describe("sweep over every installation", () => {
  it("walks installations and repositories page by page, reconciles and posts this week's reports", async () => {
    const a = repoWithPostmortem("acme", "pay");
    const b = repoWithPostmortem("acme", "web", ["cdn"]);
    const c = FakeFleet.repo("globex", "empty");
    const d = repoWithPostmortem("globex", "api", ["retry"]);
    fleet.addInstallation(11, "acme", a, b);
    fleet.addInstallation(22, "globex", c, d);
    fleet.install();

    const progress: [number, number][] = [];
    const summary = await sweepAll(source(), { onProgress: (done, total) => progress.push([done, total]) });

    expect(summary).toMatchObject({ repositories: 4, reportsPosted: 3, issuesRecreated: 4, errors: 0 });
    expect(summaryLine(summary)).toBe("4 repositories, 3 reports posted, 4 issues recreated, 0 errors");
    expect(progress).toEqual([
      [0, 4],
      [1, 4],
      [2, 4],
      [3, 4],
      [4, 4],
    ]);
    // Page size 1: every listing took one request per item (+ pagination).
    expect(fleet.requests.filter((r) => r.path === "/app/installations")).toHaveLength(2);
    expect(fleet.requests.filter((r) => r.path === "/installation/repositories")).toHaveLength(4);

    for (const fake of [a, b, d]) {
      expect(followups(fake).every((i) => readFollowupMarker(i.body)!.pr === 7)).toBe(true);
      const posted = reports(fake);
      expect(posted).toHaveLength(1);
      expect(readProgressMarker(posted[0]!.body)).toMatchObject({ path: PATH, week: "2026-W48" });
    }
    expect(followups(a).map((i) => i.title)).toEqual(["Follow-up gateway", "Follow-up canary"]);
    expect(c.writes()).toEqual([]);
    expect(unmatched).toEqual([]);
  });

  it("a second sweep in the same week writes nothing", async () => {
    const a = repoWithPostmortem("acme", "pay");
    fleet.addInstallation(11, "acme", a);
    fleet.install();
    await sweepAll(source());
    a.clearRequests();
    const summary = await sweepAll(source());
    expect(summary).toMatchObject({
      repositories: 1,
      reportsPosted: 0,
      reportsUpdated: 0,
      issuesRecreated: 0,
      errors: 0,
    });
    expect(a.writes()).toEqual([]);
    // One tracked-issue query for reconcile and report together. (FakeGitHub answers no probe:
    // these tests take the path of a failed probe; test/bench/request-counts.test.ts counts the
    // probed path against the simulator.)
    const queries = a
      .find("POST", "/graphql")
      .map((r) => /^\s*(query|mutation) (\w+)/.exec(String((r.body as { query: string }).query))?.[2]);
    expect(queries.filter((q) => q === "trackedIssues")).toHaveLength(1);
  });

  it("recreates a follow-up issue whose creation was lost, with the postmortem's pull request", async () => {
    const a = repoWithPostmortem("acme", "pay", ["gateway", "canary", "runbook"]);
    fleet.addInstallation(11, "acme", a);
    fleet.install();
    await sweepAll(source());
    // The merge's webhook created two of three: drop the third, as if it had never been created.
    const lost = a.issues.findIndex((i) => readFollowupMarker(i.body)?.id === "runbook");
    a.issues.splice(lost, 1);
    a.clearRequests();

    const summary = await sweepAll(source());
    expect(summary).toMatchObject({ issuesRecreated: 1, errors: 0 });
    const created = a.find("POST", "/repos/acme/pay/issues");
    expect(created).toHaveLength(1);
    expect((created[0]!.body as { title: string }).title).toBe("Follow-up runbook");
    expect(readFollowupMarker((created[0]!.body as { body: string }).body)).toMatchObject({
      path: PATH,
      id: "runbook",
      pr: 7,
    });
    // The other two are unchanged: no issue write besides the creation.
    expect(
      a
        .writes()
        .filter(
          (w) =>
            w.path.startsWith("/repos/acme/pay/issues/") &&
            w.method === "PATCH" &&
            !w.path.includes("comments"),
        ),
    ).toEqual([]);
  });

  it("a broken config or postmortem is reported and skipped; the sweep goes on", async () => {
    const broken = repoWithPostmortem("acme", "broken-config");
    broken.setFile(".github/postmortem-followups.yml", "language: fr\nweekly:\n  day: someday\n");
    const badFile = repoWithPostmortem("acme", "bad-postmortem");
    badFile.setFile(
      "postmortems/2026-04-01-bad.md",
      "---\ntitle: Broken\nfollowups:\n  short_term:\n    - id: Bad Id\n---\n",
    );
    const good = repoWithPostmortem("acme", "good");
    fleet.addInstallation(11, "acme", broken, badFile, good);
    fleet.install();

    const summary = await sweepAll(source());
    const byName = Object.fromEntries(summary.results.map((r) => [r.repository, r]));
    expect(byName["acme/broken-config"]).toMatchObject({ status: "config-error" });
    expect(byName["acme/broken-config"]!.problems.join("\n")).toMatch(/language/);
    expect(broken.writes()).toEqual([]);
    expect(byName["acme/bad-postmortem"]!.status).toBe("ok");
    expect(byName["acme/bad-postmortem"]!.problems.join("\n")).toContain("postmortems/2026-04-01-bad.md:");
    // The valid postmortem of the same repository still proceeds.
    expect(followups(badFile)).toHaveLength(2);
    expect(followups(good)).toHaveLength(2);
    expect(reports(good)).toHaveLength(1);
    expect(summary.errors).toBeGreaterThanOrEqual(2);
  });

  it("a config whose _extends cannot be read: the repository is skipped with the error, nothing written", async () => {
    const extending = repoWithPostmortem("acme", "extending");
    extending.setFile(".github/postmortem-followups.yml", "weekly:\n  day: friday\n_extends: missing-repo\n");
    const good = repoWithPostmortem("acme", "good");
    fleet.addInstallation(11, "acme", extending, good);
    fleet.install();

    const summary = await sweepAll(source());
    const byName = Object.fromEntries(summary.results.map((r) => [r.repository, r]));
    expect(byName["acme/extending"]).toMatchObject({
      status: "config-error",
      problems: [
        ".github/postmortem-followups.yml:3:1 error _extends: _extends names acme/missing-repo:.github/postmortem-followups.yml, which cannot be read: GitHub answers 404 (no such repository or file, or the app is not installed on it). No issue or label is created until this is fixed",
      ],
    });
    expect(extending.writes()).toEqual([]);
    expect(followups(extending)).toEqual([]);
    expect(followups(good)).toHaveLength(2);
  });

  it("a repository that 404s or 403s mid-sweep does not stop it", async () => {
    const gone = repoWithPostmortem("acme", "gone");
    const denied = repoWithPostmortem("acme", "denied");
    const fine = repoWithPostmortem("acme", "fine");
    fleet.addInstallation(11, "acme", gone, denied, fine);
    fleet.fail("acme/gone", "GET", /\/git\/trees\//, 404);
    fleet.fail("acme/denied", "POST", /^\/graphql$/, 403, 3); // the probe, then the tracked issues
    fleet.install();

    const summary = await sweepAll(source());
    const byName = Object.fromEntries(summary.results.map((r) => [r.repository, r]));
    expect(byName["acme/gone"]!.status).toBe("failed");
    expect(byName["acme/gone"]!.errors[0]).toMatch(/404/);
    expect(byName["acme/denied"]!.status).toBe("failed");
    expect(byName["acme/denied"]!.errors[0]).toMatch(/403/);
    expect(followups(fine)).toHaveLength(2);
    expect(reports(fine)).toHaveLength(1);
    expect(summary).toMatchObject({ repositories: 3, errors: 2, reportsPosted: 1 });
  });

  it("an installation whose repositories cannot be listed is recorded; the others are swept", async () => {
    const lost = fleet.addInstallation(11, "acme", repoWithPostmortem("acme", "pay"));
    lost.listFails = 404;
    const other = repoWithPostmortem("globex", "api");
    fleet.addInstallation(22, "globex", other);
    fleet.install();
    const summary = await sweepAll(source());
    expect(summary.installationErrors).toEqual([
      expect.stringContaining("installation acme (11): not found"),
    ]);
    expect(summary.errors).toBe(1);
    expect(reports(other)).toHaveLength(1);
  });

  it("--dry-run writes nothing and says what it would do", async () => {
    const a = repoWithPostmortem("acme", "pay");
    fleet.addInstallation(11, "acme", a);
    fleet.install();
    const summary = await sweepAll(source({ dryRun: true }));
    expect(a.writes()).toEqual([]);
    const [result] = summary.results;
    expect(result!.writes.map((w) => w.what)).toEqual(
      expect.arrayContaining(['create issue "Follow-up gateway"', 'create issue "Follow-up canary"']),
    );
    expect(summary.issuesRecreated).toBe(2);
  });

  it("skips archived repositories and repositories without postmortems cost little", async () => {
    const archived = repoWithPostmortem("acme", "old");
    const empty = FakeFleet.repo("acme", "empty");
    empty.setFile("src/index.ts", "export {};\n");
    fleet.archived.add("acme/old");
    fleet.addInstallation(11, "acme", archived, empty);
    fleet.install();
    const summary = await sweepAll(source());
    expect(summary.repositories).toBe(1);
    expect(fleet.about("acme/old")).toEqual([]);
    // The probe (which FakeGitHub does not answer), then each part on its own: config
    // (repository, then organisation), the tree, one tracked-issue query: nothing else.
    expect(fleet.about("acme/empty").map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /graphql",
      "GET /repos/acme/empty/contents/.github/postmortem-followups.yml",
      "GET /repos/acme/empty/git/trees/main",
      "POST /graphql",
    ]);
  });
});
