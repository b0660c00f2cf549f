import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { CommandModule } from "../../src/cli/context.js";
import { main } from "../../src/cli/main.js";
import { reportCommandWith } from "../../src/cli/report/command.js";
import { sweepCommandWith } from "../../src/cli/sweep/command.js";
import { describeResult } from "../../src/cli/sweep/run.js";
import { defaultConfig } from "../../src/domain/config/load.js";
import type { RecordedWrite } from "../../src/github/dry-run.js";
import { emptyResult } from "../../src/runs/sweep/repository.js";
import { CATALOG } from "../../src/text/catalog/index.js";
import type { Language } from "../../src/text/language.js";
import { addFollowup } from "../domain/progress/followup-issues.js";
import { type CliRun, runCommand, simulatedApp, simulatedToken } from "../helpers/cli.js";
import { testPrivateKey } from "../helpers/probot.js";
import { seedPay, useSimulator } from "../helpers/simulated-github.js";
import { about, addInstallation, repoWithPostmortem } from "../runs/sweep/fleet.js";
import type { SimRepo } from "../simulator/index.js";

/**
 * Issue 15's i18n suite, with test/i18n/korean.test.ts (templates and the generated Korean
 * examples) and test/text/catalog/catalog.test.ts (every catalog message with sample parameters):
 * what `lint`, `plan`, `convert` (both forms), `report` (Markdown), `sweep` (a dry run with writes)
 * and the usage errors print, run on the fixtures under `language: en` and `language: ko` (`report`
 * and `sweep` on the simulator, their repositories' configs saying the language). In Korean, every line a user reads follows the language: no hedged particle
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

async function run(cwd: string, args: string[]): Promise<CliRun> {
  const out: CliRun = { code: 0, stdout: "", stderr: "" };
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

describe("convert follows the config's language", () => {
  it("--to front-matter in Korean: notes, why and count; in English as before", async () => {
    const ko = await run(workspace("ko", KO_FILES), [
      "convert",
      "postmortems/2026-05-01-table-ko.md",
      "--to",
      "front-matter",
    ]);
    expect(ko.code).toBe(0);
    const file = "postmortems/2026-05-01-table-ko.md";
    expect(ko.stderr.split("\n")).toEqual([
      `${file}:20: note: "item-0p0g99s"는 검증 근거가 없습니다. 프런트 매터 형식은 validation이 필수이니(validation.required) 병합 전에 추가하세요`,
      `${file}:21: note: "db-1sl2pol"은 완료된 항목이라 followups에서 뺐습니다 (완료된 항목은 어느 형식이든 이슈를 만들지 않습니다)`,
      `${file}:22: note: "item-1onndj3": 담당자 "플랫폼팀"은 GitHub 로그인이 아니라 Markdown 본문에만 남깁니다 (설정의 \`owners\`로 연결하세요)`,
      `${file}:22: note: "item-1onndj3"은 검증 근거가 없습니다. 프런트 매터 형식은 validation이 필수이니(validation.required) 병합 전에 추가하세요`,
      `${file}:23: note: "item-155itb4"는 검증 근거가 없습니다. 프런트 매터 형식은 validation이 필수이니(validation.required) 병합 전에 추가하세요`,
      `${file}: 후속 조치 3개를 프런트 매터로 옮겼습니다 (파일에 쓰지 않음: --write를 주세요)`,
      "",
    ]);
    expect(koreanProblems(ko.stderr)).toEqual([]);

    const en = workspace("en");
    copyFileSync(new URL("markdown/ko-table.md", FIXTURES), join(en, file));
    const english = await run(en, ["convert", file, "--to", "front-matter"]);
    expect(english.stderr).toContain(
      `${file}:21: note: "db-1sl2pol" is done: left out of followups (a done item gets no issue in either form)\n`,
    );
    expect(english.stderr).toContain(`${file}: 3 follow-ups in front matter (not written: add --write)\n`);
  });

  it("why nothing was converted, in Korean", async () => {
    const dir = workspace("ko", KO_FILES);
    const already = await run(dir, ["convert", "postmortems/2026-04-02-login-ko.md", "--to", "front-matter"]);
    expect(already).toMatchObject({ code: 0, stdout: "" });
    expect(already.stderr).toBe(
      "postmortems/2026-04-02-login-ko.md: 이미 프런트 매터 형식입니다 (프런트 매터에 followups가 있음): 변환할 것이 없습니다\n",
    );
    expect(koreanProblems(already.stderr)).toEqual([]);
  });

  it("--to anchors in English keeps its count line", async () => {
    const dir = workspace("en");
    copyFileSync(new URL("markdown/ko-table.md", FIXTURES), join(dir, "postmortems/t.md"));
    const en = await run(dir, ["convert", "postmortems/t.md"]);
    expect(en.stderr).toBe("postmortems/t.md: 4 ids pinned (not written: add --write)\n");
  });
});

describe("usage errors follow the working folder's config", () => {
  it.each([
    [["plan", "--pr", "abc"], '--pr에는 풀 리퀘스트 번호를 주세요 (받은 값: "abc")'],
    [
      ["plan", "--merged-on", "2026-02-30"],
      '--merged-on에는 YYYY-MM-DD 형식의 날짜를 주세요 (받은 값: "2026-02-30")',
    ],
    [["plan", "--repo", "not a repo"], '--repo에는 owner/name 형식을 주세요 (받은 값: "not a repo")'],
    [["lint", "no/such/file.md"], "no/such/file.md: 파일이나 폴더가 없습니다"],
    [["lint", "no/such/*.md"], '"no/such/*.md"와 맞는 포스트모템 파일이 없습니다'],
    [["lint", "--config", "missing.yml"], "설정 파일 missing.yml이 없습니다"],
    [["convert", "missing.md"], "missing.md: 파일이 없습니다"],
    [
      ["init", "--language", "ko", "--dir", "../x"],
      '--dir "../x": 저장소 안의 폴더를 주세요 (예: `postmortems`)',
    ],
  ])("%j in Korean (exit 2)", async (args, line) => {
    const ko = await run(workspace("ko"), args);
    expect(ko).toEqual({ code: 2, stdout: "", stderr: `error: ${line}\n` });
    expect(koreanProblems(ko.stderr)).toEqual([]);
  });

  it("in English without a config, and --help says help is English", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pmf-i18n-none-"));
    made.push(dir);
    const en = await run(dir, ["plan", "--pr", "abc"]);
    expect(en.stderr).toBe('error: --pr must be a pull request number (got "abc")\n');
    expect((await run(workspace("ko"), ["--help"])).stdout).toContain("Help is in English, and so are");
  });
});

// ------------------------------------------------------------------ report and sweep, on the simulator

const github = useSimulator({ app: { slug: "postmortem-followups" } });
const NOW = new Date("2026-11-25T12:00:00Z");
const CONFIG_FILE = ".github/postmortem-followups.yml";

/** Run one command registered with test dependencies (the simulator, a fixed clock). */
function runWith(register: CommandModule, args: string[], env: Record<string, string>): Promise<CliRun> {
  return runCommand(register, args, { env, cwd: workspace("en") });
}

const app = simulatedApp(github);

describe("report --format md follows the repository's language", () => {
  const report = (language: Language) => {
    github.sim.addInstallation("acme", { id: 1, accountType: "Organization" });
    const repo = seedPay(github.sim, {
      installation: 1,
      files: { [CONFIG_FILE]: `language: ${language}\n` },
    });
    github.sim.addUserToken("alice", "ghp_test");
    const config = { ...defaultConfig(), language };
    addFollowup(github.sim, repo, config, { id: "a", closed: "completed", evidence: true });
    addFollowup(github.sim, repo, config, { id: "b", due: "2026-11-01" });
    addFollowup(github.sim, repo, config, { id: "d", path: "postmortems/other.md", pr: 9 });
    const register = reportCommandWith({
      app,
      token: simulatedToken(github),
      now: () => NOW,
    });
    return runWith(register, ["report", "--repo", "acme/pay"], {
      GITHUB_TOKEN: "ghp_test",
      APP_BOT_LOGIN: "postmortem-followups",
    });
  };

  it("in Korean: title, headings, table headers and row names", async () => {
    const ko = await report("ko");
    expect(ko.code).toBe(0);
    const lines = ko.stdout.split("\n");
    expect(lines[0]).toBe("# 후속 조치 지표: acme/pay (2026-11-25)");
    expect(lines).toEqual(
      expect.arrayContaining(["## 전체", "### 심각도별", "### 기간별", "### 분류별", "## 포스트모템별"]),
    );
    expect(ko.stdout).toContain(
      "| 범위 | 전체 | 진행 중 | 기한 임박 | 기한 초과 | 완료(검증됨) | 완료(검증 안 됨) | 하지 않음 | 완료율 | 검증률 |",
    );
    expect(ko.stdout).toMatch(/^\| 모든 후속 조치 \| 3 \| /m);
    // A follow-up without a term, category or severity: "unknown" is said in Korean (CSV/JSON keep the key).
    expect(ko.stdout).toMatch(/^\| 알 수 없음 \| 3 \| /m);
    expect(ko.stdout).toMatch(/^\| 기간: 알 수 없음 \| 2 \| /m);
    expect(ko.stdout).not.toMatch(/Follow-up metrics|Overall|By term|Per postmortem|all follow-ups|term: /);
    expect(koreanProblems(ko.stdout)).toEqual([]);
  });

  it("in English as before", async () => {
    const en = await report("en");
    expect(en.stdout).toContain("# Follow-up metrics: acme/pay (2026-11-25)\n\n## Overall\n");
    expect(en.stdout).toMatch(/^\| scope \| total \| open \| due soon \| overdue \|/m);
    expect(en.stdout).toMatch(/^\| term: \w+ \| \d \| /m);
  });
});

describe("sweep --dry-run with writes follows each repository's language", () => {
  const repos: SimRepo[] = [];
  const sweep = (...languages: Language[]) => {
    repos.length = 0;
    languages.forEach((language, i) => {
      const installation = addInstallation(github.sim, i + 1, `org${i}`);
      const repo = repoWithPostmortem(github.sim, installation, "pay", { ids: ["gateway"] });
      github.sim.addCommit(repo, { files: { [CONFIG_FILE]: `language: ${language}\n` } });
      repos.push(repo);
    });
    const register = sweepCommandWith({ app, isTTY: () => false, now: () => NOW });
    const env = { APP_ID: "1", PRIVATE_KEY: testPrivateKey(), LOG_LEVEL: "fatal" };
    return runWith(register, ["sweep", "--dry-run"], {
      ...env,
      GHE_HOST: github.sim.host,
      GHE_PROTOCOL: "http",
    });
  };

  it("in Korean: the writes it would make, the report it would post, the closing line", async () => {
    const ko = await sweep("ko");
    expect(ko.code).toBe(0);
    expect(ko.stdout).toContain('org0/pay: 이슈 "Follow-up gateway"를 만들 예정입니다\n');
    expect(ko.stdout.trimEnd().split("\n").at(-1)).toBe(
      "sweep 시험 실행 결과: 저장소 1개, 보고 0개 올릴 예정, 이슈 1개 다시 만들 예정, 오류 0개",
    );
    expect(ko.stdout).not.toMatch(/would |to recreate|repositor/);
    expect(koreanProblems(ko.stdout + ko.stderr)).toEqual([]);
    expect(about(github.sim, repos[0]!).filter((q) => q.access === "write")).toEqual([]);
  });

  it("in English as before; repositories of both languages end in English", async () => {
    const en = await sweep("en");
    expect(en.stdout).toContain('org0/pay: would create issue "Follow-up gateway"\n');
    expect(en.stdout.trimEnd().split("\n").at(-1)).toBe(
      "sweep (dry run): 1 repository, 0 reports to post, 1 issue to recreate, 0 errors",
    );
    github.sim.reset();
    const mixed = await sweep("ko", "en");
    expect(mixed.stdout).toContain('org0/pay: 이슈 "Follow-up gateway"를 만들 예정입니다\n');
    expect(mixed.stdout).toContain('org1/pay: would create issue "Follow-up gateway"\n');
    expect(mixed.stdout.trimEnd().split("\n").at(-1)).toBe(
      "sweep (dry run): 2 repositories, 0 reports to post, 2 issues to recreate, 0 errors",
    );
  });

  it("every kind of recorded write, rendered in Korean with its particle", () => {
    const writes: RecordedWrite[] = [
      { method: "createIssue", operation: "create-issue", target: "결제 재시도", fields: [] },
      { method: "updateIssue", operation: "update-issue", target: "#3", fields: ["title", "state"] },
      { method: "createComment", operation: "create-comment", target: "#7", fields: [] },
      { method: "updateComment", operation: "update-comment", target: "11", fields: [] },
      { method: "createLabel", operation: "create-label", target: "sev1", fields: [] },
      { method: "createMilestone", operation: "create-milestone", target: "2026 Q2", fields: [] },
      { method: "updateMilestone", operation: "update-milestone", target: "2", fields: [] },
      { method: "createLabels", operation: "other", target: "createLabels", fields: [] },
    ];
    const result = {
      ...emptyResult("acme/pay", "ok"),
      writes,
      config: { ...defaultConfig(), language: "ko" as const },
    };
    expect(describeResult(result, true).out).toEqual([
      'acme/pay: 이슈 "결제 재시도"를 만들 예정입니다',
      "acme/pay: 이슈 #3을 수정할 예정입니다 (title, state)",
      "acme/pay: #7에 댓글을 달 예정입니다",
      "acme/pay: 댓글 11을 수정할 예정입니다",
      'acme/pay: 라벨 "sev1"을 만들 예정입니다',
      'acme/pay: 마일스톤 "2026 Q2"를 만들 예정입니다',
      "acme/pay: 마일스톤 2를 수정할 예정입니다",
      "acme/pay: createLabels 요청을 보낼 예정입니다",
    ]);
  });
});
