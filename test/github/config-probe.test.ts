import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import type { RepoFile } from "../../src/domain/ports.js";
import {
  configFromProbe,
  loadRepoConfig,
  MAX_CONFIG_BYTES,
  type RepoConfigResult,
} from "../../src/github/config.js";
import type { BlobRead, ConfigSources } from "../../src/github/probe-map.js";

const FILE = ".github/postmortem-followups.yml";
const ABSENT: BlobRead = { kind: "absent" };
const text = (t: string): BlobRead => ({
  kind: "text",
  text: t,
  size: new TextEncoder().encode(t).length,
  sha: "s",
});
const sources = (repository: BlobRead, organisation: BlobRead = ABSENT): ConfigSources => ({
  repository,
  organisation,
});

/** Probot's full lookup: counted, and answering a marker result so a test sees it was used. */
function probot() {
  const calls = { count: 0 };
  const fallback: RepoConfigResult = { ok: false, language: "en", problems: [], raw: "from probot" };
  const fn = async () => {
    calls.count++;
    return fallback;
  };
  return { fn, calls, fallback };
}

/** What the Probot path (`loadRepoConfig`) gives for the same file, for comparison. */
async function viaProbot(yamlText: string): Promise<RepoConfigResult> {
  const merged = (parseYaml(yamlText) as unknown) ?? {};
  const context = { config: async () => merged } as unknown as Parameters<typeof loadRepoConfig>[0];
  const gateway = {
    readFile: async (path: string): Promise<RepoFile | null> => ({
      kind: "file",
      path,
      sha: "s",
      size: yamlText.length,
      content: new TextEncoder().encode(yamlText),
    }),
  };
  return loadRepoConfig(context, gateway);
}

async function defaults(): Promise<RepoConfigResult> {
  const p = probot();
  return configFromProbe(sources(ABSENT), p.fn);
}

describe("configFromProbe: the repository's own file", () => {
  it("valid text: its config, source repository, Probot not asked", async () => {
    const p = probot();
    const yaml = "language: ko\nseverities: [P1, P2]\ndue_days:\n  short_term: 7\n";
    const result = await configFromProbe(sources(text(yaml), text("language: en\n")), p.fn);
    expect(p.calls.count).toBe(0);
    expect(result.ok && result.source).toBe("repository");
    if (!result.ok) throw new Error("expected a config");
    expect(result.config.language).toBe("ko");
    expect(result.config.severities).toEqual(["P1", "P2"]);
    expect(result.config.dueDays).toEqual({ short_term: 7, long_term: 90 });
    expect(result.problems).toEqual([]);
    // The same config Probot's lookup gives for that file (the organisation's is not merged).
    const probotResult = await viaProbot(yaml);
    expect(probotResult.ok && probotResult.config).toEqual(result.config);
  });

  it("invalid values: problems with line and column in the config file, and the raw data", async () => {
    const p = probot();
    const result = await configFromProbe(sources(text("language: ko\nweekly:\n  hour: 25\n")), p.fn);
    expect(p.calls.count).toBe(0);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.language).toBe("ko");
    expect(result.problems.map((x) => [x.file, x.line, x.column, x.path, x.code, x.message])).toEqual([
      [FILE, 3, 9, "weekly.hour", "too-big", "23 이하여야 합니다"],
    ]);
    expect(result.raw).toEqual({ language: "ko", weekly: { hour: 25 } });
    // Same problems as the Probot path, which reads the text for lines.
    const probotResult = await viaProbot("language: ko\nweekly:\n  hour: 25\n");
    expect(probotResult.problems.map((x) => [x.line, x.column, x.code])).toEqual([[3, 9, "too-big"]]);
  });

  it("invalid YAML: a yaml-syntax problem at its line, no raw data", async () => {
    const p = probot();
    const result = await configFromProbe(sources(text("paths: [a\n")), p.fn);
    expect(p.calls.count).toBe(0);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((x) => [x.file, x.line, x.column, x.code])).toEqual([
      [FILE, 2, 1, "yaml-syntax"],
    ]);
    expect("raw" in result).toBe(false);
  });

  it("30,000 keys (under the size limit): one positioned problem, Probot not asked", async () => {
    const yaml = Array.from({ length: 30_000 }, (_, i) => `${i.toString(36)}: 1`).join("\n");
    expect(yaml.length).toBeLessThan(MAX_CONFIG_BYTES);
    const p = probot();
    const result = await configFromProbe(sources(text(`_extends: x\n${yaml}`)), p.fn);
    expect(p.calls.count).toBe(0);
    expect(!result.ok && result.problems.map((x) => [x.file, x.line, x.column, x.code])).toEqual([
      [FILE, 10001, 4, "yaml-too-many-nodes"],
    ]);
  });

  it("not a mapping: a wrong-type problem", async () => {
    const result = await configFromProbe(sources(text("hello\n")), probot().fn);
    expect(!result.ok && result.problems.map((x) => [x.line, x.column, x.code])).toEqual([
      [1, 1, "wrong-type"],
    ]);
  });

  it("_extends: Probot's full lookup decides (and only then)", async () => {
    const p = probot();
    expect(await configFromProbe(sources(text("_extends: .github\nlanguage: ko\n")), p.fn)).toBe(p.fallback);
    expect(p.calls.count).toBe(1);
    await configFromProbe(sources(text("language: ko\n# _extends: .github\n")), p.fn);
    await configFromProbe(sources(text("labels:\n  _extends: x\n")), p.fn); // not top-level: a problem, not Probot
    expect(p.calls.count).toBe(1);
  });

  it("unreadable (binary, truncated): Probot's lookup", async () => {
    const p = probot();
    expect(await configFromProbe(sources({ kind: "unreadable" }, text("language: ko\n")), p.fn)).toBe(
      p.fallback,
    );
    expect(p.calls.count).toBe(1);
  });

  it("too large (as a blob, or as text over the limit): a config-too-large problem", async () => {
    const p = probot();
    const big = await configFromProbe(sources({ kind: "too-large", size: 300_000, sha: "s" }), p.fn);
    const bigText = await configFromProbe(
      sources({ kind: "text", text: "# x\n", size: MAX_CONFIG_BYTES + 1, sha: "s" }),
      p.fn,
    );
    expect(p.calls.count).toBe(0);
    for (const [result, bytes] of [
      [big, 300_000],
      [bigText, MAX_CONFIG_BYTES + 1],
    ] as const) {
      expect(result.ok).toBe(false);
      expect(result.problems).toEqual([
        expect.objectContaining({
          file: FILE,
          line: 1,
          column: 1,
          severity: "error",
          code: "config-too-large",
          message: `the config file is ${bytes} bytes; at most ${MAX_CONFIG_BYTES} are read`,
        }),
      ]);
    }
    // Exactly at the limit is read.
    const atLimit = await configFromProbe(
      sources({ kind: "text", text: "language: ko\n", size: MAX_CONFIG_BYTES, sha: "s" }),
      p.fn,
    );
    expect(atLimit.ok && atLimit.config.language).toBe("ko");
  });

  it("empty text (or only spaces): the defaults; the organisation's file is not used", async () => {
    const p = probot();
    const expected = await defaults();
    for (const t of ["", "  \n\n"]) {
      const result = await configFromProbe(sources(text(t), text("language: ko\n")), p.fn);
      expect(result.ok).toBe(true);
      expect(result.ok && result.config).toEqual(expected.ok && expected.config);
      expect(result.ok && result.config.language).toBe("en");
      expect(result.ok && result.source).toBe("repository"); // as Probot's route has it
    }
    // A file of comments only is the defaults too.
    const comments = await configFromProbe(sources(text("# nothing yet\n")), p.fn);
    expect(comments.ok && comments.config).toEqual(expected.ok && expected.config);
    expect(p.calls.count).toBe(0);
  });
});

describe("configFromProbe: the organisation's .github repository", () => {
  it("the repository has none: the organisation's config", async () => {
    const p = probot();
    const result = await configFromProbe(sources(ABSENT, text("language: ko\nseverities: [P1]\n")), p.fn);
    expect(p.calls.count).toBe(0);
    expect(result.ok && result.source).toBe("repository");
    if (!result.ok) throw new Error("expected a config");
    expect(result.config.language).toBe("ko");
    expect(result.config.severities).toEqual(["P1"]);
    const probotResult = await viaProbot("language: ko\nseverities: [P1]\n");
    expect(probotResult.ok && probotResult.config).toEqual(result.config);
  });

  it("neither has one: the defaults, source default", async () => {
    const p = probot();
    const result = await configFromProbe(sources(ABSENT, ABSENT), p.fn);
    expect(p.calls.count).toBe(0);
    expect(result.ok && result.source).toBe("default");
    expect(result.ok && result.config.paths).toEqual(["postmortems/**", "docs/postmortems/**"]);
    expect(result.ok && result.config.labels.tracking.name).toBe("postmortem-followup");
    expect(result.problems).toEqual([]);
  });

  it("an empty organisation file: the defaults", async () => {
    const result = await configFromProbe(sources(ABSENT, text("")), probot().fn);
    expect(result.ok && result.source).toBe("default");
  });

  it("invalid YAML in the organisation's file: a config-unreadable problem (its lines are elsewhere)", async () => {
    const p = probot();
    const result = await configFromProbe(sources(ABSENT, text("paths: [a\n")), p.fn);
    expect(p.calls.count).toBe(0);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ file: FILE, line: 1, column: 1, code: "config-unreadable" });
    expect(result.problems[0]?.message).toMatch(/^Flow sequence in block collection/);
    expect(result.problems[0]?.message).not.toContain("\n");
  });

  it("invalid values in the organisation's file: schema problems at line 1, with the raw data", async () => {
    const result = await configFromProbe(sources(ABSENT, text("weekly:\n  hour: 25\n")), probot().fn);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((x) => [x.line, x.path, x.code])).toEqual([[1, "weekly.hour", "too-big"]]);
    expect(result.raw).toEqual({ weekly: { hour: 25 } });
  });

  it("the organisation's file with _extends, unreadable or too large: Probot's lookup", async () => {
    const p = probot();
    await configFromProbe(sources(ABSENT, text("_extends: other/repo\n")), p.fn);
    await configFromProbe(sources(ABSENT, { kind: "unreadable" }), p.fn);
    await configFromProbe(sources(ABSENT, { kind: "too-large", size: 1e6, sha: "s" }), p.fn);
    expect(p.calls.count).toBe(3);
  });
});
