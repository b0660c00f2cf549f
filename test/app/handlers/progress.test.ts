import { beforeEach, describe, expect, it } from "vitest";
import { isStatusCommand, registerProgress, type StatusOutcome } from "../../../src/app/handlers/progress.js";
import { defaultConfig } from "../../../src/domain/config/load.js";
import { readProgressMarker } from "../../../src/domain/progress/report.js";
import { addFollowup } from "../../domain/progress/followup-issues.js";
import type { FakeGitHub } from "../../helpers/fake-github.js";
import { recordUnmatched, useNock } from "../../helpers/octokit.js";
import { examplePayload, withRepository } from "../../helpers/payloads.js";
import { createTestProbot, type TestProbot } from "../../helpers/probot.js";
import { FakeFleet } from "../../runs/sweep/fleet.js";

useNock();
const unmatched = recordUnmatched();

const NOW = new Date("2026-11-25T12:00:00Z");
const config = defaultConfig();

let fleet: FakeFleet;
let gh: FakeGitHub;
let t: TestProbot;
let outcomes: StatusOutcome[];

beforeEach(async () => {
  fleet = new FakeFleet();
  gh = FakeFleet.repo("acme", "pay").addWriter("alice");
  gh.addMergedPull({ number: 7, files: [], mergeCommitSha: "m7" });
  fleet.addInstallation(1, "acme", gh);
  fleet.install();
  outcomes = [];
  t = await createTestProbot((app) => {
    registerProgress(app, { scheduler: false, now: () => NOW, onStatus: (o) => outcomes.push(o) });
  });
});

function comment(options: {
  issue: number;
  pullRequest: boolean;
  body: string;
  sender?: { login: string; type: "User" | "Bot" };
}) {
  const payload = withRepository(
    examplePayload("issue_comment", (p) => p.action === "created"),
    { owner: "acme", repo: "pay", installationId: 1 },
  );
  const issue = payload.issue as Record<string, unknown>;
  issue.number = options.issue;
  if (options.pullRequest)
    issue.pull_request = { url: `https://api.github.com/repos/acme/pay/pulls/${options.issue}` };
  else delete issue.pull_request;
  const c = payload.comment as Record<string, unknown>;
  c.body = options.body;
  c.id = 555;
  const sender = payload.sender as Record<string, unknown>;
  sender.login = options.sender?.login ?? "alice";
  sender.type = options.sender?.type ?? "User";
  return payload;
}

const reports = () => gh.issue(7)!.comments.filter((c) => readProgressMarker(c.body));

describe("/followups status", () => {
  it("recognises the command on the first line only", () => {
    expect(isStatusCommand("/followups status")).toBe(true);
    expect(isStatusCommand("\n  /FOLLOWUPS   Status  \nthanks")).toBe(true);
    expect(isStatusCommand("> /followups status")).toBe(false);
    expect(isStatusCommand("please run /followups status")).toBe(false);
    expect(isStatusCommand("/followups statuses")).toBe(false);
    expect(isStatusCommand(null)).toBe(false);
  });

  it("on the postmortem pull request: posts this week's report now, and acknowledges", async () => {
    addFollowup(gh, config, { id: "gateway" });
    await t.receive("issue_comment", comment({ issue: 7, pullRequest: true, body: "/followups status" }));
    expect(outcomes).toMatchObject([
      { status: "reported", outcomes: [{ action: "created", week: "2026-W48" }] },
    ]);
    expect(reports()).toHaveLength(1);
    expect(fleet.reactions).toEqual([["acme/pay", 555, "+1"]]);

    // Again the same week: nothing changed, no write (but acknowledged).
    gh.clearRequests();
    await t.receive("issue_comment", comment({ issue: 7, pullRequest: true, body: "/followups status" }));
    expect(outcomes[1]).toMatchObject({ status: "reported", outcomes: [{ action: "unchanged" }] });
    expect(gh.writes()).toEqual([]);
    expect(unmatched).toEqual([]);
  });

  it("on a follow-up issue: refreshes its postmortem's report", async () => {
    const issue = addFollowup(gh, config, { id: "gateway" });
    addFollowup(gh, config, { id: "other", path: "postmortems/other.md", pr: 9 });
    await t.receive(
      "issue_comment",
      comment({ issue: issue.number, pullRequest: false, body: "/followups status" }),
    );
    expect(outcomes).toMatchObject([
      {
        status: "reported",
        outcomes: [{ path: "postmortems/2026-03-12-payments.md", pr: 7, action: "created" }],
      },
    ]);
    expect(reports()).toHaveLength(1);
  });

  it("a pull request without follow-ups gets a confused reaction and no comment", async () => {
    addFollowup(gh, config, { id: "gateway" });
    gh.addMergedPull({ number: 12, files: [], mergeCommitSha: "m12" });
    await t.receive("issue_comment", comment({ issue: 12, pullRequest: true, body: "/followups status" }));
    expect(outcomes).toEqual([{ status: "no-followups" }]);
    expect(gh.writes()).toEqual([]);
    expect(fleet.reactions).toEqual([["acme/pay", 555, "confused"]]);
  });

  it("ignores other comments and bots", async () => {
    addFollowup(gh, config, { id: "gateway" });
    await t.receive("issue_comment", comment({ issue: 7, pullRequest: true, body: "LGTM" }));
    await t.receive(
      "issue_comment",
      comment({
        issue: 7,
        pullRequest: true,
        body: "/followups status",
        sender: { login: "ci[bot]", type: "Bot" },
      }),
    );
    expect(outcomes).toEqual([{ status: "ignored", reason: "bot" }]);
    expect(gh.writes()).toEqual([]);
    expect(fleet.reactions).toEqual([]);
  });

  it("after the final report, nothing more", async () => {
    addFollowup(gh, config, { id: "gateway", closed: "completed", evidence: true });
    await t.receive("issue_comment", comment({ issue: 7, pullRequest: true, body: "/followups status" }));
    expect(outcomes[0]).toMatchObject({ outcomes: [{ action: "created", final: true }] });
    gh.clearRequests();
    await t.receive("issue_comment", comment({ issue: 7, pullRequest: true, body: "/followups status" }));
    expect(outcomes[1]).toMatchObject({
      outcomes: [{ action: "skipped", reason: "complete: final report posted" }],
    });
    expect(gh.writes()).toEqual([]);
    expect(fleet.reactions.at(-1)).toEqual(["acme/pay", 555, "confused"]);
  });

  it("an invalid config: no report", async () => {
    addFollowup(gh, config, { id: "gateway" });
    gh.setFile(".github/postmortem-followups.yml", "weekly:\n  mention: all\n");
    await t.receive("issue_comment", comment({ issue: 7, pullRequest: true, body: "/followups status" }));
    expect(outcomes).toEqual([{ status: "config-error" }]);
    expect(gh.writes()).toEqual([]);
  });
});
