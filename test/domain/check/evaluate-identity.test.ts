import { describe, expect, it } from "vitest";
import { evaluateCheck } from "../../../src/domain/check/evaluate.js";
import { defaultConfig } from "../../../src/domain/config/load.js";

const PAYMENTS = new TextEncoder().encode(
  "---\ntitle: Payments\ndate: 2026-03-12\nroot_cause: {summary: x}\nfollowups:\n  short_term:\n" +
    "    - id: add-alert\n      title: Add an alert\n      category: tooling\n      owner: alice\n",
);

describe("evaluateCheck: which edited item still tracks which issue", () => {
  it("front matter only (ids pinned by the author): the follow-up issues are never listed", async () => {
    const output = await evaluateCheck({
      files: ["postmortems/2026-03-12-payments.md"],
      headSha: "a".repeat(40),
      config: defaultConfig(),
      configProblems: [],
      annotateConfig: false,
      language: "en",
      repo: { owner: "acme", repo: "pay", serverUrl: "https://github.com" },
      readFile: async () => ({ kind: "file", content: PAYMENTS }),
      resolveLookups: async () => new Map(),
      listFollowups: () => {
        throw new Error("must not list the follow-up issues");
      },
    });
    expect(output.conclusion).toBeDefined();
  });
});
