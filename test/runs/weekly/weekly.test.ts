import { beforeEach, describe, expect, it } from "vitest";
import { defaultConfig } from "../../../src/domain/config/load.js";
import type { Config } from "../../../src/domain/config/schema.js";
import { renderMarker } from "../../../src/domain/markers/marker.js";
import { readProgressMarker } from "../../../src/domain/progress/report-history.js";
import { withNotDoing } from "../../../src/domain/validation/not-doing.js";
import { openRepository } from "../../../src/github/repository.js";
import { runWeeklyReport } from "../../../src/runs/weekly/weekly.js";
import { REPO } from "../../domain/progress/fixtures.js";
import {
  close,
  type FollowupSpec,
  addFollowup as seedFollowup,
} from "../../domain/progress/followup-issues.js";
import {
  appRequests,
  botLogin,
  calls,
  commentsOn,
  installationOctokit,
  mergedPull,
  seedPay,
  useSimulator,
  writes,
} from "../../helpers/simulated-github.js";
import type { SimRepo } from "../../simulator/index.js";

const github = useSimulator();

const PATH = "postmortems/2026-03-12-payments.md";
const WEEK48 = new Date("2026-11-25T12:00:00Z");
const WEEK49 = new Date("2026-12-02T12:00:00Z");
const WEEK50 = new Date("2026-12-09T12:00:00Z");

let repo: SimRepo;
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
  repo = seedPay(github.sim, { collaborators: { alice: "write" } });
  mergedPull(github.sim, repo, 7, { [PATH]: "# Payments outage\n" });
  github.sim.clearLog();
  config = defaultConfig();
});

const addFollowup = (spec: FollowupSpec) => seedFollowup(github.sim, repo, config, spec);
/** `METHOD path` of the requests since the last `clearLog()`. */
const requests = () => calls(appRequests(github.sim));
const writeCalls = () => calls(writes(github.sim));

function run(now: Date, overrides: Partial<Parameters<typeof runWeeklyReport>[0]> = {}, dryRun = false) {
  const repository = openRepository(
    installationOctokit(github.sim),
    { owner: "acme", repo: "pay" },
    { dryRun },
  );
  return runWeeklyReport({
    gateway: repository.gateway,
    repo: REPO,
    config,
    botLogin: botLogin(github.sim),
    now,
    ...overrides,
  });
}

const reports = () => commentsOn(repo, 7).filter((c) => readProgressMarker(c.body));

describe("the weekly report of a repository", () => {
  it("a repository without tracked follow-ups costs one request", async () => {
    expect(await run(WEEK48)).toEqual([]);
    expect(requests()).toEqual(["POST /graphql trackedIssues"]);
  });

  it("one comment per ISO week: same week edits only when changed, a new week posts", async () => {
    const gateway = addFollowup({ id: "gateway" });
    addFollowup({ id: "canary", due: "2026-11-01" });

    const first = await run(WEEK48);
    expect(first).toMatchObject([{ path: PATH, pr: 7, week: "2026-W48", action: "created", final: false }]);
    expect(reports()).toHaveLength(1);
    expect(reports()[0]!.body).toContain("- #9 Follow-up canary · @alice · due 2026-11-01 (24 days overdue)");

    // Same week, nothing changed: no write at all.
    github.sim.clearLog();
    expect(await run(WEEK48)).toMatchObject([{ action: "unchanged" }]);
    expect(writeCalls()).toEqual([]);
    expect(requests()).toEqual(["POST /graphql trackedIssues", "GET /repos/acme/pay/issues/7/comments"]);

    // Same week, a follow-up closed: this week's comment is edited, not a new one.
    close(gateway, "completed");
    github.sim.clearLog();
    expect(await run(new Date("2026-11-27T08:00:00Z"))).toMatchObject([{ action: "updated" }]);
    expect(writeCalls()).toEqual([`PATCH /repos/acme/pay/issues/comments/${reports()[0]!.id}`]);
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
    const a = addFollowup({ id: "a" });
    const b = addFollowup({ id: "b" });
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

    github.sim.clearLog();
    expect(await run(WEEK49)).toMatchObject([{ action: "skipped", reason: "complete: final report posted" }]);
    // Even when a follow-up is reopened later.
    a.state = "open";
    a.state_reason = "reopened";
    expect(await run(WEEK50)).toMatchObject([{ action: "skipped" }]);
    expect(writeCalls()).toEqual([]);
  });

  it("a done follow-up without evidence, or with needs-validation, keeps the reports going", async () => {
    addFollowup({ id: "a", closed: "completed", evidence: false });
    addFollowup({ id: "b", closed: "completed", evidence: true, needsValidation: true });
    expect(await run(WEEK48)).toMatchObject([{ action: "created", final: false }]);
    expect(readProgressMarker(reports()[0]!.body)!.statuses).toEqual({
      a: "done_unvalidated",
      b: "done_unvalidated",
    });
  });

  it("only the app's own comments and issues count", async () => {
    addFollowup({ id: "a" });
    // Someone copies a final marker, and a week marker, into their own comments.
    const forged = renderMarker("progress", { path: PATH, week: "2026-W48", final: true, statuses: {} });
    github.sim.addUser("mallory");
    github.sim.addComment(repo, 7, `${forged}\nall done!`, "mallory");
    // And opens an issue with a copied follow-up marker.
    addFollowup({ id: "fake", author: "mallory" });
    expect(await run(WEEK48)).toMatchObject([{ action: "created" }]);
    const [report] = reports().filter((c) => c.user === botLogin(github.sim));
    expect(Object.keys(readProgressMarker(report!.body)!.statuses!)).toEqual(["a"]);
  });

  it("postmortems sharing a pull request get one report each; their comments are listed once", async () => {
    addFollowup({ id: "a" });
    addFollowup({ id: "b", path: "postmortems/2026-03-13-db.md" });
    addFollowup({ id: "c", path: "postmortems/no-pr.md", pr: null });
    const outcomes = await run(WEEK48);
    expect(outcomes.map((o) => [o.path, o.action, o.reason])).toEqual([
      ["postmortems/2026-03-12-payments.md", "created", undefined],
      ["postmortems/2026-03-13-db.md", "created", undefined],
      ["postmortems/no-pr.md", "skipped", "no pull request to report on"],
    ]);
    expect(requests().filter((r) => r === "GET /repos/acme/pay/issues/7/comments")).toHaveLength(1);
    github.sim.clearLog();
    expect((await run(WEEK48)).map((o) => o.action)).toEqual(["unchanged", "unchanged", "skipped"]);
    expect(writeCalls()).toEqual([]);
  });

  it("a dry run decides and renders but writes nothing", async () => {
    addFollowup({ id: "a" });
    const [outcome] = await run(WEEK48, {}, true);
    expect(outcome).toMatchObject({ action: "created" });
    expect(outcome!.body).toContain("## Follow-up progress · 2026-W48");
    expect(writeCalls()).toEqual([]);
  });

  it("a failed write is reported for that postmortem; the others proceed", async () => {
    addFollowup({ id: "a" });
    addFollowup({ id: "b", path: "postmortems/2026-03-13-db.md" });
    github.sim.inject({
      match: { method: "POST", path: "/repos/acme/pay/issues/7/comments" },
      respond: { status: 502, body: { message: "injected 502" } },
    });
    const outcomes = await run(WEEK48);
    expect(outcomes[0]).toMatchObject({ action: "skipped", error: expect.stringContaining("502") });
    expect(outcomes[1]).toMatchObject({ action: "created" });
  });
});
