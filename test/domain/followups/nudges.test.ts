import { describe, expect, it } from "vitest";
import { defaultConfig, parseConfigText } from "../../../src/domain/config/load.js";
import type { Config } from "../../../src/domain/config/schema.js";
import type { ActualFollowup } from "../../../src/domain/followups/model.js";
import {
  lastStep,
  MAX_NUDGES_PER_RUN,
  type NudgeAction,
  nudgesOff,
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

describe("planNudges: switches (reminders.enabled, escalation.enabled / overdue_notice, labels false)", () => {
  const steps = (c: Config, today: string, labels?: string[]) =>
    summary(planNudges([issue(1, { authors: ["alice"], ...(labels ? { labels } : {}) })], c, today).actions);

  it("reminders off and the overdue notice off: the labels still move, only the escalation step is sent", () => {
    const c = load("reminders: { enabled: false }\nescalation: { overdue_notice: false }\n");
    expect(steps(c, "2026-03-08")).toEqual([{ number: 1, labels: ["postmortem-followup", "due soon"] }]);
    expect(steps(c, "2026-03-11")).toEqual([{ number: 1, labels: ["postmortem-followup", "overdue"] }]);
    expect(steps(c, "2026-03-17")).toEqual([
      {
        number: 1,
        labels: ["postmortem-followup", "overdue"],
        step: "escalation-1",
        mentions: ["alice", "jlee"],
      },
    ]);
  });

  it("escalation off: no comment after the due date at all, whatever after_days says", () => {
    const c = load("escalation: { enabled: false, after_days: [1, 3] }\n");
    for (const today of ["2026-03-11", "2026-03-13", "2026-04-30"])
      expect(steps(c, today)).toEqual([{ number: 1, labels: ["postmortem-followup", "overdue"] }]);
  });

  it("everything off: no write at all, and a state label that is off is neither added nor removed", () => {
    const c = load(
      "reminders: { enabled: false }\nescalation: { enabled: false }\nlabels: { due_soon: false, overdue: false }\n",
    );
    expect(c.labels.dueSoon).toBeNull();
    expect(c.labels.overdue).toBeNull();
    for (const today of ["2026-03-08", "2026-03-11", "2026-03-17"]) expect(steps(c, today)).toEqual([]);
    expect(steps(c, "2026-03-01", ["postmortem-followup", "overdue"])).toEqual([]);
    // Only `overdue` off: `due soon` is still managed, and the `overdue` a person put there stays.
    const one = load("labels: { overdue: false }\n");
    const plan = planNudges([issue(1, { labels: ["postmortem-followup", "due soon"] })], one, "2026-03-11");
    expect(summary(plan.actions)).toEqual([
      { number: 1, labels: ["postmortem-followup"], step: "overdue", mentions: ["jlee"] },
    ]);
    expect(plan.labelsAdded).toEqual([]);
  });
});

describe("planNudges: business days (due_days.business_days) count the reminder and escalation days too", () => {
  // DUE is Tuesday 2026-03-10; Monday 03-09 and Monday 03-16 are holidays.
  const c = load(
    'due_days: { business_days: true, holidays: ["2026-03-09", "2026-03-16"] }\nescalation: { after_days: [7] }\n',
  );
  const plan = (today: string, sent?: { step: string; due: string; on: string }[]) =>
    planNudges([issue(1, { authors: ["alice"], ...(sent ? { sent } : {}) })], c, today).actions;

  it("the reminder comes 2 business days before: Thursday, over the weekend and the holiday", () => {
    expect(plan("2026-03-04")).toEqual([]);
    const [action] = plan("2026-03-05");
    expect(action?.nudge?.step).toBe("reminder");
    expect(action?.nudge?.comment).toBe(
      "@jlee a reminder: this follow-up is due on 2026-03-10 (in 2 business days). When it is done, close this issue with its evidence; if the date no longer holds, change `due` in the postmortem.",
    );
  });

  it("the escalation comes 7 business days after the due date (Friday 03-20, not Tuesday 03-17), in 영업일 in Korean", () => {
    const sent = [{ step: "overdue", due: DUE, on: "2026-03-11" }];
    expect(plan("2026-03-19", sent).map((a) => a.nudge?.step)).toEqual([undefined]);
    const [action] = plan("2026-03-20", sent);
    expect(action?.nudge?.step).toBe("escalation-1");
    expect(action?.nudge?.comment).toContain("is 7 business days past its due date of 2026-03-10");
    const ko = load(
      'language: ko\ndue_days: { business_days: true, holidays: ["2026-03-09", "2026-03-16"] }\n',
    );
    const koPlan = planNudges(
      [issue(1, { labels: ["postmortem-followup", "기한 초과"], sent })],
      ko,
      "2026-03-20",
    );
    expect(koPlan.actions[0]?.nudge?.comment).toContain("기한(2026-03-10)을 영업일 7일 넘겼습니다");
  });

  it("a due date on Friday: the weekend after it is labelled overdue, the owner's notice comes on the next business day", () => {
    const friday = (today: string) =>
      summary(planNudges([issue(1, { due: "2026-03-13" })], c, today).actions);
    expect(friday("2026-03-14")).toEqual([{ number: 1, labels: ["postmortem-followup", "overdue"] }]);
    // Monday 03-16 is a holiday: Tuesday.
    expect(friday("2026-03-16")).toEqual([{ number: 1, labels: ["postmortem-followup", "overdue"] }]);
    expect(friday("2026-03-17")).toEqual([
      { number: 1, labels: ["postmortem-followup", "overdue"], step: "overdue", mentions: ["jlee"] },
    ]);
  });
});

describe("nudgesOff: the config can never write a nudge (the scheduler skips the daily pass)", () => {
  const off =
    "reminders: { enabled: false }\nescalation: { enabled: false }\nlabels: { due_soon: false, overdue: false }\n";
  it.each([
    ["", false],
    [off, true],
    // Zero days everywhere, no owner's notice and no step: also nothing.
    [
      "reminders: { days_before: 0 }\nescalation: { overdue_notice: false, after_days: [] }\nlabels: { due_soon: false, overdue: false }\n",
      true,
    ],
    // A severity row that still reminds or escalates keeps the pass.
    [
      "reminders: { days_before: 0, by_severity: { SEV1: 2 } }\nescalation: { enabled: false }\nlabels: { due_soon: false, overdue: false }\n",
      false,
    ],
    [
      "reminders: { enabled: false }\nescalation: { overdue_notice: false, after_days: [], by_severity: { SEV1: { after_days: [3] } } }\nlabels: { due_soon: false, overdue: false }\n",
      false,
    ],
    // One label still managed keeps it.
    ["reminders: { enabled: false }\nescalation: { enabled: false }\nlabels: { due_soon: false }\n", false],
  ] as const)("%j: %s", (text, expected) => {
    expect(nudgesOff(load(text))).toBe(expected);
  });
});
