import { describe, expect, it } from "vitest";
import {
  codeownersOf,
  MAX_CODEOWNERS_BYTES,
  MAX_CODEOWNERS_ENTRIES,
  parseCodeowners,
} from "../../../src/domain/followups/codeowners.js";

/** CODEOWNERS through codeowners-utils, with GitHub's rule: the last matching line wins. */

// GitHub's own documented examples, plus owners with emails, comments and CRLF.
const CODEOWNERS = [
  "# Default owners of everything",
  "*       @acme/everyone",
  "",
  "*.js    @js-owner # JavaScript files",
  "*.go docs@example.com",
  "/build/logs/ @doctocat",
  "docs/*  docs@example.com",
  "apps/ @octocat",
  "/docs/ @doctocat",
  "/scripts/ @doctocat @octocat",
  "apps/*/ @acme/apps",
  "/src/pool/ @acme/pool ops@example.com",
  "docs/** @acme/writers",
  "/src/pool/vendored/",
  "",
].join("\r\n");

describe("parseCodeowners + codeownersOf", () => {
  const owners = parseCodeowners(CODEOWNERS)!;

  it.each([
    ["README.md", ["acme/everyone"]],
    ["lib/index.js", ["js-owner"]],
    ["cmd/main.go", ["docs@example.com"]],
    ["build/logs/today.log", ["doctocat"]],
    ["deep/build/logs/today.log", ["acme/everyone"]],
    // `docs/**` is later than `docs/*` and `/docs/`: it wins for every file under the root docs/.
    ["docs/getting-started.md", ["acme/writers"]],
    ["docs/build-app/troubleshooting.md", ["acme/writers"]],
    ["scripts/deploy.sh", ["doctocat", "octocat"]],
    ["web/apps/a.ts", ["octocat"]],
    ["apps/web/src/index.ts", ["acme/apps"]],
    ["src/pool/limits.ts", ["acme/pool", "ops@example.com"]],
    ["src/pool/deep/more.js", ["acme/pool", "ops@example.com"]],
    // The last matching line names nobody: the file has no owner.
    ["src/pool/vendored/lib.js", []],
    ["./src/pool/limits.ts", ["acme/pool", "ops@example.com"]],
  ])("%s -> %j", (path, expected) => {
    expect(codeownersOf(owners, path)).toEqual(expected);
  });

  it("a path no line matches, an empty one and one outside the repository have none", () => {
    const only = parseCodeowners("/src/ @acme/src\n")!;
    expect(codeownersOf(only, "docs/a.md")).toBeNull();
    expect(codeownersOf(only, "")).toBeNull();
    expect(codeownersOf(only, "../src/a.ts")).toBeNull();
  });

  it("the last matching line wins, not the first", () => {
    const text = "src/ @first\nsrc/ @second\n";
    expect(codeownersOf(parseCodeowners(text)!, "src/a.ts")).toEqual(["second"]);
  });

  it("negations and patterns over the glob bounds are left out and counted", () => {
    const parsed = parseCodeowners("* @all\n!keep.txt @nobody\nx/*a*a*a*a* @slow\n")!;
    expect(parsed.entries.map((e) => e.pattern)).toEqual(["*"]);
    expect(parsed.skipped).toBe(2);
    expect(codeownersOf(parsed, "x/aaaa")).toEqual(["all"]);
  });

  it(`keeps the first ${MAX_CODEOWNERS_ENTRIES} entries; a file over GitHub's 3 MB is ignored`, () => {
    const lines = Array.from({ length: MAX_CODEOWNERS_ENTRIES + 2 }, (_, i) => `/dir${i}/ @team${i}`);
    const parsed = parseCodeowners(lines.join("\n"))!;
    expect(parsed.entries).toHaveLength(MAX_CODEOWNERS_ENTRIES);
    expect(parsed.skipped).toBe(2);
    expect(codeownersOf(parsed, "dir0/a")).toEqual(["team0"]);
    expect(codeownersOf(parsed, `dir${MAX_CODEOWNERS_ENTRIES}/a`)).toBeNull();
    expect(parseCodeowners(`* @all\n${"#".repeat(MAX_CODEOWNERS_BYTES)}`)).toBeNull();
  });
});
