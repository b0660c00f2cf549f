import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { collectFiles } from "../../../src/cli/files.js";
import { checkedPostmortems } from "../../../src/domain/check/files.js";
import { defaultConfig } from "../../../src/domain/config/load.js";
import type { Config } from "../../../src/domain/config/schema.js";
import { isPostmortemFileName } from "../../../src/domain/postmortem/paths.js";
import { globDirectories } from "../../../src/github/globs.js";
import {
  postmortemMatcher,
  postmortemsOfTree,
  selectPostmortemFiles,
} from "../../../src/runs/merge/files.js";

/**
 * "Is this path a postmortem?" has one owner (src/domain/postmortem/paths.ts). This table runs every
 * surface's own decision (the real functions each one calls) over the same paths and the same
 * configs: the PR check's file choice, `lint`'s file selection (files on disk, through tinyglobby
 * and the matcher), the merge's (the push/pull pre-filter of src/runs/merge/run.ts, then
 * selectPostmortemFiles) and the sweep's (the probe's directory listing, then postmortemsOfTree).
 * A second matcher with other options on any surface (`dot: true`, `nocase`, no `./` handling, no
 * length bound, ...) makes one of them answer differently and fails here.
 */

const LONG_OK = `postmortems/${"a".repeat(150)}/${"b".repeat(90)}.md`; // 256 characters: the bound
const LONG_OVER = `postmortems/${"a".repeat(150)}/${"b".repeat(91)}.md`; // 257
const LONG_300 = `postmortems/${"a".repeat(150)}/${"b".repeat(134)}.md`; // 300

const DEFAULTS = defaultConfig().paths;
const NO_TEMPLATE = ["postmortems/**", "!postmortems/_TEMPLATE.md"];

// [path, expected under the default paths, expected under NO_TEMPLATE]
const TABLE: [path: string, defaults: boolean, noTemplate: boolean][] = [
  ["postmortems/a.md", true, true],
  ["./postmortems/a.md", true, true],
  ["postmortems/2026/03/outage.markdown", true, true],
  ["postmortems/.drafts/x.md", false, false],
  ["postmortems/.x.md", false, false],
  ["postmortems/_TEMPLATE.md", true, false],
  ["postmortems/sub/_TEMPLATE.md", true, true],
  ["docs/postmortems/2026/b.yml", true, false],
  ["docs/postmortems/c.yaml", true, false],
  ["POSTMORTEMS/A.MD", false, false],
  ["postmortems/A.MD", true, true],
  ["postmortems/a.txt", false, false],
  ["postmortems/a.md.bak", false, false],
  ["notes/postmortems/a.md", false, false],
  ["a.md", false, false],
  [LONG_OK, true, true],
  [LONG_OVER, false, false],
  [LONG_300, false, false],
];

const asConfig = (paths: readonly string[]): Config => ({ ...defaultConfig(), paths: [...paths] });

/** The PR check (src/app/handlers/check.ts): the base config's paths over the changed files. */
const check = (path: string, paths: readonly string[]) =>
  checkedPostmortems([{ path, status: "added" }], paths).length === 1;

/** The merge (src/runs/merge/run.ts, src/runs/merge/reconcile.ts): the cheap pre-filter, then the selection. */
const merge = (path: string, paths: readonly string[]) =>
  isPostmortemFileName(path) &&
  selectPostmortemFiles([{ path, status: "added" }], postmortemMatcher({ paths: [...paths] })).length === 1;

/**
 * The sweep (src/github/primed-gateway.ts, src/runs/sweep/repository.ts): the listing covers the
 * globs' directories (the whole tree when they have none), then the tree's paths are chosen. A
 * git tree lists `./postmortems/a.md` as `postmortems/a.md`.
 */
const sweep = (path: string, paths: readonly string[]) => {
  const listedAs = path.replace(/^\.\//, "");
  const dirs = globDirectories(paths);
  const listed = dirs === null || dirs.some((dir) => listedAs.startsWith(`${dir}/`));
  return listed && postmortemsOfTree([listedAs], { paths: [...paths] }).length === 1;
};

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** `lint` with no arguments (src/cli/files.ts): the file on disk, found by the config's globs. */
async function lint(path: string, paths: readonly string[]): Promise<boolean> {
  const root = mkdtempSync(join(tmpdir(), "pm-surfaces-"));
  roots.push(root);
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, "# x\n");
  const io = { cwd: root, env: {}, stdout: () => {}, stderr: () => {}, today: () => "2026-01-01" };
  const found = await collectFiles(io, [], asConfig(paths));
  return found.length === 1;
}

describe("every surface answers 'is this a postmortem?' the same way", () => {
  it.each(TABLE)("%s", async (path, underDefaults, underNoTemplate) => {
    for (const [paths, expected] of [
      [DEFAULTS, underDefaults],
      [NO_TEMPLATE, underNoTemplate],
    ] as const) {
      const answers = {
        check: check(path, paths),
        lint: await lint(path, paths),
        merge: merge(path, paths),
        sweep: sweep(path, paths),
      };
      expect({ paths, answers }).toEqual({
        paths,
        answers: { check: expected, lint: expected, merge: expected, sweep: expected },
      });
    }
  });

  it("the table's long paths are where the bound is", () => {
    expect([LONG_OK.length, LONG_OVER.length, LONG_300.length]).toEqual([256, 257, 300]);
  });
});
