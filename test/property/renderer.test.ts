import fc from "fast-check";
import "./seed.js";
import { describe, expect, it } from "vitest";
import { parseConfigObject } from "../../src/domain/config/load.js";
import type { Config } from "../../src/domain/config/schema.js";
import { buildDesired } from "../../src/domain/followups/desired.js";
import type { DesiredFollowup } from "../../src/domain/followups/model.js";
import { composeIssueBody } from "../../src/domain/followups/plan.js";
import { readFollowupMarker } from "../../src/domain/markers/marker.js";
import type { ParsedFollowup } from "../../src/domain/postmortem/parse.js";
import type { Postmortem } from "../../src/domain/postmortem/schema.js";
import type { FollowupReport, ReconcileResult } from "../../src/runs/merge/report.js";
import { renderSummary } from "../../src/runs/merge/summary.js";
import { recordFigures } from "../reliability/figures.js";

/**
 * The renderer on hostile user text: `{{`, `<!--`, `-->`, raw HTML, pipes, newlines, @-mentions of
 * people and teams. The issue body has exactly one follow-up marker, at the start, that reads back
 * to the same (path, id); no user text becomes HTML, a comment or a marker; table rows keep their
 * column count; nobody is mentioned but the owners the file names.
 */

const HOSTILE = [
  "{{",
  "}}",
  "{{constructor.constructor('return process')()}}",
  "{{#each this}}x{{/each}}",
  "{{> partial}}",
  "<!--",
  "-->",
  '<!-- postmortem-followups:followup v1 {"path":"evil.md","id":"x"} -->',
  "<!-- postmortem-followups:end -->",
  "<!-- postmortem-followups:evidence-begin -->",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "<details open>",
  "</table>",
  "&lt;!--",
  "&#60;!--",
  "|",
  "||",
  "\\|",
  "\n",
  "\r\n",
  "\n\n| a | b |\n| - | - |\n",
  "@octo-org/everyone",
  "@admin",
  "@@x",
  "cc @mallory and @org/team",
  "mail@example.com",
  "`@inline`",
  "[x](javascript:alert(1))",
  "![](http://evil/x.png)",
  "\u200b",
  "\u202e",
  "#1",
  "---",
  "* ",
  "# heading",
];

const hostileText = fc
  .array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 8 })), { minLength: 1, maxLength: 8 })
  .map((parts) => parts.join(""));
const titleText = hostileText.map((t) => t.slice(0, 256) || "t");

const OWNERS = ["alice", "bob-smith", "octo-org/sre", "@carol"];

/** Template-written HTML and the app's own comments; anything else with `<` came from a user. */
const ALLOWED_TAGS =
  /<!-- postmortem-followups:[a-z-]+(?: v1 \{[^\n]*?\})? -->|<\/?details(?: open)?>|<\/?summary>|<\/?sub>|<link or #N>|<링크 또는 #번호>/g;

function config(language: "en" | "ko"): Config {
  const result = parseConfigObject({ language, milestones: false });
  if (!result.ok) throw new Error("config");
  return result.config;
}

const repo = { owner: "octo-org", repo: "payments", defaultBranch: "main", serverUrl: "https://github.com" };

const input = fc.record({
  language: fc.constantFrom("en" as const, "ko" as const),
  title: titleText,
  summary: hostileText,
  rootCause: hostileText,
  whys: fc.array(hostileText, { maxLength: 3 }),
  items: fc.array(
    fc.record({
      title: titleText,
      description: hostileText,
      owner: fc.option(fc.constantFrom(...OWNERS), { nil: undefined }),
      validation: fc.array(
        fc.oneof(hostileText, fc.constantFrom("test/a.test.ts", "#12", "https://x.example/d")),
        {
          minLength: 1,
          maxLength: 3,
        },
      ),
      category: fc.constantFrom("system", "process"),
    }),
    { minLength: 1, maxLength: 4 },
  ),
});

/** Active mentions: `@login` or `@org/team` not preceded by a word character, backtick or zero-width
 * space, outside HTML comments (the marker's JSON keeps the raw title; comments are not rendered). */
function mentions(text: string): string[] {
  const out: string[] = [];
  const visible = text.replace(/<!--[\s\S]*?-->/g, "");
  for (const m of visible.matchAll(
    /(^|[^A-Za-z0-9`\u200b@])@([A-Za-z0-9][A-Za-z0-9-]*(?:\/[A-Za-z0-9._-]+)?)/g,
  ))
    out.push(m[2]!);
  return out;
}

/** Rows of every Markdown table: the header's column count must hold in every row. */
function tableShapes(text: string): { header: number; rows: number[] }[] {
  const lines = text.split("\n");
  const tables: { header: number; rows: number[] }[] = [];
  const columns = (line: string) => line.replace(/\\\|/g, "").split("|").length;
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!lines[i]!.startsWith("|") || !/^\|( ?-+ ?\|)+$/.test(lines[i + 1]!.trim())) continue;
    const table = { header: columns(lines[i]!), rows: [] as number[] };
    for (let j = i + 2; j < lines.length && lines[j]!.startsWith("|"); j++)
      table.rows.push(columns(lines[j]!));
    tables.push(table);
  }
  return tables;
}

let rendered = 0;

describe("rendering hostile user text", () => {
  it("issue bodies: one marker at the start, read back to (path, id); no user HTML; only allowed mentions", () => {
    fc.assert(
      fc.property(input, (x) => {
        const cfg = config(x.language);
        const postmortem = {
          title: x.title,
          date: "2026-03-12",
          severity: "SEV2",
          summary: x.summary,
          root_cause: {
            summary: x.rootCause,
            five_whys: x.whys,
            fishbone: { [x.rootCause.slice(0, 20)]: x.whys },
          },
          followups: {},
        } as unknown as Postmortem;
        const followups: ParsedFollowup[] = x.items.map((item, i) => ({
          id: `item-${i}`,
          title: item.title,
          category: item.category,
          ...(item.owner ? { owner: item.owner } : {}),
          description: item.description,
          validation: item.validation,
          term: i % 2 === 0 ? "short_term" : "long_term",
          index: i,
          line: 10 + i,
        }));
        const path = "postmortems/2026-03-12-payments.md";
        const desired = buildDesired({
          path,
          postmortem,
          followups,
          config: cfg,
          repo,
          pr: { number: 7, url: "https://github.com/octo-org/payments/pull/7" },
          mergedOn: "2026-03-20",
        });
        const allowed = new Set(
          x.items.flatMap((i) => (i.owner ? [i.owner.replace(/^@/, "").toLowerCase()] : [])),
        );
        for (const d of desired) {
          rendered++;
          const body = composeIssueBody(d);
          expect(body.indexOf("<!-- postmortem-followups:followup ")).toBe(0);
          expect(body.match(/<!-- postmortem-followups:followup/g)).toHaveLength(1);
          expect(body.match(/<!--/g)).toHaveLength(5); // marker, begin, end, evidence-begin, evidence-end
          expect(body.match(/-->/g)).toHaveLength(5);
          const marker = readFollowupMarker(body);
          expect(marker).toMatchObject({ path, id: d.id });
          expect(body.replace(ALLOWED_TAGS, "")).not.toContain("<");
          for (const who of mentions(body)) expect(allowed.has(who.toLowerCase())).toBe(true);
          // Handlebars never evaluates template syntax found in data.
          expect(body).not.toContain("[object");
          expect(body).not.toMatch(/function \w*\(/);
        }
        // The pull request summary: its tables keep their shape, its mentions are none.
        const summary = renderSummary({
          result: resultFor(desired, path),
          config: cfg,
          repo,
          pr: { number: 7, url: "https://github.com/octo-org/payments/pull/7" },
        });
        for (const table of tableShapes(summary))
          for (const row of table.rows) expect(row).toBe(table.header);
        expect(summary.replace(ALLOWED_TAGS, "")).not.toContain("<");
        expect(mentions(summary)).toEqual([]);
      }),
      { numRuns: 150 },
    );
    recordFigures("property: renderer (hostile text in every field, en and ko)", {
      issueBodies: rendered,
      forgedMarkers: 0,
      brokenTables: 0,
      unexpectedMentions: 0,
    });
  });
});

function resultFor(desired: DesiredFollowup[], path: string): ReconcileResult {
  const followups: FollowupReport[] = desired.map((d, i) => ({
    key: d.key,
    path: d.path,
    id: d.id,
    term: d.term,
    category: d.category,
    title: d.title,
    owner: d.owner,
    ownerProblem: i === 0 && d.owner ? "not a GitHub user" : null,
    due: d.due,
    number: 10 + i,
    url: `https://github.com/octo-org/payments/issues/${10 + i}`,
    issueState: "open",
    state: "created",
    reasons: [],
  }));
  return {
    files: [{ path, status: "added", outcome: "reconciled", problems: [], postmortem: null }],
    followups,
    closed: [],
    joins: [],
    ownerProblems: [],
    labelsCreated: [],
    milestones: [],
    failures: desired.slice(0, 1).map((d) => ({ operation: `create ${d.key}`, message: d.title })),
    untrusted: [],
    writes: 0,
    actions: [],
  };
}
