import { beforeEach, describe, expect, it } from "vitest";
import { defaultConfig } from "../../../src/domain/config/load.js";
import type { Config } from "../../../src/domain/config/schema.js";
import { renderMarker } from "../../../src/domain/markers/marker.js";
import { readProgressMarker } from "../../../src/domain/progress/report-history.js";
import { withNotDoing } from "../../../src/domain/validation/not-doing.js";
import { openRepository } from "../../../src/github/repository.js";
import { runWeeklyReport } from "../../../src/runs/weekly/weekly.js";
import { REPO } from "../../domain/progress/fixtures.js";
import { addFollowup, close } from "../../domain/progress/followup-issues.js";
import { FakeGitHub } from "../../helpers/fake-github.js";
import { TestOctokit, useNock } from "../../helpers/octokit.js";

useNock();

const PATH = "postmortems/2026-03-12-payments.md";
const WEEK48 = new Date("2026-11-25T12:00:00Z");
const WEEK49 = new Date("2026-12-02T12:00:00Z");
const WEEK50 = new Date("2026-12-09T12:00:00Z");

let gh: FakeGitHub;
let config: Config;

const REASON = {
  reason: "retired",
  by: "alice",
  at: "2026-11-26T10:01:00Z",
  comment: 1,
  url: "https://github.com/acme/pay/issues/2#issuecomment-1",
  closedBy: "alice",
  closedAt: "2026-11-26T10:00:00Z",
};

beforeEach(() => {
  gh = new FakeGitHub({ owner: "acme", repo: "pay" }).install();
  gh.addMergedPull({ number: 7, files: [{ filename: PATH, status: "added" }], mergeCommitSha: "m7" });
  config = defaultConfig();
});

function run(now: Date, overrides: Partial<Parameters<typeof runWeeklyReport>[0]> = {}, dryRun = false) {
  const repository = openRepository(
    new TestOctokit({ auth: "test" }),
    { owner: "acme", repo: "pay" },
    { dryRun },
  );
  return runWeeklyReport({
    gateway: repository.gateway,
    repo: REPO,
    config,
    botLogin: gh.botLogin,
    now,
    ...overrides,
  });
}

const reports = () => gh.issue(7)!.comments.filter((c) => readProgressMarker(c.body));

describe("the weekly report of a repository", () => {
  it("a repository without tracked follow-ups costs one request", async () => {
    expect(await run(WEEK48)).toEqual([]);
    expect(gh.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /graphql"]);
  });

  it("one comment per ISO week: same week edits only when changed, a new week posts", async () => {
    const gateway = addFollowup(gh, config, { id: "gateway" });
    addFollowup(gh, config, { id: "canary", due: "2026-11-01" });

    const first = await run(WEEK48);
    expect(first).toMatchObject([{ path: PATH, pr: 7, week: "2026-W48", action: "created", final: false }]);
    expect(reports()).toHaveLength(1);
    expect(reports()[0]!.body).toContain("- #9 Follow-up canary · @alice · due 2026-11-01 (24 days overdue)");

    // Same week, nothing changed: no write at all.
    gh.clearRequests();
    expect(await run(WEEK48)).toMatchObject([{ action: "unchanged" }]);
    expect(gh.writes()).toEqual([]);
    expect(gh.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /graphql",
      "GET /repos/acme/pay/issues/7/comments",
    ]);

    // Same week, a follow-up closed: this week's comment is edited, not a new one.
    close(gateway, "completed");
    gh.clearRequests();
    expect(await run(new Date("2026-11-27T08:00:00Z"))).toMatchObject([{ action: "updated" }]);
    expect(gh.writes().map((w) => `${w.method} ${w.path}`)).toEqual([
      `PATCH /repos/acme/pay/issues/comments/${reports()[0]!.id}`,
    ]);
    expect(reports()).toHaveLength(1);
    expect(readProgressMarker(reports()[0]!.body)!.statuses).toEqual({
      canary: "overdue",
      gateway: "done_validated",
    });

    // A new week: a new comment, with what changed and the trend.
    expect(await run(WEEK49)).toMatchObject([{ week: "2026-W49", action: "created" }]);
    expect(reports()).toHaveLength(2);
    const second = reports()[1]!.body;
    expect(second).toContain("### Since last week (2026-W48)\n\nNo change since last week.");
    expect(second).toContain('x-axis ["W48", "W49"]');
  });

  it("posts one final comment when everything is done and validated or not doing, then nothing ever", async () => {
    const a = addFollowup(gh, config, { id: "a" });
    const b = addFollowup(gh, config, { id: "b" });
    await run(WEEK48);
    close(a, "completed");
    close(b, "not_planned", false);
    // Not doing without a reason is not finished (issue 16): the reports go on.
    expect(await run(WEEK49)).toMatchObject([{ action: "created", final: false }]);
    b.body = withNotDoing(b.body ?? "", "en", REASON);
    expect(await run(WEEK49)).toMatchObject([{ action: "created", final: true }]);
    expect(reports()).toHaveLength(3);
    expect(reports()[2]!.body).toContain("## All follow-ups are finished");
    expect(reports()[2]!.body).toContain("### Not doing\n\n- #");
    expect(readProgressMarker(reports()[2]!.body)).toMatchObject({ final: true, week: "2026-W49" });

    gh.clearRequests();
    expect(await run(WEEK49)).toMatchObject([{ action: "skipped", reason: "complete: final report posted" }]);
    // Even when a follow-up is reopened later.
    a.state = "open";
    a.state_reason = "reopened";
    expect(await run(WEEK50)).toMatchObject([{ action: "skipped" }]);
    expect(gh.writes()).toEqual([]);
  });

  it("a done follow-up without evidence, or with needs-validation, keeps the reports going", async () => {
    addFollowup(gh, config, { id: "a", closed: "completed", evidence: false });
    addFollowup(gh, config, { id: "b", closed: "completed", evidence: true, needsValidation: true });
    expect(await run(WEEK48)).toMatchObject([{ action: "created", final: false }]);
    expect(readProgressMarker(reports()[0]!.body)!.statuses).toEqual({
      a: "done_unvalidated",
      b: "done_unvalidated",
    });
  });

  it("only the app's own comments and issues count", async () => {
    addFollowup(gh, config, { id: "a" });
    // Someone copies a final marker, and a week marker, into their own comments.
    const forged = renderMarker("progress", { path: PATH, week: "2026-W48", final: true, statuses: {} });
    gh.issue(7)!.comments.push({
      id: 1,
      body: `${forged}\nall done!`,
      author: { login: "mallory", type: "User" },
    });
    // And opens an issue with a copied follow-up marker.
    addFollowup(gh, config, { id: "fake", author: { login: "mallory", type: "User" } });
    expect(await run(WEEK48)).toMatchObject([{ action: "created" }]);
    const [report] = reports().filter((c) => c.author.type === "Bot");
    expect(Object.keys(readProgressMarker(report!.body)!.statuses!)).toEqual(["a"]);
  });

  it("postmortems sharing a pull request get one report each; their comments are listed once", async () => {
    addFollowup(gh, config, { id: "a" });
    addFollowup(gh, config, { id: "b", path: "postmortems/2026-03-13-db.md" });
    addFollowup(gh, config, { id: "c", path: "postmortems/no-pr.md", pr: null });
    const outcomes = await run(WEEK48);
    expect(outcomes.map((o) => [o.path, o.action, o.reason])).toEqual([
      ["postmortems/2026-03-12-payments.md", "created", undefined],
      ["postmortems/2026-03-13-db.md", "created", undefined],
      ["postmortems/no-pr.md", "skipped", "no pull request to report on"],
    ]);
    expect(gh.find("GET", "/repos/acme/pay/issues/7/comments")).toHaveLength(1);
    gh.clearRequests();
    expect((await run(WEEK48)).map((o) => o.action)).toEqual(["unchanged", "unchanged", "skipped"]);
    expect(gh.writes()).toEqual([]);
  });

  it("a dry run decides and renders but writes nothing", async () => {
    addFollowup(gh, config, { id: "a" });
    const [outcome] = await run(WEEK48, {}, true);
    expect(outcome).toMatchObject({ action: "created" });
    expect(outcome!.body).toContain("## Follow-up progress · 2026-W48");
    expect(gh.writes()).toEqual([]);
  });

  it("a failed write is reported for that postmortem; the others proceed", async () => {
    addFollowup(gh, config, { id: "a" });
    addFollowup(gh, config, { id: "b", path: "postmortems/2026-03-13-db.md" });
    gh.failNext("POST", /\/issues\/7\/comments$/, 502);
    const outcomes = await run(WEEK48);
    expect(outcomes[0]).toMatchObject({ action: "skipped", error: expect.stringContaining("502") });
    expect(outcomes[1]).toMatchObject({ action: "created" });
  });
});
