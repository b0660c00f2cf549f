import { describe, expect, it } from "vitest";
import { dueNudge, dueState, type NudgePolicy, type SentNudge } from "../../../src/domain/policy/nudges.js";

const policy: NudgePolicy = { remindDaysBefore: 2, escalateAfterDays: [7, 14] };
const due = "2026-03-10";

function nudge(today: string, sent: SentNudge[] = [], open = true) {
  return dueNudge({ open, due, today, sent }, policy)?.step ?? null;
}

describe("dueNudge: one nudge per step per due date", () => {
  it.each([
    ["2026-03-07", null],
    ["2026-03-08", "reminder"],
    ["2026-03-10", "reminder"],
    ["2026-03-11", "overdue"],
    ["2026-03-16", "overdue"],
    ["2026-03-17", "escalation-1"],
    ["2026-03-24", "escalation-2"],
    ["2026-06-01", "escalation-2"],
  ] as const)("on %s, nothing sent yet: %s", (today, step) => {
    expect(nudge(today)).toBe(step);
  });

  it("a step already sent for this due date is not sent again (redelivery, restart, second replica)", () => {
    expect(nudge("2026-03-09", [{ step: "reminder", due }])).toBeNull();
    expect(nudge("2026-03-12", [{ step: "reminder", due }])).toBe("overdue");
    expect(nudge("2026-03-12", [{ step: "overdue", due }])).toBeNull();
    expect(nudge("2026-03-20", [{ step: "escalation-1", due }])).toBeNull();
  });

  it("missed steps are not sent late one after another: only where things stand now", () => {
    // Down from before the reminder until after the first escalation: one escalation comment.
    expect(nudge("2026-03-18")).toBe("escalation-1");
    expect(nudge("2026-03-18", [{ step: "escalation-1", due }])).toBeNull();
  });

  it("a moved due date makes its own nudges due", () => {
    const sentForOld: SentNudge[] = [{ step: "overdue", due: "2026-03-01" }];
    expect(nudge("2026-03-08", sentForOld)).toBe("reminder");
  });

  it("never on a closed follow-up or one without a due date", () => {
    expect(nudge("2026-03-11", [], false)).toBeNull();
    expect(dueNudge({ open: true, due: null, today: "2026-03-11", sent: [] }, policy)).toBeNull();
  });

  it("no reminder when the policy has none", () => {
    const noReminder = { remindDaysBefore: 0, escalateAfterDays: [] };
    expect(dueNudge({ open: true, due, today: "2026-03-09", sent: [] }, noReminder)).toBeNull();
    expect(dueNudge({ open: true, due, today: "2026-03-11", sent: [] }, noReminder)).toEqual({
      step: "overdue",
      due,
      daysLeft: -1,
      businessDays: false,
    });
  });
});

describe("dueState: the due-soon and overdue labels", () => {
  it.each([
    ["2026-03-07", "2026-03-10", null],
    ["2026-03-08", "2026-03-10", "due-soon"],
    ["2026-03-10", "2026-03-10", "due-soon"],
    ["2026-03-11", "2026-03-10", "overdue"],
  ] as const)("today %s, due %s: %s", (today, dueOn, state) => {
    expect(dueState({ open: true, due: dueOn, today }, { remindDaysBefore: 2 })).toBe(state);
  });

  it("none on a closed follow-up", () => {
    expect(
      dueState({ open: false, due: "2026-03-01", today: "2026-03-11" }, { remindDaysBefore: 2 }),
    ).toBeNull();
  });
});
