import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { describeResult } from "../../src/cli/sweep/run.js";
import { defaultConfig } from "../../src/domain/config/load.js";
import { emptyResult } from "../../src/runs/sweep/repository.js";
import { CATALOG } from "../../src/text/catalog/index.js";
import type { Language } from "../../src/text/language.js";

/**
 * Issue 15's i18n suite, with test/i18n/korean.test.ts (templates and the generated Korean
 * examples) and test/text/catalog/catalog.test.ts (every catalog message with sample parameters):
 * what `lint`, `plan`, `convert` and `sweep` print, run on the fixtures under `language: en` and
 * `language: ko`. In Korean, every line a user reads follows the language: no hedged particle
 * (`은(는)`, `을(를)`, `이(가)`, `(으)로`, `와(과)`) and no English sentence outside code,
 * identifiers, paths, URLs and logins. `plan` and `lint` say "no postmortems found" the same way
 * and exit the same. No catalog key or template is missing in either language.
 */

const FIXTURES = new URL("../fixtures/", import.meta.url);
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A folder with the config in `language` and the fixture postmortems of that language. */
function workspace(language: Language, postmortems: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), `pmf-i18n-${language}-`));
  made.push(dir);
  mkdirSync(join(dir, ".github"));
  mkdirSync(join(dir, "postmortems"));
  writeFileSync(join(dir, ".github/postmortem-followups.yml"), `language: ${language}\n`);
  for (const [name, fixture] of Object.entries(postmortems))
    copyFileSync(new URL(fixture, FIXTURES), join(dir, "postmortems", name));
  return dir;
}

const KO_FILES = {
  "2026-04-02-login-ko.md": "postmortems/2026-04-02-login-ko.md",
  "2026-05-01-table-ko.md": "markdown/ko-table.md",
};
const EN_FILES = { "2026-03-12-payments.md": "postmortems/2026-03-12-payments.md" };

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(cwd: string, args: string[]): Promise<Run> {
  const out: Run = { code: 0, stdout: "", stderr: "" };
  out.code = await main(args, {
    cwd,
    env: {},
    stdout: (t) => {
      out.stdout += t;
    },
    stderr: (t) => {
      out.stderr += t;
    },
    today: () => "2026-04-10",
  });
  return out;
}

/** `은(는)`, `을(를)`, `이(가)`, `와(과)`, `(으)로`, `(이)라는`, and the reversed `는(은)` forms. */
const HEDGE = /[은는을를이가와과]\([은는을를이가와과]\)|\((으|이)\)[가-힣]/u;

/**
 * Three English words in a row in a Korean line, once what may stay as it is is taken out: code
 * spans and HTML comments, quoted values, links and URLs, paths, @logins, --options, identifiers
 * (snake_case, kebab-case, dotted), and the machine prefix of a problem line
 * (`file:line:col warning path:`).
 */
function englishSentence(text: string): string | null {
  const prose = text
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/`[^`\n]*`/g, " ")
    .replace(/"[^"\n]*"/g, " ")
    .replace(/\]\([^)\s]*\)/g, "]")
    .replace(/https?:\/\/\S+/g, " ")
    .replace(/^\S+:\d+:\d+ (error|warning|notice)( [\w.[\]]+:)?/gm, " ")
    .replace(/[\w.*{}[\]-]*\/[\w./*{}[\]:-]*/g, " ")
    .replace(/@[\w-]+/g, " ")
    .replace(/(?<![\w-])--[a-z][\w-]*/g, " ")
    .replace(/\b[\w]+([_.-][\w]+)+\b/g, " ");
  return /\b[A-Za-z]{2,} [A-Za-z]{2,} [A-Za-z]{2,}\b/.exec(prose)?.[0] ?? null;
}

function koreanProblems(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split("\n")) {
    const hedge = HEDGE.exec(line);
    if (hedge) out.push(`hedge ${hedge[0]}: ${line}`);
    const english = englishSentence(line);
    if (english) out.push(`English "${english}": ${line}`);
  }
  return out;
}

describe("the CLI's frames follow the config's language", () => {
  it("plan in Korean: header, fields, notes and the items without an issue", async () => {
    const ko = await run(workspace("ko", KO_FILES), ["plan", "--repo", "acme/pay", "--pr", "42"]);
    expect(ko.code).toBe(0);
    expect(ko.stdout).toContain(
      "postmortems/2026-04-02-login-ko.md: acme/pay에 만들 이슈 2개 (2026-04-10 병합, #42)\n",
    );
    expect(ko.stdout).toContain("   식별자:    renew-cert (short_term, system)\n");
    expect(ko.stdout).toContain("   담당자:    없음: acme/sre는 팀이라 본문에서 멘션합니다\n");
    expect(ko.stdout).toContain(
      '   판단 근거: 기간: 기한 "2026-03-20"; 분류: 키워드 "테스트"; 담당자: 표의 열 "@kim-dev"\n',
    );
    expect(ko.stdout).toContain(
      "이슈를 만들지 않는 항목:\n   postmortems/2026-05-01-table-ko.md:21 DB 커넥션 풀 모니터링 알림 추가: 포스트모템에 완료로 표시됨\n",
    );
    expect(ko.stdout).not.toMatch(/to create in|^ {3}(id|labels|assignees|due|from):/m);
    expect(koreanProblems(ko.stdout + ko.stderr)).toEqual([]);
  });

  it("plan in English keeps its frame", async () => {
    const en = await run(workspace("en", EN_FILES), ["plan", "--repo", "acme/pay", "--pr", "42"]);
    expect(en.stdout).toMatch(
      /^postmortems\/2026-03-12-payments\.md: \d issues to create in acme\/pay \(merged on 2026-04-10 in #42\)\n/,
    );
    expect(en.stdout).toMatch(/^ {3}id: {8}\S+ \(short_term, \w+\)$/m);
    expect(en.stdout).toMatch(/^ {3}assignees: /m);
  });

  it("lint and convert in Korean", async () => {
    const dir = workspace("ko", KO_FILES);
    const lint = await run(dir, ["lint"]);
    expect(lint.stderr).toBe("포스트모템 2개: 오류 0개, 경고 5개\n");
    expect(koreanProblems(lint.stdout + lint.stderr)).toEqual([]);
    const convert = await run(dir, ["convert", "postmortems/2026-05-01-table-ko.md"]);
    expect(convert.stderr).toMatch(
      /^postmortems\/2026-05-01-table-ko\.md: ID \d개를 고정했습니다 \(파일에 쓰지 않음: --write를 주세요\)\n$/,
    );
    expect(koreanProblems(convert.stderr)).toEqual([]);
  });

  it("a file with errors, a placeholder repository, an invalid config: Korean notes", async () => {
    const dir = workspace("ko");
    writeFileSync(
      join(dir, "postmortems/2026-01-01-broken.md"),
      "---\ntitle: 장애\ndate: 2026-01-01\nfollowups:\n  short_term:\n    - id: Bad Id\n---\n",
    );
    const broken = await run(dir, ["plan"]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain("note: --repo도 Git 원격 저장소도 없어 링크에 OWNER/REPO를 씁니다\n");
    expect(broken.stderr).toContain(
      "postmortems/2026-01-01-broken.md: 오류가 있어 이슈를 계획하지 않았습니다\n",
    );
    expect(koreanProblems(broken.stderr)).toEqual([]);
    writeFileSync(join(dir, ".github/postmortem-followups.yml"), "language: ko\nweekly: 3\n");
    const invalid = await run(dir, ["plan"]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain(
      ".github/postmortem-followups.yml 설정이 올바르지 않아 아무것도 계획하지 않았습니다\n",
    );
  });

  it.each(["en", "ko"] as const)(
    "plan and lint agree about no postmortems (%s): same line, exit 0",
    async (language) => {
      const dir = workspace(language);
      const lint = await run(dir, ["lint"]);
      const plan = await run(dir, ["plan", "--repo", "acme/pay"]);
      const line =
        language === "en"
          ? "no postmortems found (looked in postmortems/**, docs/postmortems/**)\n"
          : "포스트모템을 찾지 못했습니다 (찾아본 곳: postmortems/**, docs/postmortems/**)\n";
      expect(lint).toEqual({ code: 0, stdout: "", stderr: line });
      expect(plan).toEqual({ code: 0, stdout: "", stderr: line });
    },
  );
});

describe("plan warns of a follow-up born overdue (due before the merge)", () => {
  it("in Korean and English, at the item, in the text and in --format json", async () => {
    const ko = await run(workspace("ko", KO_FILES), [
      "plan",
      "--repo",
      "acme/pay",
      "--merged-on",
      "2026-04-10",
    ]);
    expect(ko.stderr).toContain(
      "postmortems/2026-04-02-login-ko.md:17:1 warning 기한 2026-04-09가 병합일 2026-04-10보다 앞서, 이슈가 만들어지는 순간부터 기한이 지난 상태가 됩니다\n",
    );
    const en = await run(workspace("en", EN_FILES), [
      "plan",
      "--repo",
      "acme/pay",
      "--merged-on",
      "2030-01-01",
      "--format",
      "json",
    ]);
    const overdue = (
      JSON.parse(en.stdout).problems as { code: string; message: string; line: number }[]
    ).filter((p) => p.code === "due-before-merge");
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue[0]!.message).toMatch(
      /^due date \d{4}-\d{2}-\d{2} is before the merge \(2030-01-01\): the follow-up will be overdue as soon as its issue is created$/,
    );
    const onTime = await run(workspace("en", EN_FILES), [
      "plan",
      "--repo",
      "acme/pay",
      "--merged-on",
      "2026-03-12",
      "--format",
      "json",
    ]);
    expect(
      JSON.parse(onTime.stdout).problems.filter((p: { code: string }) => p.code === "due-before-merge"),
    ).toEqual([]);
  });
});

describe("sweep's lines follow each repository's language", () => {
  it("a Korean repository's report and recreated issues are said in Korean; an English one in English", () => {
    const result = (language: Language, status: "ok" | "config-error" = "ok") => ({
      ...emptyResult("acme/pay", status),
      recreated: 2,
      reports: [
        {
          path: "postmortems/a.md",
          pr: 7,
          week: "2026-W48",
          action: "created" as const,
          final: false,
          body: "본문",
        },
      ],
      config: { ...defaultConfig(), language },
    });
    const ko = describeResult(result("ko"), false);
    expect(ko.out).toEqual([
      "acme/pay: 빠진 후속 조치 이슈 2개를 만들었습니다",
      "acme/pay: #7(postmortems/a.md)에 2026-W48 주간 보고를 올렸습니다",
    ]);
    expect(describeResult(result("ko"), true).out).toContain(
      "acme/pay: #7(postmortems/a.md)에 2026-W48 주간 보고를 올릴 예정입니다:",
    );
    expect(describeResult(result("ko", "config-error"), false).err[0]).toBe(
      "acme/pay: 설정이 올바르지 않아 저장소를 건너뜁니다:",
    );
    for (const line of [...ko.out, ...ko.err]) expect(koreanProblems(line)).toEqual([]);
    const nudged = {
      ...result("ko"),
      recreated: 0,
      reports: [],
      nudges: {
        sent: { reminders: 1, overdue: 0, escalations: 1 },
        nudges: [
          { number: 12, step: "reminder" as const, due: "2026-12-10", mentions: ["alice"], sent: true },
          { number: 13, step: "escalation-1" as const, due: "2026-11-20", mentions: [], sent: false },
        ],
        labelsChanged: 0,
        deferred: 0,
        errors: [],
        issues: null,
      },
    };
    expect(describeResult(nudged, false).out).toEqual([
      "acme/pay: #12에서 @alice에게 미리 알림을 보냈습니다 (기한 2026-12-10)",
      "acme/pay: #13에서 1단계 에스컬레이션을 보내지 못했습니다 (기한 2026-11-20)",
    ]);
    expect(describeResult(result("en"), false).out).toEqual([
      "acme/pay: created 2 missing follow-up issues",
      "acme/pay: posted the 2026-W48 report on #7 (postmortems/a.md)",
    ]);
  });
});

describe("nothing is missing in either language", () => {
  it("every catalog key and every template exists in en and in ko, and renders non-empty", () => {
    for (const [topic, messages] of Object.entries(CATALOG)) {
      const keys = (language: Language) => Object.keys(messages[language]).sort();
      expect(keys("ko"), topic).toEqual(keys("en"));
      for (const [key, message] of Object.entries(messages.ko))
        if (typeof message === "string") expect(message.trim(), `${topic}.${key}`).not.toBe("");
    }
    const templates = (language: Language) =>
      readdirSync(new URL(`../../templates/${language}/`, import.meta.url)).sort();
    expect(templates("ko")).toEqual(templates("en"));
    expect(templates("en").length).toBeGreaterThan(8);
  });
});
