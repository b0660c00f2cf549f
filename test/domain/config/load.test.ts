import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  CONFIG_FILE,
  defaultConfig,
  managedLabelNames,
  parseConfigObject,
  parseConfigText,
} from "../../../src/domain/config/load.js";
import { formatProblem } from "../../../src/domain/diagnostics/problem.js";
import { MAX_YAML_NODES, yamlWork } from "../../../src/domain/diagnostics/yaml-bounds.js";

const fixture = (rel: string) => readFileSync(new URL(`../../fixtures/${rel}`, import.meta.url), "utf8");

function problems(text: string, file = "c.yml"): string[] {
  return parseConfigText(text, file).problems.map(formatProblem);
}

describe("defaultConfig", () => {
  it("has the documented defaults", () => {
    const config = defaultConfig();
    expect(config.paths).toEqual(["postmortems/**", "docs/postmortems/**"]);
    expect(config.language).toBe("en");
    expect(Object.keys(config.categories)).toEqual([
      "system",
      "process",
      "training",
      "documentation",
      "tooling",
    ]);
    expect(config.categories.system).toEqual({
      key: "system",
      name: "category: system",
      color: "1d76db",
      description: "Hardware upgrades, software patches, configuration changes",
    });
    expect(config.severities).toEqual(["SEV1", "SEV2", "SEV3", "SEV4"]);
    expect(config.dueDays).toEqual({ short_term: 14, long_term: 90 });
    expect(config.labels.tracking.name).toBe("postmortem-followup");
    expect(config.labels.terms.short_term.name).toBe("term: short-term");
    expect(config.labels.severity.SEV1?.name).toBe("severity: SEV1");
    expect(config.labels.needsValidation.name).toBe("needs-validation");
    expect(config.validation).toEqual({
      required: true,
      markdown: "warn",
      onClose: "comment",
      proofRepositories: [],
      httpHosts: [],
      tickets: [],
    });
    expect(config.milestones).toBe(false);
    expect(config.weekly).toEqual({
      enabled: true,
      day: "monday",
      hour: 9,
      timezone: "UTC",
      mention: "overdue",
    });
  });

  it("an empty file or a file of comments is the default config", () => {
    for (const text of ["", "# nothing yet\n"]) {
      const result = parseConfigText(text);
      expect(result.ok && result.config).toEqual(defaultConfig());
    }
  });

  it("reads .github/postmortem-followups.yml by default", () => {
    expect(CONFIG_FILE).toBe(".github/postmortem-followups.yml");
  });
});

describe("parseConfigText", () => {
  it("resolves a Korean config: Korean label names, replaced categories, normalised colours", () => {
    const result = parseConfigText(fixture("config/ko.yml"));
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join("\n"));
    const { config } = result;
    expect(config.language).toBe("ko");
    expect(config.categories).toEqual({
      system: {
        key: "system",
        name: "분류: 시스템 개선",
        color: "1d76db",
        description: "하드웨어 업그레이드, 소프트웨어 패치, 구성 변경",
      },
      security: { key: "security", name: "분류: 보안", color: "b60205", description: "보안 취약점 조치" },
    });
    expect(config.severities).toEqual(["P1", "P2", "P3"]);
    expect(config.labels.severity.P1?.name).toBe("심각도: P1");
    expect(config.dueDays).toEqual({ short_term: 7, long_term: 90 });
    expect(config.labels.tracking).toEqual({
      name: "postmortem-followup",
      color: "000000",
      description: "postmortem-followups가 추적하는 장애 후속 조치",
    });
    expect(config.labels.terms.long_term.name).toBe("장기 해결책");
    expect(config.labels.needsValidation.name).toBe("검증 필요");
    expect(config.weekly).toEqual({
      enabled: true,
      day: "friday",
      hour: 17,
      timezone: "Asia/Seoul",
      mention: "everyone",
    });
  });

  it("reports every problem of an invalid config with its line and column, in order", () => {
    expect(problems(fixture("config/invalid.yml"), ".github/postmortem-followups.yml")).toEqual([
      '.github/postmortem-followups.yml:2:1 error langauge: unknown key "langauge"; did you mean "language"?',
      ".github/postmortem-followups.yml:3:8 error paths: needs at least 1 entry",
      '.github/postmortem-followups.yml:5:15 error due_days.short_term: expected a number, got the text "two weeks"',
      '.github/postmortem-followups.yml:7:8 error weekly.day: "mon" is not allowed (expected one of monday, tuesday, wednesday, thursday, friday, saturday, sunday)',
      ".github/postmortem-followups.yml:8:9 error weekly.hour: must be at most 23",
      '.github/postmortem-followups.yml:9:13 error weekly.timezone: "Mars/Olympus_Mons" is not an IANA time zone (e.g. UTC, Asia/Seoul)',
      '.github/postmortem-followups.yml:11:3 error categories.System: invalid key "System": category keys are lowercase',
      ".github/postmortem-followups.yml:13:12 error categories.security.color: must be a 6-digit hex colour such as 1d76db",
    ]);
  });

  it("reports YAML syntax errors and a config that is not a mapping", () => {
    expect(problems("paths: [postmortems/**\n")).toEqual([
      "c.yml:2:1 error YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]",
    ]);
    expect(problems("- postmortems/**\n")).toEqual(["c.yml:1:1 error expected a mapping, got a list"]);
    expect(problems("language: ko\nlanguage: en\n")).toEqual([
      'c.yml:2:1 error YAML syntax: Map keys must be unique: "language" appears twice',
    ]);
  });

  it("refuses a config of 40,000 keys with one positioned error, read up to the node bound only", () => {
    const text = ["language: ko", ...Array.from({ length: 40_000 }, (_, i) => `x${i.toString(36)}: 1`)].join(
      "\n",
    );
    const before = yamlWork.lexemes;
    expect(problems(text)).toEqual([
      `c.yml:10001:5 error YAML has more than ${MAX_YAML_NODES} nodes (keys, values and list items); the file is refused`,
    ]);
    expect(yamlWork.lexemes - before).toBeLessThanOrEqual(7 * (MAX_YAML_NODES / 2) + 10);
  });

  it("9,000 unknown keys: a problem each, found by an index of the keys built once", () => {
    const text = Array.from({ length: 9_000 }, (_, i) => `x${i.toString(36)}: 1`).join("\n");
    const before = { ...yamlWork };
    const found = parseConfigText(text, "c.yml").problems;
    expect(found).toHaveLength(9_000);
    expect(formatProblem(found[8_999]!)).toBe('c.yml:9000:1 error x6xz: unknown key "x6xz"');
    // Each key checked once for duplicates and indexed once, not searched once a problem.
    expect(yamlWork.keys - before.keys).toBe(9_000);
    expect(yamlWork.indexed - before.indexed).toBe(9_000);
  });

  it("refuses a config whose aliases explode", () => {
    const bomb = [
      "a: &a [x, x, x, x, x, x, x, x, x, x]",
      "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]",
      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]",
      "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]",
      "paths: *d",
    ].join("\n");
    expect(problems(bomb)).toEqual([
      "c.yml:1:1 error YAML aliases expand beyond 1000 nodes; the file is refused",
    ]);
  });

  it("suggests quotes when YAML reads a value as a number", () => {
    expect(problems("labels:\n  tracking:\n    color: 000000\n")).toEqual([
      'c.yml:3:12 error labels.tracking.color: expected a string, got number 0 (YAML reads 000000 as a number: write "000000" in quotes)',
    ]);
  });

  it("a misspelt or capitalised choice suggests the right one; a quoted number says to unquote it", () => {
    expect(
      problems('language: kr\nweekly:\n  day: Monday\n  mention: overdu\ndue_days:\n  short_term: "14"\n'),
    ).toEqual([
      'c.yml:1:11 error language: "kr" is not allowed (expected one of en, ko); did you mean "ko"?',
      'c.yml:3:8 error weekly.day: "Monday" is not allowed (expected one of monday, tuesday, wednesday, thursday, friday, saturday, sunday); did you mean "monday"?',
      'c.yml:4:12 error weekly.mention: "overdu" is not allowed (expected one of everyone, overdue, nobody); did you mean "overdue"?',
      'c.yml:6:15 error due_days.short_term: expected a number, got the text "14" (write 14 without quotes)',
    ]);
  });

  it("takes the Korean words for enum values and reads them as the keys (weekly.day: 월요일)", () => {
    const result = parseConfigText(
      "language: ko\nweekly:\n  day: 월요일\n  mention: 기한 초과\nvalidation:\n  on_close: 다시 열기\n",
      "c.yml",
    );
    expect(result.problems).toEqual([]);
    expect(result.ok && result.config.weekly.day).toBe("monday");
    expect(result.ok && result.config.weekly.mention).toBe("overdue");
    expect(result.ok && result.config.validation.onClose).toBe("reopen");
    expect(problems("weekly:\n  day: 월욜\n")).toEqual([
      'c.yml:2:8 error weekly.day: "월욜" is not allowed (expected one of monday, tuesday, wednesday, thursday, friday, saturday, sunday)',
    ]);
  });

  it("an unknown nested key suggests the right one", () => {
    expect(problems("weekly:\n  timezon: UTC\n")).toEqual([
      'c.yml:2:3 error weekly.timezon: unknown key "timezon"; did you mean "timezone"?',
    ]);
  });
});

describe("parseConfigObject", () => {
  it("validates merged data (Probot's context.config) without positions", () => {
    expect(parseConfigObject({ language: "ko" }).ok).toBe(true);
    const bad = parseConfigObject({ language: "fr" });
    expect(bad.ok).toBe(false);
    expect(bad.problems.map((p) => [p.line, p.column, p.path])).toEqual([[1, 1, "language"]]);
    expect(parseConfigObject(null).ok).toBe(true);
  });
});

describe("managedLabelNames", () => {
  it("lists the tracking, term, category and severity labels, never people's labels", () => {
    const names = managedLabelNames(defaultConfig());
    expect([...names].sort()).toEqual(
      [
        "postmortem-followup",
        "term: short-term",
        "term: long-term",
        "category: system",
        "category: process",
        "category: training",
        "category: documentation",
        "category: tooling",
        "severity: SEV1",
        "severity: SEV2",
        "severity: SEV3",
        "severity: SEV4",
      ].sort(),
    );
  });
});

describe("the config's problems in the language it declares", () => {
  const ko = (text: string, opts?: Parameters<typeof parseConfigText>[2]) => {
    const result = parseConfigText(text, "c.yml", opts);
    return {
      language: result.ok ? result.config.language : result.language,
      lines: result.problems.map(formatProblem),
    };
  };

  it("language: ko: every problem in Korean, at the same line and column as in English", () => {
    const text = fixture("config/invalid.yml").replace("langauge: ko", "language: ko");
    const result = parseConfigText(text, CONFIG_FILE);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.language).toBe("ko");
    expect(result.problems.map(formatProblem)).toEqual([
      ".github/postmortem-followups.yml:3:8 error paths: 항목이 1개 이상 있어야 합니다",
      '.github/postmortem-followups.yml:5:15 error due_days.short_term: 숫자여야 합니다 (지금은 텍스트 "two weeks")',
      '.github/postmortem-followups.yml:7:8 error weekly.day: "mon"은 쓸 수 없는 값입니다 (가능한 값: monday, tuesday, wednesday, thursday, friday, saturday, sunday)',
      ".github/postmortem-followups.yml:8:9 error weekly.hour: 23 이하여야 합니다",
      '.github/postmortem-followups.yml:9:13 error weekly.timezone: "Mars/Olympus_Mons"는 IANA 시간대가 아닙니다 (예: UTC, Asia/Seoul)',
      '.github/postmortem-followups.yml:11:3 error categories.System: 키 "System"이 올바르지 않습니다: 분류 키는 소문자로 씁니다',
      ".github/postmortem-followups.yml:13:12 error categories.security.color: 1d76db처럼 16진수 6자리 색상이어야 합니다",
    ]);
    expect(result.problems.map((p) => p.code)).toEqual([
      "too-few-entries",
      "wrong-type",
      "not-allowed",
      "too-big",
      "not-a-time-zone",
      "invalid-key",
      "bad-colour",
    ]);
  });

  it("suggestions and quoting advice in Korean", () => {
    expect(
      ko("language: ko\nweekly:\n  timezon: UTC\nlabels:\n  tracking:\n    color: 000000\n").lines,
    ).toEqual([
      'c.yml:3:3 error weekly.timezon: "timezon"은 알 수 없는 키입니다; "timezone"을 말씀하신 건가요?',
      'c.yml:6:12 error labels.tracking.color: 텍스트여야 합니다 (지금은 숫자 0) (YAML은 000000을 숫자로 읽습니다: "000000"처럼 따옴표로 감싸세요)',
    ]);
  });

  it("English when the file does not parse that far or names no language of ours; the caller's language then", () => {
    expect(ko("language: ko\nlanguage: en\n")).toEqual({
      language: "en",
      lines: ['c.yml:2:1 error YAML syntax: Map keys must be unique: "language" appears twice'],
    });
    expect(ko("language: kr\n").lines).toEqual([
      'c.yml:1:11 error language: "kr" is not allowed (expected one of en, ko); did you mean "ko"?',
    ]);
    expect(ko("language: ko\nlanguage: en\n", { language: "ko" })).toEqual({
      language: "ko",
      lines: [
        'c.yml:2:1 error YAML 문법 오류: 매핑의 키는 한 번씩만 쓸 수 있습니다: "language" 키가 두 번 나옵니다',
      ],
    });
    // The file's own language wins over the caller's.
    expect(ko("language: en\npaths: []\n", { language: "ko" })).toEqual({
      language: "en",
      lines: ["c.yml:2:8 error paths: needs at least 1 entry"],
    });
  });

  it("merged data (Probot's context.config): Korean when it declares ko, zod's own English otherwise", () => {
    const korean = parseConfigObject({ language: "ko", weekly: { day: "mon" }, extra: 1 });
    expect(korean.ok).toBe(false);
    expect(!korean.ok && korean.language).toBe("ko");
    expect(korean.problems.map((p) => [p.path, p.code, p.message])).toEqual([
      [
        "weekly.day",
        "not-allowed",
        '"mon"은 쓸 수 없는 값입니다 (가능한 값: monday, tuesday, wednesday, thursday, friday, saturday, sunday)',
      ],
      ["", "unknown-key", '"extra"는 알 수 없는 키입니다'],
    ]);
    const english = parseConfigObject({ weekly: { day: "mon" } });
    expect(english.problems.map((p) => [p.code, p.message])).toEqual([
      ["not-allowed", expect.stringMatching(/^Invalid option: expected one of/)],
    ]);
  });
});
