import { describe, expect, it } from "vitest";
import { isPostmortemFileName, postmortemPathMatcher } from "../../src/postmortem/paths.js";

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
