import { describe, expect, it } from "vitest";
import { parseConfigText } from "../../../src/domain/config/load.js";
import { routingForeignProblems } from "../../../src/domain/config/routing.js";
import { MAX_ROUTING_RULES } from "../../../src/domain/config/schema.js";

/** `routing:` (issue 17): rules, their errors at their line, same owner only. */

const TEXT = [
  "routing:",
  "  rules:",
  "    - repo: acme/payments",
  "      owner: '@Acme/Payments-Team'",
  "    - repo: other/web",
  "      category: tooling",
  "    - repo: acme/web",
  "      codeowner: acme/web-team",
  "  codeowners: true",
  "",
].join("\n");

describe("routing config", () => {
  it("defaults: no rules, CODEOWNERS fallback off", () => {
    const result = parseConfigText("");
    expect(result.ok && result.config.routing).toEqual({ rules: [], codeowners: false });
  });

  it("rules are kept in order, owners without @", () => {
    const result = parseConfigText(TEXT);
    expect(result.ok && result.config.routing).toEqual({
      rules: [
        { repo: "acme/payments", owner: "Acme/Payments-Team" },
        { repo: "other/web", category: "tooling" },
        { repo: "acme/web", codeowner: "acme/web-team" },
      ],
      codeowners: true,
    });
  });

  it("a rule's repository of another owner is an error at its line, in the config's language", () => {
    const result = parseConfigText(TEXT);
    if (!result.ok) throw new Error("config should be valid");
    expect(routingForeignProblems(result.config, "acme", TEXT)).toEqual([
      {
        file: ".github/postmortem-followups.yml",
        line: 5,
        column: 13,
        endLine: 5,
        endColumn: 22,
        severity: "error",
        path: "routing.rules[1].repo",
        code: "routing-foreign-repository",
        message:
          "other/web is not a repository of acme: follow-ups go only to repositories of the same owner and app installation",
      },
    ]);
    const ko = `language: ko\n${TEXT}`;
    const korean = parseConfigText(ko);
    if (!korean.ok) throw new Error("config should be valid");
    expect(routingForeignProblems(korean.config, "acme", ko).map((p) => [p.line, p.message])).toEqual([
      [
        6,
        "other/web: acme의 저장소가 아닙니다. 후속 조치는 같은 소유자, 같은 앱 설치의 저장소로만 보낼 수 있습니다",
      ],
    ]);
    // Owners compare without case; without the text (a merged config) the problem is at 1:1.
    expect(
      routingForeignProblems(result.config, "ACME", null).map((p) => [p.line, p.column, p.path]),
    ).toEqual([[1, 1, "routing.rules[1].repo"]]);
    expect(routingForeignProblems(result.config, "other", TEXT).map((p) => p.line)).toEqual([3, 7]);
  });

  it("a rule without a matcher is an error at its line", () => {
    const result = parseConfigText(
      "routing:\n  rules:\n    - repo: acme/api\n      category: system\n    - repo: acme/web\n",
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((p) => [p.line, p.path, p.code, p.message])).toEqual([
      [
        5,
        "routing.rules[1]",
        "routing-rule-no-matcher",
        "a routing rule needs at least one of `category`, `term`, `owner`, `path` or `codeowner` (a rule without one would take every follow-up)",
      ],
    ]);
  });

  it("bad values are errors at their line: repository, owner, term, glob over the bounds, unknown key", () => {
    const text = [
      "routing:",
      "  rules:",
      "    - repo: payments",
      "      term: short",
      "    - repo: acme/api",
      "      owner: not a login",
      "    - repo: acme/web",
      "      path: 'a/*a*a*a*b'",
      "    - repo: acme/docs",
      "      label: docs",
      "",
    ].join("\n");
    const result = parseConfigText(text);
    expect(!result.ok && result.problems.map((p) => [p.line, p.path, p.code])).toEqual([
      [3, "routing.rules[0].repo", "bad-repository-name"],
      [4, "routing.rules[0].term", "not-allowed"],
      [6, "routing.rules[1].owner", "bad-owner-format"],
      [8, "routing.rules[2].path", "glob-too-many-wildcards"],
      [9, "routing.rules[3]", "routing-rule-no-matcher"],
      [10, "routing.rules[3].label", "unknown-key"],
    ]);
  });

  it("a rule's category must be one the config knows, at its line", () => {
    const result = parseConfigText(
      "routing:\n  rules:\n    - repo: acme/api\n      category: tooling\n    - repo: acme/web\n      category: toolng\n",
    );
    expect(!result.ok && result.problems.map((p) => [p.line, p.path, p.code])).toEqual([
      [6, "routing.rules[1].category", "not-allowed"],
    ]);
  });

  it(`at most ${MAX_ROUTING_RULES} rules`, () => {
    const rules = Array.from(
      { length: MAX_ROUTING_RULES + 1 },
      (_, i) => `    - { repo: acme/r${i}, category: system }`,
    );
    const result = parseConfigText(["routing:", "  rules:", ...rules, ""].join("\n"));
    expect(!result.ok && result.problems.map((p) => [p.line, p.path, p.code])).toEqual([
      [3, "routing.rules", "too-many-entries"],
    ]);
    const fits = parseConfigText(["routing:", "  rules:", ...rules.slice(1), ""].join("\n"));
    expect(fits.ok && fits.config.routing.rules.length).toBe(MAX_ROUTING_RULES);
  });
});
