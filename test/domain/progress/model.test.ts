import { describe, expect, it } from "vitest";
import {
  buildProgress,
  classify,
  type FollowupStatus,
  groupBy,
  median,
  type ProgressItem,
  postmortemProgress,
  summarize,
} from "../../../src/domain/progress/model.js";
import { isoWeek, localDate } from "../../../src/domain/progress/week.js";
import { item, PATH } from "./fixtures.js";

const TODAY = "2026-11-25";

describe("classify (today = 2026-11-25)", () => {
  const cases: [string, Partial<ProgressItem>, FollowupStatus, number | null][] = [
    ["open, due in 10 days", { due: "2026-12-05" }, "open", 10],
    ["open, due in 4 days", { due: "2026-11-29" }, "open", 4],
    ["due in 3 days is due soon", { due: "2026-11-28" }, "due_soon", 3],
    ["due today is due soon", { due: "2026-11-25" }, "due_soon", 0],
    ["due yesterday is overdue", { due: "2026-11-24" }, "overdue", -1],
    ["no due date is open", { due: null }, "open", null],
    [
      "closed as completed with evidence",
      { state: "closed", stateReason: "completed", validated: true, due: "2026-11-01" },
      "done_validated",
      -24,
    ],
    [
      "closed as completed without evidence",
      { state: "closed", stateReason: "completed", validated: false },
      "done_unvalidated",
      10,
    ],
    [
      "closed without a reason counts as completed",
      { state: "closed", stateReason: null },
      "done_unvalidated",
      10,
    ],
    ["closed as not planned", { state: "closed", stateReason: "not_planned" }, "not_doing", 10],
    ["closed as duplicate", { state: "closed", stateReason: "duplicate" }, "not_doing", 10],
    ["reopened and overdue", { state: "open", stateReason: "reopened", due: "2026-11-20" }, "overdue", -5],
    // With the policy's window (the due soon label's; today is a Wednesday):
    [
      "window 2: due in 3 days is open",
      { due: "2026-11-28", dueSoon: { days: 2, businessDays: undefined } },
      "open",
      3,
    ],
    [
      "window 2: due in 2 days is due soon",
      { due: "2026-11-27", dueSoon: { days: 2, businessDays: undefined } },
      "due_soon",
      2,
    ],
    [
      "window 2 business days: Monday is 3 business days away",
      { due: "2026-11-30", dueSoon: { days: 2, businessDays: { holidays: [] } } },
      "open",
      5,
    ],
    [
      "window 2 business days: with Thursday a holiday, Monday is 2 away",
      { due: "2026-11-30", dueSoon: { days: 2, businessDays: { holidays: ["2026-11-26"] } } },
      "due_soon",
      5,
    ],
  ];
  it.each(cases)("%s", (_name, overrides, status, daysLeft) => {
    const c = classify(item(overrides), TODAY);
    expect(c.status).toBe(status);
    expect(c.daysLeft).toBe(daysLeft);
  });

  it("days to close: creation to close, one decimal, done only", () => {
    const done = classify(
      item({
        state: "closed",
        stateReason: "completed",
        createdAt: "2026-11-01T00:00:00Z",
        closedAt: "2026-11-04T12:00:00Z",
      }),
      TODAY,
    );
    expect(done.daysToClose).toBe(3.5);
    const notDoing = classify(
      item({ state: "closed", stateReason: "not_planned", closedAt: "2026-11-04T12:00:00Z" }),
      TODAY,
    );
    expect(notDoing.daysToClose).toBeNull();
    expect(classify(item(), TODAY).daysToClose).toBeNull();
  });
});

describe("summaries", () => {
  const items = [
    item({
      id: "a",
      state: "closed",
      stateReason: "completed",
      validated: true,
      closedAt: "2026-11-03T10:00:00Z",
    }),
    item({
      id: "b",
      state: "closed",
      stateReason: "completed",
      validated: false,
      closedAt: "2026-11-05T10:00:00Z",
    }),
    item({ id: "c", state: "closed", stateReason: "not_planned", closedAt: "2026-11-02T10:00:00Z" }),
    item({ id: "d", due: "2026-11-20", term: "long_term", category: "process" }),
    item({ id: "e", due: "2026-11-26", term: "long_term", category: null }),
    item({ id: "f", due: "2027-01-01", term: "long_term", category: "process" }),
  ];
  const classified = items.map((i) => classify(i, TODAY));

  it("counts, completion, validation, median days to close", () => {
    const s = summarize(classified);
    expect(s).toMatchObject({
      total: 6,
      open: 3,
      done: 2,
      closed: 3,
      completion: 0.5,
      validation: 0.5,
      medianDaysToClose: 3,
      complete: false,
    });
    expect(s.counts).toEqual({
      overdue: 1,
      due_soon: 1,
      open: 1,
      done_unvalidated: 1,
      done_validated: 1,
      not_doing: 1,
    });
  });

  it("complete only when everything is done and validated or not doing", () => {
    expect(summarize(classified.slice(0, 1)).complete).toBe(true);
    expect(summarize([classified[0]!, classified[2]!]).complete).toBe(true);
    expect(summarize(classified.slice(0, 2)).complete).toBe(false);
    expect(summarize([]).complete).toBe(false);
    expect(summarize([])).toMatchObject({
      total: 0,
      completion: null,
      validation: null,
      medianDaysToClose: null,
    });
  });

  it("per term and per category, in a stable order", () => {
    expect(groupBy(classified, "term").map((g) => [g.key, g.summary.total, g.summary.completion])).toEqual([
      ["short_term", 3, 1],
      ["long_term", 3, 0],
    ]);
    expect(groupBy(classified, "category").map((g) => [g.key, g.summary.total])).toEqual([
      ["process", 2],
      ["system", 3],
      ["unknown", 1],
    ]);
  });

  it("median", () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([9, 1, 4])).toBe(4);
    expect(median([1, 2, 3, 10])).toBe(2.5);
    expect(median([0.1, 0.2])).toBe(0.2);
  });
});

describe("postmortems", () => {
  it("groups by path, keeps the lowest issue per follow-up, reports on the lowest pull request", () => {
    const list = buildProgress(
      [
        item({ id: "a", number: 12, pr: 9 }),
        item({ id: "a", number: 30, pr: 9, state: "closed", stateReason: "not_planned" }),
        item({ id: "b", number: 13, pr: 7 }),
        item({ id: "x", number: 14, path: "postmortems/other.md", pr: null }),
      ],
      TODAY,
    );
    expect(list.map((p) => [p.path, p.pr, p.items.map((i) => i.number)])).toEqual([
      [PATH, 7, [12, 13]],
      ["postmortems/other.md", null, [14]],
    ]);
  });

  it("orders items by due date, then number", () => {
    const p = postmortemProgress(
      PATH,
      [
        item({ id: "late", number: 1, due: "2027-01-01" }),
        item({ id: "none", number: 2, due: null }),
        item({ id: "soon", number: 3, due: "2026-11-30" }),
      ],
      TODAY,
    );
    expect(p.items.map((i) => i.id)).toEqual(["soon", "late", "none"]);
  });
});

describe("weeks and days in a time zone", () => {
  const cases: [string, string, string, string][] = [
    ["2026-11-25T12:00:00Z", "UTC", "2026-W48", "2026-11-25"],
    ["2026-11-29T20:00:00Z", "UTC", "2026-W48", "2026-11-29"],
    ["2026-11-29T20:00:00Z", "Asia/Seoul", "2026-W49", "2026-11-30"],
    ["2026-11-30T03:00:00Z", "America/Los_Angeles", "2026-W48", "2026-11-29"],
    ["2027-01-01T12:00:00Z", "UTC", "2026-W53", "2027-01-01"],
    ["2026-01-01T12:00:00Z", "UTC", "2026-W01", "2026-01-01"],
  ];
  it.each(cases)("%s in %s is %s, %s", (instant, tz, week, day) => {
    expect(isoWeek(new Date(instant), tz)).toBe(week);
    expect(localDate(new Date(instant), tz)).toBe(day);
  });
});
