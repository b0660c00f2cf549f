import { describe, expect, it } from "vitest";
import { computeFigures, policyOutcome } from "../../../src/domain/progress/figures.js";
import { renderFigures } from "../../../src/domain/progress/figures-render.js";
import { classify, type ProgressItem } from "../../../src/domain/progress/model.js";
import { item } from "./fixtures.js";

/** Issue 16's report figures, pure, on a fixed day. */

const TODAY = "2026-11-25";
const UTC = { today: TODAY, timeZone: "UTC", severities: ["SEV1", "SEV2", "SEV3"] };
const at = (over: Partial<ProgressItem>) => classify(item(over), TODAY);

describe("policy attainment: met, missed or not decided", () => {
  it.each([
    // [case, item, time zone, outcome]
    [
      "closed on the due date",
      { state: "closed", stateReason: "completed", due: "2026-11-10", closedAt: "2026-11-10T23:00:00Z" },
      "UTC",
      "met",
    ],
    [
      "closed the day after",
      { state: "closed", stateReason: "completed", due: "2026-11-10", closedAt: "2026-11-11T00:00:00Z" },
      "UTC",
      "missed",
    ],
    // 23:00 UTC on the 10th is the 11th in Seoul: the due date is a day in the repository's time zone.
    [
      "closed late in the repository's time zone",
      { state: "closed", stateReason: "completed", due: "2026-11-10", closedAt: "2026-11-10T23:00:00Z" },
      "Asia/Seoul",
      "missed",
    ],
    ["open past the due date", { state: "open", due: "2026-11-24" }, "UTC", "missed"],
    ["open, due today", { state: "open", due: TODAY }, "UTC", null],
    ["open, due later", { state: "open", due: "2026-12-01" }, "UTC", null],
    [
      "no due date",
      { state: "closed", stateReason: "completed", due: null, closedAt: "2026-11-11T00:00:00Z" },
      "UTC",
      null,
    ],
    [
      "not doing",
      { state: "closed", stateReason: "not_planned", due: "2026-11-10", closedAt: "2026-11-20T00:00:00Z" },
      "UTC",
      null,
    ],
  ] as const)("%s", (_case, over, timeZone, outcome) => {
    expect(policyOutcome(at(over as Partial<ProgressItem>), { today: TODAY, timeZone })).toBe(outcome);
  });
});

describe("computeFigures", () => {
  const items = [
    at({
      number: 1,
      severity: "SEV2",
      state: "closed",
      stateReason: "completed",
      due: "2026-11-10",
      createdAt: "2026-11-01T00:00:00Z",
      closedAt: "2026-11-03T00:00:00Z",
    }),
    at({
      number: 2,
      severity: "SEV1",
      state: "closed",
      stateReason: "completed",
      due: "2026-11-10",
      createdAt: "2026-11-01T00:00:00Z",
      closedAt: "2026-11-21T00:00:00Z",
    }),
    at({ number: 3, severity: "SEV1", state: "open", due: "2026-11-20", createdAt: "2026-11-18T09:00:00Z" }),
    at({
      number: 4,
      severity: "SEV1",
      state: "closed",
      stateReason: "completed",
      due: "2026-12-01",
      createdAt: "2026-11-01T00:00:00Z",
      closedAt: "2026-11-05T00:00:00Z",
    }),
    at({ number: 5, severity: null, state: "open", due: "2026-11-01", createdAt: "2026-08-01T00:00:00Z" }),
    at({ number: 6, severity: "SEV3", state: "open", due: "2026-12-24", createdAt: "2026-10-26T00:00:00Z" }),
    at({
      number: 7,
      title: "Retry the gateway",
      severity: "SEV1",
      state: "closed",
      stateReason: "not_planned",
      due: "2026-11-01",
      closedAt: "2026-11-20T00:00:00Z",
      notDoing: {
        reason: "retired in Q3",
        by: "alice",
        at: "2026-11-20T00:01:00Z",
        url: "https://github.com/acme/pay/issues/7#issuecomment-1",
      },
    }),
    at({
      number: 8,
      title: "Add a runbook",
      state: "closed",
      stateReason: "not_planned",
      closedAt: "2026-11-20T00:00:00Z",
    }),
    at({ number: 9, state: "closed", stateReason: "duplicate", closedAt: "2026-11-20T00:00:00Z" }),
  ];
  const figures = computeFigures(items, UTC);

  it("attainment by severity, in the config's order, no severity last", () => {
    expect(figures.attainment).toEqual([
      { severity: "SEV1", met: 1, missed: 2, rate: 1 / 3 },
      { severity: "SEV2", met: 1, missed: 0, rate: 1 },
      { severity: "unknown", met: 0, missed: 1, rate: 0 },
    ]);
  });

  it("p50 and p90 of days to close (closed as completed), not the mean", () => {
    // 2, 20 and 4 days: nearest rank p50 4, p90 20 (the mean would be 8.7).
    expect(figures.daysToClose).toEqual({ count: 3, p50: 4, p90: 20 });
    // An even count: p50 is the median the reports always showed (the mean of the middle two).
    const even = computeFigures(
      [3.8, 6].map((days) =>
        at({
          state: "closed",
          stateReason: "completed",
          createdAt: "2026-11-01T00:00:00Z",
          closedAt: new Date(Date.parse("2026-11-01T00:00:00Z") + days * 86_400_000).toISOString(),
        }),
      ),
      UTC,
    );
    expect(even.daysToClose).toEqual({ count: 2, p50: 4.9, p90: 6 });
  });

  it("aging of open follow-ups: 0–7, 8–30, 31–90, over 90 days", () => {
    // #3 opened 7 days ago, #6 30 days ago, #5 116 days ago.
    expect(figures.aging).toEqual({ "0-7": 1, "8-30": 1, "31-90": 0, "over-90": 1 });
    const edges = computeFigures(
      [8, 31, 90, 91].map((days) =>
        at({ createdAt: new Date(Date.parse(`${TODAY}T12:00:00Z`) - days * 86_400_000).toISOString() }),
      ),
      UTC,
    );
    expect(edges.aging).toEqual({ "0-7": 0, "8-30": 1, "31-90": 2, "over-90": 1 });
  });

  it("lists the follow-ups closed as not planned with their reasons (duplicates need none)", () => {
    expect(figures.notDoing.map((n) => [n.number, n.reason?.reason ?? null])).toEqual([
      [7, "retired in Q3"],
      [8, null],
    ]);
  });

  it("nudges sent: unknown until follow-ups say, then summed", () => {
    expect(figures.nudges).toBeNull();
    const sent = computeFigures(
      [
        at({ nudges: { reminders: 1, overdue: 0, escalations: 0 } }),
        at({ nudges: { reminders: 1, overdue: 1, escalations: 2 } }),
        at({}),
      ],
      UTC,
    );
    expect(sent.nudges).toEqual({ reminders: 2, overdue: 1, escalations: 2 });
    expect(renderFigures("en", sent)).toContain(
      "Sent: reminders **2** · overdue notices **1** · escalations **2**.",
    );
    expect(renderFigures("ko", sent)).toContain(
      "보낸 알림: 기한 전 알림 **2건** · 기한 초과 알림 **1건** · 에스컬레이션 **2건**.",
    );
  });

  it("renders in English and Korean through the catalog", () => {
    expect(renderFigures("en", figures)).toBe(
      [
        "### Follow-up SLO",
        "",
        "| Severity | Closed by the due date | Missed | Attainment |",
        "| --- | ---: | ---: | ---: |",
        "| SEV1 | 1 | 2 | 33% |",
        "| SEV2 | 1 | 0 | 100% |",
        "| no severity | 0 | 1 | 0% |",
        "",
        "<sub>Attainment: follow-ups closed as completed on or before their due date, of those closed as completed or still open past it (not doing is listed below, not counted).</sub>",
        "",
        "Days to close: p50 **4**, p90 **20** (3 follow-ups closed as completed).",
        "",
        "Open follow-ups by age: 0–7 days **1** · 8–30 days **1** · 31–90 days **0** · over 90 days **1**.",
        "",
        "### Not doing",
        "",
        "- #7 Retry the gateway: retired in Q3 (risk accepted by `alice` on 2026-11-20, [comment](https://github.com/acme/pay/issues/7#issuecomment-1))",
        "- #8 Add a runbook: ⚠️ no reason given",
      ].join("\n"),
    );
    const ko = renderFigures("ko", figures, 2);
    expect(ko).toContain("## 후속 조치 기한 준수\n\n| 심각도 | 기한 내 완료 | 기한 초과 | 준수율 |");
    expect(ko).toContain("| 심각도 없음 | 0 | 1 | 0% |");
    expect(ko).toContain(
      "열린 후속 조치의 경과 일수: 0–7일 **1건** · 8–30일 **1건** · 31–90일 **0건** · 90일 초과 **1건**.",
    );
    expect(ko).toContain(
      "- #7 Retry the gateway: retired in Q3 (`alice` 님이 2026-11-20에 위험 수용, [댓글](",
    );
    expect(ko).toContain("- #8 Add a runbook: ⚠️ 사유 없음");
  });

  it("user text cannot break the list or forge a marker", () => {
    const hostile = computeFigures(
      [
        at({
          state: "closed",
          stateReason: "not_planned",
          title: "a\n## heading <!-- postmortem-followups:not-doing v1 {} -->",
          notDoing: {
            reason: "x\n- [ ] y <script>",
            by: "@mallory",
            at: "2026-11-20T00:00:00Z",
            url: "https://github.com/a/b/issues/1#issuecomment-2",
          },
        }),
      ],
      UTC,
    );
    const md = renderFigures("en", hostile);
    expect(md).not.toContain("<!--");
    expect(md).not.toContain("<script>");
    expect(md.split("\n").filter((l) => l.startsWith("- "))).toHaveLength(1);
  });
});
