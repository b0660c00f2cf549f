import picomatch from "picomatch";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  isPostmortemFileName,
  postmortemPathMatcher,
  RefusedGlobError,
} from "../../../src/domain/postmortem/paths.js";
import { postmortemMatcher } from "../../../src/runs/merge/files.js";

describe("postmortemPathMatcher", () => {
  const matches = postmortemPathMatcher(["postmortems/**", "docs/postmortems/**"]);

  it.each([
    ["postmortems/2026-03-12-payments.md", true],
    ["postmortems/2026/q1/payments.yml", true],
    ["./postmortems/a.YAML", true],
    ["docs/postmortems/a.markdown", true],
    ["postmortems/diagram.png", false],
    ["postmortems/.hidden.md", false],
    ["docs/a.md", false],
    ["other/postmortems/a.md", false],
  ])("%s -> %s", (path, expected) => {
    expect(matches(path)).toBe(expected);
  });

  it("recognises Markdown and YAML file names", () => {
    expect(isPostmortemFileName("a/b.md")).toBe(true);
    expect(isPostmortemFileName("a\\b.yaml")).toBe(true);
    expect(isPostmortemFileName("a/b.txt")).toBe(false);
  });
});

/** The glob of issue 12: against a file named with 44 `a`s it stalled the server. */
const HOSTILE = "postmortems/*a*a*a*a*a*a*a*a*a*a*b.md";
const DEFAULTS = ["postmortems/**", "docs/postmortems/**"];

/**
 * The quantifiers of a regular expression's source that can repeat without bound (`*`, `+`,
 * `{n,}`), and whether one applies to a group that contains another (a nested quantifier, the
 * shape of catastrophic backtracking).
 */
function quantifiers(source: string): { unbounded: number; nested: boolean } {
  let unbounded = 0;
  let nested = false;
  const groups: number[] = []; // unbounded count when each open group started
  let lastGroup: { start: number } | null = null;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === "\\") {
      i++;
      lastGroup = null;
      continue;
    }
    if (c === "[") {
      while (i < source.length && source[i] !== "]") i += source[i] === "\\" ? 2 : 1;
      lastGroup = null;
      continue;
    }
    if (c === "(") {
      groups.push(unbounded);
      continue;
    }
    if (c === ")") {
      lastGroup = { start: groups.pop() ?? 0 };
      continue;
    }
    const open = c === "*" || c === "+" || (c === "{" && /^\{\d+,\}/.test(source.slice(i)));
    if (open) {
      if (lastGroup && unbounded > lastGroup.start) nested = true;
      unbounded++;
    }
    if (c !== "?" || !open) lastGroup = c === "?" ? lastGroup : null;
  }
  return { unbounded, nested };
}

describe("bounded matching", () => {
  afterEach(() => vi.restoreAllMocks());

  it("refuses the hostile glob before picomatch compiles it", () => {
    const makeRe = vi.spyOn(picomatch, "makeRe");
    expect(() => postmortemPathMatcher(["postmortems/**", HOSTILE])).toThrow(RefusedGlobError);
    expect(() => postmortemMatcher({ paths: [HOSTILE] })).toThrow(RefusedGlobError);
    expect(makeRe.mock.calls.map((c) => c[0])).not.toContain(HOSTILE);
    expect(makeRe).not.toHaveBeenCalled();
  });

  it("a file named with 44 a's against the default globs: matched by regexes without nested quantifiers", () => {
    const makeRe = vi.spyOn(picomatch, "makeRe");
    const matches = postmortemPathMatcher(DEFAULTS);
    expect(matches(`postmortems/${"a".repeat(44)}.md`)).toBe(true);
    expect(matches(`postmortems/${"a".repeat(44)}b`)).toBe(false);
    const compiled = makeRe.mock.results.map((r) => (r.value as RegExp).source);
    expect(compiled).toHaveLength(2);
    for (const source of compiled) expect(quantifiers(source)).toEqual({ unbounded: 1, nested: false });
    // What the counter calls nested: the extglob +(*a), a star inside a repeated group.
    expect(quantifiers("^(?:postmortems\\/(?:[^/]*?a)+b\\.md)$")).toEqual({ unbounded: 2, nested: true });
  });

  it("a glob at the bound compiles to at most 3 unbounded quantifiers, none nested", () => {
    const makeRe = vi.spyOn(picomatch, "makeRe");
    postmortemPathMatcher(["postmortems/**/*a*b.md", "docs/**/x-*.{md,yml}", "p/[0-9]?/**"]);
    const compiled = makeRe.mock.results.map((r) => quantifiers((r.value as RegExp).source));
    expect(compiled).toEqual([
      { unbounded: 3, nested: false },
      { unbounded: 2, nested: false },
      { unbounded: 1, nested: false },
    ]);
  });

  it("a path over 256 characters is never matched: no regular expression runs on it", () => {
    const matches = postmortemPathMatcher(DEFAULTS);
    const test = vi.spyOn(RegExp.prototype, "test");
    expect(matches(`postmortems/${"a".repeat(300)}.md`)).toBe(false);
    expect(matches(`postmortems/${"a".repeat(10_000)}.md`)).toBe(false);
    expect(test).not.toHaveBeenCalled();
    expect(matches(`postmortems/${"a".repeat(200)}.md`)).toBe(true);
    expect(test.mock.calls.length).toBeLessThanOrEqual(2); // the extension, then one glob
  });

  it("a glob with ! leaves files out; it does not make every other file a postmortem", () => {
    const matches = postmortemPathMatcher(["postmortems/**", "!postmortems/_TEMPLATE.md"]);
    expect(matches("postmortems/a.md")).toBe(true);
    expect(matches("postmortems/_TEMPLATE.md")).toBe(false);
    expect(matches("README.md")).toBe(false);
    expect(matches("docs/guide.md")).toBe(false);
  });

  it("the merge and the sweep agree with the check: dot files are not postmortems", () => {
    const sync = postmortemMatcher({ paths: DEFAULTS });
    expect(sync("postmortems/.hidden.md")).toBe(false);
    expect(sync("postmortems/.drafts/a.md")).toBe(false);
    expect(sync("./postmortems/a.md")).toBe(true);
  });
});
