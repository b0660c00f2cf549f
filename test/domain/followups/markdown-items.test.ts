import { describe, expect, it } from "vitest";
import { followupsWithHints, type MarkdownItemLike } from "../../../src/domain/followups/markdown-items.js";
import { markdownEvidenceProblems } from "../../../src/domain/postmortem/markdown/evidence.js";
import type { ParseResult } from "../../../src/domain/postmortem/parse.js";

const base: ParseResult = { file: "p.md", format: "markdown", postmortem: null, followups: [], problems: [] };

function item(over: Partial<MarkdownItemLike>): MarkdownItemLike {
  return {
    title: "Add an alert",
    id: "add-an-alert",
    idSource: "slug",
    line: 12,
    term: "short_term",
    category: "tooling",
    status: "open",
    tracking: [],
    evidence: [],
    ...over,
  };
}

describe("followupsWithHints", () => {
  it("front matter: the follow-ups as they are", () => {
    const followups = [
      { id: "x", title: "X", category: "system", term: "short_term" as const, index: 0, line: 9 },
    ];
    expect(followupsWithHints({ ...base, followups })).toBe(followups);
  });

  it("Markdown: done items kept, ids derived or pinned, places, links and derivations", () => {
    const out = followupsWithHints({
      ...base,
      markdown: {
        items: [
          item({
            termSource: "heading",
            termReason: "Short-term",
            categorySource: "keyword",
            categoryReason: "alert",
          }),
          item({
            id: "rb",
            idSource: "anchor",
            title: "Runbook",
            line: 13,
            status: "done",
            term: "long_term",
          }),
          item({ id: "Bad Id", line: 14 }),
          item({
            id: "k",
            idSource: "cell",
            line: 15,
            tracking: ["#40"],
            ownerSource: "column",
            ownerText: "SRE",
          }),
        ],
      },
    });
    expect(
      out.map((f) => [f.id, f.line, f.index, f.position, f.idDerived, f.done ?? false, f.tracking]),
    ).toEqual([
      ["add-an-alert", 12, 0, 0, true, false, []],
      ["rb", 13, 0, 1, false, true, []],
      ["k", 15, 1, 3, false, false, ["#40"]],
    ]);
    expect(out[0]!.derivation).toEqual({ term: 'heading "Short-term"', category: 'keyword "alert"' });
    expect(out[2]!.derivation).toEqual({ owner: 'column "SRE"' });
  });
});

describe("markdownEvidenceProblems (validation.markdown)", () => {
  const items = [item({ line: 3 }), item({ line: 4, evidence: ["#9"] }), item({ line: 5, status: "done" })];
  it("warn by default, error when configured; only open items without evidence", () => {
    const warn = markdownEvidenceProblems("p.md", items, {
      language: "en",
      validation: {
        required: true,
        markdown: "warn",
        onClose: "comment",
        proofRepositories: [],
        httpHosts: [],
        tickets: [],
      },
    });
    expect(warn.map((p) => [p.line, p.severity, p.code])).toEqual([[3, "warning", "markdown-no-evidence"]]);
    const error = markdownEvidenceProblems("p.md", items, {
      language: "ko",
      validation: {
        required: true,
        markdown: "error",
        onClose: "comment",
        proofRepositories: [],
        httpHosts: [],
        tickets: [],
      },
    });
    expect(error.map((p) => [p.line, p.severity])).toEqual([[3, "error"]]);
    expect(error[0]!.message).toMatch(/검증 근거가 없습니다/);
  });
});
