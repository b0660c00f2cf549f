import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../../src/domain/config/load.js";
import type { Postmortem } from "../../../src/domain/postmortem/schema.js";
import { emptyResult } from "../../../src/runs/merge/report.js";
import { renderSummary } from "../../../src/runs/merge/summary.js";

/** Issue 18: the pull request summary shows the response record (figures, communication, actions). */

const REPO = { owner: "acme", repo: "pay", defaultBranch: "main", serverUrl: "https://github.com" };
const FILE = "postmortems/2026-01-27-checkout.md";

function summary(postmortem: Postmortem, language: "en" | "ko" = "en"): string {
  const result = emptyResult();
  result.files.push({ path: FILE, status: "added", outcome: "reconciled", problems: [], postmortem });
  return renderSummary({
    result,
    config: { ...defaultConfig(), language },
    repo: REPO,
    pr: { number: 7, url: "" },
  });
}

const BASE: Postmortem = { title: "Checkout errors", date: "2026-01-27", followups: {} };

describe("the response record in the pull request summary", () => {
  const postmortem: Postmortem = {
    ...BASE,
    timeline: [
      { at: "2026-01-27T10:00:00Z", event: "Errors began" },
      { at: "2026-01-27T10:12:00Z", event: "Alert fired" },
      { at: "2026-01-27T10:40:00Z", event: "Failed over to the replica" },
      { at: "2026-01-27T11:30:00Z", event: "Resolved" },
    ],
    communication: [
      {
        at: "2026-01-27T10:15:00Z",
        channel: "status page",
        audience: "customers",
        summary: "Checkout | degraded",
      },
      { at: "2026-01-27T10:20:00+09:00", channel: "", summary: "Told @bob" },
    ],
    response_actions: [{ at: "2026-01-27T10:40:00", action: "Failover", result: "Errors stopped" }],
  };

  it("lists the figures, the communication log and the response actions (sanitised)", () => {
    const body = summary(postmortem);
    expect(body).toContain("<details><summary>Response</summary>");
    expect(body).toContain(
      "Time to detect: **12 min** · to mitigate: **40 min** · to resolve: **1 h 30 min** (from the timeline)",
    );
    expect(body).toContain("| 2026-01-27 10:15 UTC | status page | customers | Checkout \\| degraded |");
    expect(body).toContain("| 2026-01-27 10:20 +09:00 | — | — | Told @\u200bbob |");
    expect(body).toContain("| 2026-01-27 10:40 | Failover | Errors stopped |");
  });

  it("in Korean with language: ko", () => {
    const body = summary(postmortem, "ko");
    expect(body).toContain("<details><summary>대응 기록</summary>");
    expect(body).toContain(
      "감지까지: **12분** · 완화까지: **40분** · 해결까지: **1시간 30분** (타임라인 기준)",
    );
    expect(body).toContain("**커뮤니케이션 기록**");
    expect(body).toContain("| 시각 | 조치 | 결과 |");
  });

  it("has no response section when the postmortem records none", () => {
    expect(summary(BASE)).not.toContain("<summary>Response</summary>");
    expect(summary({ ...BASE, timeline: [{ at: "2026-01-27", event: "Errors began" }] })).not.toContain(
      "<summary>Response</summary>",
    );
  });
});
