import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ReconcileResult } from "../../src/runs/merge/report.js";
import { changeLines } from "../../src/runs/merge/summary.js";
import { detail, renderDetail } from "../../src/text/catalog/index.js";
import { yamlDetailKo } from "../../src/text/catalog/yaml-ko.js";
import { josa, particle } from "../../src/text/josa.js";
import { render } from "../../src/text/templates.js";

/**
 * Issues 13 and 15: the Korean the app writes beyond the catalog's messages (which
 * test/text/catalog/catalog.test.ts renders one by one): the templates, and the issue, check run,
 * merge summary and weekly comment rendered from the fixtures, have no hedged particle (`은(는)`,
 * `(으)로`...) and no English sentence outside code spans, quoted values and links.
 */

/** `은(는)`, `을(를)`, `이(가)`, `와(과)`, `(으)로`, `(이)라는`, and the reversed `는(은)` forms. */
const HEDGE = /[은는을를이가와과]\([은는을를이가와과]\)|\((으|이)\)[가-힣]/u;

/** Three lowercase English words in a row, once code spans, quoted values, links and URLs are removed. */
function englishSentence(text: string): string | null {
  const prose = text
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/`[^`\n]*`/g, " ")
    .replace(/"[^"\n]*"/g, " ")
    .replace(/\]\([^)\s]*\)/g, "]")
    .replace(/https?:\/\/\S+/g, " ");
  return /\b[a-z]{2,} [a-z]{2,} [a-z]{2,}\b/.exec(prose)?.[0] ?? null;
}

function problemsIn(text: string): string[] {
  const out: string[] = [];
  const hedge = HEDGE.exec(text);
  if (hedge) out.push(`hedge ${hedge[0]}`);
  const english = englishSentence(text);
  if (english) out.push(`English "${english}"`);
  return out;
}

const TEMPLATES = new URL("../../templates/ko/", import.meta.url);
const EXAMPLES = new URL("../../docs/examples/", import.meta.url);

describe("Korean output", () => {
  it("the yaml messages the catalog translates choose their particles", () => {
    expect(yamlDetailKo("Plain value cannot start with reserved character @")).toBe(
      "따옴표 없는 값은 예약 문자 @로 시작할 수 없습니다",
    );
    expect(yamlDetailKo("Plain value cannot start with block scalar indicator |")).toBe(
      "따옴표 없는 값은 블록 스칼라 표시 |로 시작할 수 없습니다",
    );
    expect(yamlDetailKo("Flow map must end with a }")).toBe('"{"로 연 부분을 "}"로 닫아야 합니다');
    expect(renderDetail("ko", detail("unknown-key", { key: "path", suggestion: "paths" }))).toBe(
      '"path"는 알 수 없는 키입니다; "paths"를 말씀하신 건가요?',
    );
  });

  it("the change lines of the merge summary choose their particles", () => {
    const result = {
      followups: [],
      labelsCreated: [],
      updated: [],
      closed: [{ number: 12, reason: "duplicate", duplicateOf: 7, ok: true }],
      milestones: [{ title: "2026 Q2", change: "updated", dueOn: "2026-06-30" }],
    } as unknown as ReconcileResult;
    const lines = changeLines(result, "ko");
    expect(lines).toContain("#12를 #7의 중복으로 닫음");
    expect(lines).toContain("마일스톤 2026 Q2의 기한을 2026-06-30으로 변경");
    for (const line of lines) expect(problemsIn(line)).toEqual([]);
  });

  it("every Korean template: no hedge and no English sentence in its text", () => {
    const names = readdirSync(TEMPLATES).filter((f) => f.endsWith(".hbs"));
    expect(names.length).toBeGreaterThan(8);
    const found: Record<string, string[]> = {};
    for (const name of names) {
      const text = readFileSync(new URL(name, TEMPLATES), "utf8").replace(/\{\{[^}]*\}\}/g, " ");
      const problems = problemsIn(text);
      if (problems.length) found[name] = problems;
    }
    expect(found).toEqual({});
  });

  it("the Korean issue, check run, merge summary and weekly comment rendered from the fixtures", () => {
    // docs/examples/*.ko.md are the simulator's output for the Korean fixture postmortem and plan's on
    // the Korean Markdown example (kept fresh by test/readme); the issue body snapshot is test/render's.
    const files = [
      ...readdirSync(EXAMPLES)
        .filter((f) => f.endsWith(".ko.md"))
        .map((f) => new URL(f, EXAMPLES)),
      new URL("../text/__snapshots__/followup-issue.ko.md", import.meta.url),
    ];
    expect(files.length).toBe(6);
    const found: Record<string, string[]> = {};
    for (const file of files) {
      const problems = problemsIn(readFileSync(file, "utf8"));
      if (problems.length) found[file.pathname.split("/").at(-1)!] = problems;
    }
    expect(found).toEqual({});
    const weekly = readFileSync(new URL("weekly-comment.ko.md", EXAMPLES), "utf8");
    expect(weekly).toMatch(/완료된 후속 조치 중 \*\*\d+%\*\*는 효과가 확인되었습니다/);
    expect(readFileSync(new URL("check-run.ko.md", EXAMPLES), "utf8")).toMatch(/결론: (성공|실패) ·/);
  });

  it("templates choose the particle after a value with the particle helper", () => {
    const removed = (path: string) =>
      render("ko", "followup-removed", { removedFile: true, path, marker: "" }).split("\n")[0];
    expect(removed("postmortems/a.md")).toBe(
      "계획 없음으로 닫습니다: 포스트모템 `postmortems/a.md`가 삭제되었습니다.",
    );
    expect(removed("postmortems/2026-01.yml")).toBe(
      "계획 없음으로 닫습니다: 포스트모템 `postmortems/2026-01.yml`이 삭제되었습니다.",
    );
  });
});

describe("josa: the particle follows the word's Korean reading", () => {
  it.each([
    ['"path"', "은/는", '"path"는'],
    ['"paths"', "을/를", '"paths"를'],
    ["000000", "을/를", "000000을"],
    ["숫자", "으로/로", "숫자로"],
    ["P1", "은/는", "P1은"],
    ["P1", "으로/로", "P1로"],
    ["#12", "이/가", "#12가"],
    ["#40", "이/가", "#40이"],
    ["[#7](https://github.com/acme/pay/issues/7)", "이/가", "[#7](https://github.com/acme/pay/issues/7)이"],
    ["2026-03-10", "으로/로", "2026-03-10으로"],
    ["team", "은/는", "team은"],
    ["title", "으로/로", "title로"],
    ["URL", "이/가", "URL이"],
    ["API", "이/가", "API가"],
    ["50%", "은/는", "50%는"],
    ["길", "으로/로", "길로"],
    ["slack", "와/과", "slack과"],
    ["test", "와/과", "test와"],
  ] as const)("%s + %s = %s", (word, option, expected) => {
    expect(josa(word, option)).toBe(expected);
  });

  it("이라는/라는 follows 이/가", () => {
    expect(particle("P1", "이라는/라는")).toBe("이라는");
    expect(particle("high", "이라는/라는")).toBe("라는");
  });
});
