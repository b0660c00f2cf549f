import { describe, expect, it } from "vitest";
import { loadRepoConfig } from "../../src/github/config.js";
import type { RepoFile } from "../../src/github/gateway.js";
import { renderConfigError } from "../../src/runs/merge/summary.js";

/** Probot's `context.config()` returns the merged data; the gateway reads the file's text for lines. */
function sources(merged: unknown, text: string | null) {
  const context = { config: async () => merged } as unknown as Parameters<typeof loadRepoConfig>[0];
  const gateway = {
    readFile: async (path: string): Promise<RepoFile | null> =>
      text === null
        ? null
        : { kind: "file", path, sha: "x", size: text.length, content: new TextEncoder().encode(text) },
  };
  return [context, gateway] as const;
}

describe("loadRepoConfig: the problems of an invalid config in the language it declares", () => {
  it("the repository's file declares ko: its problems with their lines, in Korean", async () => {
    const text = "language: ko\nweekly:\n  hour: 25\n";
    const loaded = await loadRepoConfig(...sources({ language: "ko", weekly: { hour: 25 } }, text));
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.language).toBe("ko");
    expect(loaded.problems.map((p) => [p.line, p.column, p.path, p.code, p.message])).toEqual([
      [3, 9, "weekly.hour", "too-big", "23 이하여야 합니다"],
    ]);
  });

  it("the organisation's config declares ko, the repository's file does not: Korean too", async () => {
    const text = "weekly:\n  hour: 25\n";
    const loaded = await loadRepoConfig(...sources({ language: "ko", weekly: { hour: 25 } }, text));
    expect(!loaded.ok && loaded.language).toBe("ko");
    expect(loaded.problems.map((p) => p.message)).toEqual(["23 이하여야 합니다"]);
  });

  it("no language of ours: English, as always", async () => {
    const loaded = await loadRepoConfig(...sources({ weekly: { hour: 25 } }, "weekly:\n  hour: 25\n"));
    expect(!loaded.ok && loaded.language).toBe("en");
    expect(loaded.problems.map((p) => p.message)).toEqual(["must be at most 23"]);
  });

  it("the config-error comment on the merged pull request is Korean around Korean problems", async () => {
    const loaded = await loadRepoConfig(
      ...sources({ language: "ko", weekly: { hour: 25 } }, "language: ko\nweekly:\n  hour: 25\n"),
    );
    if (loaded.ok) throw new Error("expected an invalid config");
    const body = renderConfigError(
      { language: loaded.language },
      { number: 7, url: "https://github.com/acme/pay/pull/7" },
      ".github/postmortem-followups.yml",
      loaded.problems,
    );
    expect(body).toContain("### 포스트모템 후속 조치: 설정이 올바르지 않습니다");
    expect(body).toContain(
      "- **error** `.github/postmortem-followups.yml:3:9` weekly.hour: 23 이하여야 합니다",
    );
  });
});
