import type { Probot } from "probot";
import { beforeEach, describe, expect, it } from "vitest";
import { readFollowupMarker } from "../../../src/domain/markers/marker.js";
import { writeRecheckMarker } from "../../../src/domain/markers/recheck.js";
import { readProgressMarker } from "../../../src/domain/progress/report-history.js";
import { withEvidence } from "../../../src/domain/validation/proof.js";
import { createAppSweepSource } from "../../../src/runs/sweep/app.js";
import { summaryLine, sweepAll } from "../../../src/runs/sweep/sweep.js";
import { close } from "../../domain/progress/followup-issues.js";
import { createTestProbot } from "../../helpers/probot.js";
import {
  bodyOf,
  botLogin,
  calls,
  refuseGraphqlBatches,
  useSimulator,
} from "../../helpers/simulated-github.js";
import {
  about,
  addInstallation,
  emptyRepo,
  followups,
  FLEET_PATH as PATH,
  reports,
  repoWithPostmortem,
} from "./fleet.js";

// Page size 1 for the installation and repository listings: the sweep walks them page by page.
const github = useSimulator({
  maxPerPage: { "apps/list-installations": 1, "apps/list-repos-accessible-to-installation": 1 },
});

const NOW = new Date("2026-11-25T12:00:00Z");

let probot: Probot;

beforeEach(async () => {
  ({ probot } = await createTestProbot(() => {}, { baseUrl: github.sim.url }));
});

function source(options: { dryRun?: boolean } = {}) {
  return createAppSweepSource(probot, { botLogin: botLogin(github.sim), now: () => NOW, ...options });
}

/** The writes about one repository since the last `clearLog()`. */
function writesTo(repo: Parameters<typeof about>[1]) {
  return about(github.sim, repo).filter((r) => r.access === "write");
}

describe("sweep over every installation", () => {
  it("walks installations and repositories page by page, reconciles and posts this week's reports", async () => {
    const acme = addInstallation(github.sim, 11, "acme");
    const globex = addInstallation(github.sim, 22, "globex");
    const a = repoWithPostmortem(github.sim, acme, "pay");
    const b = repoWithPostmortem(github.sim, acme, "web", { ids: ["cdn"] });
    const c = emptyRepo(github.sim, globex, "empty");
    const d = repoWithPostmortem(github.sim, globex, "api", { ids: ["retry"] });
    github.sim.clearLog();

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
    // Page size 1: every listing took one request per item.
    expect(github.sim.requests.filter((r) => r.path === "/app/installations")).toHaveLength(2);
    expect(github.sim.requests.filter((r) => r.path === "/installation/repositories")).toHaveLength(4);

    for (const repo of [a, b, d]) {
      expect(followups(github.sim, repo).every((i) => readFollowupMarker(i.body ?? "")!.pr === 7)).toBe(true);
      const posted = reports(repo);
      expect(posted).toHaveLength(1);
      expect(readProgressMarker(posted[0]!.body)).toMatchObject({ path: PATH, week: "2026-W48" });
    }
    expect(followups(github.sim, a).map((i) => i.title)).toEqual(["Follow-up gateway", "Follow-up canary"]);
    expect(writesTo(c)).toEqual([]);
  });

  it("a second sweep in the same week writes nothing", async () => {
    const a = repoWithPostmortem(github.sim, addInstallation(github.sim, 11, "acme"), "pay");
    await sweepAll(source());
    github.sim.clearLog();
    const summary = await sweepAll(source());
    expect(summary).toMatchObject({
      repositories: 1,
      reportsPosted: 0,
      reportsUpdated: 0,
      issuesRecreated: 0,
      errors: 0,
    });
    expect(writesTo(a)).toEqual([]);
    // One probe reads the repository's config, tree and tracked issues for reconcile and report
    // together; one more reads the postmortem and the pull request's comments.
    expect(calls(about(github.sim, a))).toEqual([
      "POST /graphql repositoryProbe",
      "POST /graphql filesAndComments",
    ]);

    // When the probe and the batched reads fail, each part is read on its own: still one
    // tracked-issue query for both, and still no write.
    refuseGraphqlBatches(github.sim);
    github.sim.clearLog();
    await sweepAll(source());
    expect(writesTo(a)).toEqual([]);
    expect(about(github.sim, a).filter((r) => r.operation === "trackedIssues")).toHaveLength(1);
  });

  it("recreates a follow-up issue whose creation was lost, with the postmortem's pull request", async () => {
    const a = repoWithPostmortem(github.sim, addInstallation(github.sim, 11, "acme"), "pay", {
      ids: ["gateway", "canary", "runbook"],
    });
    await sweepAll(source());
    // The merge's webhook created two of three: drop the third, as if it had never been created.
    const lost = followups(github.sim, a).find((i) => readFollowupMarker(i.body ?? "")?.id === "runbook")!;
    delete a.issues[lost.number];
    github.sim.clearLog();

    const summary = await sweepAll(source());
    expect(summary).toMatchObject({ issuesRecreated: 1, errors: 0 });
    const created = github.sim.requests.filter(
      (r) => r.method === "POST" && r.path === "/repos/acme/pay/issues",
    );
    expect(created).toHaveLength(1);
    expect(bodyOf<{ title: string }>(created[0]).title).toBe("Follow-up runbook");
    expect(readFollowupMarker(bodyOf<{ body: string }>(created[0]).body)).toMatchObject({
      path: PATH,
      id: "runbook",
      pr: 7,
    });
    // The other two are unchanged: no issue write besides the creation.
    expect(
      writesTo(a).filter(
        (w) =>
          w.path.startsWith("/repos/acme/pay/issues/") &&
          w.method === "PATCH" &&
          !w.path.includes("comments"),
      ),
    ).toEqual([]);
  });

  it("a broken config or postmortem is reported and skipped; the sweep goes on", async () => {
    const acme = addInstallation(github.sim, 11, "acme");
    const broken = repoWithPostmortem(github.sim, acme, "broken-config");
    github.sim.addCommit(broken, {
      files: { ".github/postmortem-followups.yml": "language: fr\nweekly:\n  day: someday\n" },
    });
    const badFile = repoWithPostmortem(github.sim, acme, "bad-postmortem");
    github.sim.addCommit(badFile, {
      files: {
        "postmortems/2026-04-01-bad.md":
          "---\ntitle: Broken\nfollowups:\n  short_term:\n    - id: Bad Id\n---\n",
      },
    });
    const good = repoWithPostmortem(github.sim, acme, "good");
    github.sim.clearLog();

    const summary = await sweepAll(source());
    const byName = Object.fromEntries(summary.results.map((r) => [r.repository, r]));
    expect(byName["acme/broken-config"]).toMatchObject({ status: "config-error" });
    expect(byName["acme/broken-config"]!.problems.join("\n")).toMatch(/language/);
    expect(writesTo(broken)).toEqual([]);
    expect(byName["acme/bad-postmortem"]!.status).toBe("ok");
    expect(byName["acme/bad-postmortem"]!.problems.join("\n")).toContain("postmortems/2026-04-01-bad.md:");
    // The valid postmortem of the same repository still proceeds.
    expect(followups(github.sim, badFile)).toHaveLength(2);
    expect(followups(github.sim, good)).toHaveLength(2);
    expect(reports(good)).toHaveLength(1);
    expect(summary.errors).toBeGreaterThanOrEqual(2);
  });

  it("a config whose _extends cannot be read: the repository is skipped with the error, nothing written", async () => {
    const acme = addInstallation(github.sim, 11, "acme");
    const extending = repoWithPostmortem(github.sim, acme, "extending");
    github.sim.addCommit(extending, {
      files: { ".github/postmortem-followups.yml": "weekly:\n  day: friday\n_extends: missing-repo\n" },
    });
    const good = repoWithPostmortem(github.sim, acme, "good");
    github.sim.clearLog();

    const summary = await sweepAll(source());
    const byName = Object.fromEntries(summary.results.map((r) => [r.repository, r]));
    expect(byName["acme/extending"]).toMatchObject({
      status: "config-error",
      problems: [
        ".github/postmortem-followups.yml:3:1 error _extends: _extends names acme/missing-repo:.github/postmortem-followups.yml, which cannot be read: GitHub answers 404 (no such repository or file, or the app is not installed on it). No issue or label is created until this is fixed",
      ],
    });
    expect(writesTo(extending)).toEqual([]);
    expect(followups(github.sim, extending)).toEqual([]);
    expect(followups(github.sim, good)).toHaveLength(2);
  });

  it("a repository that 404s or 403s mid-sweep does not stop it", async () => {
    const acme = addInstallation(github.sim, 11, "acme");
    repoWithPostmortem(github.sim, acme, "gone");
    repoWithPostmortem(github.sim, acme, "denied");
    const fine = repoWithPostmortem(github.sim, acme, "fine");
    // Listed, then gone: every request about it answers 404. The app lost access to the other's contents.
    github.sim.inject({
      match: { repo: "acme/gone", times: Number.POSITIVE_INFINITY },
      respond: { status: 404, body: { message: "Not Found" } },
    });
    github.sim.inject({
      match: { repo: "acme/denied", kind: "graphql", times: Number.POSITIVE_INFINITY },
      respond: { status: 403, body: { message: "Resource not accessible by integration" } },
    });

    const summary = await sweepAll(source());
    const byName = Object.fromEntries(summary.results.map((r) => [r.repository, r]));
    expect(byName["acme/gone"]!.status).toBe("failed");
    expect(byName["acme/gone"]!.errors[0]).toMatch(/404/);
    expect(byName["acme/denied"]!.status).toBe("failed");
    expect(byName["acme/denied"]!.errors[0]).toMatch(/403/);
    expect(followups(github.sim, fine)).toHaveLength(2);
    expect(reports(fine)).toHaveLength(1);
    expect(summary).toMatchObject({ repositories: 3, errors: 2, reportsPosted: 1 });
  });

  it("an installation whose repositories cannot be listed is recorded; the others are swept", async () => {
    repoWithPostmortem(github.sim, addInstallation(github.sim, 11, "acme"), "pay");
    const other = repoWithPostmortem(github.sim, addInstallation(github.sim, 22, "globex"), "api");
    // The first listing is acme's (installations come in id order).
    github.sim.inject({
      match: { operation: "apps/list-repos-accessible-to-installation" },
      respond: { status: 404, body: { message: "Not Found" } },
    });
    const summary = await sweepAll(source());
    expect(summary.installationErrors).toEqual([
      expect.stringContaining("installation acme (11): not found"),
    ]);
    expect(summary.errors).toBe(1);
    expect(reports(other)).toHaveLength(1);
  });

  it("installations listed without the app's slug: the bot login comes from GET /app", async () => {
    const acme = addInstallation(github.sim, 11, "acme");
    const a = repoWithPostmortem(github.sim, acme, "pay");
    github.sim.inject({
      match: { operation: "apps/list-installations" },
      respond: { status: 200, body: [{ id: 11, account: { login: "acme" }, suspended_at: null }] },
    });
    github.sim.inject({
      match: { operation: "apps/get-repo-installation" },
      respond: { status: 200, body: { id: 11, account: { login: "acme" } } },
    });
    const sweep = createAppSweepSource(probot, { now: () => NOW });
    const summary = await sweepAll(sweep);
    expect(summary).toMatchObject({ repositories: 1, reportsPosted: 1, issuesRecreated: 2, errors: 0 });
    expect(github.sim.requests.filter((r) => r.operation === "apps/get-authenticated")).toHaveLength(1);
    // The app's own issues are trusted: a second sweep recreates nothing.
    expect(await sweepAll(sweep)).toMatchObject({ issuesRecreated: 0, errors: 0 });
    expect(followups(github.sim, a)).toHaveLength(2);
    // One repository, found through its installation (also without the slug).
    expect(await sweep.target("acme/pay")).toMatchObject({ installation: { id: 11, account: "acme" } });
  });

  it("--dry-run writes nothing and says what it would do", async () => {
    const a = repoWithPostmortem(github.sim, addInstallation(github.sim, 11, "acme"), "pay");
    const summary = await sweepAll(source({ dryRun: true }));
    expect(writesTo(a)).toEqual([]);
    const [result] = summary.results;
    expect(result!.writes.filter((w) => w.operation === "create-issue").map((w) => w.target)).toEqual(
      expect.arrayContaining(["Follow-up gateway", "Follow-up canary"]),
    );
    expect(summary.issuesRecreated).toBe(2);
  });

  it("skips archived repositories and repositories without postmortems cost little", async () => {
    const acme = addInstallation(github.sim, 11, "acme");
    const archived = repoWithPostmortem(github.sim, acme, "old", { archived: true });
    const empty = emptyRepo(github.sim, acme, "empty", { files: { "src/index.ts": "export {};\n" } });
    github.sim.clearLog();
    const summary = await sweepAll(source());
    expect(summary.repositories).toBe(1);
    expect(about(github.sim, archived)).toEqual([]);
    // One probe: the config (repository, then organisation), the tree, the tracked issues; nothing else.
    expect(calls(about(github.sim, empty))).toEqual(["POST /graphql repositoryProbe"]);

    // When the probe fails: each part on its own, still nothing else.
    refuseGraphqlBatches(github.sim);
    github.sim.clearLog();
    await sweepAll(source());
    expect(calls(about(github.sim, empty))).toEqual([
      "POST /graphql repositoryProbe",
      "GET /repos/acme/empty/contents/.github/postmortem-followups.yml",
      "GET /repos/acme/empty/git/trees/main",
      "POST /graphql trackedIssues",
    ]);
  });
});

describe("the follow-ups by state, for the followups gauge (issue 19)", () => {
  it("counts them as the reports classify them: overdue, validated or not, not doing, lapsed", async () => {
    const acme = addInstallation(github.sim, 11, "acme");
    const repo = repoWithPostmortem(github.sim, acme, "pay", { ids: ["a", "b", "c", "d", "e"] });
    await sweepAll(source());
    const issue = (id: string) =>
      followups(github.sim, repo).find((i) => readFollowupMarker(i.body ?? "")!.id === id)!;
    // Done with its evidence recorded (as /validated or a linked pull request records it).
    const validated = (id: string) => {
      const i = issue(id);
      close(i, "completed", false);
      i.body = withEvidence(i.body ?? "", "en", "Merged #42");
      return i;
    };
    validated("b");
    close(issue("c"), "completed", false);
    close(issue("d"), "not_planned", false);
    const e = validated("e");
    e.body = writeRecheckMarker(e.body ?? "", {
      checks: [{ closed: e.closed_at!, on: "2026-12-01", outcome: "lapsed" }],
    });
    // Two days past the due date (2026-12-20): "a", still open, is overdue.
    const later = createAppSweepSource(probot, {
      botLogin: botLogin(github.sim),
      now: () => new Date("2026-12-22T12:00:00Z"),
    });
    const summary = await sweepAll(later);
    expect(summary.results.map((r) => [r.repository, r.followups])).toEqual([
      [
        "acme/pay",
        {
          states: { overdue: 1, due_soon: 0, open: 0, done_unvalidated: 1, done_validated: 2, not_doing: 1 },
          lapsed: 1,
        },
      ],
    ]);
  });
});
