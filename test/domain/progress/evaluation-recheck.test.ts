import { describe, expect, it } from "vitest";
import { defaultConfig, parseConfigText } from "../../../src/domain/config/load.js";
import type { RecheckIssue } from "../../../src/domain/followups/recheck.js";
import { renderMarker } from "../../../src/domain/markers/marker.js";
import { type RecheckRecord, writeRecheckMarker } from "../../../src/domain/markers/recheck.js";
import { renderEvaluationComment } from "../../../src/domain/progress/evaluation.js";
import {
  decideEvaluationUpdate,
  EVALUATION_UPDATE_DAYS,
  type RecheckStatus,
  recheckStatus,
} from "../../../src/domain/progress/evaluation-recheck.js";
import { postmortemProgress } from "../../../src/domain/progress/model.js";
import { withEvidence } from "../../../src/domain/validation/proof.js";
import { item, PATH, REPO } from "./fixtures.js";

/**
 * Issue 18: the post-evaluation says when the evidence re-checks are due, then what they found, and
 * is updated in place (never a second comment). Pure, on plain data, fixed days.
 */

const config = defaultConfig();
const FOLLOWUP = renderMarker("followup", { path: PATH, id: "f", pr: 7, due: null, title: "t", owner: null });

function issue(
  number: number,
  closedAt: string | null,
  checks: RecheckRecord[] = [],
  extra: Partial<RecheckIssue> = {},
): RecheckIssue {
  const body = withEvidence(`${FOLLOWUP}\n### Follow-up`, "en", "✅ `tests/retry.test.ts`");
  return {
    number,
    body: checks.length ? writeRecheckMarker(body, { checks }) : body,
    state: closedAt === null ? "open" : "closed",
    stateReason: closedAt === null ? null : "completed",
    closedAt,
    labels: ["postmortem-followup"],
    ...extra,
  };
}

const holds = (closed: string, on: string): RecheckRecord => ({ closed, on, outcome: "holds" });
const lapsed = (closed: string, on: string): RecheckRecord => ({
  closed,
  on,
  outcome: "lapsed",
  lapsed: ["tests/retry.test.ts"],
});

describe("recheckStatus", () => {
  it("nothing re-checked yet: when the re-checks are due (30 days after each close, by default)", () => {
    const status = recheckStatus(
      [issue(1, "2026-11-10T10:00:00Z"), issue(2, "2026-11-21T10:00:00Z")],
      config,
    );
    expect(status).toEqual({
      total: 2,
      checked: 0,
      lapsed: 0,
      from: "2026-12-10",
      to: "2026-12-21",
      lastOn: null,
      horizon: "2026-12-21",
    });
  });

  it("per severity: a SEV1 follow-up's re-check comes earlier", () => {
    const sev = parseConfigText("effectiveness:\n  by_severity:\n    SEV1: 7\n", "c.yml");
    if (!sev.ok) throw new Error("config");
    const status = recheckStatus(
      [issue(1, "2026-11-10T10:00:00Z", [], { labels: ["postmortem-followup", "severity: SEV1"] })],
      sev.config,
    );
    expect([status.from, status.to]).toEqual(["2026-11-17", "2026-11-17"]);
  });

  it("some re-checked, one lapsed; one reopened on its lapse counts as lapsed; not validated ones do not count", () => {
    const status = recheckStatus(
      [
        issue(1, "2026-11-10T10:00:00Z", [holds("2026-11-10T10:00:00Z", "2026-12-10")]),
        issue(2, "2026-11-11T10:00:00Z", [lapsed("2026-11-11T10:00:00Z", "2026-12-11")]),
        issue(3, null, [lapsed("2026-11-12T10:00:00Z", "2026-12-12")]),
        issue(4, "2026-11-21T10:00:00Z"),
        issue(5, "2026-11-21T10:00:00Z", [], { stateReason: "not_planned" }),
        issue(6, "2026-11-21T10:00:00Z", [], { labels: ["postmortem-followup", "needs-validation"] }),
        issue(7, null),
      ],
      config,
    );
    expect(status).toEqual({
      total: 4,
      checked: 3,
      lapsed: 2,
      from: "2026-12-21",
      to: "2026-12-21",
      lastOn: "2026-12-12",
      horizon: "2026-12-21",
    });
  });

  it("a record of an earlier closing does not count for the current one", () => {
    const status = recheckStatus(
      [issue(1, "2026-11-20T10:00:00Z", [holds("2026-10-01T10:00:00Z", "2026-10-31")])],
      config,
    );
    expect([status.checked, status.from]).toEqual([0, "2026-12-20"]);
  });
});

describe("decideEvaluationUpdate", () => {
  const status = (checked: number, lapsedCount: number, horizon = "2026-12-21"): RecheckStatus => ({
    total: 2,
    checked,
    lapsed: lapsedCount,
    from: null,
    to: null,
    lastOn: horizon,
    horizon,
  });

  it.each([
    ["shows the same counts", { checked: 1, lapsed: 0 }, status(1, 0), "2026-12-22", "skip"],
    ["a re-check since", { checked: 0, lapsed: 0 }, status(1, 0), "2026-12-22", "update"],
    ["a lapse since", { checked: 1, lapsed: 0 }, status(2, 1), "2026-12-22", "update"],
    ["posted before re-checks were shown, none since", undefined, status(0, 0), "2026-12-22", "skip"],
    ["posted before re-checks were shown, one since", undefined, status(1, 1), "2026-12-22", "update"],
    [
      `the last re-check more than ${EVALUATION_UPDATE_DAYS} days ago`,
      undefined,
      status(2, 1),
      "2027-01-21",
      "skip",
    ],
    [
      `the last re-check exactly ${EVALUATION_UPDATE_DAYS} days ago`,
      undefined,
      status(2, 1),
      "2027-01-20",
      "update",
    ],
  ] as const)("%s: %s", (_name, shown, current, today, expected) => {
    expect(decideEvaluationUpdate(shown, current, today).type).toBe(expected);
  });

  it("nothing to re-check: never an update", () => {
    expect(
      decideEvaluationUpdate(undefined, { ...status(0, 0), total: 0, horizon: null }, "2026-12-22").type,
    ).toBe("skip");
  });
});

describe("the evaluation's re-check line", () => {
  const progress = postmortemProgress(
    PATH,
    [
      item({
        number: 1,
        state: "closed",
        stateReason: "completed",
        validated: true,
        closedAt: "2026-11-21T10:00:00Z",
      }),
    ],
    "2026-11-25",
  );
  const line = (recheck: RecheckStatus, language: "en" | "ko" = "en") =>
    renderEvaluationComment(progress, null, {
      language,
      repo: REPO,
      today: "2026-11-25",
      timeZone: "UTC",
      recheck,
    })
      .split("\n")
      .find((l) => /Lapsed evidence|효력을 잃은 증거/.test(l));

  it.each<[string, RecheckStatus, "en" | "ko", string]>([
    [
      "due on one day",
      {
        total: 1,
        checked: 0,
        lapsed: 0,
        from: "2026-12-21",
        to: "2026-12-21",
        lastOn: null,
        horizon: "2026-12-21",
      },
      "en",
      "- Lapsed evidence: not re-checked yet. The evidence of 1 validated follow-up is re-checked on 2026-12-21; this comment is updated with the result.",
    ],
    [
      "due over several days, in Korean",
      {
        total: 2,
        checked: 0,
        lapsed: 0,
        from: "2026-12-10",
        to: "2026-12-21",
        lastOn: null,
        horizon: "2026-12-21",
      },
      "ko",
      "- 효력을 잃은 증거: 아직 다시 확인하지 않았습니다. 검증된 후속 조치 2건의 증거를 2026-12-10부터 2026-12-21 사이에 다시 확인하고, 결과가 나오면 이 댓글을 고칩니다.",
    ],
    [
      "some re-checked",
      {
        total: 3,
        checked: 2,
        lapsed: 1,
        from: "2026-12-21",
        to: "2026-12-21",
        lastOn: "2026-12-11",
        horizon: "2026-12-21",
      },
      "en",
      "- Lapsed evidence so far: **1** of 2 validated follow-ups re-checked (last on 2026-12-11); the other 1 is re-checked on 2026-12-21, and this comment is updated then.",
    ],
    [
      "all re-checked, one lapsed",
      { total: 2, checked: 2, lapsed: 1, from: null, to: null, lastOn: "2026-12-21", horizon: "2026-12-21" },
      "en",
      "- Lapsed evidence: **1** of 2 validated follow-ups whose evidence no longer holds (re-checked, last on 2026-12-21).",
    ],
    [
      "all re-checked, one lapsed, in Korean",
      { total: 2, checked: 2, lapsed: 1, from: null, to: null, lastOn: "2026-12-21", horizon: "2026-12-21" },
      "ko",
      "- 효력을 잃은 증거: 검증된 후속 조치 2건 중 **1건**의 증거가 더 이상 유효하지 않습니다 (마지막 확인 2026-12-21).",
    ],
  ])("%s", (_name, recheck, language, expected) => {
    expect(line(recheck, language)).toBe(expected);
  });

  it("nothing to re-check: no line", () => {
    expect(
      line({ total: 0, checked: 0, lapsed: 0, from: null, to: null, lastOn: null, horizon: null }),
    ).toBeUndefined();
  });
});
