import { describe, expect, it } from "vitest";
import { describeResult } from "../../../src/cli/sweep/run.js";
import { defaultConfig } from "../../../src/domain/config/load.js";
import { type FollowupMarker, renderMarker } from "../../../src/domain/markers/marker.js";
import { readNudgeMarker } from "../../../src/domain/markers/nudges.js";
import type { IssueUpdate, RepoGateway, TrackedIssue } from "../../../src/domain/ports.js";
import { silentLog } from "../../../src/runs/merge/report.js";
import { runNudges } from "../../../src/runs/sweep/nudges.js";
import { emptyResult } from "../../../src/runs/sweep/repository.js";

/** The nudges' writes through a plain gateway: the order, the rollback, the labels (issue 16). */

const BOT = "app[bot]";

function tracked(number: number, due: string, labels: string[] = ["postmortem-followup"]): TrackedIssue {
  const marker: FollowupMarker = { path: "p.md", id: `f${number}`, pr: 1, due, title: "T", owner: "carol" };
  return {
    number,
    title: "T",
    body: `${renderMarker("followup", marker)}\nbody`,
    url: "",
    state: "open",
    stateReason: null,
    createdAt: "2026-03-01T00:00:00Z",
    closedAt: null,
    author: BOT,
    authorType: "Bot",
    labels,
    assignees: ["carol"],
    milestone: null,
    timeline: [],
    linkedPulls: [],
  };
}

/** A gateway that logs every call and throws on anything the nudges must not call. */
function gateway(issues: TrackedIssue[], fail: { comment?: boolean; rollback?: boolean } = {}) {
  const calls: string[] = [];
  const updates: [number, IssueUpdate][] = [];
  const handler: Partial<RepoGateway> = {
    listTrackedIssues: async () => issues,
    createLabel: async (spec) => {
      calls.push(`createLabel ${spec.name}`);
      return "created";
    },
    updateIssue: async (number, update) => {
      const rollback = updates.some(([n]) => n === number);
      calls.push(`updateIssue #${number} ${Object.keys(update).join(",")}`);
      if (rollback && fail.rollback) throw new Error("502 on rollback");
      updates.push([number, update]);
    },
    createComment: async (number) => {
      calls.push(`createComment #${number}`);
      if (fail.comment) throw new Error("502");
      return { id: 1, body: "", author: BOT, authorType: "Bot", url: "", createdAt: "" };
    },
  };
  const proxy = new Proxy(handler, {
    get(target, prop) {
      const value = Reflect.get(target, prop);
      if (value === undefined && typeof prop === "string" && prop !== "then")
        return () => {
          throw new Error(`unexpected ${prop}`);
        };
      return value;
    },
  }) as RepoGateway;
  return { gateway: proxy, calls, updates };
}

const config = defaultConfig();
const run = (g: RepoGateway, today = "2026-03-08") =>
  runNudges({ gateway: g, config, botLogin: BOT, today, log: silentLog });

describe("runNudges", () => {
  it("records the step with the labels in one update, then comments; the issues come back as written", async () => {
    const g = gateway([tracked(1, "2026-03-10"), tracked(2, "2026-04-30")]);
    const result = await run(g.gateway);
    expect(g.calls).toEqual(["createLabel due soon", "updateIssue #1 body,labels", "createComment #1"]);
    expect(readNudgeMarker(g.updates[0]![1].body!).sent).toEqual([
      { step: "reminder", due: "2026-03-10", on: "2026-03-08" },
    ]);
    expect(result.sent).toEqual({ reminders: 1, overdue: 0, escalations: 0 });
    expect(result.errors).toEqual([]);
    expect(result.issues!.find((i) => i.number === 1)!.labels).toEqual(["postmortem-followup", "due soon"]);
  });

  it("a label some tracked issue carries exists: not created again", async () => {
    const g = gateway([
      tracked(1, "2026-03-10"),
      tracked(2, "2026-03-09", ["postmortem-followup", "due soon"]),
    ]);
    await run(g.gateway);
    expect(g.calls.filter((c) => c.startsWith("createLabel"))).toEqual([]);
  });

  it("a failed comment takes the record back, so the next run sends it", async () => {
    const g = gateway([tracked(1, "2026-03-10")], { comment: true });
    const result = await run(g.gateway);
    expect(g.calls).toEqual([
      "createLabel due soon",
      "updateIssue #1 body,labels",
      "createComment #1",
      "updateIssue #1 body",
    ]);
    expect(readNudgeMarker(g.updates[1]![1].body!).sent).toEqual([]);
    expect(result.sent.reminders).toBe(0);
    expect(result.errors).toEqual([
      "nudge #1 (reminder): 502 (the record was taken back: it is sent on the next run)",
    ]);
    const lost = await run(gateway([tracked(1, "2026-03-10")], { comment: true, rollback: true }).gateway);
    expect(lost.errors).toEqual([
      "nudge #1 (reminder): 502 (the record could not be taken back: this step is not sent again)",
    ]);
  });

  it("sweep prints the planned nudges (would send, in a dry run)", async () => {
    const result = emptyResult("acme/pay", "ok");
    result.nudges = await run(gateway([tracked(1, "2026-03-10")]).gateway, "2026-03-12");
    expect(describeResult(result, true).out).toEqual([
      "acme/pay: would send the overdue notice on #1 to @carol (due 2026-03-10)",
    ]);
    expect(describeResult(result, false).out).toEqual([
      "acme/pay: sent the overdue notice on #1 to @carol (due 2026-03-10)",
    ]);
  });
});
