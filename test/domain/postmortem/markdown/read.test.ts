import { describe, expect, it } from "vitest";
import { markdownParseResult, toParsedFollowups } from "../../../../src/domain/postmortem/from-markdown.js";
import {
  dropReferenceTail,
  dueOf,
  priorityOf,
  trackingRefs,
} from "../../../../src/domain/postmortem/markdown/fields.js";
import { derivedId } from "../../../../src/domain/postmortem/markdown/identity.js";
import { readMarkdownPostmortem } from "../../../../src/domain/postmortem/markdown/read.js";
import { isFollowupHeading } from "../../../../src/domain/postmortem/markdown/sections.js";
import { LIMITS } from "../../../../src/domain/postmortem/schema.js";

const read = (text: string, options = {}) => readMarkdownPostmortem("postmortems/x.md", text, options);
const titles = (text: string, options = {}) => read(text, options).items.map((i) => i.title);

describe("follow-up section headings", () => {
  it.each([
    ["Action Items", true],
    ["5. action items", true],
    ["Follow-ups", true],
    ["Follow up actions", true],
    ["Remediation", true],
    ["Corrective and Preventative Measures", true],
    ["Next Steps", true],
    ["액션 아이템", true],
    ["후속 조치", true],
    ["재발 방지 대책", true],
    ["재발방지 계획", true],
    ["조치 사항", true],
    ["조치 일정", true],
    ["개선 과제", true],
    ["Timeline", false],
    ["Remediation timeline", false],
    ["Lessons learned", false],
    ["Lessons learned and action items", true],
    ["What went well", false],
    ["타임라인", false],
    ["교훈", false],
    ["Summary", false],
  ])("%s -> %s", (heading, expected) => {
    expect(isFollowupHeading(heading)).toBe(expected);
  });

  it("extra patterns from options", () => {
    expect(isFollowupHeading("Things to fix")).toBe(false);
    expect(isFollowupHeading("Things to fix", ["things to fix"])).toBe(true);
    expect(titles("Date: 2026-01-01\n\n## Things to fix\n\n- A\n", { sections: ["things to fix"] })).toEqual([
      "A",
    ]);
  });
});

describe("sections and items", () => {
  it("a bold-only line starts a section that ends at the next heading", () => {
    const r = read(
      "Date: 2026-01-01\n\n**Action items:**\n\n- Add alert\n- Fix retry\n\n## Appendix\n\n- not an item\n",
    );
    expect(r.items.map((i) => [i.line, i.title])).toEqual([
      [5, "Add alert"],
      [6, "Fix retry"],
    ]);
    expect(r.sections).toEqual([{ title: "Action items", line: 3, column: 1, level: 7, items: 2 }]);
  });

  it("a section runs to the next heading of the same or higher level; matching subsections are read once", () => {
    const text = [
      "Date: 2026-01-01",
      "## Follow-ups",
      "### Action items (short-term)",
      "- A",
      "#### Detail",
      "- B",
      "## Timeline",
      "- 10:00 not an item",
    ].join("\n\n");
    const r = read(text);
    expect(r.sections.map((s) => s.title)).toEqual(["Follow-ups"]);
    expect(r.items.map((i) => [i.title, i.term, i.termSource])).toEqual([
      ["A", "short_term", "heading"],
      ["B", "short_term", "heading"],
    ]);
  });

  it("group labels in a list, nested bullets as description, `**Title**: description`", () => {
    const text = [
      "Date: 2026-01-01",
      "",
      "## 후속 조치",
      "",
      "- 단기:",
      "  - 알림 임계치 조정",
      "- 장기:",
      "  - **캐시 이중화**: Redis 단일 장애점을 없앤다",
      "    - 설계 검토",
    ].join("\n");
    const r = read(text);
    expect(r.items.map((i) => [i.line, i.title, i.term, i.description ?? ""])).toEqual([
      [6, "알림 임계치 조정", "short_term", ""],
      [8, "캐시 이중화", "long_term", "Redis 단일 장애점을 없앤다\n\n- 설계 검토"],
    ]);
  });

  it("done markers: [x], ✅, (done), DONE, strikethrough, 완료, a (Completed) group heading", () => {
    const text = [
      "Date: 2026-01-01",
      "## Action Items",
      "- [x] one",
      "- two ✅",
      "- three (done)",
      "- four DONE",
      "- ~~five~~",
      "- 여섯 [완료]",
      "- seven",
      "### Completed",
      "- eight",
    ].join("\n\n");
    expect(read(text).items.map((i) => [i.title, i.status, i.statusSource])).toEqual([
      ["one", "done", "checkbox"],
      ["two", "done", "marker"],
      ["three", "done", "marker"],
      ["four", "done", "marker"],
      ["five", "done", "strikethrough"],
      ["여섯", "done", "marker"],
      ["seven", "open", "none"],
      ["eight", "done", "heading"],
    ]);
  });

  it("owners: column, label, [Owner], `X to`, @login; the owners map; unknown names are warnings", () => {
    const text = [
      "Date: 2026-01-01",
      "## Action Items",
      "- Add alert (Owner: Platform)",
      "- [DBA] Tune vacuum",
      "- SRE to write runbook",
      "- Fix retries @carol",
      "- Switch to gRPC",
    ].join("\n\n");
    const r = read(text, { owners: { platform: "acme/platform" } });
    expect(r.items.map((i) => [i.title, i.owner, i.ownerText, i.ownerSource])).toEqual([
      ["Add alert", "acme/platform", "Platform", "label"],
      ["Tune vacuum", undefined, "DBA", "bracket"],
      ["SRE to write runbook", undefined, "SRE", "to"],
      ["Fix retries @carol", "carol", "@carol", "mention"],
      ["Switch to gRPC", undefined, undefined, "none"],
    ]);
    expect(r.problems.map((p) => [p.line, p.code, p.message])).toEqual([
      [
        7,
        "markdown-unknown-owner",
        'owner "DBA" is not a GitHub login: kept as text (map it to a login or org/team under `owners:` in the config)',
      ],
      [
        9,
        "markdown-unknown-owner",
        'owner "SRE" is not a GitHub login: kept as text (map it to a login or org/team under `owners:` in the config)',
      ],
    ]);
  });

  it("table columns in Korean and configurable synonyms", () => {
    const text =
      "날짜: 2026-03-12\n\n## 조치 계획\n\n| 할 일 | 담당자 | 우선순위 | 마감 | 유형 |\n|---|---|---|---|---|\n| 재시도 제한 | @kim | 높음 | 3일 | mitigate |\n";
    expect(read(text).items.map((i) => [i.title, i.owner, i.priority, i.due, i.term, i.termSource])).toEqual([
      ["재시도 제한", "kim", "P1", "2026-03-15", "short_term", "type"],
    ]);
    const custom =
      "Date: 2026-03-12\n\n## Action Items\n\n| What | Person |\n|---|---|\n| Fix it | alice |\n";
    expect(read(custom, { columns: { owner: ["Person"] } }).items.map((i) => [i.title, i.owner])).toEqual([
      ["Fix it", "alice"],
    ]);
  });
});

describe("identity", () => {
  it("explicit {#id}, <!-- id: x -->, ID cell; else slug or hash; derived duplicates get -2", () => {
    const text = [
      "Date: 2026-01-01",
      "## Action Items",
      "- Add alert {#alert}",
      "- Tune pool <!-- id: pool -->",
      "- Fix retry",
      "- Fix retry",
      "- 캐시 이중화",
    ].join("\n\n");
    expect(read(text).items.map((i) => [i.id, i.idSource])).toEqual([
      ["alert", "anchor"],
      ["pool", "comment"],
      ["fix-retry", "slug"],
      ["fix-retry-2", "slug"],
      [derivedId("캐시 이중화").id, "hash"],
    ]);
    const table =
      "Date: 2026-01-01\n\n## Action Items\n\n| ID | Action |\n|---|---|\n| a1 | One |\n| a1 | Two |\n";
    const r = read(table);
    expect(r.items.map((i) => [i.id, i.idSource])).toEqual([
      ["a1", "cell"],
      ["a1", "cell"],
    ]);
    expect(r.problems.map((p) => [p.line, p.code])).toEqual([[8, "duplicate-id"]]);
  });

  it("Hangul titles: a short hash that differs per title, stable across calls", () => {
    const a = derivedId("결제 재시도 제한");
    expect(a).toEqual(derivedId("결제  재시도 제한"));
    expect(a.id).toMatch(/^item-[0-9a-z]{7}$/);
    expect(derivedId("결제 재시도 제한 추가").id).not.toBe(a.id);
  });
});

describe("fields", () => {
  it.each([
    ["2026-04-01", "2026-04-01", "date"],
    ["2 weeks", "2026-03-26", "relative"],
    ["2주", "2026-03-26", "relative"],
    ["1 month", "2026-04-12", "relative"],
    ["Q2 2026", "2026-06-30", "quarter"],
    ["2026년 3분기", "2026-09-30", "quarter"],
    ["Q4", "2026-12-31", "quarter"],
  ])("due %s", (value, due, source) => {
    expect(dueOf(value, "2026-03-12")).toEqual({ due, source });
  });

  it.each([
    ["P0", "P0"],
    ["p2", "P2"],
    ["P4", "P3"],
    ["High", "P1"],
    ["Medium", "P2"],
    ["low", "P3"],
    ["높음", "P1"],
    ["중간", "P2"],
    ["낮음", "P3"],
    ["whenever", undefined],
  ])("priority %s", (value, expected) => {
    expect(priorityOf(value)).toBe(expected);
  });

  it.each([
    ["Plug the leak https://github.com/acme/pay/pull/40", "Plug the leak"],
    ["Shard the index (#12, #13)", "Shard the index"],
    ["Rotate keys — @bob, SEC-7", "Rotate keys"],
    ["Rotate keys GH-7.", "Rotate keys"],
    ["Fix GH-12 in the planner", "Fix GH-12 in the planner"],
    ["Upgrade to TLS-13", "Upgrade to TLS-13"],
    ["Move to SEV-2 paging", "Move to SEV-2 paging"],
    ["#12", "#12"],
    ["Alert on pool size — owner: see runbook", "Alert on pool size — owner: see runbook"],
  ])("a title's trailing references are dropped, its words kept: %s", (title, expected) => {
    expect(dropReferenceTail(title)).toBe(expected);
  });

  it("tracking references", () => {
    expect(
      trackingRefs("see #12, GH-7, PAY-101 and https://github.com/a/b/pull/9; not SEV-1 or a#3"),
    ).toEqual(["#12", "GH-7", "PAY-101", "https://github.com/a/b/pull/9"]);
  });
});

describe("the file", () => {
  it("title, date and severity: front matter, else heading, Date line, file-name prefix", () => {
    expect(readMarkdownPostmortem("pm/2026-02-03-db.md", "# DB down\n\nSeverity: P1\n").meta).toEqual({
      title: "DB down",
      titleSource: "heading",
      date: "2026-02-03",
      dateSource: "file-name",
      severity: "P1",
    });
    expect(
      read("---\ntitle: 'Blog post'\npublishDate: 2024-01-09\nslug: x\n---\n\nSEV3 incident\n").meta,
    ).toEqual({
      title: "Blog post",
      titleSource: "front-matter",
      date: "2024-01-09",
      dateSource: "front-matter",
      severity: "SEV3",
    });
  });

  it("a date under a Date heading (the SRE book's and dastergon/postmortem-templates' layout), en and ko", () => {
    expect(read("# Outage\n\n### Date\n\n2015-10-21\n\n### Authors\n").meta).toMatchObject({
      date: "2015-10-21",
      dateSource: "line",
    });
    expect(read("# 장애\n\n## 발생 일시\n2026-04-02 14:10 KST\n").meta).toMatchObject({ date: "2026-04-02" });
    // a Date heading with no date under it (an empty template) is no date; nor is text that only mentions one
    expect(read("# Outage\n\n### Date\n\n### Authors\n\n2015-10-21\n").meta.date).toBeUndefined();
    expect(read("# Outage\n\n## Date\n\nthe night of 2015-10-21\n").meta.date).toBeUndefined();
  });

  it("no date: one positioned error, in the config's language", () => {
    const r = read("# X\n\n## Action Items\n\n- A\n", { language: "ko" });
    expect(r.problems.map((p) => [p.line, p.column, p.severity, p.code])).toEqual([
      [1, 1, "error", "markdown-no-date"],
    ]);
    expect(r.problems[0]!.message).toMatch(/^장애 날짜가 없습니다/);
  });

  it("no follow-up section: says what was found", () => {
    const r = read("# X\n\nDate: 2026-01-01\n\n## Summary\n\n## Impact\n");
    expect(r.found).toBe('no follow-up section (e.g. "## Action Items"); headings: X, Summary, Impact');
    expect(r.problems.map((p) => [p.line, p.severity, p.code])).toEqual([
      [1, "warning", "markdown-no-section"],
    ]);
  });

  it("caps the items at the follow-up limit and counts the rest", () => {
    const n = LIMITS.followupsPerFile + 50;
    const rows = Array.from({ length: n }, (_, i) => `- item ${i + 1}`).join("\n");
    const r = read(`Date: 2026-01-01\n\n## Action Items\n\n${rows}\n`);
    expect(r.items).toHaveLength(LIMITS.followupsPerFile);
    expect(r.problems.map((p) => [p.line, p.code, p.message])).toEqual([
      [3, "too-many-followups", expect.stringContaining(`${n}`)],
    ]);
  });

  it("hostile input: one 1 MiB line, deep nesting and a huge table never throw", () => {
    const long = `Date: 2026-01-01\n\n## Action Items\n\n- ${"a ".repeat(500_000)}\n`;
    expect(read(long).items[0]!.title.length).toBe(LIMITS.titleLength);
    const deep = `Date: 2026-01-01\n\n## Action Items\n\n${">".repeat(5000)} x\n${"- ".repeat(2000)}y\n`;
    expect(() => read(deep)).not.toThrow();
    const table = `Date: 2026-01-01\n\n## Action Items\n\n| Action | Owner |\n|---|---|\n${"| x | @a |\n".repeat(20_000)}`;
    expect(read(table).items).toHaveLength(LIMITS.followupsPerFile);
  });
});

describe("compatibility with the planner's shapes", () => {
  const text =
    "Date: 2026-03-12\nSeverity: SEV2\n\n# Outage\n\n## Action Items\n\n| Action | Owner | Type | Validation |\n|---|---|---|---|\n| Add alert | @alice | detect | [dash](https://grafana.example.com/d/1) |\n| Write policy | SRE | process | |\n| Old fix **DONE** | bob | repair | |\n";
  it("toParsedFollowups: open items, logins only as owner, evidence as validation", () => {
    const r = read(text);
    expect(toParsedFollowups(r)).toEqual([
      {
        id: "add-alert",
        title: "Add alert",
        category: "tooling",
        owner: "alice",
        validation: ["https://grafana.example.com/d/1"],
        term: "short_term",
        index: 0,
        line: 10,
      },
      {
        id: "write-policy",
        title: "Write policy",
        category: "process",
        term: "long_term",
        index: 0,
        line: 11,
      },
    ]);
    const p = markdownParseResult(r);
    expect(p.format).toBe("markdown");
    expect(p.postmortem).toEqual({
      title: "Outage",
      date: "2026-03-12",
      severity: "SEV2",
      followups: {
        short_term: [
          {
            id: "add-alert",
            title: "Add alert",
            category: "tooling",
            owner: "alice",
            validation: ["https://grafana.example.com/d/1"],
          },
        ],
        long_term: [{ id: "write-policy", title: "Write policy", category: "process" }],
      },
    });
    expect(p.markdown.items.map((i) => i.status)).toEqual(["open", "open", "done"]);
  });
});

describe("a Type column that holds the term (유형: 단기 / 장기)", () => {
  it("gives the term, before the due-date window and the default", () => {
    const text = [
      "# 결제 장애",
      "",
      "발생 일시: 2026-04-07",
      "",
      "## 재발 방지 계획",
      "",
      "| 항목 | 유형 | 담당 | 기한 |",
      "| --- | --- | --- | --- |",
      "| 타임아웃 적용 | 장기 | dohyun | 2026-04-10 |",
      "| 알림 추가 | 단기 | seoyeon | 2026-09-01 |",
      "",
    ].join("\n");
    const result = readMarkdownPostmortem("p.md", text);
    expect(result.items.map((i) => [i.title, i.term, i.termSource, i.termReason])).toEqual([
      ["타임아웃 적용", "long_term", "type", "장기"],
      ["알림 추가", "short_term", "type", "단기"],
    ]);
  });
});
