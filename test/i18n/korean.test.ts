import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkMessages } from "../../src/domain/check/messages.js";
import { CATALOG_CODES, detail, renderDetail, yamlDetailKo } from "../../src/domain/diagnostics/messages.js";
import { CHART_TEXT, STATUS_NAMES, UNKNOWN_GROUP } from "../../src/domain/progress/i18n.js";
import { entryMessages, entryNotes, evidenceMessages } from "../../src/domain/validation/messages.js";
import type { ReconcileResult } from "../../src/runs/merge/report.js";
import { changeLines } from "../../src/runs/merge/summary.js";
import { CATEGORY_NAMES, TERM_NAMES } from "../../src/text/i18n.js";
import { josa, particle } from "../../src/text/josa.js";
import { render } from "../../src/text/templates.js";
import { CASES, VARIANTS } from "../domain/diagnostics/message-cases.js";

/**
 * Issues 13 and 15: every Korean text the app writes, rendered from sample parameters and fixtures,
 * has no hedged particle (`은(는)`, `(으)로`...), no code without a Korean translation, and no
 * English sentence outside code spans, quoted values and links.
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

const SAMPLE_ARGS: unknown[][] = [
  ['"paths"', "#12", "2026-03-20", "`alice`", "https://github.com/acme/pay/pull/12", "2"],
  [3, 2, 1, 0, 5, 6],
];

/** Every string and function result of a catalog object, keyed by its path; `en` gives the shape. */
function leaves(en: unknown, ko: unknown, path: string, out: Map<string, string>, missing: string[]): void {
  if (typeof en === "string") {
    if (typeof ko !== "string") missing.push(path);
    else out.set(path, ko);
  } else if (typeof en === "function") {
    if (typeof ko !== "function") return void missing.push(path);
    for (const args of SAMPLE_ARGS) {
      try {
        const text = ko(...args.slice(0, Math.max(ko.length, 1)));
        if (typeof text === "string") return void out.set(path, text);
      } catch {
        // a parameter of another type: try the next sample
      }
    }
    missing.push(`${path} (could not be rendered with sample parameters)`);
  } else if (en && typeof en === "object") {
    for (const [key, value] of Object.entries(en)) {
      if (!ko || typeof ko !== "object" || !(key in ko)) missing.push(`${path}.${key}`);
      else leaves(value, (ko as Record<string, unknown>)[key], `${path}.${key}`, out, missing);
    }
  }
}

const CATALOGS: Record<string, { en: unknown; ko: unknown }> = {
  evidenceMessages,
  entryMessages,
  entryNotes,
  checkMessages,
  STATUS_NAMES,
  CHART_TEXT,
  UNKNOWN_GROUP,
  TERM_NAMES,
  CATEGORY_NAMES,
};

const TEMPLATES = new URL("../../templates/ko/", import.meta.url);
const EXAMPLES = new URL("../../docs/examples/", import.meta.url);

describe("Korean output", () => {
  it("every code of the problem catalog has a Korean rendering, with no hedge and no English sentence", () => {
    const found: Record<string, string[]> = {};
    for (const code of CATALOG_CODES) {
      const ko = renderDetail("ko", { code, params: CASES[code].params } as never);
      const en = renderDetail("en", { code, params: CASES[code].params } as never);
      // A `detail` parameter is another library's own message (yaml, zod, the file system), shown as it is.
      const own = (CASES[code].params as { detail?: unknown }).detail;
      const problems = problemsIn(typeof own === "string" ? ko.replace(own, "") : ko);
      if (!/[가-힣]/.test(ko) || ko === en) problems.push("not translated");
      if (problems.length) found[code] = problems;
    }
    for (const [problem, , ko] of VARIANTS) {
      // the yaml library's messages the catalog does not know stay as they are (test/diagnostics)
      if (ko.includes("Unexpected scalar")) continue;
      const problems = problemsIn(renderDetail("ko", problem));
      if (problems.length) found[`${problem.code} (variant)`] = problems;
    }
    expect(found).toEqual({});
    expect(CATALOG_CODES.length).toBeGreaterThan(70);
  });

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

  it("every other catalog (evidence, check, progress, categories) has every Korean key, with no hedge", () => {
    const texts = new Map<string, string>();
    const missing: string[] = [];
    for (const [name, catalog] of Object.entries(CATALOGS))
      leaves(catalog.en, catalog.ko, name, texts, missing);
    expect(missing).toEqual([]);
    const found = [...texts].flatMap(([path, text]) =>
      problemsIn(text).map((p) => `${path}: ${p} in ${text}`),
    );
    expect(found).toEqual([]);
    expect(texts.size).toBeGreaterThan(50);
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
    // docs/examples/*.ko.md are the simulator's output for the Korean fixture postmortem (kept fresh
    // by test/readme); the issue body snapshot is test/render's.
    const files = [
      ...readdirSync(EXAMPLES)
        .filter((f) => f.endsWith(".ko.md"))
        .map((f) => new URL(f, EXAMPLES)),
      new URL("../text/__snapshots__/followup-issue.ko.md", import.meta.url),
    ];
    expect(files.length).toBe(5);
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
