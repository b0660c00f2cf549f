import { describe, expect, it } from "vitest";
import { globDetail, globIssue } from "../../../src/domain/config/glob.js";
import { configSchema } from "../../../src/domain/config/schema.js";
import {
  type SchemaCode,
  schemaDetail,
  schemaMessage,
} from "../../../src/domain/diagnostics/schema-codes.js";

describe("the schemas' custom messages", () => {
  it("turns the schemas' custom messages (codes) back into problems with the failing value", () => {
    const codes: SchemaCode[] = [
      "not-a-date",
      "not-a-datetime",
      "not-a-time-zone",
      "bad-colour",
      "bad-category-key",
      "bad-repository-name",
      "bad-id-format",
      "bad-owner-format",
    ];
    for (const code of codes) expect(schemaDetail(schemaMessage(code), "x")?.code).toBe(code);
    // A refused glob's problem is made by the config (domain/config/glob.ts) and travels in the issue's params.
    const globProblem = (glob: string) => {
      const issue = globIssue(glob);
      return issue && schemaDetail(schemaMessage("bad-glob"), glob, globDetail(issue));
    };
    expect(globProblem("postmortems/*a*a*a*b.md")).toEqual({
      code: "glob-too-many-wildcards",
      params: { count: 4, max: 3 },
    });
    expect(globProblem("postmortems/*a*a*b.md")).toEqual({
      code: "glob-too-many-stars",
      params: { count: 3, max: 2 },
    });
    expect(globProblem("postmortems/+(*a)b.md")).toEqual({
      code: "glob-extglob",
      params: { text: "+(*a)" },
    });
    expect(schemaDetail(schemaMessage("bad-glob"), "postmortems/+(*a)b.md")).toBeUndefined();
    // end to end: the config schema's issue carries the problem
    const parsed = configSchema.safeParse({ paths: ["postmortems/*a*a*b.md"] });
    const issue = parsed.error?.issues[0];
    expect(issue?.code === "custom" && schemaDetail(issue.message, issue.input, issue.params)).toEqual({
      code: "glob-too-many-stars",
      params: { count: 3, max: 2 },
    });
    expect(schemaDetail(schemaMessage("bad-extends"), "../x")).toEqual({
      code: "extends-malformed",
      params: { value: "../x" },
    });
    expect(schemaDetail(schemaMessage("not-a-date"), "next week")).toEqual({
      code: "not-a-date",
      params: { value: '"next week"' },
    });
    expect(schemaDetail("Invalid input", "x")).toBeUndefined();
  });
});
