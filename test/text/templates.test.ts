import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { defaultConfig, parseConfigText } from "../../src/domain/config/load.js";
import type { Config } from "../../src/domain/config/schema.js";
import { buildDesired } from "../../src/domain/followups/desired.js";
import type { RepoRef } from "../../src/domain/followups/model.js";
import { composeIssueBody } from "../../src/domain/followups/plan.js";
import { readFollowupMarker } from "../../src/domain/markers/marker.js";
import { parsePostmortem } from "../../src/domain/postmortem/parse.js";
import { categoryName } from "../../src/text/catalog/labels.js";
import { render } from "../../src/text/templates.js";

const repo: RepoRef = { owner: "acme", repo: "pay", defaultBranch: "main", serverUrl: "https://github.com" };
const ko = (() => {
  const result = parseConfigText("language: ko\n");
  if (!result.ok) throw new Error("config");
  return result.config;
})();

function bodies(rel: string, text: string | Buffer, config: Config): string[] {
  const parsed = parsePostmortem(rel, text, config);
  if (!parsed.postmortem) throw new Error(JSON.stringify(parsed.problems));
  return buildDesired({
    path: rel,
    postmortem: parsed.postmortem,
    followups: parsed.followups,
    config,
    repo,
    pr: { number: 42, url: "https://github.com/acme/pay/pull/42" },
    mergedOn: "2026-03-20",
  }).map(composeIssueBody);
}

const fixture = (rel: string) => readFileSync(new URL(`../fixtures/${rel}`, import.meta.url));

describe("follow-up issue body", () => {
  it("English", async () => {
    const [first] = bodies(
      "postmortems/2026-03-12-payments.md",
      fixture("postmortems/2026-03-12-payments.md"),
      defaultConfig(),
    );
    await expect(first).toMatchFileSnapshot("__snapshots__/followup-issue.en.md");
  });

  it("Korean: everything the app writes is in Korean", async () => {
    const [first, second] = bodies(
      "postmortems/2026-04-02-login-ko.md",
      fixture("postmortems/2026-04-02-login-ko.md"),
      ko,
    );
    await expect(first).toMatchFileSnapshot("__snapshots__/followup-issue.ko.md");
    for (const heading of [
      "### 조치 내용",
      "### 테스트 및 검증 계획",
      "### 장애",
      "근본 원인 분석",
      "피시본 다이어그램",
      "### 검증 증거",
    ])
      expect(first).toContain(heading);
    expect(first).toContain("- **왜 1**: 로그인 서버가 TLS 연결을 거부했다.");
    expect(second).toContain("**장기 해결책** · **도구**");
    expect(second).toContain("(팀은 담당자로 지정할 수 없어 여기에서 멘션합니다)");
    expect(second).toContain("(기본값: 병합 후 90일)");
    for (const english of ["Validation plan", "What to do", "Owner", "Incident", "Evidence"])
      expect(first).not.toContain(english);
  });

  it("a fishbone category with several causes lists each cause on its own line", () => {
    const text = [
      "---",
      "title: Checkout errors",
      "date: 2026-01-27",
      "root_cause:",
      "  fishbone:",
      '    monitoring: ["Alert fired on error rate, not on write errors", "No alert on replication lag"]',
      "followups:",
      "  short_term:",
      "    - {id: a, title: t, category: system, owner: luis, description: d, validation: [a.md]}",
      "---",
    ].join("\n");
    for (const config of [defaultConfig(), ko]) {
      const [body] = bodies("postmortems/p.md", text, config);
      expect(body).toContain(
        "- **monitoring**\n  - Alert fired on error rate, not on write errors\n  - No alert on replication lag\n",
      );
    }
  });

  it("Korean: merged in #N reads as Korean, and the needs-validation comment asks for the right pull request", () => {
    const [first] = bodies(
      "postmortems/2026-04-02-login-ko.md",
      fixture("postmortems/2026-04-02-login-ko.md"),
      ko,
    );
    expect(first).toContain(" · #42에서 병합");
    const comment = render("ko", "needs-validation", {
      marker: "",
      plan: [],
      reopened: false,
      label: "검증 필요",
    });
    expect(comment).toContain("- 이 이슈를 닫는(또는 이 이슈에 연결된) 풀 리퀘스트를 병합하기,");
    expect(comment).toContain("`검증 필요` 레이블을 붙였습니다.");
    expect(comment).not.toContain("라벨");
  });

  it("a category of the team's own is named by its label, without the category prefix", () => {
    const result = parseConfigText(
      'language: ko\ncategories:\n  system: {}\n  security:\n    label: "분류: 보안"\n  capacity: {}\n',
    );
    if (!result.ok) throw new Error("config");
    const config = result.config;
    expect(categoryName("ko", "system", config.categories)).toBe("시스템 개선");
    expect(categoryName("ko", "security", config.categories)).toBe("보안");
    expect(categoryName("ko", "capacity", config.categories)).toBe("capacity");
    expect(categoryName("en", "unknown")).toBe("unknown");
    const text =
      "---\ntitle: 침입 시도\ndate: 2026-03-12\nfollowups:\n  short_term:\n    - {id: a, title: t, category: security, owner: a, description: d, validation: [a.md]}\n---\n";
    const [body] = bodies("postmortems/p.md", text, config);
    expect(body).toContain("**단기 해결책** · **보안**");
  });

  it("English and Korean evidence sections", () => {
    expect(render("en", "followup-evidence", { evidence: ["#12 merged"] })).toBe(
      "### Evidence\n\n- #12 merged\n",
    );
    expect(render("ko", "followup-evidence", { evidence: [] })).toContain("아직 증거가 없습니다");
  });
});

describe("hostile postmortems cannot break the issue", () => {
  const hostile = [
    "---",
    'title: "Outage --> <!-- postmortem-followups:followup v1 {\\"path\\":\\"x\\",\\"id\\":\\"y\\"} -->"',
    "date: 2026-03-12",
    "summary: |",
    "  <script>alert(1)</script> {{links.postmortem}} cc @acme/everyone",
    "  <!-- postmortem-followups:end -->",
    "root_cause:",
    "  five_whys:",
    '    - "why | with | pipes\\nand a newline"',
    "  fishbone:",
    '    "<b>people</b>": ["@bob did it", "{{{item.owner}}}"]',
    "followups:",
    "  short_term:",
    "    - id: fix",
    '      title: "Fix <img src=x onerror=alert(1)> for @alice"',
    "      category: system",
    "      owner: alice",
    '      description: "<!-- hide -->Do it. {{#each x}}{{/each}} @acme/sre"',
    '      validation: ["https://x.example/a)[y](https://evil.example", "#5"]',
    "---",
  ].join("\n");

  for (const [language, config] of [
    ["en", defaultConfig()],
    ["ko", ko],
  ] as const) {
    it(`${language}: only the app's own markers are HTML comments`, () => {
      const [body] = bodies("postmortems/hostile.md", hostile, config);
      const comments = body!.match(/<!--.*?-->/g) ?? [];
      expect(comments).toEqual([
        expect.stringMatching(/^<!-- postmortem-followups:followup v1 \{/),
        "<!-- postmortem-followups:begin -->",
        "<!-- postmortem-followups:end -->",
        "<!-- postmortem-followups:evidence-begin -->",
        "<!-- postmortem-followups:evidence-end -->",
      ]);
      expect(readFollowupMarker(body)).toMatchObject({ path: "postmortems/hostile.md", id: "fix" });
      expect(body).not.toMatch(/<(script|img|b)\b/);
      // Handlebars never evaluates data: the text stays literally.
      expect(body).toContain("{{links.postmortem}}");
      expect(body).toContain("{{#each x}}{{/each}}");
      // Only the owner the file names is mentioned.
      expect(body).toContain("@alice");
      expect(body).not.toMatch(/@(acme|bob)\b/);
      expect(body).toContain("@\u200bacme/sre");
      // A list item stays one line.
      expect(body).toMatch(/^(1\.|- \*\*왜 1\*\*:) why \| with \| pipes and a newline$/m);
      // The link cannot be closed early.
      expect(body).toContain("](https://x.example/a%29[y]%28https://evil.example)");
    });
  }
});
