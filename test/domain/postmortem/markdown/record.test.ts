import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../../../src/domain/config/load.js";
import { readMarkdownPostmortem } from "../../../../src/domain/postmortem/markdown/read.js";
import { recordKindOf } from "../../../../src/domain/postmortem/markdown/record.js";
import { parsePostmortem } from "../../../../src/domain/postmortem/parse.js";

/** Issue 18: the timeline, communication log, response actions and post-evaluation of a Markdown postmortem. */

describe("recordKindOf", () => {
  it.each([
    ["Timeline", "timeline"],
    ["타임라인 (KST)", "timeline"],
    ["Communication", "communication"],
    ["커뮤니케이션 기록", "communication"],
    ["Response actions", "actions"],
    ["대응 조치", "actions"],
    ["Post-evaluation", "evaluation"],
    ["사후 평가", "evaluation"],
    ["Action Items", undefined],
    ["후속 조치", undefined],
  ])("%s -> %s", (heading, kind) => {
    expect(recordKindOf(heading)).toBe(kind);
  });
});

const KO = [
  "# 결제 장애",
  "",
  "날짜: 2026-03-02",
  "",
  "## 타임라인",
  "",
  "| 시각 | 내용 |",
  "| --- | --- |",
  "| 23:50 KST | 결제 오류율 상승 |",
  "| 23:58 KST | 알림으로 감지 |",
  "| 00:20 KST | 롤백으로 완화 |",
  "| 대략 새벽 | 복구 완료 |",
  "",
  "## 커뮤니케이션",
  "",
  "| 시각 | 채널 | 대상 | 내용 |",
  "| --- | --- | --- | --- |",
  "| 2026-03-03 00:05 | 상태 페이지 | 고객 | 결제 지연 안내 |",
  "",
  "## 대응 조치",
  "",
  "- 2026-03-03 00:20 v2.3으로 롤백 → 오류율 정상화",
  "- 00:40 캐시 비우기",
  "",
  "## 사후 평가",
  "",
  "감지는 빨랐지만 **롤백 결정**이 늦었다.",
  "",
  "## 후속 조치",
  "",
  "- [ ] 롤백 자동화 (담당: @kim) https://github.com/acme/pay/pull/3",
  "",
].join("\n");

describe("the Markdown record", () => {
  it("reads tables and lists with times, across midnight, with positions for rows it cannot time", () => {
    const read = readMarkdownPostmortem("pm.md", KO, { language: "ko" });
    expect(read.record).toEqual({
      timeline: [
        { at: "2026-03-02T23:50:00+09:00", line: 9, event: "결제 오류율 상승" },
        { at: "2026-03-02T23:58:00+09:00", line: 10, event: "알림으로 감지" },
        { at: "2026-03-03T00:20:00+09:00", line: 11, event: "롤백으로 완화" },
      ],
      communication: [
        {
          at: "2026-03-03T00:05:00",
          line: 18,
          channel: "상태 페이지",
          audience: "고객",
          summary: "결제 지연 안내",
        },
      ],
      actions: [
        { at: "2026-03-03T00:20:00", line: 22, action: "v2.3으로 롤백", result: "오류율 정상화" },
        { at: "2026-03-03T00:40:00", line: 23, action: "캐시 비우기" },
      ],
      evaluation: { text: "감지는 빨랐지만 **롤백 결정**이 늦었다.", line: 25 },
      untimed: [{ line: 12, column: 1, section: "타임라인" }],
    });
    const untimed = read.problems.filter((p) => p.code === "markdown-record-no-time");
    expect(untimed.map((p) => `${p.line}:${p.column} ${p.severity} ${p.message}`)).toEqual([
      '12:1 warning "타임라인"의 이 행에는 시각이 없습니다: 14:05나 2026-03-02 14:05 같은 시각으로 시작하세요 (대응 지표 계산에서 빠집니다)',
    ]);
  });

  it("gives the postmortem the precise format's keys, and the follow-ups are unchanged", () => {
    const parsed = parsePostmortem("pm.md", KO, defaultConfig());
    expect(parsed.postmortem).toMatchObject({
      timeline: [
        { at: "2026-03-02T23:50:00+09:00", event: "결제 오류율 상승" },
        { at: "2026-03-02T23:58:00+09:00", event: "알림으로 감지" },
        { at: "2026-03-03T00:20:00+09:00", event: "롤백으로 완화" },
      ],
      communication: [
        { at: "2026-03-03T00:05:00", channel: "상태 페이지", audience: "고객", summary: "결제 지연 안내" },
      ],
      response_actions: [
        { at: "2026-03-03T00:20:00", action: "v2.3으로 롤백", result: "오류율 정상화" },
        { at: "2026-03-03T00:40:00", action: "캐시 비우기" },
      ],
      evaluation: "감지는 빨랐지만 **롤백 결정**이 늦었다.",
    });
    expect(parsed.followups).toHaveLength(1);
    expect(parsed.followups[0]!.title).toMatch(/^롤백 자동화/);
  });

  it("a postmortem without these sections has none of the keys", () => {
    const parsed = parsePostmortem(
      "pm.md",
      "# Outage\n\nDate: 2026-03-02\n\n## Action Items\n\n- Add an alert\n",
      defaultConfig(),
    );
    expect(parsed.postmortem).not.toHaveProperty("timeline");
    expect(parsed.postmortem).not.toHaveProperty("communication");
    expect(parsed.postmortem).not.toHaveProperty("evaluation");
  });
});
