import { describe, expect, it } from "vitest";
import {
  addBusinessDays,
  businessDaysBetween,
  type DuePolicy,
  decideDue,
} from "../../../src/domain/policy/due.js";

const policy: DuePolicy = {
  rules: [
    { severity: "SEV1", term: "short_term", days: 7 },
    { severity: "SEV1", term: "long_term", days: 28 },
    { severity: "SEV3", term: "long_term", days: 56 },
    { severity: "SEV1", term: "long_term", category: "training", days: 42 },
    { term: "short_term", category: "documentation", days: 10 },
  ],
  fallback: { short_term: 14, long_term: 60 },
  businessDays: false,
  holidays: [],
};

describe("decideDue: severity x term x category, the fallback, an explicit date", () => {
  // 2026-03-02 is a Monday.
  it.each([
    ["SEV1", "short_term", "system", "2026-03-09", { kind: "rule", index: 0 }],
    ["SEV1", "long_term", "system", "2026-03-30", { kind: "rule", index: 1 }],
    ["SEV1", "long_term", "training", "2026-04-13", { kind: "rule", index: 3 }],
    ["SEV3", "long_term", "process", "2026-04-27", { kind: "rule", index: 2 }],
    ["SEV2", "short_term", "documentation", "2026-03-12", { kind: "rule", index: 4 }],
    // SEV1 + documentation: the severity rule (more specific than a category alone) wins.
    ["SEV1", "short_term", "documentation", "2026-03-09", { kind: "rule", index: 0 }],
    ["SEV2", "short_term", "system", "2026-03-16", { kind: "fallback", days: 14 }],
    [undefined, "long_term", "system", "2026-05-01", { kind: "fallback", days: 60 }],
  ] as const)("%s %s %s -> %s", (severity, term, category, due, source) => {
    const decision = decideDue({ severity, term, category, from: "2026-03-02" }, policy);
    expect(decision.due).toBe(due);
    expect(decision.source).toMatchObject(source);
  });

  it("an explicit date wins over every rule", () => {
    expect(
      decideDue(
        {
          explicit: "2026-03-04",
          severity: "SEV1",
          term: "short_term",
          category: "system",
          from: "2026-03-02",
        },
        policy,
      ),
    ).toEqual({ due: "2026-03-04", source: { kind: "explicit" }, businessDays: false });
  });
});

describe("business days", () => {
  it.each([
    // Monday + 5 business days is the next Monday; Friday + 1 is Monday.
    ["2026-03-02", 5, [], "2026-03-09"],
    ["2026-03-06", 1, [], "2026-03-09"],
    ["2026-03-07", 1, [], "2026-03-09"],
    // A holiday on the Monday pushes it to Tuesday; two holidays in a row, to Wednesday.
    ["2026-03-06", 1, ["2026-03-09"], "2026-03-10"],
    ["2026-03-06", 1, ["2026-03-09", "2026-03-10"], "2026-03-11"],
    // Korean holidays around 2026-09-24..26 (추석) and a weekend: Wednesday + 3.
    ["2026-09-23", 3, ["2026-09-24", "2026-09-25", "2026-09-26"], "2026-09-30"],
    ["2026-03-02", 0, [], "2026-03-02"],
  ] as const)("%s + %i business days (holidays %j) = %s", (from, days, holidays, expected) => {
    expect(addBusinessDays(from, days, new Set(holidays))).toBe(expected);
  });

  it("the policy counts business days when asked", () => {
    const decision = decideDue(
      { severity: "SEV1", term: "short_term", category: "system", from: "2026-03-02" },
      { ...policy, businessDays: true, holidays: ["2026-03-03"] },
    );
    // 7 business days from Monday 2 March, Tuesday 3 March a holiday: Thursday 12 March.
    expect(decision).toEqual({
      due: "2026-03-12",
      source: { kind: "rule", index: 0, rule: policy.rules[0] },
      businessDays: true,
    });
  });
});

describe("businessDaysBetween", () => {
  const holidays = new Set(["2026-03-09"]);
  it.each([
    ["2026-03-10", "2026-03-10", 0],
    ["2026-03-05", "2026-03-10", 2],
    ["2026-03-10", "2026-03-05", -2],
    ["2026-03-13", "2026-03-14", 0],
    ["2026-03-13", "2026-03-16", 1],
  ] as const)("from %s to %s: %i", (from, to, days) => {
    expect(businessDaysBetween(from, to, holidays)).toBe(days);
  });

  it("inverts addBusinessDays", () => {
    for (const days of [1, 5, 12]) {
      const to = addBusinessDays("2026-03-06", days, holidays);
      expect(businessDaysBetween("2026-03-06", to, holidays)).toBe(days);
    }
  });
});
