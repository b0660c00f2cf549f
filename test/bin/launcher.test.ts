import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { nodeVersionProblem, REQUIRED_NODE_MAJOR } from "../../bin/node-version.js";
import { cleanEnv, ROOT } from "../app/process.js";

/** The machine's own Node when it is older than the project needs (this machine kind ships Node 20). */
function oldNode(): string | null {
  const run = spawnSync("/usr/bin/node", ["-p", "process.versions.node"], { encoding: "utf8" });
  if (run.status !== 0) return null;
  return Number(run.stdout.split(".")[0]) < REQUIRED_NODE_MAJOR ? "/usr/bin/node" : null;
}

describe("nodeVersionProblem", () => {
  it("is one English line naming the version found and the one needed", () => {
    expect(nodeVersionProblem("20.19.5", { LANG: "C.UTF-8" })).toBe(
      "postmortem-followups needs Node 22 or later; this is Node 20.19.5 (try: nvm install 22, or the version in .nvmrc).",
    );
  });

  it("is Korean under a Korean locale", () => {
    expect(nodeVersionProblem("18.20.0", { LANG: "ko_KR.UTF-8" })).toBe(
      "postmortem-followups는 Node 22 이상이 필요합니다. 지금은 Node 18.20.0입니다 (nvm install 22, 또는 .nvmrc를 따르세요).",
    );
  });

  it("is nothing on Node 22 and later", () => {
    expect(nodeVersionProblem("22.0.0", {})).toBeNull();
    expect(nodeVersionProblem(process.versions.node, {})).toBeNull();
  });
});

describe.skipIf(oldNode() === null)("on the machine's old Node", () => {
  it("the CLI prints one line and exits 2, before anything else runs", () => {
    const run = spawnSync(oldNode()!, [join(ROOT, "bin/postmortem-followups.js"), "lint"], {
      cwd: ROOT,
      env: cleanEnv(),
      encoding: "utf8",
    });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/^postmortem-followups needs Node 22 or later; this is Node 2\d\./);
  });

  it("`npm start` and `npm test` stop on the same line (scripts/require-node.mjs, their pre-scripts)", () => {
    const run = spawnSync(oldNode()!, [join(ROOT, "scripts/require-node.mjs")], {
      cwd: ROOT,
      env: cleanEnv(),
      encoding: "utf8",
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^postmortem-followups needs Node 22 or later; this is Node 2\d\.[^\n]*\n$/);
  });
});

describe("a clone that was never built", () => {
  it("the CLI says to run `npm run build`, in one line, exit 2", () => {
    const clone = mkdtempSync(join(tmpdir(), "pf-unbuilt-"));
    mkdirSync(join(clone, "bin"));
    for (const file of ["postmortem-followups.js", "node-version.js"]) {
      copyFileSync(join(ROOT, "bin", file), join(clone, "bin", file));
    }
    const run = spawnSync(process.execPath, [join(clone, "bin/postmortem-followups.js"), "lint"], {
      cwd: clone,
      env: cleanEnv(),
      encoding: "utf8",
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      "postmortem-followups: the command line is not built yet (lib/cli/main.js is missing): run `npm run build` first.\n",
    );
  });
});

describe("package.json", () => {
  it("checks the Node version before `npm start` and `npm test` build anything", async () => {
    const { default: pkg } = await import("../../package.json", { with: { type: "json" } });
    expect(pkg.scripts.prestart).toMatch(/^node scripts\/require-node\.mjs && /);
    expect(pkg.scripts.pretest).toMatch(/^node scripts\/require-node\.mjs && /);
    expect(pkg.engines.node).toBe(`>=${REQUIRED_NODE_MAJOR}`);
  });
});
