import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../../src/domain/config/load.js";
import { formatProblem } from "../../../src/domain/diagnostics/problem.js";
import { parsePostmortem } from "../../../src/domain/postmortem/parse.js";

/** Issue 18: `communication:`, `response_actions:` and `evaluation:` in the precise format. */

const head = [
  "---",
  "title: Checkout errors",
  "date: 2026-01-27",
  "root_cause:",
  "  summary: DNS",
  "followups:",
  "  short_term:",
  "    - id: pool-dns-refresh",
  "      title: Re-resolve the host",
  "      category: system",
  "      owner: luis",
  "      description: x",
  "      validation: [test/db.test.ts]",
];

const parse = (lines: string[]) =>
  parsePostmortem(
    "pm.md",
    [...head, ...lines, "---", "", "# Checkout errors", ""].join("\n"),
    defaultConfig(),
  );

describe("the response record in the precise format", () => {
  it("reads the communication log, the response actions and a per-question evaluation", () => {
    const result = parse([
      "communication:",
      "  - at: 2026-01-27T10:15:00Z",
      "    channel: status page",
      "    audience: customers",
      "    summary: Checkout is degraded",
      "response_actions:",
      "  - at: 2026-01-27T10:40:00Z",
      "    action: Failed over to the replica",
      "    result: Errors stopped",
      "evaluation:",
      "  speed: Detection took 12 minutes.",
      "  process: Automate the failover.",
    ]);
    expect(result.problems.map(formatProblem)).toEqual([]);
    expect(result.postmortem).toMatchObject({
      communication: [
        {
          at: "2026-01-27T10:15:00Z",
          channel: "status page",
          audience: "customers",
          summary: "Checkout is degraded",
        },
      ],
      response_actions: [
        { at: "2026-01-27T10:40:00Z", action: "Failed over to the replica", result: "Errors stopped" },
      ],
      evaluation: { speed: "Detection took 12 minutes.", process: "Automate the failover." },
    });
  });

  it("takes the evaluation as one Markdown text too", () => {
    const result = parse(["evaluation: |", "  We were slow to page the database team."]);
    expect(result.problems.map(formatProblem)).toEqual([]);
    expect(result.postmortem?.evaluation).toBe("We were slow to page the database team.\n");
  });

  it("reports a bad time, a missing channel and an unknown key at their positions", () => {
    const result = parse([
      "communication:",
      "  - at: yesterday",
      "    summary: Checkout is degraded",
      "response_actions:",
      "  - at: 2026-01-27T10:40:00Z",
      "    action: Rollback",
      "    owner: bob",
    ]);
    const errors = result.problems.filter((p) => p.severity === "error");
    expect(errors.map((p) => `${p.line}:${p.column} ${p.path}`)).toEqual([
      "15:5 communication[0].channel",
      "15:9 communication[0].at",
      "20:5 response_actions[0].owner",
    ]);
    expect(result.postmortem).toBeNull();
  });
});
