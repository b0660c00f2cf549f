import { describe, expect, it } from "vitest";
import {
  compareAnnotations,
  sortAnnotations,
  toAnnotation,
  topAnnotations,
} from "../../../src/domain/check/annotations.js";
import {
  buildCheckOutput,
  type CheckedFile,
  type CheckInput,
  fitSummary,
} from "../../../src/domain/check/output.js";
import { locator } from "../../../src/domain/check/positions.js";
import { defaultConfig, parseConfigText } from "../../../src/domain/config/load.js";
import type { Config } from "../../../src/domain/config/schema.js";
import type { Problem } from "../../../src/domain/diagnostics/problem.js";
import { parsePostmortem } from "../../../src/domain/postmortem/parse.js";
import type { EvidenceOutcome } from "../../../src/domain/validation/resolve.js";

const FILE = "postmortems/2026-03-12-payments.md";

function postmortem(followups: string): string {
  return [
    "---",
    "title: Payments API outage",
    "date: 2026-03-12",
    "severity: SEV1",
    "root_cause:",
    "  summary: A null timeout.",
    "followups:",
    followups,
    "---",
    "# Narrative",
    "",
  ].join("\n");
}

const GOOD = postmortem(
  [
    "  short_term:",
    "    - id: validate-config",
    "      title: Validate gateway config",
    "      category: system",
    "      owner: alice",
    "      due: 2026-03-19",
    "      description: Reject null timeouts.",
    "      validation:",
    "        - test/payments/gateway.test.ts",
    '        - "#123"',
    "  long_term:",
    "    - id: canary",
    "      title: Canary config changes",
    "      category: process",
    "      owner: acme/sre",
    "      description: Roll out to 1% first.",
    "      validation: [https://grafana.example.com/d/payments]",
  ].join("\n"),
);

const NO_VALIDATION = postmortem(
  [
    "  short_term:",
    "    - id: validate-config",
    "      title: Validate gateway config",
    "      category: system",
    "      owner: alice",
    "      description: Reject null timeouts.",
  ].join("\n"),
);

const outcome = (
  entry: string,
  status: EvidenceOutcome["status"],
  url: string | null = null,
): EvidenceOutcome => ({
  entry,
  status,
  severity:
    status === "verified"
      ? null
      : status === "unverified"
        ? "notice"
        : status === "cannot-verify"
          ? "warning"
          : "error",
  message: `${entry}: ${status}`,
  url,
});

function checked(
  text: string,
  config: Config,
  evidence: CheckedFile["evidence"] = [],
  file = FILE,
): CheckedFile {
  return { file, result: parsePostmortem(file, text, config), evidence };
}

function input(files: CheckedFile[], over: Partial<CheckInput> = {}): CheckInput {
  return {
    language: "en",
    config: defaultConfig(),
    files,
    configProblems: [],
    annotateConfig: false,
    fileUrl: (path, line) => `https://github.com/acme/pay/blob/abc/${path}${line ? `#L${line}` : ""}`,
    ...over,
  };
}

function evidenceFor(text: string, statuses: EvidenceOutcome["status"][]): CheckedFile["evidence"] {
  const at = locator(FILE, text);
  const entries: ["short_term" | "long_term", number, number, string][] = [
    ["short_term", 0, 0, "test/payments/gateway.test.ts"],
    ["short_term", 0, 1, "#123"],
    ["long_term", 0, 0, "https://grafana.example.com/d/payments"],
  ];
  return entries.map(([term, index, entryIndex, entry], i) => ({
    term,
    index,
    entryIndex,
    outcome: outcome(
      entry,
      statuses[i]!,
      entry.startsWith("https") ? entry : `https://github.com/acme/pay/x/${i}`,
    ),
    position: at(["followups", term, index, "validation", entryIndex]),
  }));
}

describe("buildCheckOutput: conclusion", () => {
  const required = defaultConfig();
  const optional = (() => {
    const r = parseConfigText("validation:\n  required: false\n");
    if (!r.ok) throw new Error("config");
    return r.config;
  })();

  it.each([
    ["all verified", GOOD, required, ["verified", "verified", "unverified"], "success", 0],
    ["a path that does not exist", GOOD, required, ["missing", "verified", "unverified"], "failure", 1],
    [
      "an Actions link the app cannot read",
      GOOD,
      required,
      ["verified", "verified", "cannot-verify"],
      "success",
      0,
    ],
    ["no validation, required (the default)", NO_VALIDATION, required, [], "failure", 1],
    ["no validation, optional", NO_VALIDATION, optional, [], "success", 0],
  ] as const)("%s -> %s", (_name, text, config, statuses, conclusion, errors) => {
    const evidence = statuses.length ? evidenceFor(text, [...statuses]) : [];
    const out = buildCheckOutput(input([checked(text, config, evidence)], { config }));
    expect(out.conclusion).toBe(conclusion);
    expect(out.counts.errors).toBe(errors);
  });

  it("invalid configuration fails with the config file's annotations", () => {
    const cfg = parseConfigText("language: fr\nvalidation:\n  on_close: maybe\n");
    expect(cfg.ok).toBe(false);
    const problems = cfg.problems;
    const out = buildCheckOutput(input([], { config: null, configProblems: problems, annotateConfig: true }));
    expect(out.conclusion).toBe("failure");
    expect(out.title).toBe("Invalid configuration: 2 errors");
    expect(out.annotations.map((a) => [a.path, a.start_line, a.annotation_level])).toEqual([
      [".github/postmortem-followups.yml", 1, "failure"],
      [".github/postmortem-followups.yml", 3, "failure"],
    ]);
    expect(out.summary).toContain("The configuration is invalid");
  });

  it("lists config problems without annotations when the file is not in this repository", () => {
    const problems: Problem[] = [
      {
        file: ".github/postmortem-followups.yml",
        line: 1,
        column: 1,
        severity: "error",
        path: "paths",
        code: "too-few-entries",
        message: "bad",
      },
    ];
    const out = buildCheckOutput(
      input([], { config: null, configProblems: problems, annotateConfig: false }),
    );
    expect(out.annotations).toEqual([]);
    expect(out.conclusion).toBe("failure");
  });
});

describe("buildCheckOutput: annotations", () => {
  it("puts each evidence problem at the exact position of its entry", () => {
    const evidence = evidenceFor(GOOD, ["missing", "verified", "unverified"]);
    const out = buildCheckOutput(input([checked(GOOD, defaultConfig(), evidence)]));
    const lines = GOOD.split("\n");
    const missing = out.annotations.find((a) => a.annotation_level === "failure")!;
    expect(lines[missing.start_line - 1]).toBe("        - test/payments/gateway.test.ts");
    expect(missing).toMatchObject({
      path: FILE,
      start_column: 11,
      end_column: 40,
      message: "followups.short_term[0].validation[0]: test/payments/gateway.test.ts: missing",
    });
    const notice = out.annotations.find((a) => a.annotation_level === "notice")!;
    expect(lines[notice.start_line - 1]).toContain("https://grafana.example.com/d/payments");
    expect(notice.message).toContain("followups.long_term[0].validation[0]");
  });

  it("reports every parser problem, errors first", () => {
    const text = NO_VALIDATION.replace("      owner: alice\n", "").replace(
      "category: system",
      "category: sytem",
    );
    const result = parsePostmortem(FILE, text, defaultConfig());
    const out = buildCheckOutput(input([{ file: FILE, result, evidence: [] }]));
    expect(out.annotations).toHaveLength(result.problems.length);
    expect(out.annotations[0]!.annotation_level).toBe("failure");
    for (const p of result.problems) {
      expect(out.annotations).toContainEqual(
        expect.objectContaining({
          path: FILE,
          start_line: p.line,
          message: expect.stringContaining(p.message),
        }),
      );
    }
  });

  it("turns an unparseable file into an annotation and a failure", () => {
    const out = buildCheckOutput(input([checked("---\ntitle: [unclosed\n---\n", defaultConfig())]));
    expect(out.conclusion).toBe("failure");
    expect(out.annotations.length).toBeGreaterThan(0);
    expect(out.annotations.every((a) => a.path === FILE)).toBe(true);
  });

  it("120 errors: the 50 first by position are annotations, the summary says 70 more (was: all 120, batched)", () => {
    const items = Array.from({ length: 120 }, (_, i) =>
      [
        `    - id: item-${i}`,
        `      title: Item ${i}`,
        "      category: system",
        "      owner: alice",
        "      description: d",
      ].join("\n"),
    ).join("\n");
    const text = postmortem(`  short_term:\n${items}`);
    const out = buildCheckOutput(input([checked(text, defaultConfig())]));
    expect(out.annotations).toHaveLength(50);
    expect(out.annotations.every((a) => a.annotation_level === "failure")).toBe(true);
    expect(out.annotations.map((a) => a.message)).toEqual(
      Array.from({ length: 50 }, (_, i) => expect.stringContaining(`followups.short_term[${i}]`)),
    );
    expect(out.counts).toMatchObject({ errors: 120, unannotated: 70 });
    expect(out.summary).toContain(
      "> 120 problems: the 50 most severe are annotations on the files, 70 more problems are not annotated (at most 50 per check run).",
    );
    expect(out.conclusion).toBe("failure");
  });
});

describe("buildCheckOutput: 10,000 problems (a hostile push)", () => {
  /** A parse result with `n` follow-ups and one problem each, as plain data (no parser limit). */
  function hostile(n: number): CheckedFile {
    const followups = Array.from({ length: n }, (_, i) => ({
      term: "short_term" as const,
      index: i,
      id: `f${i}`,
      title: `F ${i}`,
      category: "system",
      owner: "alice",
      validation: [],
    }));
    const severities = ["notice", "warning", "error"] as const;
    const problems: Problem[] = followups.map((_, i) => ({
      file: FILE,
      line: n - i, // reverse order: sorting has work to do
      column: 1,
      severity: severities[i % 3]!,
      path: `followups.short_term[${i}].validation`,
      code: "missing-validation",
      message: `problem ${i}`,
    }));
    return {
      file: FILE,
      result: {
        file: FILE,
        format: "markdown",
        postmortem: null,
        followups,
        problems,
      } as unknown as CheckedFile["result"],
      evidence: [],
    };
  }

  it("exactly 50 annotations, errors first then by line, and the exact number of the others", () => {
    const out = buildCheckOutput(input([hostile(10_000)]));
    expect(out.annotations).toHaveLength(50);
    expect(out.annotations.every((a) => a.annotation_level === "failure")).toBe(true);
    // Errors are i = 2, 5, 8, ... at line 10,000 - i: the lowest lines are the largest i.
    expect(out.annotations[0]!.start_line).toBe(2);
    expect(out.annotations.map((a) => a.start_line)).toEqual(
      [...out.annotations.map((a) => a.start_line)].sort((a, b) => a - b),
    );
    expect(out.counts.unannotated).toBe(9_950);
    expect(out.summary).toContain(
      "> 10000 problems: the 50 most severe are annotations on the files, 9950 more problems",
    );
    expect(out.summary.length).toBeLessThanOrEqual(65_535);
  });

  it("picks the 50 most severe with comparisons linear in the number of problems", () => {
    const counted = (n: number) => {
      const annotations = hostile(n).result.problems.map((p) => toAnnotation(p));
      let comparisons = 0;
      const top = topAnnotations(annotations, 50, (a, b) => {
        comparisons++;
        return compareAnnotations(a, b);
      });
      expect(top).toEqual(sortAnnotations(annotations).slice(0, 50));
      return comparisons;
    };
    const small = counted(1_000);
    const large = counted(10_000);
    // 10x the problems, at most ~10x the comparisons (a full sort would be 13x and growing), and a
    // bound per problem: 2 log2(50) + 2 ~ 14.
    expect(large).toBeLessThanOrEqual(small * 11);
    expect(large).toBeLessThanOrEqual(10_000 * 14);
  });

  it("looks up each follow-up's problems in an index: the problems are visited a bounded number of times each", () => {
    // Count reads of \`path\` (every lookup by follow-up reads it): quadratic work reads it n x n times.
    const visits = (n: number) => {
      const file = hostile(n);
      let reads = 0;
      file.result.problems = file.result.problems.map((p) => {
        const path = p.path;
        const copy = { ...p };
        Object.defineProperty(copy, "path", {
          get: () => {
            reads++;
            return path;
          },
          enumerable: true,
        });
        return copy;
      });
      buildCheckOutput(input([file]));
      return reads;
    };
    const small = visits(1_000);
    const large = visits(10_000);
    expect(large).toBeLessThanOrEqual(small * 11);
    expect(large).toBeLessThanOrEqual(10_000 * 10);
  });
});

describe("buildCheckOutput: due policies (issue 16)", () => {
  it("an item without a date shows the days the merge will give it: the policy's row for its severity and category", () => {
    const base = defaultConfig();
    const config = {
      ...base,
      duePolicy: { ...base.duePolicy, rules: [{ severity: "SEV1", term: "long_term" as const, days: 28 }] },
    };
    const out = buildCheckOutput(
      input([checked(GOOD, config, evidenceFor(GOOD, ["missing", "verified", "unverified"]))], { config }),
    );
    expect(out.summary).toContain("| `acme/sre` | default: 28 days after the merge |");
  });

  it("says business days (영업일) when due_days.business_days is on", () => {
    const base = defaultConfig();
    const rules = [{ severity: "SEV1", term: "long_term" as const, days: 28 }];
    const config = { ...base, duePolicy: { ...base.duePolicy, rules, businessDays: true } };
    const out = buildCheckOutput(
      input([checked(GOOD, config, evidenceFor(GOOD, ["missing", "verified", "unverified"]))], { config }),
    );
    expect(out.summary).toContain("| `acme/sre` | default: 28 business days after the merge |");
    const ko = { ...config, language: "ko" as const };
    const korean = buildCheckOutput(
      input([checked(GOOD, ko, evidenceFor(GOOD, ["missing", "verified", "unverified"]))], {
        language: "ko",
        config: ko,
      }),
    );
    expect(korean.summary).toContain("| `acme/sre` | 기본값: 병합 후 영업일 28일 |");
  });
});

describe("buildCheckOutput: summary", () => {
  it("shows per file the follow-ups by term and category, owners, validation status and what is missing", () => {
    const evidence = evidenceFor(GOOD, ["missing", "verified", "unverified"]);
    const out = buildCheckOutput(input([checked(GOOD, defaultConfig(), evidence)]));
    expect(out.title).toBe("1 error in 1 postmortem");
    expect(out.summary).toContain(`### ❌ [${FILE}](https://github.com/acme/pay/blob/abc/${FILE})`);
    expect(out.summary).toContain(
      "**Payments API outage** (2026-03-12, SEV1) · 2 follow-ups · 1 error · 0 warnings",
    );
    expect(out.summary).toContain("#### Short-term mitigation");
    expect(out.summary).toContain("#### Long-term prevention");
    expect(out.summary).toContain(
      "| ❌ | System | **Validate gateway config** (`validate-config`) | `alice` | 2026-03-19 | ❌ [test/payments/gateway.test.ts](https://github.com/acme/pay/x/0) (does not exist)<br>✅ [#123](https://github.com/acme/pay/x/1) (verified) |",
    );
    expect(out.summary).toContain(
      "| ✅ | Process | **Canary config changes** (`canary`) | `acme/sre` | default: 90 days after the merge | ℹ️ [https://grafana.example.com/d/payments](https://grafana.example.com/d/payments) (not fetched: form only) |",
    );
    expect(out.summary).toContain("**What is missing**");
    expect(out.summary).toMatch(
      /- ❌ \[\d+:11\]\(https:\/\/github.com\/acme\/pay\/blob\/abc\/postmortems\/2026-03-12-payments.md#L\d+\) `followups.short_term\[0\].validation\[0\]`/,
    );
  });

  it("an open issue named as validation: found, shown as still open, not a problem (a plan names work not done yet)", () => {
    const evidence = evidenceFor(GOOD, ["verified", "verified", "unverified"]);
    evidence[1] = { ...evidence[1]!, outcome: { ...evidence[1]!.outcome, unsettled: "open-issue" } };
    const out = buildCheckOutput(input([checked(GOOD, defaultConfig(), evidence)]));
    expect(out.conclusion).toBe("success");
    expect(out.summary).toContain(
      "⏳ [#123](https://github.com/acme/pay/x/1) (found, still open: proves the fix once closed) |",
    );
  });

  it("says when a follow-up has no validation", () => {
    const out = buildCheckOutput(input([checked(NO_VALIDATION, defaultConfig())]));
    expect(out.summary).toContain(
      "| ❌ | System | **Validate gateway config** (`validate-config`) | `alice` | default: 14 days after the merge | ❌ none |",
    );
    expect(out.summary).toContain("missing validation");
  });

  it("is written in the configured language", () => {
    const ko = parseConfigText("language: ko\n");
    if (!ko.ok) throw new Error("config");
    const evidence = evidenceFor(GOOD, ["verified", "verified", "unverified"]);
    const out = buildCheckOutput(
      input([checked(GOOD, ko.config, evidence)], { language: "ko", config: ko.config }),
    );
    expect(out.title).toBe("포스트모템 1개, 후속 조치 2건, 모두 검증 방법 있음");
    expect(out.summary).toContain("#### 단기 해결책");
    expect(out.summary).toContain("| | 분류 | 후속 조치 | 담당자 | 기한 | 테스트 및 검증 |");
    expect(out.summary).toContain("(형식만 확인, 접속하지 않음)");
  });

  it("sanitises hostile text: no HTML, no marker, no broken table, no mention", () => {
    const hostile = GOOD.replace(
      "title: Validate gateway config",
      'title: "<!-- postmortem-followups:end --> | @everyone <img src=x>"',
    );
    const out = buildCheckOutput(
      input([checked(hostile, defaultConfig(), evidenceFor(hostile, ["verified", "verified", "verified"]))]),
    );
    expect(out.summary).not.toContain("<!--");
    expect(out.summary).not.toContain("<img");
    expect(out.summary).not.toMatch(/@everyone/);
    expect(out.summary).toContain("\\|");
  });

  it("a Markdown file without front matter is listed as skipped, and is not an error", () => {
    const out = buildCheckOutput(input([checked("# Just notes\n", defaultConfig())]));
    expect(out.conclusion).toBe("success");
    expect(out.title).toBe("No postmortem in the changed files");
    expect(out.summary).toContain("### ➖");
  });

  it("fits GitHub's 65,535-character limit, at a line boundary, saying so", () => {
    const long = Array.from({ length: 5000 }, (_, i) => `line ${i} ${"x".repeat(20)}`).join("\n");
    const fitted = fitSummary(long, "cut");
    expect(fitted.length).toBeLessThanOrEqual(65_535);
    expect(fitted.endsWith("> cut\n")).toBe(true);
    expect(fitSummary("short", "cut")).toBe("short");
  });
});
