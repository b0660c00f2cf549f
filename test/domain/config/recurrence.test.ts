import { describe, expect, it } from "vitest";
import { parseConfigText } from "../../../src/domain/config/load.js";
import { foreignRepositoryProblems } from "../../../src/domain/config/recurrence.js";

/** `recurrence.repositories`: same owner only, else an error at the entry's line (issue 18). */

const TEXT = ["language: ko", "recurrence:", "  repositories:", "    - acme/api", "    - other/web", ""].join(
  "\n",
);

describe("recurrence config", () => {
  it("defaults: on, commenting, this repository only", () => {
    const result = parseConfigText("");
    expect(result.ok && result.config.recurrence).toEqual({ enabled: true, comment: true, repositories: [] });
  });

  it("a repository of another owner is an error at its line, in the config's language", () => {
    const result = parseConfigText(TEXT);
    if (!result.ok) throw new Error("config should be valid");
    expect(result.config.recurrence.repositories).toEqual(["acme/api", "other/web"]);
    expect(foreignRepositoryProblems(result.config, "acme", TEXT)).toEqual([
      {
        file: ".github/postmortem-followups.yml",
        line: 5,
        column: 7,
        endLine: 5,
        endColumn: 16,
        severity: "error",
        path: "recurrence.repositories[1]",
        code: "recurrence-foreign-repository",
        message: "other/web: acme의 저장소가 아닙니다. 재발은 같은 소유자, 같은 앱 설치의 저장소만 읽습니다",
      },
    ]);
    // Owners compare without case; without the text (a merged config) the problem is at 1:1.
    expect(
      foreignRepositoryProblems(result.config, "ACME", null).map((p) => [p.line, p.column, p.path]),
    ).toEqual([[1, 1, "recurrence.repositories[1]"]]);
    expect(foreignRepositoryProblems(result.config, "other", TEXT).map((p) => p.line)).toEqual([4]);
  });

  it("a name that is not owner/name is a schema error", () => {
    const result = parseConfigText("recurrence:\n  repositories: [api]\n");
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((p) => [p.line, p.path])).toEqual([
      [2, "recurrence.repositories[0]"],
    ]);
  });
});
