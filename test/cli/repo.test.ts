import { describe, expect, it } from "vitest";
import { parseRepoSpec } from "../../src/cli/repo.js";

describe("parseRepoSpec", () => {
  it.each([
    ["acme/pay", { owner: "acme", repo: "pay", serverUrl: "https://github.com" }],
    ["acme/pay.git", { owner: "acme", repo: "pay", serverUrl: "https://github.com" }],
    ["https://github.com/acme/pay.git", { owner: "acme", repo: "pay", serverUrl: "https://github.com" }],
    ["https://github.com/acme/pay", { owner: "acme", repo: "pay", serverUrl: "https://github.com" }],
    ["git@github.com:acme/pay.git", { owner: "acme", repo: "pay", serverUrl: "https://github.com" }],
    [
      "git@ghe.example.com:acme/pay.git",
      { owner: "acme", repo: "pay", serverUrl: "https://ghe.example.com" },
    ],
    [
      "ssh://git@ghe.example.com:2222/acme/pay.git",
      { owner: "acme", repo: "pay", serverUrl: "https://ghe.example.com" },
    ],
  ])("%s", (spec, expected) => {
    expect(parseRepoSpec(spec)).toEqual(expected);
  });

  it("uses the GitHub Enterprise host for owner/name", () => {
    expect(parseRepoSpec("acme/pay", "ghe.example.com")?.serverUrl).toBe("https://ghe.example.com");
  });

  it.each([
    "acme",
    "not a repo",
    "https://github.com/acme",
    "https://github.com/acme/pay/tree/main",
    "/abs/path",
  ])("%s is not a repository", (spec) => {
    expect(parseRepoSpec(spec)).toBeNull();
  });
});
