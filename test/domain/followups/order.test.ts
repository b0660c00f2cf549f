import { describe, expect, it } from "vitest";
import { buildCheckOutput } from "../../../src/domain/check/output.js";
import { defaultConfig } from "../../../src/domain/config/load.js";
import { compareFollowups } from "../../../src/domain/followups/order.js";
import { parsePostmortem } from "../../../src/domain/postmortem/parse.js";
import { type ProgressItem, postmortemProgress } from "../../../src/domain/progress/model.js";

/**
 * Issue 15: one order of follow-ups in every artifact, due date then severity. The PR summary had
 * it; the check's table ordered by category; the weekly comment by due date only.
 */

describe("compareFollowups", () => {
  const sort = (items: { id: string; due?: string; days?: number; severity?: string }[]) =>
    [...items].sort((a, b) => compareFollowups(a, b, ["SEV1", "SEV2", "SEV3"])).map((i) => i.id);

  it("due date first, undated after the dated ones (by their policy's days), then severity", () => {
    expect(
      sort([
        { id: "undated-90", days: 90 },
        { id: "late", due: "2026-05-01", severity: "SEV1" },
        { id: "undated-30", days: 30 },
        { id: "early-sev3", due: "2026-04-01", severity: "SEV3" },
        { id: "early-sev1", due: "2026-04-01", severity: "SEV1" },
        { id: "early-unknown", due: "2026-04-01", severity: "SEV9" },
      ]),
    ).toEqual(["early-sev1", "early-sev3", "early-unknown", "late", "undated-30", "undated-90"]);
  });

  it("equal items keep their order (a stable sort from the file's order)", () => {
    expect(
      sort([
        { id: "b", due: "2026-04-01" },
        { id: "a", due: "2026-04-01" },
      ]),
    ).toEqual(["b", "a"]);
  });
});

const POSTMORTEM = [
  "---",
  "title: Payments API outage",
  "date: 2026-03-12",
  "severity: SEV1",
  "followups:",
  "  short_term:",
  ...[
    ["tooling-late", "tooling", "2026-04-20"],
    ["system-late", "system", "2026-04-10"],
    ["process-soon", "process", "2026-03-20"],
  ].flatMap(([id, category, due]) => [
    `    - id: ${id}`,
    `      title: ${id}`,
    `      category: ${category}`,
    "      owner: alice",
    `      due: ${due}`,
    "      description: Something.",
    "      validation: [test/a.test.ts]",
  ]),
  "---",
  "",
].join("\n");

describe("the check's table and the weekly comment use it", () => {
  it("the check's table lists the follow-ups by due date, not by category", () => {
    const config = defaultConfig();
    const file = "postmortems/a.md";
    const output = buildCheckOutput({
      language: "en",
      config,
      files: [{ file, result: parsePostmortem(file, POSTMORTEM, config), evidence: [] }],
      configProblems: [],
      annotateConfig: false,
      fileUrl: (path) => `https://github.com/acme/pay/blob/abc/${path}`,
      pathsFromBase: false,
    });
    const ids = ["tooling-late", "system-late", "process-soon"].sort(
      (a, b) => output.summary.indexOf(a) - output.summary.indexOf(b),
    );
    expect(ids.every((id) => output.summary.includes(id))).toBe(true);
    expect(ids).toEqual(["process-soon", "system-late", "tooling-late"]);
  });

  it("the weekly comment's items: due date, undated last, then the issue number", () => {
    const item = (number: number, due: string | null): ProgressItem => ({
      key: `p.md#i${number}`,
      path: "p.md",
      id: `i${number}`,
      number,
      url: "",
      title: `i${number}`,
      term: "short_term",
      category: "system",
      owner: null,
      due,
      pr: 1,
      state: "open",
      stateReason: null,
      createdAt: "2026-03-12T00:00:00Z",
      closedAt: null,
      validated: false,
    });
    const progress = postmortemProgress(
      "p.md",
      [item(1, null), item(2, "2026-05-01"), item(3, "2026-04-01")],
      "2026-03-20",
    );
    expect(progress.items.map((i) => i.number)).toEqual([3, 2, 1]);
  });
});
