import { describe, expect, it } from "vitest";
import { computeMetrics, csvField, formatMetrics } from "../../../src/domain/progress/metrics.js";
import { buildProgress } from "../../../src/domain/progress/model.js";
import { item } from "./fixtures.js";

const TODAY = "2026-11-25";
const A = "postmortems/a.md";
const B = "postmortems/b.md";

const progress = buildProgress(
  [
    item({
      path: A,
      id: "1",
      pr: 3,
      state: "closed",
      stateReason: "completed",
      validated: true,
      createdAt: "2026-11-01T00:00:00Z",
      closedAt: "2026-11-03T00:00:00Z",
    }),
    item({
      path: A,
      id: "2",
      pr: 3,
      state: "closed",
      stateReason: "completed",
      createdAt: "2026-11-01T00:00:00Z",
      closedAt: "2026-11-09T00:00:00Z",
      term: "long_term",
      category: "process",
    }),
    item({ path: A, id: "3", pr: 3, due: "2026-11-01" }),
    item({
      path: B,
      id: "1",
      pr: 8,
      state: "closed",
      stateReason: "completed",
      validated: true,
      createdAt: "2026-11-01T00:00:00Z",
      closedAt: "2026-11-05T00:00:00Z",
    }),
    item({ path: B, id: "2", pr: 8, state: "closed", stateReason: "not_planned", term: "long_term" }),
  ],
  TODAY,
);
const metrics = computeMetrics("acme/pay", TODAY, progress);

describe("metrics", () => {
  it("overall", () => {
    expect(metrics.overall.all).toEqual({
      total: 5,
      open: 0,
      dueSoon: 0,
      overdue: 1,
      doneValidated: 2,
      doneUnvalidated: 1,
      notDoing: 1,
      completion: 0.8,
      validationRate: 2 / 3,
      medianDaysToClose: 4,
      // Closed as completed in 2, 8 and 4 days: nearest-rank p50 4, p90 8.
      p50DaysToClose: 4,
      p90DaysToClose: 8,
      // Three closed by their due date, one open past it; not doing is not counted.
      policyMet: 3,
      policyMissed: 1,
      policyAttainment: 0.75,
      aging: { "0-7": 0, "8-30": 1, "31-90": 0, "over-90": 0 },
    });
  });

  it("median days to close by term and by category", () => {
    expect(metrics.overall.byTerm.short_term).toMatchObject({ total: 3, medianDaysToClose: 3, overdue: 1 });
    expect(metrics.overall.byTerm.long_term).toMatchObject({ total: 2, medianDaysToClose: 8, notDoing: 1 });
    expect(metrics.overall.byCategory.process).toMatchObject({
      total: 1,
      medianDaysToClose: 8,
      validationRate: 0,
    });
    expect(metrics.overall.byCategory.system).toMatchObject({ total: 4, medianDaysToClose: 3 });
  });

  it("per postmortem", () => {
    expect(
      metrics.postmortems.map((p) => [p.path, p.pr, p.all.completion, p.all.overdue, p.all.validationRate]),
    ).toEqual([
      [A, 3, 2 / 3, 1, 0.5],
      [B, 8, 1, 0, 1],
    ]);
  });

  it("json", () => {
    expect(JSON.parse(formatMetrics(metrics, "json"))).toEqual(metrics);
  });

  it("csv: one row per scope and group", () => {
    const lines = formatMetrics(metrics, "csv").trimEnd().split("\n");
    expect(lines[0]).toBe(
      "repository,date,postmortem,dimension,group,total,open,due_soon,overdue,done_validated,done_unvalidated,not_doing,completion,validation_rate,median_days_to_close,p50_days_to_close,p90_days_to_close,policy_met,policy_missed,policy_attainment,open_age_0_7,open_age_8_30,open_age_31_90,open_age_over_90",
    );
    expect(lines[1]).toBe("acme/pay,2026-11-25,,all,,5,0,0,1,2,1,1,0.8,0.667,4,4,8,3,1,0.75,0,1,0,0");
    expect(lines).toContain(
      "acme/pay,2026-11-25,postmortems/b.md,term,long_term,1,0,0,0,0,0,1,1,,,,,0,0,,0,0,0,0",
    );
    expect(lines).toContain(
      "acme/pay,2026-11-25,,severity,unknown,5,0,0,1,2,1,1,0.8,0.667,4,4,8,3,1,0.75,0,1,0,0",
    );
    // all, terms, categories and severities: overall 1+2+2+1, a.md 1+2+2+1, b.md 1+2+1+1.
    expect(lines).toHaveLength(1 + 6 + 6 + 5);
  });

  it("csv fields are quoted and cannot start a formula", () => {
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField("=HYPERLINK()")).toBe("'=HYPERLINK()");
    expect(csvField(-1)).toBe("-1");
    expect(csvField(null)).toBe("");
  });

  it("markdown", () => {
    const md = formatMetrics(metrics, "md");
    expect(md).toContain("# Follow-up metrics: acme/pay (2026-11-25)");
    expect(md).toContain("| all follow-ups | 5 | 0 | 0 | 1 | 2 | 1 | 1 | 80% | 67% | 4 |");
    expect(md).toContain("| postmortems/a.md (#3) | 3 | 0 | 0 | 1 | 1 | 1 | 0 | 67% | 50% | 5 |");
    expect(md).toContain("| category: process | 1 | 0 | 0 | 0 | 0 | 1 | 0 | 100% | 0% | 8 |");
    expect(md).toContain(
      "| all follow-ups | 5 | 0 | 0 | 1 | 2 | 1 | 1 | 80% | 67% | 4 | 4 / 8 | 75% (3/4) | 0 / 1 / 0 / 0 |",
    );
    expect(md).toContain("## Follow-up SLO\n\n| Severity | Closed by the due date | Missed | Attainment |");
    expect(md).toContain("| no severity | 3 | 1 | 75% |");
    expect(md).toContain("## Not doing\n\n- #");
    expect(md).toContain(": ⚠️ no reason given");
  });

  it("markdown in Korean: the SLO figures through the catalog", () => {
    const md = formatMetrics(metrics, "md", "ko");
    expect(md).toContain("## 후속 조치 기한 준수");
    expect(md).toContain("| 심각도 없음 | 3 | 1 | 75% |");
    expect(md).toContain("완료까지 걸린 일수: 중앙값(P50) **4일**, P90 **8일** (완료로 닫힌 후속 조치 3건).");
    expect(md).toContain("## 진행하지 않음");
  });
});
