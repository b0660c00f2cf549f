import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { defaultConfig, parseConfigText } from "../../../src/domain/config/load.js";
import type { Config } from "../../../src/domain/config/schema.js";
import { blobUrl, buildDesired, mdLink } from "../../../src/domain/followups/desired.js";
import type { RepoRef } from "../../../src/domain/followups/model.js";
import { parsePostmortem } from "../../../src/domain/postmortem/parse.js";

const repo: RepoRef = { owner: "acme", repo: "pay", defaultBranch: "main", serverUrl: "https://github.com" };
const PATH = "postmortems/2026-03-12-payments.md";

function desiredFrom(
  rel: string,
  config: Config = defaultConfig(),
  extra: Partial<Parameters<typeof buildDesired>[0]> = {},
) {
  const parsed = parsePostmortem(
    rel,
    readFileSync(new URL(`../../fixtures/${rel}`, import.meta.url)),
    config,
  );
  if (!parsed.postmortem) throw new Error("fixture does not parse");
  return buildDesired({
    path: PATH,
    postmortem: parsed.postmortem,
    followups: parsed.followups,
    config,
    repo,
    pr: { number: 42, url: "https://github.com/acme/pay/pull/42" },
    mergedOn: "2026-03-20",
    ...extra,
  });
}

describe("buildDesired", () => {
  it("one desired issue per follow-up, with labels, assignees and due dates", () => {
    const [short, long] = desiredFrom("postmortems/2026-03-12-payments.md");
    expect(short).toMatchObject({
      key: `${PATH}#validate-gateway-config`,
      term: "short_term",
      title: "Validate gateway config before deploy",
      owner: "alice",
      assignees: ["alice"],
      due: "2026-03-19",
      priority: "P1",
      labels: ["postmortem-followup", "term: short-term", "category: system", "severity: SEV1"],
      pr: 42,
      milestone: null,
    });
    // No due date in the file: the configured days for its term, from the merge.
    expect(long?.due).toBe("2026-06-18");
    expect(long?.managedBody).toContain("(default: 90 days after the merge)");
  });

  it("a default due date, once set, never moves", () => {
    const previous = new Map([
      [
        `${PATH}#config-canary`,
        {
          path: PATH,
          id: "config-canary",
          pr: 42,
          due: "2026-06-01",
          title: "Canary every config change",
          owner: "bob",
        },
      ],
    ]);
    const [, long] = desiredFrom("postmortems/2026-03-12-payments.md", defaultConfig(), {
      mergedOn: "2026-04-30",
      previous,
    });
    expect(long?.due).toBe("2026-06-01");
  });

  it("a team owner is mentioned, not assigned; an owner with a problem is neither", () => {
    const [, team] = desiredFrom("postmortems/2026-04-02-login-ko.md");
    expect(team?.owner).toBe("acme/sre");
    expect(team?.assignees).toEqual([]);
    expect(team?.managedBody).toContain("@acme/sre");
    const [missing] = desiredFrom("postmortems/2026-04-02-login-ko.md", defaultConfig(), {
      ownerProblems: new Map([["minji", "minji is not a collaborator of acme/pay"]]),
    });
    expect(missing?.assignees).toEqual([]);
    expect(missing?.managedBody).toContain("`minji`");
    expect(missing?.managedBody).not.toContain("@minji");
  });

  it("adds the milestone when the config asks for it", () => {
    const result = parseConfigText("milestones: true\n");
    if (!result.ok) throw new Error("config");
    expect(desiredFrom("postmortems/2026-03-12-payments.md", result.config)[0]?.milestone).toBe(
      "2026-03-12 Payments API outage",
    );
  });
});

describe("links", () => {
  it("encodes paths and cannot break out of a Markdown link", () => {
    expect(blobUrl(repo, "postmortems/2026 03/결제.md")).toBe(
      "https://github.com/acme/pay/blob/main/postmortems/2026%2003/%EA%B2%B0%EC%A0%9C.md",
    );
    expect(mdLink("a](javascript:x) [b", "https://x.example/a b(c)")).toBe(
      "[a\\](javascript:x) \\[b](https://x.example/a%20b%28c%29)",
    );
    expect(mdLink("x", "https://x.example/a)[y](https://evil.example")).toBe(
      "[x](https://x.example/a%29[y]%28https://evil.example)",
    );
  });
});

describe("dispositionOf", () => {
  it("done wins; a #N or this repository's issue URL adopts; another repository's link does not", async () => {
    const { dispositionOf } = await import("../../../src/domain/followups/desired.js");
    const repo = { owner: "acme", repo: "shop", defaultBranch: "main", serverUrl: "https://github.com" };
    expect(dispositionOf({ done: true }, ["#4"], repo)).toEqual({ disposition: { kind: "done" } });
    expect(dispositionOf({}, ["JIRA-7", "#4"], repo)).toEqual({ disposition: { kind: "adopt", number: 4 } });
    expect(dispositionOf({}, ["https://github.com/acme/shop/issues/9"], repo)).toEqual({
      disposition: { kind: "adopt", number: 9 },
    });
    expect(dispositionOf({}, ["https://github.com/other/shop/issues/9", "JIRA-7"], repo)).toEqual({});
  });

  it("proof: a pull request or commit link among the tracking links or the evidence (issue 14)", async () => {
    const { dispositionOf, isProofLink } = await import("../../../src/domain/followups/desired.js");
    const repo = { owner: "acme", repo: "shop", defaultBranch: "main", serverUrl: "https://github.com" };
    expect(dispositionOf({ done: true }, ["https://github.com/acme/shop/pull/40"], repo)).toEqual({
      disposition: { kind: "done", proof: true },
    });
    expect(dispositionOf({ done: true }, [], repo, ["https://github.com/acme/lib/commit/1a2b3c4d"])).toEqual({
      disposition: { kind: "done", proof: true },
    });
    expect(dispositionOf({}, ["#4"], repo, ["https://github.com/acme/shop/pull/41"])).toEqual({
      disposition: { kind: "adopt", number: 4, proof: true },
    });
    expect(dispositionOf({ done: true }, ["#40", "JIRA-7"], repo, ["docs/runbook.md"])).toEqual({
      disposition: { kind: "done" },
    });
    expect(
      [
        "https://x/pull/3",
        "https://x/pull/3#discussion",
        "https://x/commit/abcdef0",
        "https://x/pulls",
        "https://x/commit/xyz",
      ].map(isProofLink),
    ).toEqual([true, true, true, false, false]);
  });
});

describe("due policies (issue 16)", () => {
  it("a row by severity and term gives the date, in business days, and the issue says which rule", () => {
    const parsed = parseConfigText(
      [
        "due_days:",
        "  business_days: true",
        '  holidays: ["2026-03-23"]',
        "due_policies:",
        "  - { severity: SEV1, short_term: 5, long_term: 20 }",
        "  - { severity: SEV1, category: process, long_term: 40 }",
      ].join("\n"),
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const [short, long] = desiredFrom("postmortems/2026-03-12-payments.md", parsed.config);
    // The fixture is a SEV1; its short-term item has its own due date, which wins.
    expect(short?.due).toBe("2026-03-19");
    // Long-term process item, no date: the SEV1 + process row, 40 business days from Friday 20 March
    // (Monday 23 March a holiday).
    expect(long?.category).toBe("process");
    expect(long?.due).toBe("2026-05-18");
    expect(long?.managedBody).toContain(
      "due **2026-05-18** (policy SEV1 process: 40 business days after the merge)",
    );
  });

  it("a policy row naming an unknown severity or category is an error at its place", () => {
    const parsed = parseConfigText(
      "due_policies:\n  - severity: SEV9\n    category: sytem\n    short_term: 3\n",
      "c.yml",
    );
    expect(parsed.problems.map((p) => `${p.line}:${p.column} ${p.path} ${p.message}`)).toEqual([
      '2:15 due_policies[0].severity "SEV9" is not allowed (expected one of SEV1, SEV2, SEV3, SEV4); did you mean "SEV1"?',
      '3:15 due_policies[0].category "sytem" is not allowed (expected one of system, process, training, documentation, tooling); did you mean "system"?',
    ]);
  });
});
