import { describe, expect, it } from "vitest";
import { describeCycles, folderCycles } from "../../scripts/folder-cycles.mjs";

/**
 * The folder-cycle rule of `npm run lint` (scripts/folder-cycles.mjs, run by scripts/depcruise.mjs over
 * src/'s imports): on small synthetic graphs, it finds the cycles it must and none it must not.
 */
describe("folderCycles", () => {
  it("finds two sibling folders that import each other through different files (config <-> diagnostics as it was)", () => {
    const found = folderCycles([
      ["src/domain/config/schema.ts", "src/domain/diagnostics/schema-codes.ts"],
      ["src/domain/diagnostics/schema-codes.ts", "src/domain/config/glob.ts"],
      ["src/domain/config/load.ts", "src/domain/config/schema.ts"],
    ]);
    expect(found).toEqual([
      {
        members: ["src/domain/config", "src/domain/diagnostics"],
        via: [
          {
            from: "src/domain/config",
            to: "src/domain/diagnostics",
            imports: ["src/domain/config/schema.ts -> src/domain/diagnostics/schema-codes.ts"],
          },
          {
            from: "src/domain/diagnostics",
            to: "src/domain/config",
            imports: ["src/domain/diagnostics/schema-codes.ts -> src/domain/config/glob.ts"],
          },
        ],
      },
    ]);
    expect(describeCycles(found)).toEqual([
      "error no-folder-cycle: src/domain/config, src/domain/diagnostics",
      "  src/domain/config -> src/domain/diagnostics: src/domain/config/schema.ts -> src/domain/diagnostics/schema-codes.ts",
      "  src/domain/diagnostics -> src/domain/config: src/domain/diagnostics/schema-codes.ts -> src/domain/config/glob.ts",
    ]);
  });

  it("finds a longer cycle, through deeper files, as one component", () => {
    const found = folderCycles([
      ["src/runs/a/x.ts", "src/runs/b/deep/y.ts"],
      ["src/runs/b/z.ts", "src/runs/c/w.ts"],
      ["src/runs/c/w.ts", "src/runs/a/sub/v.ts"],
      ["src/runs/c/w.ts", "src/domain/q.ts"],
    ]);
    expect(found.map((c) => c.members)).toEqual([["src/runs/a", "src/runs/b", "src/runs/c"]]);
  });

  it("finds a sub-folder and a file beside it that import each other (postmortem/markdown <-> result.ts as it was)", () => {
    const found = folderCycles([
      ["src/domain/postmortem/markdown/read.ts", "src/domain/postmortem/result.ts"],
      ["src/domain/postmortem/result.ts", "src/domain/postmortem/markdown/types.ts"],
    ]);
    expect(found.map((c) => c.members)).toEqual([
      ["src/domain/postmortem/markdown", "src/domain/postmortem/result.ts"],
    ]);
  });

  it("finds cycles between top-level rooms and between folders of different rooms", () => {
    expect(
      folderCycles([
        ["src/github/a.ts", "src/domain/b/c.ts"],
        ["src/domain/b/c.ts", "src/github/d.ts"],
      ]).map((c) => c.members),
    ).toEqual([["src/domain", "src/github"]]);
  });

  it("finds nothing in a graph whose folders only point down (a parent may use its sub-folders, and they its files)", () => {
    expect(
      folderCycles([
        ["src/domain/postmortem/parse.ts", "src/domain/config/schema.ts"],
        ["src/domain/config/schema.ts", "src/domain/diagnostics/schema-codes.ts"],
        ["src/domain/postmortem/parse.ts", "src/domain/diagnostics/problem.ts"],
        ["src/domain/postmortem/parse.ts", "src/domain/postmortem/markdown/read.ts"],
        ["src/domain/postmortem/markdown/read.ts", "src/domain/postmortem/schema.ts"],
        ["src/cli/main.ts", "src/cli/sweep/command.ts"],
        ["src/cli/sweep/command.ts", "src/cli/context.ts"],
      ]),
    ).toEqual([]);
  });

  it("reports two files of one folder that import each other as a cycle of files", () => {
    expect(
      folderCycles([
        ["src/domain/config/a.ts", "src/domain/config/b.ts"],
        ["src/domain/config/b.ts", "src/domain/config/a.ts"],
      ]).map((c) => c.members),
    ).toEqual([["src/domain/config/a.ts", "src/domain/config/b.ts"]]);
  });
});
