import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../../src/domain/config/load.js";
import { formatProblem } from "../../../src/domain/diagnostics/problem.js";
import { parsePostmortem } from "../../../src/domain/postmortem/parse.js";

/** Mistakes a newcomer makes in a first postmortem (issue 15): one problem each, that says what to write. */
function problems(followup: string[], top: string[] = [], language: "en" | "ko" = "en"): string[] {
  const file = [
    "---",
    "title: API outage",
    "date: 2026-03-01",
    "severity: SEV2",
    "root_cause:",
    "  summary: A bad deploy.",
    ...top,
    "followups:",
    "  short_term:",
    "    - id: fix",
    "      title: Fix it",
    "      category: system",
    ...followup.map((line) => `      ${line}`),
    "---",
    "",
  ].join("\n");
  const config = { ...defaultConfig(), language };
  return parsePostmortem("postmortems/a.md", file, config).problems.map(formatProblem);
}

describe("a newcomer's mistakes, one problem each", () => {
  it("`descripton:` is one problem (the typo), not also 'no description'", () => {
    expect(problems(["owner: alice", "descripton: Fix the thing.", "validation: [test/a.test.ts]"])).toEqual([
      'postmortems/a.md:13:7 error followups.short_term[0].descripton: unknown key "descripton"; did you mean "description"?',
    ]);
  });

  it("`action_items:` or `actions:` next to `followups:` is never dropped silently", () => {
    expect(
      problems(
        ["owner: alice", "description: d", "validation: [test/a.test.ts]"],
        ["action_items:", "  - fix it"],
      ),
    ).toEqual([
      'postmortems/a.md:7:1 warning action_items: unknown key "action_items"; did you mean "followups"?',
    ]);
    expect(
      problems(["owner: alice", "description: d", "validation: [test/a.test.ts]"], ["actions: []"]),
    ).toEqual(['postmortems/a.md:7:1 warning actions: unknown key "actions"; did you mean "followups"?']);
  });

  it("a validation text that is not evidence says what evidence is, in both languages", () => {
    expect(problems(["owner: alice", "description: d", "validation: 장애 주입 훈련으로 확인"])).toEqual([
      'postmortems/a.md:14:19 error followups.short_term[0].validation: "장애 주입 훈련으로 확인" is not evidence: validation lists what proves the fix works — a test or file in this repository, a pull request or issue ("#123"), or an https link (dashboard, runbook, CI job). Describe the check itself in description, and link its record here',
    ]);
    expect(
      problems(["owner: alice", "description: d", "validation: 장애 주입 훈련으로 확인"], [], "ko"),
    ).toEqual([
      'postmortems/a.md:14:19 error followups.short_term[0].validation: "장애 주입 훈련으로 확인"은 증거가 아닙니다: validation에는 해결책이 효과가 있음을 보여 주는 것을 적습니다. 이 저장소의 테스트나 파일, 풀 리퀘스트나 이슈("#123"), https 링크(대시보드, 런북, CI 작업) 중 하나입니다. 확인 방법 자체는 description에 쓰고, 그 기록의 링크를 여기에 적으세요',
    ]);
    // A text that is evidence still gets the list form to write.
    expect(problems(["owner: alice", "description: d", "validation: test/a.test.ts"])).toEqual([
      'postmortems/a.md:14:19 error followups.short_term[0].validation: expected a list, got the text "test/a.test.ts": write validation: ["test/a.test.ts"], or each entry on its own "- " line below',
    ]);
  });
});
