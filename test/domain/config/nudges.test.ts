import { describe, expect, it } from "vitest";
import { defaultConfig, managedLabelNames, parseConfigText } from "../../../src/domain/config/load.js";
import type { Config } from "../../../src/domain/config/schema.js";

function load(text: string): Config {
  const parsed = parseConfigText(text, "c.yml");
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join("\n"));
  return parsed.config;
}

/** `reminders:`, `escalation:` and the state labels (issue 16). */

function problems(text: string, language?: "ko") {
  const parsed = parseConfigText(language ? `language: ko\n${text}` : text, "c.yml");
  return parsed.problems.map((p) => `${p.line}:${p.column} ${p.path} ${p.message}`);
}

describe("reminders and escalation in the config", () => {
  it("defaults: a reminder 2 days before, the owner the day after, the authors after 7 days; labels per language", () => {
    const config = defaultConfig();
    expect(config.reminders).toEqual({ enabled: true, daysBefore: 2, bySeverity: {} });
    expect(config.escalation).toEqual({
      enabled: true,
      overdueNotice: true,
      afterDays: [7],
      to: [],
      bySeverity: {},
    });
    expect(config.labels.dueSoon).toEqual({
      name: "due soon",
      color: "fbca04",
      description: "Open follow-up whose due date is near (a reminder was due)",
    });
    expect(config.labels.overdue?.name).toBe("overdue");
    const ko = load("language: ko\n");
    expect([ko.labels.dueSoon?.name, ko.labels.overdue?.name]).toEqual(["기한 임박", "기한 초과"]);
    // Not managed by reconcile: it must never strip the labels the sweep adds.
    expect(managedLabelNames(config).has("overdue")).toBe(false);
  });

  it("reads per-severity rows, sorts the steps and drops the @ of a login", () => {
    const parsed = parseConfigText(
      [
        "reminders:",
        "  days_before: 3",
        "  by_severity: { SEV1: 5 }",
        "escalation:",
        "  after_days: [14, 7, 7]",
        '  to: ["@alice", acme/sre-leads]',
        "  by_severity:",
        "    SEV1: { after_days: [2], to: [bob] }",
        "    SEV2: { after_days: [] }",
        "labels:",
        "  overdue: { name: late, color: '#FF0000' }",
      ].join("\n"),
      "c.yml",
    );
    expect(parsed.problems).toEqual([]);
    if (!parsed.ok) throw new Error("invalid");
    const config = parsed.config;
    expect(config.reminders).toEqual({ enabled: true, daysBefore: 3, bySeverity: { SEV1: 5 } });
    expect(config.escalation).toEqual({
      enabled: true,
      overdueNotice: true,
      afterDays: [7, 14],
      to: ["alice", "acme/sre-leads"],
      bySeverity: { SEV1: { afterDays: [2], to: ["bob"] }, SEV2: { afterDays: [] } },
    });
    expect(config.labels.overdue).toEqual({
      name: "late",
      color: "ff0000",
      description: "Open follow-up past its due date",
    });
  });

  it("switches: reminders, the overdue notice, escalation and each state label can be turned off", () => {
    const config = load(
      [
        "reminders: { enabled: false }",
        "escalation: { enabled: false, overdue_notice: false }",
        "labels: { due_soon: false, overdue: false }",
      ].join("\n"),
    );
    expect(config.reminders.enabled).toBe(false);
    expect([config.escalation.enabled, config.escalation.overdueNotice]).toEqual([false, false]);
    expect([config.labels.dueSoon, config.labels.overdue]).toEqual([null, null]);
    // `true` is not a label: only `false` or a label spec.
    expect(problems("labels: { overdue: true }\n")).toHaveLength(1);
  });

  it("an unknown severity, a bad login or a step out of range is an error at its place, in English and Korean", () => {
    const text = [
      "reminders:",
      "  by_severity: { SEV9: 1 }",
      "escalation:",
      "  after_days: [0]",
      '  to: ["a b"]',
    ].join("\n");
    expect(problems(text)).toEqual([
      '2:24 reminders.by_severity.SEV9 "SEV9" is not allowed (expected one of SEV1, SEV2, SEV3, SEV4); did you mean "SEV1"?',
      "4:16 escalation.after_days[0] must be at least 1",
      "5:8 escalation.to[0] must be a GitHub login or org/team",
    ]);
    expect(problems(text, "ko")).toEqual([
      '3:24 reminders.by_severity.SEV9 "SEV9"는 쓸 수 없는 값입니다 (가능한 값: SEV1, SEV2, SEV3, SEV4); "SEV1"을 말씀하신 건가요?',
      "5:16 escalation.after_days[0] 1 이상이어야 합니다",
      "6:8 escalation.to[0] GitHub 로그인이나 org/team이어야 합니다",
    ]);
  });
});
