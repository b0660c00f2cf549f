import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT } from "../app/process.js";

// biome-ignore lint/suspicious/noExplicitAny: action.yml is checked field by field.
type Doc = Record<string, any>;

describe("action.yml", () => {
  const action = parse(readFileSync(join(ROOT, "action.yml"), "utf8")) as Doc;

  it("runs the committed bundle on Node 24", () => {
    expect(action.runs).toEqual({ using: "node24", main: "dist/action/index.js" });
    expect(existsSync(join(ROOT, action.runs.main))).toBe(true);
    expect(action.name).toBe("postmortem-followups");
    expect(action.description).toEqual(expect.any(String));
  });

  it("declares token (default github.token), config, dry-run, bot-login and dashboard, and nothing the code does not read", () => {
    expect(Object.keys(action.inputs).sort()).toEqual([
      "bot-login",
      "config",
      "dashboard",
      "dry-run",
      "token",
    ]);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template.
    expect(action.inputs.token.default).toBe("${{ github.token }}");
    expect(action.inputs["dry-run"].default).toBe("false");
    for (const [name, input] of Object.entries(action.inputs as Record<string, Doc>)) {
      expect(input.description, name).toEqual(expect.any(String));
      expect(input.required, name).toBe(false);
    }
    const source = readFileSync(join(ROOT, "src/action/main.ts"), "utf8");
    const read = [...source.matchAll(/get(?:Boolean)?Input\(env, "([^"]+)"/g)].map((m) => m[1]).sort();
    expect(read).toEqual(Object.keys(action.inputs).sort());
  });
});

describe("dist/action/index.js", () => {
  it("is what `npm run build:action` builds from the sources now (rebuilt in memory, compared byte for byte)", () => {
    const check = spawnSync(process.execPath, [join(ROOT, "scripts/build-action.mjs"), "--check"], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(check.stderr + check.stdout).toContain("is up to date");
    expect(check.status).toBe(0);
  });

  it("embeds every template (the bundle never reads templates/ from disk)", () => {
    const bundle = readFileSync(join(ROOT, "dist/action/index.js"), "utf8");
    const entry = spawnSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `import("${join(ROOT, "scripts/build-action.mjs")}").then((m) => process.stdout.write(m.entrySource()))`,
      ],
      { cwd: ROOT, encoding: "utf8" },
    ).stdout;
    const names = [...entry.matchAll(/import t\d+ from "\.\/templates\/([^"]+)"/g)].map((m) => m[1]);
    expect(names.length).toBeGreaterThanOrEqual(10);
    expect(names).toContain("en/followup-issue.hbs");
    expect(names).toContain("ko/followup-issue.hbs");
    for (const name of names) expect(bundle, name).toContain(JSON.stringify(name));
  });
});

describe("docs/examples/workflow.yml", () => {
  const workflow = parse(readFileSync(join(ROOT, "docs/examples/workflow.yml"), "utf8")) as Doc;

  it("triggers on every event the action handles, with the permissions it needs", () => {
    expect(Object.keys(workflow.on).sort()).toEqual(
      ["issue_comment", "issues", "pull_request", "push", "schedule", "workflow_dispatch"].sort(),
    );
    expect(workflow.on.pull_request.types).toEqual(["opened", "synchronize", "reopened", "closed"]);
    expect(workflow.on.issues.types).toEqual(expect.arrayContaining(["closed", "edited"]));
    expect(workflow.on.issue_comment.types).toEqual(["created"]);
    expect(workflow.on.schedule[0].cron.split(" ")).toHaveLength(5);
    expect(workflow.permissions).toEqual({
      contents: "read",
      issues: "write",
      "pull-requests": "write",
      checks: "write",
    });
  });

  it("uses the action with inputs action.yml declares", () => {
    const action = parse(readFileSync(join(ROOT, "action.yml"), "utf8")) as Doc;
    const steps = workflow.jobs.followups.steps as Doc[];
    const step = steps.find((s) => typeof s.uses === "string" && s.uses.includes("postmortem-followups"))!;
    expect(step).toBeDefined();
    for (const input of Object.keys(step.with ?? {})) expect(Object.keys(action.inputs)).toContain(input);
    expect(workflow.concurrency["cancel-in-progress"]).toBe(false);
  });
});
