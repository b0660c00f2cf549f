import { beforeEach, describe, expect, it } from "vitest";
import { registerProgress, type StatusOutcome } from "../../../src/app/handlers/progress.js";
import { readProgressMarker } from "../../../src/domain/progress/report-history.js";
import { examplePayload, withRepository } from "../../helpers/payloads.js";
import { SEARCH_PATH, searchPostmortem } from "../../helpers/postmortems.js";
import { createTestProbot } from "../../helpers/probot.js";
import { botLogin, commentsOn, mergedPull, seedPay, useSimulator } from "../../helpers/simulated-github.js";
import { sweepRepo } from "../../runs/sweep/fleet.js";
import type { SimRepo } from "../../simulator/index.js";

/**
 * Issue 14: `/followups status` counts a Markdown postmortem's items that got no issue of ours (done
 * in the file, adopting an existing issue) as the sweep's weekly report does, so the on-demand report
 * never says less than the weekly one, and never calls a postmortem complete while an adopted issue
 * is open.
 */

const github = useSimulator();
const MERGED = new Date("2026-11-25T12:00:00Z");
const NEXT_WEEK = new Date("2026-12-02T12:00:00Z");

let repo: SimRepo;
beforeEach(async () => {
  repo = seedPay(github.sim, { collaborators: { alice: "write" } });
  github.sim.createIssue(repo, { title: "Shard the index", user: "alice" });
  mergedPull(github.sim, repo, 7, { [SEARCH_PATH]: searchPostmortem() });
  // The sweep of the merge week: our issue for the open item, and the week's report.
  const swept = await sweepRepo(github.sim, repo, MERGED);
  expect(swept.errors).toEqual([]);
});

async function status(now: Date): Promise<StatusOutcome[]> {
  const outcomes: StatusOutcome[] = [];
  const t = await createTestProbot(
    (app) => {
      registerProgress(app, { scheduler: false, now: () => now, onStatus: (o) => outcomes.push(o) });
    },
    { baseUrl: github.sim.url },
  );
  const created = github.sim.addComment(repo, 7, "/followups status", "alice");
  const payload = withRepository(
    examplePayload("issue_comment", (p) => p.action === "created"),
    { owner: "acme", repo: "pay", installationId: repo.installation_id ?? 1 },
  );
  const issue = payload.issue as Record<string, unknown>;
  issue.number = 7;
  issue.pull_request = { url: "https://api.github.com/repos/acme/pay/pulls/7" };
  Object.assign(payload.comment as Record<string, unknown>, { body: "/followups status", id: created.id });
  Object.assign(payload.sender as Record<string, unknown>, { login: "alice", type: "User" });
  await t.receive("issue_comment", payload);
  return outcomes;
}

const reports = () => commentsOn(repo, 7).flatMap((c) => readProgressMarker(c.body) ?? []);

describe("/followups status on a Markdown postmortem", () => {
  it("counts the done and adopted items, as the weekly report does", async () => {
    expect(reports().map((m) => m.week)).toEqual(["2026-W48"]);
    const outcomes = await status(NEXT_WEEK);
    expect(outcomes).toMatchObject([
      { status: "reported", outcomes: [{ action: "created", week: "2026-W49", final: false }] },
    ]);
    const weekly = reports();
    expect(weekly.map((m) => m.week)).toEqual(["2026-W48", "2026-W49"]);
    // The same statuses as the sweep's report of the merge week: nothing dropped.
    expect(weekly[1]!.statuses).toEqual(weekly[0]!.statuses);
    expect(weekly[1]!.statuses).toEqual({
      "add-a-search-latency-alert": "open",
      "plug-the-file-descriptor-leak": "done_validated",
      "shard-the-search-index": "open",
    });
  });

  it("is not complete while the adopted issue is open, though every issue of ours is finished", async () => {
    // Our one issue is closed as not planned, with a reason: finished. The adopted #1 stays open.
    const ours = Object.values(repo.issues).find((i) => !i.pull && i.user === botLogin(github.sim))!;
    github.sim.addComment(repo, ours.number, "/not-doing the alert duplicates SLO burn alerts", "alice");
    Object.assign(ours, { state: "closed", state_reason: "not_planned", closed_at: MERGED.toISOString() });
    const outcomes = await status(NEXT_WEEK);
    expect(outcomes).toMatchObject([{ status: "reported", outcomes: [{ final: false }] }]);
    expect(reports().at(-1)?.statuses?.["shard-the-search-index"]).toBe("open");
    expect(reports().some((m) => m.final)).toBe(false);
  });
});
