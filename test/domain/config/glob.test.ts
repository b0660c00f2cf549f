import { describe, expect, it } from "vitest";
import { globIssue, MAX_GLOB_WILDCARDS, scanGlob } from "../../../src/domain/config/glob.js";
import { parseConfigText } from "../../../src/domain/config/load.js";

/** The glob of issue 12: against a file named with 44 `a`s it stalled the server. */
const HOSTILE = "postmortems/*a*a*a*a*a*a*a*a*a*a*b.md";

function globProblems(text: string, language?: "ko") {
  const result = parseConfigText(text, ".github/postmortem-followups.yml", language ? { language } : {});
  return result.problems.map((p) => [p.line, p.column, p.path, p.code, p.message]);
}

describe("the bounds on paths globs", () => {
  it("counts each *, **, ?, [...] and each {...} alternative after the first; a leading ! is not one", () => {
    expect(
      [
        "postmortems/**",
        "docs/postmortems/**/*.md",
        "!postmortems/_TEMPLATE.md",
        "postmortems/**/*.{md,yml}",
        "postmortems/20[0-9][0-9]-*.md",
        "postmortems/{1..9}/?.md",
        "postmortems/\\*literal\\?.md",
        "postmortems/{a,{b,c}}",
        HOSTILE,
      ].map((g) => scanGlob(g).wildcards),
    ).toEqual([1, 2, 0, 3, 3, 2, 0, 2, 11]);
  });

  it("the globs real configs use are within the bounds; the hostile glob and extglobs are not", () => {
    for (const glob of ["postmortems/**", "docs/postmortems/**/*.md", "!postmortems/_TEMPLATE.md"])
      expect(globIssue(glob)).toBeUndefined();
    expect(globIssue(HOSTILE)).toEqual({ kind: "too-many-wildcards", count: 11, max: MAX_GLOB_WILDCARDS });
    // Stars backtrack within a path segment: at most 2 there; a whole-segment ** is not one.
    expect(globIssue("postmortems/*a*a*b.md")).toEqual({ kind: "too-many-stars", count: 3, max: 2 });
    expect(globIssue("postmortems/**/*a*b.md")).toBeUndefined();
    expect(globIssue("postmortems/a**b*c*d.md")).toEqual({ kind: "too-many-stars", count: 3, max: 2 });
    expect(scanGlob("**/x/**").segmentStars).toBe(0);
    expect(globIssue("postmortems/+(*a)b.md")).toEqual({ kind: "extglob", text: "+(*a)" });
    expect(globIssue("!(drafts)/**")).toEqual({ kind: "extglob", text: "!(drafts)" });
    expect(globIssue(`postmortems/${"x".repeat(250)}`)).toEqual({ kind: "too-long", length: 262, max: 256 });
  });

  it("the config refuses the hostile glob with its line and column, in English and Korean", () => {
    const text = `language: en\npaths:\n  - postmortems/**\n  - "${HOSTILE}"\n`;
    expect(globProblems(text)).toEqual([
      [
        4,
        5,
        "paths[1]",
        "glob-too-many-wildcards",
        'this glob has 11 wildcards; at most 3 are allowed (each *, **, ?, [...] and each {...} alternative after the first counts). Only Markdown and YAML files are postmortems anyway, so "postmortems/**" is usually enough',
      ],
    ]);
    expect(globProblems(text.replace("language: en", "language: ko"))).toEqual([
      [
        4,
        5,
        "paths[1]",
        "glob-too-many-wildcards",
        '이 글롭에는 와일드카드가 11개 있습니다. 글롭 하나에 3개까지 쓸 수 있습니다 (*, **, ?, [...]를 하나씩 세고, {...}는 첫 번째 뒤의 선택지를 하나씩 셉니다). 포스트모템은 어차피 마크다운과 YAML 파일만 읽으므로 보통 "postmortems/**"로 충분합니다',
      ],
    ]);
  });

  it("refuses extglobs, 3 stars in a segment, globs over 256 characters and more than 20 globs, each at its place", () => {
    const long = `postmortems/${"x".repeat(250)}`;
    const text = `paths: ["postmortems/**", "postmortems/+(*a)b.md", "${long}", "p/*a*a*b.md"]\n`;
    expect(globProblems(text)).toEqual([
      [
        1,
        27,
        "paths[1]",
        "glob-extglob",
        "extglobs such as +(*a) are not supported (matching them can take minutes): write alternatives as {a,b}",
      ],
      [1, 52, "paths[2]", "too-long", "too long (at most 256 characters)"],
      [
        1,
        318,
        "paths[3]",
        "glob-too-many-stars",
        "this glob has 3 stars (*) between two slashes; at most 2 are allowed in one path segment",
      ],
    ]);
    const many = `paths:\n${Array.from({ length: 21 }, (_, i) => `  - p${i}/**\n`).join("")}`;
    expect(globProblems(many).map((p) => [p[0], p[3]])).toEqual([[2, "too-many-entries"]]);
  });

  it("accepts the globs of a real config", () => {
    const text =
      'paths:\n  - postmortems/**\n  - "docs/postmortems/**/*.md"\n  - "!postmortems/_TEMPLATE.md"\n';
    const result = parseConfigText(text);
    expect(result.ok && result.config.paths).toEqual([
      "postmortems/**",
      "docs/postmortems/**/*.md",
      "!postmortems/_TEMPLATE.md",
    ]);
  });
});
