import { describe, expect, it } from "vitest";
import type { Language } from "../../../src/domain/config/schema.js";
import { type ProgressMarker, readMarker } from "../../../src/domain/markers/marker.js";
import { progressBar, trendChart } from "../../../src/domain/progress/charts.js";
import { type ProgressItem, postmortemProgress } from "../../../src/domain/progress/model.js";
import {
  decideReport,
  type MentionPolicy,
  type ProgressReportOptions,
  renderProgressComment,
} from "../../../src/domain/progress/report.js";
import {
  changesSince,
  type ProgressComment,
  readProgressMarker,
} from "../../../src/domain/progress/report-history.js";
import { item, PATH, REPO } from "./fixtures.js";

const TODAY = "2026-11-25";
const WEEK = "2026-W48";

function opts(
  mention: MentionPolicy = "overdue",
  language: Language = "en",
  week = WEEK,
): ProgressReportOptions {
  return { language, mention, repo: REPO, week };
}

const ITEMS: ProgressItem[] = [
  item({ id: "gateway", number: 11, title: "Validate gateway config", owner: "alice", due: "2026-11-20" }),
  item({
    id: "canary",
    number: 12,
    title: "Canary | every <!-- config --> @mallory",
    owner: "bob",
    due: "2026-11-27",
  }),
  item({
    id: "runbook",
    number: 13,
    title: "Runbook",
    term: "long_term",
    category: "documentation",
    owner: "acme/sre",
    state: "closed",
    stateReason: "completed",
    validated: true,
    closedAt: "2026-11-10T10:00:00Z",
  }),
  item({
    id: "drill",
    number: 14,
    title: "Drill",
    term: "long_term",
    category: "training",
    owner: "carol",
    due: "2027-02-01",
  }),
];

const progress = postmortemProgress(PATH, ITEMS, TODAY);

describe("the weekly comment", () => {
  const { body, marker } = renderProgressComment(progress, opts());

  it("starts with a progress marker carrying the path, week and per-item statuses", () => {
    expect(body.startsWith("<!-- postmortem-followups:progress v1 ")).toBe(true);
    expect(readProgressMarker(body)).toEqual({
      path: PATH,
      week: WEEK,
      statuses: { canary: "due_soon", drill: "open", gateway: "overdue", runbook: "done_validated" },
    });
    expect(marker.week).toBe(WEEK);
  });

  it("has a headline with a text progress bar and counts", () => {
    expect(body).toContain("## Follow-up progress · 2026-W48");
    expect(body).toContain("`█████░░░░░░░░░░░░░░░` **25%** closed · 1 of 4 follow-ups");
    expect(body).toContain("🔴 1 overdue");
    expect(body).toContain(
      "[postmortems/2026-03-12-payments.md](https://github.com/acme/pay/blob/main/postmortems/2026-03-12-payments.md)",
    );
  });

  it("explains the bar's glyphs under it, in the report's language (issue 15)", () => {
    expect(body).toContain(
      "`█████░░░░░░░░░░░░░░░` **25%** closed · 1 of 4 follow-ups\n\n<sub>Bar: █ done and validated, or not doing · ▒ done, not validated yet · ░ still open</sub>\n",
    );
    const ko = renderProgressComment(progress, opts("overdue", "ko")).body;
    expect(ko).toContain(
      "<sub>막대: █ 완료 및 검증 또는 진행하지 않음 · ▒ 완료했지만 검증 전 · ░ 아직 열려 있음</sub>\n",
    );
  });

  it("draws the status split as a Mermaid pie", () => {
    expect(body).toContain(
      [
        "```mermaid",
        "pie showData",
        "    title Status of 4 follow-ups",
        '    "Done and validated" : 1',
        '    "Open" : 1',
        '    "Due soon" : 1',
        '    "Overdue" : 1',
        "```",
      ].join("\n"),
    );
    expect(body).not.toContain("xychart-beta");
  });

  it("has a table per term with sanitised cells", () => {
    expect(body).toContain("### Short-term mitigation");
    expect(body).toContain("### Long-term prevention");
    expect(body).toContain("| Issue | Title | Category | Owner | Due | Status |");
    expect(body).toContain(
      "| #11 | Validate gateway config | System | `alice` | 2026-11-20 (5 days overdue) | 🔴 Overdue |",
    );
    // Pipes escaped, no HTML comment survives, the @-mention in a title is neutralised.
    expect(body).toContain(
      "| #12 | Canary \\| every &lt;!-- config --&gt; @\u200bmallory | System | `bob` | 2026-11-27 (2 days left) | 🟡 Due soon |",
    );
    expect(body).toContain(
      "| #13 | Runbook | Documentation | `acme/sre` | 2026-12-05 | ✅ Done and validated |",
    );
    // Only the app's own marker is an HTML comment.
    expect(body.match(/<!--/g)).toHaveLength(1);
  });

  it("lists the overdue follow-ups", () => {
    expect(body).toContain(
      "### Overdue\n\n- #11 Validate gateway config · @alice · due 2026-11-20 (5 days overdue)",
    );
  });

  it("shows each open follow-up's escalation state (issue 16), in both languages", () => {
    const nudged = postmortemProgress(
      PATH,
      [
        { ...ITEMS[0]!, nudge: { step: "escalation-1", on: "2026-11-27" } },
        { ...ITEMS[1]!, nudge: { step: "reminder", on: "2026-11-25" } },
        { ...ITEMS[2]!, nudge: { step: "overdue", on: "2026-11-02" } }, // closed since: no mark
        ITEMS[3]!,
      ],
      TODAY,
    );
    const en = renderProgressComment(nudged, opts()).body;
    expect(en).toContain("| 2026-11-20 (5 days overdue) | 🔴 Overdue · escalated (1) |");
    expect(en).toContain("| 2026-11-27 (2 days left) | 🟡 Due soon · reminded |");
    expect(en).toContain("| 2026-12-05 | ✅ Done and validated |");
    expect(en).toContain(
      "- #11 Validate gateway config · @alice · due 2026-11-20 (5 days overdue) · escalated (1)",
    );
    const ko = renderProgressComment(nudged, opts("overdue", "ko")).body;
    expect(ko).toContain("에스컬레이션(1단계)");
    expect(ko).toContain("알림 보냄");
  });

  it("has no 'since last week' section without a previous report", () => {
    expect(body).not.toContain("Since last week");
  });
});

describe("mentions", () => {
  const cases: [MentionPolicy, string[], string[]][] = [
    ["everyone", ["@alice", "@bob", "@carol"], ["`acme/sre`"]],
    ["overdue", ["@alice"], ["`bob`", "`carol`", "`acme/sre`"]],
    ["nobody", [], ["`alice`", "`bob`", "`carol`", "`acme/sre`"]],
  ];
  it.each(cases)("%s", (policy, mentioned, quiet) => {
    const { body } = renderProgressComment(progress, opts(policy));
    const mentions = [...body.matchAll(/(?<![\w`])@([A-Za-z0-9/-]+)/g)].map((m) => `@${m[1]}`);
    expect(new Set(mentions)).toEqual(new Set(mentioned));
    for (const q of quiet) expect(body).toContain(q);
  });
});

describe("history", () => {
  const previous = {
    path: PATH,
    week: "2026-W47",
    statuses: { gateway: "due_soon", canary: "open", runbook: "done_unvalidated", drill: "done_validated" },
  };

  it("what changed since last week", () => {
    const changes = changesSince(progress, previous)!;
    expect(changes.newlyOverdue.map((i) => i.id)).toEqual(["gateway"]);
    expect(changes.newlyValidated.map((i) => i.id)).toEqual(["runbook"]);
    expect(changes.closed.map((i) => i.id)).toEqual([]);
    expect(changes.reopened.map((i) => i.id)).toEqual(["drill"]);
    expect(changesSince(progress, null)).toBeNull();
  });

  it("a follow-up closed since last week", () => {
    const before = {
      path: PATH,
      week: "2026-W47",
      statuses: { gateway: "overdue", canary: "open", runbook: "open", drill: "open" },
    };
    const changes = changesSince(progress, before)!;
    expect(changes.closed.map((i) => i.id)).toEqual(["runbook"]);
    expect(changes.newlyOverdue).toEqual([]);
    const { body } = renderProgressComment(progress, opts(), [before]);
    expect(body).toContain("### Since last week (2026-W47)");
    expect(body).toContain("**Closed:** #13 Runbook (✅ Done and validated)");
    expect(body).toContain("**Newly validated:** #13 Runbook");
  });

  it("says so when nothing changed", () => {
    const same = {
      path: PATH,
      week: "2026-W47",
      statuses: { gateway: "overdue", canary: "due_soon", runbook: "done_validated", drill: "open" },
    };
    expect(renderProgressComment(progress, opts(), [same]).body).toContain("No change since last week.");
  });

  it("charts open follow-ups week by week once there is history", () => {
    const history: ProgressMarker[] = [
      { week: "2026-W46", statuses: { a: "open", b: "open", c: "overdue", d: "open" } },
      { week: "2026-W47", statuses: { a: "open", b: "due_soon", c: "done_validated", d: "open" } },
      { week: "2026-W48", statuses: { a: "open" } },
    ];
    expect(trendChart(progress, history, WEEK, "en")).toBe(
      [
        "xychart-beta",
        '    title "Open follow-ups by week"',
        '    x-axis ["W46", "W47", "W48"]',
        '    y-axis "Open" 0 --> 4',
        "    bar [4, 3, 3]",
        "    line [4, 3, 3]",
      ].join("\n"),
    );
    expect(trendChart(progress, [{ week: WEEK, statuses: {} }], WEEK, "en")).toBeNull();
    const { body } = renderProgressComment(progress, opts(), history);
    expect(body).toContain("```mermaid\nxychart-beta");
  });

  it("keeps at most twelve weeks", () => {
    const history = Array.from({ length: 20 }, (_, i) => ({
      week: `2026-W${String(20 + i).padStart(2, "0")}`,
      statuses: {},
    }));
    const chart = trendChart(progress, history, WEEK, "en")!;
    expect(chart).toContain(
      'x-axis ["W29", "W30", "W31", "W32", "W33", "W34", "W35", "W36", "W37", "W38", "W39", "W48"]',
    );
  });
});

describe("Korean", () => {
  it("uses the practice guide's vocabulary", () => {
    const { body } = renderProgressComment(progress, opts("overdue", "ko"));
    expect(body).toContain("## 후속 조치 진행 현황 · 2026-W48");
    expect(body).toContain("### 단기 해결책");
    expect(body).toContain("### 장기 해결책");
    expect(body).toContain("| 이슈 | 제목 | 분류 | 담당자 | 기한 | 상태 |");
    expect(body).toContain("### 기한 초과");
    expect(body).toContain("🔴 기한 초과");
    expect(body).toContain("시스템 개선");
    expect(body).toContain("title 후속 조치 4건의 상태");
  });
});

describe("progress bar", () => {
  it("█ finished, ▒ done without validation, ░ open", () => {
    const p = postmortemProgress(
      PATH,
      [
        item({ id: "a", state: "closed", stateReason: "completed", validated: true }),
        item({ id: "b", state: "closed", stateReason: "completed" }),
        item({ id: "c", state: "closed", stateReason: "not_planned" }),
        item({ id: "d" }),
      ],
      TODAY,
    );
    expect(progressBar(p)).toBe("██████████▒▒▒▒▒░░░░░");
  });
});

describe("decideReport", () => {
  const comment = (id: number, body: string): ProgressComment => ({
    id,
    body,
    marker: readProgressMarker(body)!,
  });

  it("posts when this week has no report", () => {
    const last = renderProgressComment(progress, opts("overdue", "en", "2026-W47")).body;
    const decision = decideReport(progress, opts(), [comment(1, last)]);
    expect(decision).toMatchObject({ type: "create", final: false });
  });

  it("edits this week's report when it changed, leaves it alone when not", () => {
    const current = renderProgressComment(progress, opts()).body;
    expect(decideReport(progress, opts(), [comment(5, current)])).toEqual({
      type: "unchanged",
      commentId: 5,
    });
    const other = postmortemProgress(PATH, ITEMS.slice(0, 3), TODAY);
    expect(decideReport(other, opts(), [comment(5, current)])).toMatchObject({
      type: "update",
      commentId: 5,
    });
    // A CRLF round trip is not a change.
    expect(decideReport(progress, opts(), [comment(5, current.replace(/\n/g, "\r\n"))])).toEqual({
      type: "unchanged",
      commentId: 5,
    });
  });

  it("compares with last week's report, not this week's own", () => {
    const lastWeek = {
      path: PATH,
      week: "2026-W47",
      statuses: { gateway: "open", canary: "open", runbook: "open", drill: "open" },
    };
    const first = renderProgressComment(progress, opts(), [lastWeek]).body;
    const decision = decideReport(progress, opts(), [
      { id: 1, body: "old", marker: lastWeek },
      comment(2, first),
    ]);
    expect(decision).toEqual({ type: "unchanged", commentId: 2 });
  });

  it("one final comment when everything is finished, then nothing", () => {
    const finished = postmortemProgress(
      PATH,
      [
        item({
          id: "a",
          number: 1,
          state: "closed",
          stateReason: "completed",
          validated: true,
          closedAt: "2026-11-03T10:00:00Z",
        }),
        item({ id: "b", number: 2, state: "closed", stateReason: "not_planned" }),
      ],
      TODAY,
    );
    const decision = decideReport(finished, opts(), []);
    expect(decision).toMatchObject({ type: "create", final: true });
    if (decision.type !== "create") throw new Error("unreachable");
    expect(decision.body).toContain("## All follow-ups are finished 🎉");
    expect(decision.body).toContain("<sub>Bar: █ done and validated, or not doing");
    expect(decision.body).toContain("| #1 | Follow-up 1 | `alice` | ✅ Done and validated | 2 |");
    expect(readMarker("progress", decision.body)).toMatchObject({ final: true, week: WEEK, path: PATH });
    const final = comment(9, decision.body);
    expect(decideReport(finished, opts(), [final])).toEqual({
      type: "skip",
      reason: "complete: final report posted",
    });
    // Even if a follow-up is reopened later, and in later weeks.
    expect(decideReport(progress, opts("overdue", "en", "2027-W02"), [final])).toMatchObject({
      type: "skip",
    });
  });

  it("skips a postmortem without a pull request", () => {
    const nopr = postmortemProgress(PATH, [item({ pr: null })], TODAY);
    expect(decideReport(nopr, opts(), [])).toEqual({ type: "skip", reason: "no pull request to report on" });
  });
});

describe("long postmortems", () => {
  it("stays under GitHub's comment size limit", () => {
    const many = Array.from({ length: 200 }, (_, i) =>
      item({
        id: `i${i}`,
        number: 1000 + i,
        title: "x".repeat(256),
        due: "2026-11-01",
        owner: "someone-with-a-long-login",
      }),
    );
    const { body } = renderProgressComment(postmortemProgress(PATH, many, TODAY), opts());
    expect(body.length).toBeLessThan(65_536);
    expect(body).toContain("#1199");
  });
});

describe("the weekly comment's SLO figures (issue 16)", () => {
  const withFigures = (language: Language) => ({
    ...opts("overdue", language),
    figures: { today: TODAY, timeZone: "UTC", severities: ["SEV1", "SEV2"] },
  });
  const notDoing = postmortemProgress(
    PATH,
    [
      ...ITEMS,
      item({
        id: "retry",
        number: 15,
        title: "Retry",
        state: "closed",
        stateReason: "not_planned",
        closedAt: "2026-11-20T10:00:00Z",
        notDoing: {
          reason: "the gateway is retired in Q3",
          by: "alice",
          at: "2026-11-20T10:01:00Z",
          url: "https://github.com/acme/pay/issues/15#issuecomment-9",
        },
      }),
    ],
    TODAY,
  );

  it("shows attainment, p50/p90, aging and the not-doing list before the changes and tables", () => {
    const { body } = renderProgressComment(notDoing, withFigures("en"));
    expect(body).toContain(
      "### Follow-up SLO\n\n| Severity | Closed by the due date | Missed | Attainment |\n| --- | ---: | ---: | ---: |\n| no severity | 1 | 1 | 50% |",
    );
    expect(body).toContain("Days to close: p50 **9**, p90 **9** (1 follow-up closed as completed).");
    expect(body).toContain("Open follow-ups by age: 0–7 days **0** · 8–30 days **3**");
    expect(body).toContain(
      "### Not doing\n\n- #15 Retry: the gateway is retired in Q3 (risk accepted by `alice` on 2026-11-20, [comment](https://github.com/acme/pay/issues/15#issuecomment-9))",
    );
    expect(body.indexOf("### Follow-up SLO")).toBeLessThan(body.indexOf("### Short-term"));
    // Days to close are in the figures: the headline does not say them a second time.
    expect(body).not.toContain("Median time to close");
  });

  it("in Korean", () => {
    const { body } = renderProgressComment(notDoing, withFigures("ko"));
    expect(body).toContain("### 후속 조치 기한 준수");
    expect(body).toContain(
      "### 진행하지 않음\n\n- #15 Retry: the gateway is retired in Q3 (`alice` 님이 2026-11-20에 위험 수용",
    );
  });

  it("without figures options, no figures section (as before)", () => {
    expect(renderProgressComment(notDoing, opts()).body).not.toContain("Follow-up SLO");
  });
});
