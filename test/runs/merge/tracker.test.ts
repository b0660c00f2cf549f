import { beforeEach, describe, expect, it } from "vitest";
import app from "../../../src/app/app.js";
import { readFollowupMarker } from "../../../src/domain/markers/marker.js";
import { readTrackerMarker } from "../../../src/domain/markers/tracker.js";
import { createAppSweepSource } from "../../../src/runs/sweep/app.js";
import { sweepAll } from "../../../src/runs/sweep/sweep.js";
import { push } from "../../helpers/payloads.js";
import { postmortemMarkdown } from "../../helpers/postmortems.js";
import { createTestProbot, type TestProbot } from "../../helpers/probot.js";
import {
  calls,
  commentsOn,
  freezeWrites,
  issuesOf,
  mergedPullPayload,
  seedPay,
  useSimulator,
  writes,
} from "../../helpers/simulated-github.js";
import type { SimIssue, SimRepo } from "../../simulator/index.js";

/** `tracker: true` end to end on the simulator: a merge, its redelivery, a server without sub-issues. */

const github = useSimulator();
const FILE = "postmortems/2026-03-12-payments.md";
const CONFIG = ".github/postmortem-followups.yml";
const ITEMS = {
  short_term: [
    { id: "validate-config", title: "Validate gateway config", owner: "alice", validation: ["#123"] },
  ],
  long_term: [
    { id: "config-canary", title: "Canary every config change", owner: "bob", validation: ["#124"] },
  ],
};

let repo: SimRepo;
let t: TestProbot;

beforeEach(async () => {
  repo = seedPay(github.sim, {
    collaborators: { alice: "write", bob: "write" },
    files: { [CONFIG]: "tracker: true\n" },
  });
  t = await createTestProbot(app, { baseUrl: github.sim.url });
});

function merge(number: number) {
  return mergedPullPayload(github.sim, repo, number, { [FILE]: postmortemMarkdown(ITEMS) });
}

const trackers = () => issuesOf(repo).filter((i) => readTrackerMarker(i.body) !== null);
const followupIssues = () => issuesOf(repo).filter((i) => readFollowupMarker(i.body ?? "") !== null);

/** Closed as completed with evidence recorded, as the validation flow leaves a follow-up. */
function doneAndValidated(issue: SimIssue) {
  issue.body = (issue.body ?? "").replace(
    /(<!-- postmortem-followups:evidence-begin -->\n)[\s\S]*?(<!-- postmortem-followups:evidence-end -->)/,
    "$1- merged [#9](https://github.com/acme/pay/pull/9)\n$2",
  );
  issue.state = "closed";
  issue.state_reason = "completed";
}

describe("tracker: true", () => {
  it("creates one tracker with every follow-up attached as a sub-issue; both triggers and a redelivery make no duplicate", async () => {
    const { payload } = merge(7);
    const pushed = push({
      owner: "acme",
      repo: "pay",
      installationId: repo.installation_id!,
      after: repo.branches.main!,
      commits: [{ added: [FILE] }],
    });
    // A squash merge fires both events together: one tracker.
    await Promise.all([t.receive("pull_request", payload), t.receive("push", pushed)]);

    const [tracker, ...others] = trackers();
    expect(others).toEqual([]);
    const subs = followupIssues();
    expect(subs).toHaveLength(2);
    expect(tracker?.title).toBe("Follow-ups: Payments API outage");
    expect(tracker?.labels).toEqual(["postmortem-followup"]);
    expect(tracker?.user).toBe("my-app[bot]");
    expect(tracker?.sub_issues).toEqual(subs.map((s) => s.id));
    expect(readTrackerMarker(tracker?.body)).toEqual({
      path: FILE,
      linked: subs.map((s) => s.number),
      mode: "sub-issues",
    });
    expect(tracker?.body).toContain("**0 of 2** follow-ups done and validated");
    // The pull request's summary says so under its last changes.
    expect(commentsOn(repo, 7)[0]?.body).toContain(
      `- Tracker #${tracker?.number} created for \`${FILE}\`, with its follow-ups as sub-issues`,
    );
    expect(tracker?.body).toContain(`| #${subs[0]!.number} | System | Validate gateway config | \`alice\` |`);
    // One create and one attach per follow-up; the body was right the first time (no update).
    const trackerWrites = calls(writes(github.sim)).filter(
      (c) => c.includes("sub_issues") || c === `PATCH /repos/acme/pay/issues/${tracker?.number}`,
    );
    expect(trackerWrites).toEqual([
      `POST /repos/acme/pay/issues/${tracker?.number}/sub_issues`,
      `POST /repos/acme/pay/issues/${tracker?.number}/sub_issues`,
    ]);

    // Redelivery and the push of the same merge: no duplicate, no write at all.
    github.sim.clearLog();
    freezeWrites(github.sim);
    await t.receive("pull_request", payload);
    await t.receive("push", pushed);
    expect(writes(github.sim)).toEqual([]);
    expect(trackers()).toHaveLength(1);
  });

  it("closes the tracker once every follow-up is done and validated, and says so", async () => {
    const { payload } = merge(7);
    await t.receive("pull_request", payload);
    const [first, second] = followupIssues();
    doneAndValidated(first!);
    github.sim.clearLog();
    await t.receive("pull_request", payload);
    expect(trackers()[0]?.state).toBe("open");
    expect(trackers()[0]?.body).toContain("**1 of 2** follow-ups");

    doneAndValidated(second!);
    await t.receive("pull_request", payload);
    const tracker = trackers()[0]!;
    expect(tracker.state).toBe("closed");
    expect(tracker.state_reason).toBe("completed");
    expect(tracker.body).toContain("**2 of 2** follow-ups");
    expect(tracker.body).toContain("this tracker closed itself");
  });

  it("the sweep keeps the tracker in step: a follow-up done and validated, the body rewritten once", async () => {
    const { payload } = merge(7);
    await t.receive("pull_request", payload);
    doneAndValidated(followupIssues()[0]!);
    const sweep = () =>
      sweepAll(
        createAppSweepSource(t.probot, {
          botLogin: "my-app[bot]",
          now: () => new Date("2026-03-20T12:00:00Z"),
        }),
      );
    github.sim.clearLog();
    await sweep();
    const tracker = trackers()[0]!;
    expect(tracker.body).toContain("**1 of 2** follow-ups");
    expect(
      calls(writes(github.sim)).filter((c) => c === `PATCH /repos/acme/pay/issues/${tracker.number}`),
    ).toHaveLength(1);

    // Nothing changed since: the next sweep and a redelivered merge leave the tracker alone (the
    // merge and the sweep render the same body).
    github.sim.clearLog();
    freezeWrites(github.sim);
    await sweep();
    await t.receive("pull_request", payload);
    expect(calls(writes(github.sim)).filter((c) => c.includes(`/issues/${tracker.number}`))).toEqual([]);
  });

  it("lists the follow-ups as a task list and says why where the sub-issues API answers 404", async () => {
    github.sim.setSubIssues(false);
    const { payload } = merge(7);
    await t.receive("pull_request", payload);
    const [tracker] = trackers();
    const subs = followupIssues();
    expect(readTrackerMarker(tracker?.body)).toEqual({
      path: FILE,
      linked: subs.map((s) => s.number),
      mode: "task-list",
    });
    expect(tracker?.body).toContain("has no sub-issues API");
    expect(tracker?.body).toContain(subs.map((s) => `- [ ] #${s.number}`).join("\n"));
    // One attempt (the 404) for the first follow-up only, then the body update.
    expect(calls(github.sim.requests.filter((r) => r.path.includes("sub_issue")))).toEqual([
      `POST /repos/acme/pay/issues/${tracker?.number}/sub_issues`,
    ]);

    github.sim.clearLog();
    freezeWrites(github.sim);
    await t.receive("pull_request", payload);
    expect(writes(github.sim)).toEqual([]);
  });

  it("two replicas without a shared lock made two trackers: the next run closes the newer as a duplicate", async () => {
    const { payload } = merge(7);
    await t.receive("pull_request", payload);
    const [first] = trackers();
    // What a second replica with its own lock would have written meanwhile: the same tracker again.
    const second = github.sim.createIssue(repo, {
      title: first!.title,
      body: first!.body,
      labels: ["postmortem-followup"],
      user: "my-app[bot]",
    });
    // And a copy by someone else: a forged marker counts for nothing and is left alone.
    const forged = github.sim.createIssue(repo, {
      title: "x",
      body: first!.body,
      labels: ["postmortem-followup"],
    });
    await t.receive("pull_request", payload);
    expect([first!.state, second.state, second.state_reason, forged.state]).toEqual([
      "open",
      "closed",
      "duplicate",
      "open",
    ]);
  });

  it("a deleted postmortem closes its tracker as not planned, with its follow-ups", async () => {
    await t.receive("pull_request", merge(7).payload);
    const { payload } = mergedPullPayload(github.sim, repo, 20, { [FILE]: null });
    await t.receive("pull_request", payload);
    expect(followupIssues().map((i) => [i.state, i.state_reason])).toEqual([
      ["closed", "not_planned"],
      ["closed", "not_planned"],
    ]);
    expect(trackers().map((i) => [i.state, i.state_reason])).toEqual([["closed", "not_planned"]]);
  });

  it("speaks the config's language: a Korean tracker", async () => {
    github.sim.addCommit(repo, { files: { [CONFIG]: "language: ko\ntracker: true\n" } });
    await t.receive("pull_request", merge(7).payload);
    const [tracker] = trackers();
    expect(tracker?.title).toBe("후속 조치: Payments API outage");
    expect(tracker?.body).toContain("후속 조치 2건 중 **0건** 완료·검증됨");
    expect(tracker?.body).toContain("| 이슈 | 분류 | 후속 조치 | 담당자 | 기한 |");
    expect(tracker?.body).not.toMatch(/Follow-ups of|Kept up to date/);
  });

  it("writes no tracker without `tracker: true`", async () => {
    github.sim.addCommit(repo, { files: { [CONFIG]: null } });
    await t.receive("pull_request", merge(7).payload);
    expect(trackers()).toEqual([]);
    expect(github.sim.requests.filter((r) => r.path.includes("sub_issue"))).toEqual([]);
  });
});
