import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultConfig, parseConfigText } from "../../../src/domain/config/load.js";
import type { Config } from "../../../src/domain/config/schema.js";
import { formatProblem } from "../../../src/domain/diagnostics/problem.js";
import { MAX_YAML_NODES, yamlWork } from "../../../src/domain/diagnostics/yaml-bounds.js";
import { parsePostmortem } from "../../../src/domain/postmortem/parse.js";

const fixture = (rel: string) => readFileSync(new URL(`../../fixtures/${rel}`, import.meta.url));

function problemsOf(rel: string, config: Config = defaultConfig()): string[] {
  return parsePostmortem(rel, fixture(rel), config).problems.map(formatProblem);
}

function configFrom(text: string): Config {
  const result = parseConfigText(text);
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join("\n"));
  return result.config;
}

describe("valid postmortems", () => {
  it.each([
    ["postmortems/2026-03-12-payments.md", "markdown", ["validate-gateway-config", "config-canary"]],
    ["postmortems/2026-04-02-login-ko.md", "markdown", ["renew-cert", "expiry-alert"]],
    ["postmortems/2026-05-20-cache.yml", "yaml", ["lower-failover-timeout"]],
  ])("%s has no problems", (rel, format, ids) => {
    const result = parsePostmortem(rel, fixture(rel), defaultConfig());
    expect(result.problems.map(formatProblem)).toEqual([]);
    expect(result.format).toBe(format);
    expect(result.skipped).toBeUndefined();
    expect(result.followups.map((f) => f.id)).toEqual(ids);
  });

  it("records term, index and the line of each follow-up in file coordinates", () => {
    const result = parsePostmortem("p.md", fixture("postmortems/2026-03-12-payments.md"), defaultConfig());
    expect(result.followups.map(({ id, term, index, line }) => ({ id, term, index, line }))).toEqual([
      { id: "validate-gateway-config", term: "short_term", index: 0, line: 19 },
      { id: "config-canary", term: "long_term", index: 0, line: 31 },
    ]);
    expect(result.postmortem?.root_cause?.five_whys).toHaveLength(2);
    expect(result.followups[0]?.validation).toEqual([
      "test/payments/gateway-config.test.ts",
      "https://grafana.example.com/d/payments",
      "#123",
    ]);
  });

  it("keeps Korean values and reports positions in characters", () => {
    const result = parsePostmortem("ko.md", fixture("postmortems/2026-04-02-login-ko.md"), defaultConfig());
    expect(result.postmortem?.title).toBe("로그인 장애");
    expect(result.followups[1]?.owner).toBe("acme/sre");
    const bad =
      "---\ntitle: 장애\ndate: 2026-04-02\nfollowups:\n  short_term:\n    - {id: a, title: 제목, category: 시스템, owner: a, description: d, validation: [x.md]}\n---\n";
    expect(parsePostmortem("ko.md", bad, defaultConfig()).problems.map(formatProblem)).toEqual([
      "ko.md:2:1 warning root_cause: no root_cause: add the 5 Whys or a fishbone so the follow-ups can be traced to causes",
      'ko.md:6:36 error followups.short_term[0].category: "시스템" is not a category (expected one of system, process, training, documentation, tooling); did you mean "system"?',
    ]);
  });

  it("handles CRLF line endings and a byte-order mark", () => {
    const text = fixture("bad/duplicate-ids.md").toString("utf8").replace(/\n/g, "\r\n");
    const problems = parsePostmortem("crlf.md", `\uFEFF${text}`, defaultConfig()).problems.map(formatProblem);
    expect(problems).toEqual([
      'crlf.md:15:11 error followups.long_term[0].id: duplicate id "scale-consumers" (first used at line 8, followups.short_term[0])',
    ]);
  });

  it("reports positions of a plain YAML file from its first line", () => {
    const text =
      "title: Cache\ndate: 2026-05-20\nroot_cause: {summary: x}\nfollowups:\n  long_term:\n    - id: x\n      title: t\n      category: sytem\n      owner: a\n      description: d\n      validation: [a.md]\n";
    expect(parsePostmortem("p.yaml", text, defaultConfig()).problems.map(formatProblem)).toEqual([
      'p.yaml:8:17 error followups.long_term[0].category: "sytem" is not a category (expected one of system, process, training, documentation, tooling); did you mean "system"?',
    ]);
  });
});

describe("every error and warning, with its line and column", () => {
  const cases: [string, string[]][] = [
    [
      "bad/yaml-syntax.md",
      [
        'bad/yaml-syntax.md:2:8 error YAML syntax: Nested mappings are not allowed in compact mappings (a value that contains ": " must be in quotes)',
        'bad/yaml-syntax.md:4:1 error YAML syntax: Map keys must be unique: "date" appears twice',
        'bad/yaml-syntax.md:8:14 error YAML syntax: Missing closing "quote (the quote that starts here is never closed)',
      ],
    ],
    [
      "bad/missing-required.md",
      [
        'bad/missing-required.md:2:1 error title: missing required key "title"',
        'bad/missing-required.md:2:1 error date: missing required key "date"',
        'bad/missing-required.md:7:7 error followups.short_term[0].id: missing required key "id"',
        'bad/missing-required.md:7:7 error followups.short_term[0].title: missing required key "title"',
        'bad/missing-required.md:7:7 error followups.short_term[0].category: missing required key "category"',
      ],
    ],
    [
      "bad/wrong-types.md",
      [
        "bad/wrong-types.md:2:8 error title: expected a string, got a list",
        'bad/wrong-types.md:4:10 error authors: expected a list, got the text "alice"',
        'bad/wrong-types.md:6:14 error root_cause.five_whys: expected a list, got the text "Because."',
        "bad/wrong-types.md:13:17 error followups.short_term[0].priority: 1 is not allowed (expected one of P0, P1, P2, P3)",
        'bad/wrong-types.md:15:19 error followups.short_term[0].validation: expected a list, got the text "test/deps.test.ts": write validation: ["test/deps.test.ts"], or each entry on its own "- " line below',
        'bad/wrong-types.md:16:14 error followups.long_term: expected a list, got the text "nope"',
      ],
    ],
    [
      "bad/bad-dates.md",
      [
        'bad/bad-dates.md:3:7 error date: "2026-02-30" is not a date: February 2026 has 28 days',
        'bad/bad-dates.md:7:9 error timeline[0].at: "yesterday at noon" is not a date or time (expected ISO 8601, e.g. 2026-03-12T10:02:00+09:00)',
        'bad/bad-dates.md:15:12 error followups.short_term[0].due: "next week" is not a date (expected YYYY-MM-DD)',
        'bad/bad-dates.md:22:12 error followups.short_term[1].due: "2026-13-01" is not a date: there is no month 13',
      ],
    ],
    [
      "bad/unknown-category.md",
      [
        'bad/unknown-category.md:4:11 error severity: "SEV9" is not a severity (expected one of SEV1, SEV2, SEV3, SEV4)',
        'bad/unknown-category.md:17:17 error followups.short_term[1].category: "sytem" is not a category (expected one of system, process, training, documentation, tooling); did you mean "system"?',
        'bad/unknown-category.md:23:17 error followups.short_term[2].category: "culture" is not a category (expected one of system, process, training, documentation, tooling)',
      ],
    ],
    [
      "bad/duplicate-ids.md",
      [
        'bad/duplicate-ids.md:15:11 error followups.long_term[0].id: duplicate id "scale-consumers" (first used at line 8, followups.short_term[0])',
      ],
    ],
    [
      "bad/validation.md",
      [
        "bad/validation.md:8:7 error followups.short_term[0].validation: missing validation: name at least one test, pull request, dashboard or runbook that proves the fix works",
        "bad/validation.md:18:19 error followups.short_term[1].validation: validation is empty: name at least one test, pull request, dashboard or runbook that proves the fix works",
        'bad/validation.md:24:19 error followups.short_term[2].validation: validation is empty: in YAML an unquoted # starts a comment, so write "#123" in quotes',
        'bad/validation.md:31:11 error followups.short_term[3].validation[0]: empty entry: in YAML an unquoted # starts a comment, so write "#45" in quotes',
        'bad/validation.md:32:11 error followups.short_term[3].validation[1]: "http://grafana.example.com/d/certs" must use https (or list grafana.example.com in the config\'s validation.http_hosts)',
        'bad/validation.md:33:11 error followups.short_term[3].validation[2]: "/etc/ssl/renew.sh" is an absolute path; write the path relative to the repository root',
        'bad/validation.md:34:11 error followups.short_term[3].validation[3]: "../other-repo/test.ts" leaves the repository ("..")',
        'bad/validation.md:35:11 error followups.short_term[3].validation[4]: "the on-call checked it" is neither an https URL, a repository path, nor a pull request or issue like "#123"',
        "bad/validation.md:36:11 error followups.short_term[3].validation[5]: cannot be empty",
      ],
    ],
    [
      "bad/unknown-keys.md",
      [
        'bad/unknown-keys.md:4:1 warning sumary: unknown key "sumary"; did you mean "summary"?',
        'bad/unknown-keys.md:6:3 warning root_cause.five_why: unknown key "five_why"; did you mean "five_whys"?',
        'bad/unknown-keys.md:8:3 error followups.short_trm: unknown key "short_trm"; did you mean "short_term"?',
        "bad/unknown-keys.md:13:7 error followups.long_term[0].validation: missing validation: name at least one test, pull request, dashboard or runbook that proves the fix works",
        'bad/unknown-keys.md:18:7 error followups.long_term[0].validaton: unknown key "validaton"; did you mean "validation"?',
      ],
    ],
    [
      "bad/empty-values.md",
      [
        "bad/empty-values.md:2:7 error title: expected a string, got empty",
        "bad/empty-values.md:5:1 warning root_cause: no root_cause: add the 5 Whys or a fishbone so the follow-ups can be traced to causes",
        "bad/empty-values.md:8:7 warning followups.short_term[0].owner: no owner: a follow-up nobody owns is rarely done",
        "bad/empty-values.md:8:7 warning followups.short_term[0].description: no description: say what done looks like",
        "bad/empty-values.md:13:18 error followups.short_term[0].validation: validation is empty: name at least one test, pull request, dashboard or runbook that proves the fix works",
        "bad/empty-values.md:16:11 error timeline[0].event: expected a string, got empty",
      ],
    ],
    [
      "bad/alias-bomb.md",
      ["bad/alias-bomb.md:2:1 error YAML aliases expand beyond 1000 nodes; the file is refused"],
    ],
    [
      "bad/unterminated.md",
      [
        'bad/unterminated.md:1:1 error front matter starts with "---" but never ends (add a closing "---" line)',
      ],
    ],
    [
      "bad/not-a-mapping.md",
      ["bad/not-a-mapping.md:2:1 error expected a mapping of postmortem keys (title, date, followups, ...)"],
    ],
    [
      "bad/warnings.md",
      [
        "bad/warnings.md:2:1 warning root_cause: no root_cause: add the 5 Whys or a fishbone so the follow-ups can be traced to causes",
        "bad/warnings.md:6:7 warning followups.short_term[0].owner: no owner: a follow-up nobody owns is rarely done",
        "bad/warnings.md:6:7 warning followups.short_term[0].description: no description: say what done looks like",
        "bad/warnings.md:14:12 warning followups.short_term[1].due: due date 2026-03-01 is before the incident date 2026-03-20",
      ],
    ],
  ];

  it.each(cases)("%s", (rel, expected) => {
    expect(problemsOf(rel)).toEqual(expected);
  });

  it("creates nothing from a file with errors, and everything valid from a file with warnings", () => {
    expect(parsePostmortem("x.md", fixture("bad/validation.md"), defaultConfig()).followups).toEqual([]);
    const warned = parsePostmortem("x.md", fixture("bad/warnings.md"), defaultConfig());
    expect(warned.followups.map((f) => f.id)).toEqual(["add-jitter", "warm-cache"]);
    expect(warned.postmortem?.title).toBe("Cache stampede");
  });

  it("an item with errors is left out while the others stay", () => {
    const result = parsePostmortem("x.md", fixture("bad/duplicate-ids.md"), defaultConfig());
    expect(result.followups.map((f) => `${f.term}:${f.id}`)).toEqual(["short_term:scale-consumers"]);
  });

  it("Markdown without front matter and without a follow-up section: a note that says what the file has, no problems", () => {
    const result = parsePostmortem("notes.md", fixture("bad/no-front-matter.md"), defaultConfig());
    expect(result.skipped).toBe('no follow-up section (e.g. "## Action Items"); headings: Notes');
    expect(result.problems).toEqual([]);
    expect(result.postmortem).toBeNull();
  });

  it("format: front-matter keeps the precise format only (a file without it is skipped with a note)", () => {
    const config = { ...defaultConfig(), format: "front-matter" as const };
    const result = parsePostmortem("notes.md", fixture("bad/no-front-matter.md"), config);
    expect(result.skipped).toBe("no YAML front matter: not a postmortem, skipped");
    expect(result.markdown).toBeUndefined();
  });

  it("a blog-style front matter without followups: the follow-ups are read from the text (issue 14)", () => {
    const text = [
      "---",
      "title: Checkout outage",
      "publishDate: 2026-11-02",
      "slug: checkout-outage",
      "---",
      "",
      "## Action items",
      "",
      "- [ ] Add a latency alert (owner: @alice)",
      "- [x] Roll back the pool change",
      "",
    ].join("\n");
    const result = parsePostmortem("posts/checkout.md", text, defaultConfig());
    expect(result.format).toBe("markdown");
    expect(result.postmortem?.title).toBe("Checkout outage");
    expect(result.postmortem?.date).toBe("2026-11-02");
    expect(result.followups.map((f) => [f.title, f.owner, f.line])).toEqual([
      ["Add a latency alert", "alice", 9],
    ]);
    expect(result.markdown?.items.map((i) => i.status)).toEqual(["open", "done"]);
  });

  it("refuses a file over 1 MiB", () => {
    const big = `---\ntitle: x\n---\n${"a".repeat(1024 * 1024)}`;
    expect(parsePostmortem("big.md", big, defaultConfig()).problems.map(formatProblem)).toEqual([
      "big.md:1:1 error file is 1048593 bytes; postmortems are limited to 1 MiB (1048576 bytes)",
    ]);
  });

  it("refuses a binary file and invalid UTF-8", () => {
    const binary = new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01, 0x02, 0x89, 0x50, 0x4e, 0x47]);
    expect(parsePostmortem("bin.md", binary, defaultConfig()).problems.map(formatProblem)).toEqual([
      "bin.md:1:1 error file is binary, not a postmortem",
    ]);
    const latin1 = new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0x74, 0xe9, 0x0a]);
    expect(parsePostmortem("latin1.md", latin1, defaultConfig()).problems.map(formatProblem)).toEqual([
      "latin1.md:1:1 error file is not valid UTF-8 text",
    ]);
  });

  it("refuses too many follow-ups", () => {
    const items = Array.from(
      { length: 201 },
      (_, i) => `    - {id: f${i}, title: t, category: system, owner: a, description: d, validation: [a.md]}`,
    );
    const text = `title: x\ndate: 2026-01-01\nroot_cause: {summary: x}\nfollowups:\n  short_term:\n${items.join("\n")}\n`;
    expect(parsePostmortem("many.yml", text, defaultConfig()).problems.map(formatProblem)).toEqual([
      "many.yml:4:1 error followups: 201 follow-ups; at most 200 per postmortem (split the file, or group small items)",
    ]);
  });

  it("10,000 follow-ups: the limit once, and no follow-up past it is looked at", () => {
    // Items that are not mappings: one problem each from the schema, and small enough (one node
    // each) that the file is under the node bound.
    const items = Array.from({ length: 10_000 }, () => "    - x");
    const text = `title: x\ndate: 2026-01-01\nroot_cause: {summary: x}\nfollowups:\n  short_term:\n${items.join("\n")}\n`;
    const problems = parsePostmortem("many.yml", text, defaultConfig()).problems;
    expect(problems.filter((p) => p.code === "too-many-followups").map(formatProblem)).toEqual([
      "many.yml:4:1 error followups: 10000 follow-ups; at most 200 per postmortem (split the file, or group small items)",
    ]);
    // The first 200 items were checked (one problem each), none after them.
    const perItem = problems.filter((p) => p.path.startsWith("followups.short_term["));
    expect(perItem).toHaveLength(200);
    expect(perItem.at(-1)?.path).toBe("followups.short_term[199]");
    expect(problems).toHaveLength(201);
  });

  it("the limit counts both terms: long_term items past it are not looked at either", () => {
    const items = (n: number) => Array.from({ length: n }, () => "    - x").join("\n");
    const text = `title: x\ndate: 2026-01-01\nroot_cause: {summary: x}\nfollowups:\n  short_term:\n${items(150)}\n  long_term:\n${items(150)}\n`;
    const problems = parsePostmortem("many.yml", text, defaultConfig()).problems;
    expect(problems.filter((p) => p.path.startsWith("followups.short_term["))).toHaveLength(150);
    const long = problems.filter((p) => p.path.startsWith("followups.long_term["));
    expect(long.map((p) => p.path)).toEqual(
      Array.from({ length: 50 }, (_, i) => `followups.long_term[${i}]`),
    );
    expect(problems.filter((p) => p.code === "too-many-followups")).toHaveLength(1);
  });

  it("10,000 complete follow-ups: over the node bound, one positioned error", () => {
    const items = Array.from(
      { length: 10_000 },
      (_, i) => `    - {id: f${i}, title: t, category: system, owner: a, description: d, validation: [a.md]}`,
    );
    const text = `title: x\ndate: 2026-01-01\nroot_cause: {summary: x}\nfollowups:\n  short_term:\n${items.join("\n")}\n`;
    const problems = parsePostmortem("many.yml", text, defaultConfig()).problems;
    // 12 nodes before the list, 14 an item (`-`, six keys and their values, one evidence): item
    // 1,428 (line 1,433) passes 20,000.
    expect(problems.map((p) => [p.line, p.code])).toEqual([[1433, "yaml-too-many-nodes"]]);
  });

  it("validation entries past the limit of 20 are not checked one by one", () => {
    const entries = Array.from({ length: 1_000 }, () => "not evidence").join(", ");
    const text = `title: x\ndate: 2026-01-01\nroot_cause: {summary: x}\nfollowups:\n  short_term:\n    - {id: a, title: t, category: system, owner: a, description: d, validation: [${entries}]}\n`;
    const problems = parsePostmortem("v.yml", text, defaultConfig()).problems;
    expect(problems.filter((p) => p.code === "bad-evidence")).toHaveLength(20);
    expect(problems.filter((p) => p.code !== "bad-evidence").map(formatProblem)).toEqual([
      "v.yml:6:81 error followups.short_term[0].validation: too many entries (at most 20)",
    ]);
  });

  it("a front matter of 40,000 keys, or of 105,000 keys in 1 MiB: one positioned error, read up to the bound only", () => {
    const frontMatter = (n: number) =>
      `---\ntitle: x\ndate: 2026-01-01\n${Array.from({ length: n }, (_, i) => `x${i.toString(36)}: 1`).join("\n")}\n---\nText.\n`;
    const huge = frontMatter(105_000);
    expect(Buffer.byteLength(huge)).toBeLessThan(1024 * 1024);
    const results: string[][] = [];
    const lexemes: number[] = [];
    for (const text of [frontMatter(40_000), huge]) {
      const before = yamlWork.lexemes;
      results.push(parsePostmortem("p.md", text, defaultConfig()).problems.map(formatProblem));
      lexemes.push(yamlWork.lexemes - before);
    }
    expect(results[0]).toEqual([
      `p.md:10002:5 error YAML has more than ${MAX_YAML_NODES} nodes (keys, values and list items); the file is refused`,
    ]);
    expect(results[1]).toEqual(results[0]);
    // The same work for both, bounded by the limit: about 7 lexemes a key, 10,000 keys.
    expect(lexemes[1]).toBe(lexemes[0]);
    expect(lexemes[0]).toBeLessThanOrEqual(7 * (MAX_YAML_NODES / 2) + 10);
  });

  it("warns when a postmortem has no follow-ups", () => {
    const text = "title: x\ndate: 2026-01-01\nroot_cause: {summary: x}\nfollowups: {}\n";
    expect(parsePostmortem("none.yml", text, defaultConfig()).problems.map(formatProblem)).toEqual([
      "none.yml:4:12 warning followups: no follow-ups under short_term or long_term",
    ]);
  });
});

describe("the mistakes people make, with the position and the fix", () => {
  const lint = (file: string, text: string) =>
    parsePostmortem(file, text, defaultConfig()).problems.map(formatProblem);
  const head = "---\ntitle: Cache stampede\ndate: 2026-03-05\nroot_cause:\n  summary: TTLs aligned.\n";
  const item = (fields: string) =>
    `followups:\n  short_term:\n    - id: jitter\n      title: Add TTL jitter\n${fields}---\n# Narrative\n`;
  const complete = "      category: system\n      owner: alice\n      description: d\n";

  it("a tab used as indentation: the tab, not the errors it drags along", () => {
    const text = "---\ntitle: x\ndate: 2026-03-05\nroot_cause:\n  five_whys:\n\t- The cache expired.\n---\n";
    expect(lint("tabs.md", text)).toEqual([
      "tabs.md:6:1 error YAML syntax: Tabs are not allowed as indentation (indent with spaces)",
    ]);
  });

  it("a misindented key: at the key, not at column 1, with what to check", () => {
    const text = `${head}followups:\n  long_term:\n    - id: redesign\n      title: Redesign\n${complete}    validation:\n      - test/cache.test.ts\n---\n`;
    expect(lint("indent.md", text)).toEqual([
      'indent.md:13:5 error YAML syntax: All mapping items must start at the same column (check the indentation of "validation": the keys of one mapping must line up, with spaces)',
    ]);
    const short = `${head}followups:\n  short_term:\n    - id: a\n     title: b\n---\n`;
    expect(lint("short.md", short)).toEqual([
      'short.md:9:6 error YAML syntax: Sequence item without - indicator (check the indentation of "title": the keys of one mapping must line up, with spaces)',
    ]);
  });

  it("an unclosed quote: where the quote opens, not at the end of the front matter", () => {
    expect(lint("q.md", "---\ntitle: 'it''s down\ndate: 2026-01-01\n---\n")).toEqual([
      "q.md:2:8 error YAML syntax: Missing closing 'quote (the quote that starts here is never closed)",
    ]);
  });

  it("an unquoted #12 names the reference to quote", () => {
    const text = head + item(`${complete}      validation:\n        - #12\n`);
    expect(lint("hash.md", text)).toEqual([
      'hash.md:14:11 error followups.short_term[0].validation[0]: empty entry: in YAML an unquoted # starts a comment, so write "#12" in quotes',
    ]);
    const inline = head + item(`${complete}      validation: #7\n`);
    expect(lint("hash.md", inline)).toEqual([
      'hash.md:13:19 error followups.short_term[0].validation: validation is empty: in YAML an unquoted # starts a comment, so write "#7" in quotes',
    ]);
  });

  it("validation as one string: how to write the list", () => {
    const text = head + item(`${complete}      validation: test/cache.test.ts\n`);
    expect(lint("v.md", text)).toEqual([
      'v.md:13:19 error followups.short_term[0].validation: expected a list, got the text "test/cache.test.ts": write validation: ["test/cache.test.ts"], or each entry on its own "- " line below',
    ]);
  });

  it("dates: the fixed date, or why there is no such day", () => {
    const text = `---\ntitle: x\ndate: 2026-3-5\nroot_cause: {summary: x}\n${item(`${complete}      due: 2026/04/31\n      validation: [a.md]\n`)}`;
    expect(lint("d.md", text)).toEqual([
      'd.md:3:7 error date: "2026-3-5" is not a date in the form YYYY-MM-DD: write 2026-03-05',
      'd.md:12:12 error followups.short_term[0].due: "2026/04/31" is not a date: April 2026 has 30 days',
    ]);
    const leap = `---\ntitle: x\ndate: 2028-02-29\nroot_cause: {summary: x}\n${item(`${complete}      due: 2028-3-1\n      validation: [a.md]\n`)}`;
    expect(lint("d.md", leap)).toEqual([
      'd.md:12:12 error followups.short_term[0].due: "2028-3-1" is not a date in the form YYYY-MM-DD: write 2028-03-01',
    ]);
  });

  it("an id with capitals or in Korean, an owner with @, a name or two owners", () => {
    const followup = (id: string, owner: string) =>
      `    - id: ${id}\n      title: t\n      category: system\n      owner: ${owner}\n      description: d\n      validation: [a.md]\n`;
    const text = `${head}followups:\n  short_term:\n${followup("Jitter_TTL", '"@alice"')}${followup("세션-정리", "김민수")}${followup("b", "alice, bob")}${followup("c", "alice@example.com")}---\n`;
    expect(lint("ids.md", text)).toEqual([
      'ids.md:8:11 error followups.short_term[0].id: "Jitter_TTL" is not a valid id: use lowercase letters, digits and dashes, starting with a letter or digit; did you mean "jitter-ttl"?',
      'ids.md:14:11 error followups.short_term[1].id: "세션-정리" is not a valid id: use lowercase letters, digits and dashes, starting with a letter or digit (the id is a key that never changes; the title can be in any language)',
      'ids.md:17:14 error followups.short_term[1].owner: "김민수" is not a GitHub login or org/team: write the GitHub login (e.g. alice) or org/team',
      'ids.md:23:14 error followups.short_term[2].owner: "alice, bob" is not a GitHub login or org/team: a follow-up has one owner (split it into one follow-up per owner, or name a team)',
      'ids.md:29:14 error followups.short_term[3].owner: "alice@example.com" is not a GitHub login or org/team: write the GitHub login, not an e-mail address',
    ]);
  });

  it("a category written in Korean or as its label: the key to write", () => {
    const followup = (id: string, category: string) =>
      `    - id: ${id}\n      title: t\n      category: ${category}\n      owner: a\n      description: d\n      validation: [a.md]\n`;
    const text = `${head}followups:\n  long_term:\n${followup("a", "교육 및 훈련")}${followup("b", '"분류: 문서화 및 공유"')}${followup("c", "Process")}${followup("d", "개선")}---\n`;
    const expected = "(expected one of system, process, training, documentation, tooling)";
    expect(lint("c.md", text)).toEqual([
      `c.md:10:17 error followups.long_term[0].category: "교육 및 훈련" is not a category ${expected}; did you mean "training"?`,
      `c.md:16:17 error followups.long_term[1].category: "분류: 문서화 및 공유" is not a category ${expected}; did you mean "documentation"?`,
      `c.md:22:17 error followups.long_term[2].category: "Process" is not a category ${expected}; did you mean "process"?`,
      `c.md:28:17 error followups.long_term[3].category: "개선" is not a category ${expected}`,
    ]);
  });

  it("Windows line endings, a byte-order mark and front matter closed with ...", () => {
    const text = `${head.replace("date: 2026-03-05", "date: 2026-3-05")}${item(`${complete}      validation: [a.md]\n`).replace("---\n# Narrative", "...\n# Narrative")}`;
    const expected = [
      'w.md:3:7 error date: "2026-3-05" is not a date in the form YYYY-MM-DD: write 2026-03-05',
    ];
    expect(lint("w.md", text)).toEqual(expected);
    expect(lint("w.md", `\uFEFF${text.replace(/\n/g, "\r\n")}`)).toEqual(expected);
  });
});

describe("the config shapes the checks", () => {
  it("missing validation is a warning when validation.required is false", () => {
    const config = configFrom("validation:\n  required: false\n");
    expect(problemsOf("bad/validation.md", config).slice(0, 3)).toEqual([
      "bad/validation.md:8:7 warning followups.short_term[0].validation: missing validation: name at least one test, pull request, dashboard or runbook that proves the fix works",
      "bad/validation.md:18:19 warning followups.short_term[1].validation: validation is empty: name at least one test, pull request, dashboard or runbook that proves the fix works",
      'bad/validation.md:24:19 warning followups.short_term[2].validation: validation is empty: in YAML an unquoted # starts a comment, so write "#123" in quotes',
    ]);
  });

  it("an empty value is an absent key: with validation.required false the item is planned", () => {
    const config = configFrom("validation:\n  required: false\n");
    const text =
      "title: x\ndate: 2026-01-01\nroot_cause: {summary: x}\nfollowups:\n  short_term:\n    - id: a\n      title: t\n      category: system\n      owner:\n      description: d\n      validation:\n";
    const result = parsePostmortem("p.yml", text, config);
    expect(result.problems.map(formatProblem)).toEqual([
      "p.yml:6:7 warning followups.short_term[0].owner: no owner: a follow-up nobody owns is rarely done",
      "p.yml:11:18 warning followups.short_term[0].validation: validation is empty: name at least one test, pull request, dashboard or runbook that proves the fix works",
    ]);
    expect(result.followups.map((f) => f.id)).toEqual(["a"]);
  });

  it("checks categories and severities against the configured sets", () => {
    const config = configFrom("categories:\n  culture: {}\n  system: {}\nseverities: [P1, P2, SEV9]\n");
    expect(problemsOf("bad/unknown-category.md", config)).toEqual([
      'bad/unknown-category.md:17:17 error followups.short_term[1].category: "sytem" is not a category (expected one of culture, system); did you mean "system"?',
    ]);
  });
});

describe("robustness", () => {
  it("never throws and always reports positive positions, whatever the input", () => {
    const fragments = [
      "---",
      "\n",
      "title: x",
      "date: 2026-01-01",
      "followups:",
      "  short_term:",
      "    - id: a",
      "      validation: [#1]",
      ": ",
      "[",
      "]",
      "{",
      "&a",
      "*a",
      "'",
      '"',
      "\t",
      "- ",
      "#",
      "é",
      "😀",
      "\u0000",
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 40 }), fc.string(), (parts, noise) => {
        const text = parts.join("") + noise;
        for (const file of ["p.md", "p.yml"]) {
          const result = parsePostmortem(file, text, defaultConfig());
          for (const p of result.problems) {
            expect(p.line).toBeGreaterThanOrEqual(1);
            expect(p.column).toBeGreaterThanOrEqual(1);
            expect(p.message).not.toBe("");
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("in the config's language (language: ko)", () => {
  const ko = configFrom("language: ko\n");
  const where = (p: { line: number; column: number; severity: string; path: string; code: string }) => [
    p.line,
    p.column,
    p.severity,
    p.path,
    p.code,
  ];
  const bad = [
    "bad/yaml-syntax.md",
    "bad/missing-required.md",
    "bad/wrong-types.md",
    "bad/bad-dates.md",
    "bad/unknown-category.md",
    "bad/duplicate-ids.md",
    "bad/validation.md",
    "bad/unknown-keys.md",
    "bad/empty-values.md",
    "bad/alias-bomb.md",
    "bad/unterminated.md",
    "bad/not-a-mapping.md",
    "bad/warnings.md",
  ];

  it.each(bad)("%s: every problem at the same place with the same code, its message in Korean", (rel) => {
    const english = parsePostmortem(rel, fixture(rel), defaultConfig()).problems;
    const korean = parsePostmortem(rel, fixture(rel), ko).problems;
    expect(korean.map(where)).toEqual(english.map(where));
    expect(korean.length).toBeGreaterThan(0);
    for (const [i, p] of korean.entries()) {
      expect(p.message).toMatch(/[\uac00-\ud7a3]/);
      expect(p.message).not.toBe(english[i]!.message);
    }
  });

  it("keeps keys, values and paths verbatim around the Korean sentence", () => {
    expect(problemsOf("bad/unknown-category.md", ko)).toEqual([
      'bad/unknown-category.md:4:11 error severity: "SEV9"는 심각도가 아닙니다 (가능한 값: SEV1, SEV2, SEV3, SEV4)',
      'bad/unknown-category.md:17:17 error followups.short_term[1].category: "sytem"은 분류가 아닙니다 (가능한 값: system, process, training, documentation, tooling); "system"을 말씀하신 건가요?',
      'bad/unknown-category.md:23:17 error followups.short_term[2].category: "culture"는 분류가 아닙니다 (가능한 값: system, process, training, documentation, tooling)',
    ]);
    expect(problemsOf("bad/validation.md", ko).slice(0, 5)).toEqual([
      "bad/validation.md:8:7 error followups.short_term[0].validation: 검증 방법(validation)이 없습니다: 해결책의 효과를 확인할 테스트, 풀 리퀘스트, 대시보드, 런북 중 하나 이상을 적으세요",
      "bad/validation.md:18:19 error followups.short_term[1].validation: 검증 방법(validation)이 비어 있습니다: 해결책의 효과를 확인할 테스트, 풀 리퀘스트, 대시보드, 런북 중 하나 이상을 적으세요",
      'bad/validation.md:24:19 error followups.short_term[2].validation: 검증 방법(validation)이 비어 있습니다: YAML에서는 따옴표 없는 #부터 주석이므로 "#123"처럼 따옴표로 감싸세요',
      'bad/validation.md:31:11 error followups.short_term[3].validation[0]: 빈 항목입니다: YAML에서는 따옴표 없는 #부터 주석이므로 "#45"처럼 따옴표로 감싸세요',
      'bad/validation.md:32:11 error followups.short_term[3].validation[1]: "http://grafana.example.com/d/certs": https 주소여야 합니다 (또는 grafana.example.com 호스트를 설정의 validation.http_hosts에 추가하세요)',
    ]);
    expect(problemsOf("bad/warnings.md", ko)).toEqual([
      "bad/warnings.md:2:1 warning root_cause: root_cause가 없습니다: 후속 조치를 원인까지 추적할 수 있도록 5 Whys나 피시본 다이어그램을 적으세요",
      "bad/warnings.md:6:7 warning followups.short_term[0].owner: 담당자(owner)가 없습니다: 담당자가 없는 후속 조치는 끝나지 않기 쉽습니다",
      "bad/warnings.md:6:7 warning followups.short_term[0].description: 설명(description)이 없습니다: 무엇이 되면 완료인지 적으세요",
      "bad/warnings.md:14:12 warning followups.short_term[1].due: 기한 2026-03-01이 장애 날짜 2026-03-20보다 앞섭니다",
    ]);
  });

  it("the file-level problems and the note for a file that is not a postmortem", () => {
    const binary = new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01]);
    expect(parsePostmortem("bin.md", binary, ko).problems.map(formatProblem)).toEqual([
      "bin.md:1:1 error 바이너리 파일이라 포스트모템이 아닙니다",
    ]);
    const big = `---\ntitle: x\n---\n${"a".repeat(1024 * 1024)}`;
    expect(parsePostmortem("big.md", big, ko).problems.map((p) => [p.code, p.message])).toEqual([
      ["file-too-large", "파일이 1048593바이트입니다. 포스트모템 파일은 1 MiB(1048576바이트)까지만 읽습니다"],
    ]);
    expect(parsePostmortem("notes.md", fixture("bad/no-front-matter.md"), ko).skipped).toBe(
      '후속 조치 섹션(예: "## 재발 방지 계획")이 없습니다. 이 파일의 제목: Notes',
    );
  });

  it("the codes are the same in every language", () => {
    expect(parsePostmortem("x.md", fixture("bad/validation.md"), ko).problems.map((p) => p.code)).toEqual([
      "missing-validation",
      "empty-validation",
      "validation-commented-out",
      "empty-entry-commented-out",
      "evidence-not-https",
      "evidence-absolute-path",
      "evidence-outside-repo",
      "bad-evidence",
      "empty-text",
    ]);
  });
});
