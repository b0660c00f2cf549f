import { describe, expect, it } from "vitest";
import { defaultConfig, parseConfigText } from "../../../src/domain/config/load.js";
import type { Config } from "../../../src/domain/config/schema.js";
import type { ActualFollowup } from "../../../src/domain/followups/model.js";
import {
  lastStep,
  MAX_NUDGES_PER_RUN,
  type NudgeAction,
  planNudges,
} from "../../../src/domain/followups/nudges.js";
import { type FollowupMarker, renderMarker } from "../../../src/domain/markers/marker.js";
import { countNudges, readNudgeMarker, writeNudgeMarker } from "../../../src/domain/markers/nudges.js";

function load(text: string): Config {
  const parsed = parseConfigText(text, "c.yml");
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join("\n"));
  return parsed.config;
}

/** The sweep's nudge planner (issue 16) on plain data with a fixed clock. */

const DUE = "2026-03-10";

function issue(
  number: number,
  options: {
    due?: string | null;
    state?: "open" | "closed";
    labels?: string[];
    sent?: { step: string; due: string; on: string }[];
    owner?: string | null;
    authors?: string[];
    extra?: string;
  } = {},
): ActualFollowup {
  const marker: FollowupMarker = {
    path: "postmortems/a.md",
    id: `f${number}`,
    pr: 1,
    due: options.due === undefined ? DUE : options.due,
    title: `Fix ${number}`,
    owner: options.owner === undefined ? "jlee" : options.owner,
    ...(options.authors ? { authors: options.authors } : {}),
  };
  const lines = [renderMarker("followup", marker)];
  if (options.sent) lines.push(renderMarker("nudges", { sent: options.sent }));
  lines.push("<!-- postmortem-followups:begin -->", "text", "<!-- postmortem-followups:end -->");
  if (options.extra) lines.push(options.extra);
  return {
    number,
    title: `Fix ${number}`,
    body: lines.join("\n"),
    state: options.state ?? "open",
    stateReason: null,
    labels: options.labels ?? ["postmortem-followup"],
    assignees: ["jlee"],
    milestone: null,
    author: "app[bot]",
    createdAt: "2026-02-01T00:00:00Z",
    closedAt: null,
    marker,
  };
}

const config = defaultConfig();

/** What the plan does to each issue, in words (the labels after, the step and whom it mentions). */
function summary(actions: readonly NudgeAction[]) {
  return actions.map((a) => ({
    number: a.number,
    ...(a.labels ? { labels: a.labels } : {}),
    ...(a.nudge ? { step: a.nudge.step, mentions: a.nudge.mentions } : {}),
  }));
}

describe("planNudges", () => {
  it.each([
    ["2026-03-07", []],
    [
      "2026-03-08",
      [{ number: 1, labels: ["postmortem-followup", "due soon"], step: "reminder", mentions: ["jlee"] }],
    ],
    [
      "2026-03-11",
      [{ number: 1, labels: ["postmortem-followup", "overdue"], step: "overdue", mentions: ["jlee"] }],
    ],
    [
      "2026-03-17",
      [
        {
          number: 1,
          labels: ["postmortem-followup", "overdue"],
          step: "escalation-1",
          mentions: ["alice", "bob", "jlee"],
        },
      ],
    ],
  ] as const)("on %s with nothing sent yet", (today, expected) => {
    const plan = planNudges([issue(1, { authors: ["alice", "bob"] })], config, today);
    expect(summary(plan.actions)).toEqual(expected);
  });

  it("records the step in the body before anything is sent, and writes the comment in the config's language", () => {
    const plan = planNudges([issue(1)], config, "2026-03-08");
    const nudge = plan.actions[0]!.nudge!;
    expect(readNudgeMarker(nudge.body).sent).toEqual([{ step: "reminder", due: DUE, on: "2026-03-08" }]);
    expect(nudge.comment).toBe(
      "@jlee a reminder: this follow-up is due on 2026-03-10 (in 2 days). When it is done, close this issue with its evidence; if the date no longer holds, change `due` in the postmortem.",
    );
    expect(plan.labelsAdded.map((l) => l.name)).toEqual(["due soon"]);
    const ko = load("language: ko\n");
    const koPlan = planNudges([issue(1, { labels: ["postmortem-followup", "기한 임박"] })], ko, "2026-03-11");
    expect(koPlan.actions[0]!.labels).toEqual(["postmortem-followup", "기한 초과"]);
    expect(koPlan.actions[0]!.nudge!.comment).toBe(
      "@jlee 이 후속 조치는 기한(2026-03-10)이 1일 지났습니다. 증거와 함께 이슈를 닫거나, 장애 보고서의 `due`를 새 날짜로 바꿔 주세요.",
    );
  });

  it("a step already recorded for this due date is not planned again; a moved due date makes a new reminder due", () => {
    const sent = [{ step: "reminder", due: DUE, on: "2026-03-08" }];
    const labels = ["postmortem-followup", "due soon"];
    expect(planNudges([issue(1, { sent, labels })], config, "2026-03-09").actions).toEqual([]);
    const moved = planNudges([issue(1, { sent, labels, due: "2026-03-20" })], config, "2026-03-18");
    expect(summary(moved.actions)).toEqual([{ number: 1, step: "reminder", mentions: ["jlee"] }]);
    expect(readNudgeMarker(moved.actions[0]!.nudge!.body).sent).toEqual([
      ...sent,
      { step: "reminder", due: "2026-03-20", on: "2026-03-18" },
    ]);
    // Moved later, out of the window: the label goes, nothing is sent.
    const later = planNudges([issue(1, { sent, labels, due: "2026-04-20" })], config, "2026-03-09");
    expect(summary(later.actions)).toEqual([{ number: 1, labels: ["postmortem-followup"] }]);
  });

  it("a closed issue gets no comment, and loses its state labels", () => {
    const plan = planNudges(
      [issue(1, { state: "closed", labels: ["postmortem-followup", "overdue", "team"] })],
      config,
      "2026-03-20",
    );
    expect(summary(plan.actions)).toEqual([{ number: 1, labels: ["postmortem-followup", "team"] }]);
    expect(
      planNudges([issue(2, { state: "closed" }), issue(3, { due: null })], config, "2026-03-20").actions,
    ).toEqual([]);
  });

  it("a marker anywhere but right after the follow-up marker neither suppresses nor fakes a step", () => {
    const forged = renderMarker("nudges", { sent: [{ step: "overdue", due: DUE, on: "2026-03-11" }] });
    const plan = planNudges([issue(1, { extra: forged })], config, "2026-03-11");
    expect(plan.actions[0]!.nudge!.step).toBe("overdue");
    expect(readNudgeMarker(`${forged}\n${issue(1).body}`).sent).toEqual([]);
    // A malformed record is no record.
    expect(
      readNudgeMarker(issue(1, { sent: [{ step: "drop table", due: DUE, on: "x" }] }).body).sent,
    ).toEqual([]);
  });

  it("per severity: the reminder window, the escalation steps and list; a team owner is mentioned", () => {
    const sev: Config = load(
      [
        "reminders: { by_severity: { SEV1: 5 } }",
        "escalation:",
        "  to: [carol]",
        "  by_severity: { SEV1: { after_days: [2], to: [acme/sre-leads] } }",
      ].join("\n"),
    );
    const sev1 = ["postmortem-followup", "severity: SEV1"];
    expect(summary(planNudges([issue(1, { labels: sev1 })], sev, "2026-03-05").actions)[0]).toMatchObject({
      step: "reminder",
    });
    expect(planNudges([issue(2)], sev, "2026-03-05").actions).toEqual([]);
    const escalated = planNudges([issue(1, { labels: sev1, owner: "acme/payments" })], sev, "2026-03-12");
    expect(summary(escalated.actions)[0]).toMatchObject({
      step: "escalation-1",
      mentions: ["acme/sre-leads", "acme/payments"],
    });
    expect(escalated.actions[0]!.nudge!.comment).toMatch(
      /^@acme\/sre-leads escalation: this follow-up \(owner: @acme\/payments\) is 2 days past/,
    );
    expect(
      summary(planNudges([issue(2, { authors: ["alice"] })], sev, "2026-03-17").actions)[0],
    ).toMatchObject({
      step: "escalation-1",
      mentions: ["carol", "jlee"],
    });
  });

  it("caps the comments of one run; the rest stay due for the next", () => {
    const many = Array.from({ length: MAX_NUDGES_PER_RUN + 5 }, (_, i) => issue(i + 1));
    const plan = planNudges(many, config, "2026-03-11");
    expect(plan.actions.filter((a) => a.nudge).length).toBe(MAX_NUDGES_PER_RUN);
    expect(plan.deferred).toBe(5);
    // Labels are cheap and capped apart: every issue still gets its state label.
    expect(plan.actions.filter((a) => a.labels).length).toBe(MAX_NUDGES_PER_RUN + 5);
  });

  it("the weekly comment's state and the counts report reads", () => {
    const sent = [
      { step: "reminder", due: "2026-03-01", on: "2026-02-27" },
      { step: "reminder", due: DUE, on: "2026-03-08" },
      { step: "overdue", due: DUE, on: "2026-03-11" },
      { step: "escalation-1", due: DUE, on: "2026-03-17" },
    ];
    expect(lastStep(issue(1, { sent }))).toEqual({ step: "escalation-1", due: DUE, on: "2026-03-17" });
    expect(lastStep(issue(1, { sent, due: "2026-04-01" }))).toBeNull();
    expect(countNudges([readNudgeMarker(issue(1, { sent }).body), readNudgeMarker(issue(2).body)])).toEqual({
      reminders: 2,
      overdue: 1,
      escalations: 1,
    });
  });

  it("writeNudgeMarker replaces its own line and never touches a body without the follow-up marker", () => {
    const body = issue(1, { sent: [{ step: "reminder", due: DUE, on: "2026-03-08" }] }).body;
    const next = writeNudgeMarker(body, { sent: [] });
    expect(next.split("\n").length).toBe(body.split("\n").length);
    expect(writeNudgeMarker("no marker here", { sent: [] })).toBe("no marker here");
  });
});
