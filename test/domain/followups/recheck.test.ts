import { describe, expect, it } from "vitest";
import { defaultConfig, parseConfigText } from "../../../src/domain/config/load.js";
import type { Config } from "../../../src/domain/config/schema.js";
import {
  dueRechecks,
  entryHolds,
  MAX_RECHECKS_PER_RUN,
  planRecheck,
  type RecheckIssue,
  recheckReferences,
} from "../../../src/domain/followups/recheck.js";
import { renderMarker } from "../../../src/domain/markers/marker.js";
import { hasLapsed, readRecheckMarker } from "../../../src/domain/markers/recheck.js";
import { withEvidence } from "../../../src/domain/validation/proof.js";

/** The effectiveness re-check planner (issue 18, "evidence that still holds") on plain data, fixed clock. */

function load(text: string): Config {
  const parsed = parseConfigText(text, "c.yml");
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join("\n"));
  return parsed.config;
}

const NOW = new Date("2026-04-30T12:00:00Z");
const FOLLOWUP = renderMarker("followup", {
  path: "postmortems/a.md",
  id: "f1",
  pr: 1,
  due: null,
  title: "t",
  owner: null,
});

function body(entries: string[] = ["tests/retry.test.ts"]): string {
  let text = `${FOLLOWUP}\n### Follow-up\n\nAdd retries.`;
  for (const entry of entries) text = withEvidence(text, "en", entry);
  return text;
}

function issue(number: number, closedAt: string | null, extra: Partial<RecheckIssue> = {}): RecheckIssue {
  return {
    number,
    body: body(),
    state: closedAt === null ? "open" : "closed",
    stateReason: closedAt === null ? null : "completed",
    closedAt,
    labels: ["postmortem-followup"],
    ...extra,
  };
}

describe("dueRechecks", () => {
  const config = defaultConfig();

  it("defaults: 30 days after closing, on_lapse comment, label `validation lapsed`", () => {
    expect(config.effectiveness).toEqual({ recheckDays: 30, bySeverity: {}, onLapse: "comment" });
    expect(config.labels.validationLapsed.name).toBe("validation lapsed");
    expect(load("language: ko").labels.validationLapsed.name).toBe("검증 근거 상실");
  });

  it.each([
    ["closed exactly 30 days ago", issue(1, "2026-03-31T12:00:00Z"), true],
    ["closed 29 days 23 hours ago", issue(1, "2026-03-31T13:00:00Z"), false],
    ["closed 60 days ago", issue(1, "2026-03-01T00:00:00Z"), true],
    ["open", issue(1, null), false],
    ["closed as not planned", issue(1, "2026-03-01T00:00:00Z", { stateReason: "not_planned" }), false],
    ["closed without evidence", issue(1, "2026-03-01T00:00:00Z", { body: body([]) }), false],
    [
      "closed with the needs validation label",
      issue(1, "2026-03-01T00:00:00Z", { labels: ["postmortem-followup", "needs-validation"] }),
      false,
    ],
  ])("%s: due %s", (_name, candidate, due) => {
    expect(dueRechecks([candidate], config, NOW).due.map((d) => d.number)).toEqual(due ? [1] : []);
  });

  it("a window already recorded is not due again; a later closing opens a new window", () => {
    const checked = issue(1, "2026-03-01T00:00:00Z");
    const action = planRecheck(
      dueRechecks([checked], config, NOW).due[0]!,
      checked,
      [{ entry: "tests/retry.test.ts", holds: true, message: "" }],
      config,
      NOW,
    )!;
    expect(action).toMatchObject({ outcome: "holds", comment: null, reopen: false, addLabel: null });
    expect(dueRechecks([{ ...checked, body: action.body }], config, NOW).due).toEqual([]);
    const reclosed = { ...checked, body: action.body, closedAt: "2026-03-20T00:00:00Z" };
    expect(dueRechecks([reclosed], config, NOW).due.map((d) => d.closed)).toEqual(["2026-03-20T00:00:00Z"]);
  });

  it("per severity: a row overrides recheck_days", () => {
    const sev = load(
      ["severities: [SEV1, SEV2]", "effectiveness: { recheck_days: 60, by_severity: { SEV1: 7 } }"].join(
        "\n",
      ),
    );
    const sev1 = issue(1, "2026-04-20T00:00:00Z", { labels: ["postmortem-followup", "severity: SEV1"] });
    const sev2 = issue(2, "2026-04-20T00:00:00Z", { labels: ["postmortem-followup", "severity: SEV2"] });
    expect(dueRechecks([sev1, sev2], sev, NOW).due).toEqual([
      { number: 1, closed: "2026-04-20T00:00:00Z", entries: ["tests/retry.test.ts"], days: 7 },
    ]);
  });

  it("an unknown severity in by_severity is a config error", () => {
    expect(parseConfigText("effectiveness: { by_severity: { SEV9: 3 } }", "c.yml").ok).toBe(false);
    expect(parseConfigText("effectiveness: { on_lapse: close }", "c.yml").ok).toBe(false);
  });

  it(`at most ${MAX_RECHECKS_PER_RUN} per run, oldest closing first; the rest are counted as deferred`, () => {
    const many = Array.from({ length: MAX_RECHECKS_PER_RUN + 7 }, (_, i) =>
      issue(i + 1, new Date(Date.UTC(2026, 0, 1) + (MAX_RECHECKS_PER_RUN + 7 - i) * 3_600_000).toISOString()),
    );
    const { due, deferred } = dueRechecks(many, config, NOW);
    expect(due).toHaveLength(MAX_RECHECKS_PER_RUN);
    expect(deferred).toBe(7);
    expect(due[0]!.number).toBe(MAX_RECHECKS_PER_RUN + 7);
  });
});

describe("recheckReferences: what a recorded evidence line names", () => {
  const COMMENT = "https://github.com/acme/pay/issues/8#issuecomment-99";
  it.each([
    [
      `✅ [tests/retry.test.ts](https://github.com/acme/pay/blob/main/tests/retry.test.ts): validated by \`alice\` on 2026-03-20 ([comment](${COMMENT}))`,
      ["https://github.com/acme/pay/blob/main/tests/retry.test.ts"],
    ],
    [
      `✅ \`tests/retry.test.ts\`: validated by \`alice\` on 2026-03-20 ([comment](${COMMENT}))`,
      ["tests/retry.test.ts"],
    ],
    [`✅ #12: \`alice\`님이 2026-03-20에 검증 ([댓글](${COMMENT}))`, ["#12"]],
    ["✅ Merged pull request #12 (Fix #5 retry) closed this issue; merged by `alice`", ["#12"]],
    [
      "✅ Commit [a1b2c3d](https://github.com/acme/pay/commit/a1b2c3d4) closed this issue",
      ["https://github.com/acme/pay/commit/a1b2c3d4"],
    ],
    ["✅ Validation plan fully ticked: confirmed by `alice` on 2026-03-20", []],
    ["https://grafana.example.com/d/retries", ["https://grafana.example.com/d/retries"]],
    ["tests/retry.test.ts", ["tests/retry.test.ts"]],
  ])("%s", (entry, refs) => {
    expect(recheckReferences(entry)).toEqual(refs);
  });
});

describe("entryHolds", () => {
  it.each([
    [{ status: "verified" as const }, true],
    [{ status: "unverified" as const }, true],
    [{ status: "invalid" as const }, true],
    [{ status: "missing" as const }, false],
    [{ status: "cannot-verify" as const }, null],
    // `unsettled` is judgeEvidence's (src/domain/validation/resolve.ts): found, but not proof.
    [{ status: "verified" as const, unsettled: "open-issue" as const }, false],
    [{ status: "verified" as const, unsettled: "open-pull" as const }, false],
    [{ status: "verified" as const, unsettled: "unmerged-pull" as const }, false],
  ])("%j -> %s", (outcome, holds) => {
    expect(entryHolds(outcome)).toBe(holds);
  });
});

describe("planRecheck", () => {
  const candidate = issue(4, "2026-03-01T00:00:00Z", {
    body: body(["✅ `tests/retry.test.ts`: validated by `alice`", "#12"]),
  });

  function plan(config: Config, holds: (boolean | null)[]) {
    const due = dueRechecks([candidate], config, NOW).due[0]!;
    return planRecheck(
      due,
      candidate,
      due.entries.map((entry, i) => ({ entry, holds: holds[i]!, message: `gone ${i}` })),
      config,
      NOW,
    );
  }

  it("a lapsed entry: one comment naming it, the label, the marker; no reopen by default", () => {
    const action = plan(defaultConfig(), [false, true])!;
    expect(action.outcome).toBe("lapsed");
    expect(action.reopen).toBe(false);
    expect(action.addLabel?.name).toBe("validation lapsed");
    expect(action.comment).toContain("- tests/retry.test.ts: gone 0");
    expect(action.comment).not.toContain("#12:");
    expect(action.comment).toContain("The issue stays closed");
    expect(readRecheckMarker(action.body)).toEqual({
      checks: [
        {
          closed: "2026-03-01T00:00:00Z",
          on: "2026-04-30",
          outcome: "lapsed",
          lapsed: ["tests/retry.test.ts"],
        },
      ],
    });
    expect(action.body.startsWith(candidate.body)).toBe(true);
    expect(hasLapsed(action.body, "closed", "2026-03-01T00:00:00Z")).toBe(true);
    expect(hasLapsed(action.body, "closed", "2026-04-01T00:00:00Z")).toBe(false);
    expect(hasLapsed(candidate.body, "closed", "2026-03-01T00:00:00Z")).toBe(false);
  });

  it("on_lapse: reopen reopens, in Korean with language: ko", () => {
    const action = plan(load("language: ko\neffectiveness: { on_lapse: reopen }"), [true, false])!;
    expect(action.reopen).toBe(true);
    expect(action.addLabel?.name).toBe("검증 근거 상실");
    expect(action.comment).toContain("이슈를 다시 열었습니다");
    expect(hasLapsed(action.body, "open", null)).toBe(true);
  });

  it("the label already there is not added again", () => {
    const labelled = { ...candidate, labels: [...candidate.labels, "Validation Lapsed"] };
    const due = dueRechecks([labelled], defaultConfig(), NOW).due[0]!;
    const action = planRecheck(
      due,
      labelled,
      [{ entry: "x", holds: false, message: "m" }],
      defaultConfig(),
      NOW,
    );
    expect(action?.addLabel).toBeNull();
  });

  it("unknown and none lapsed: nothing is recorded (the next sweep tries again); unknown and lapsed: lapsed", () => {
    expect(plan(defaultConfig(), [true, null])).toBeNull();
    expect(plan(defaultConfig(), [null, false])?.outcome).toBe("lapsed");
  });

  it("a body that is not the app's (no follow-up marker first) is not rewritten, so it is never recorded", () => {
    const foreign = { ...candidate, body: candidate.body.split("\n").slice(1).join("\n") };
    const due = dueRechecks([foreign], defaultConfig(), NOW).due[0]!;
    const action = planRecheck(
      due,
      foreign,
      [{ entry: "x", holds: true, message: "" }],
      defaultConfig(),
      NOW,
    )!;
    expect(action.body).toBe(foreign.body);
  });
});
