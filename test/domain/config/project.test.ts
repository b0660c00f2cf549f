import { describe, expect, it } from "vitest";
import { parseConfigText } from "../../../src/domain/config/load.js";

/** `tracker:` and `project:` (issue 17) as the config loader resolves them. */
describe("tracker and project config", () => {
  it("is off by default", () => {
    const result = parseConfigText("language: en\n");
    expect(result.ok && [result.config.tracker, result.config.project]).toEqual([false, null]);
  });

  it.each([
    [
      "en defaults; a field turned off is left out",
      "project: { owner: acme, number: 3, fields: { postmortem: false } }\n",
      {
        owner: "acme",
        number: 3,
        fields: { status: "Status", due: "Due", severity: "Severity", category: "Category", term: "Term" },
        status: {
          open: "Open",
          overdue: "Overdue",
          done_validated: "Done and validated",
          done_unvalidated: "Done, not validated",
          not_doing: "Not doing",
        },
        createFields: false,
      },
    ],
    [
      "ko defaults, own names win",
      "language: ko\ntracker: true\nproject:\n  owner: acme\n  number: 1\n  fields: { status: 진행 상태 }\n  status: { done_validated: 완료 }\n  create_fields: true\n",
      {
        owner: "acme",
        number: 1,
        fields: {
          status: "진행 상태",
          due: "기한",
          severity: "심각도",
          category: "분류",
          term: "기간",
          postmortem: "포스트모템",
        },
        status: {
          open: "진행 중",
          overdue: "기한 초과",
          done_validated: "완료",
          done_unvalidated: "완료·검증 안 됨",
          not_doing: "진행하지 않음",
        },
        createFields: true,
      },
    ],
  ])("%s", (_name, text, expected) => {
    const result = parseConfigText(text);
    expect(result.ok && result.config.project).toEqual(expected);
  });

  it("a project without a number is an error at the line of `project`", () => {
    const result = parseConfigText("language: en\nproject:\n  owner: acme\n");
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((p) => [p.line, p.path])).toEqual([[2, "project.number"]]);
  });
});
