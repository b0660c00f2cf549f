import { beforeEach, describe, expect, it, vi } from "vitest";

/**
 * The cost of a CODEOWNERS lookup, by COUNTING the library's pattern matches (each compiles the
 * pattern): an anchored pattern is asked only about paths under its literal start.
 */
const asked = vi.hoisted(() => ({ count: 0 }));
vi.mock("codeowners-utils", async (actual) => {
  const real = await actual<typeof import("codeowners-utils")>();
  return {
    ...real,
    matchPattern: (file: string, pattern: string) => {
      asked.count++;
      return real.matchPattern(file, pattern);
    },
  };
});

const { codeownersOf, MAX_CODEOWNERS_ENTRIES, parseCodeowners } = await import(
  "../../../src/domain/followups/codeowners.js"
);

beforeEach(() => {
  asked.count = 0;
});

describe("a CODEOWNERS lookup", () => {
  // A monorepo's CODEOWNERS: one anchored line per service, a catch-all and one extension rule.
  const lines = [
    "* @acme/everyone",
    "*.sql @acme/dba",
    ...Array.from({ length: MAX_CODEOWNERS_ENTRIES - 2 }, (_, i) => `/services/svc${i}/ @acme/team${i}`),
  ];
  const owners = parseCodeowners(lines.join("\n"))!;

  it("asks the library only about the lines a path can match", () => {
    expect(codeownersOf(owners, "services/svc7/src/pool.ts")).toEqual(["acme/team7"]);
    // svc7 is near the top: every later line is skipped by its literal start, without a match.
    expect(asked.count).toBe(1);
    asked.count = 0;
    expect(codeownersOf(owners, "Services/SVC7/src/pool.ts")).toEqual(["acme/team7"]);
    expect(asked.count).toBe(1);
    asked.count = 0;
    expect(codeownersOf(owners, "docs/schema.sql")).toEqual(["acme/dba"]);
    expect(asked.count).toBe(1);
    asked.count = 0;
    expect(codeownersOf(owners, "README.md")).toEqual(["acme/everyone"]);
    expect(asked.count).toBe(2);
  });
});
