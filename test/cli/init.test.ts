import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { main } from "../../src/cli/main.js";

/** The CLI in-process over a fresh folder, with its output captured. */
async function run(args: string[], cwd: string) {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    cwd,
    env: {},
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    today: () => "2026-12-04",
  });
  return { code, stdout, stderr };
}

const folder = () => mkdtempSync(join(tmpdir(), "pmf-init-"));

/** The template filled in the way a person does: real dates instead of the placeholders. */
function fillIn(template: string): string {
  return template.replace(/YYYY-MM-DDTHH:MM/g, "2026-12-01T10:30").replace(/YYYY-MM-DD/g, "2026-12-01");
}

describe("init", () => {
  it("writes a template postmortem and a config that leaves the template out, then lint passes on a filled copy", async () => {
    const cwd = folder();
    const init = await run(["init"], cwd);
    expect(init).toEqual({
      code: 0,
      stdout:
        "wrote postmortems/_TEMPLATE.md\n" +
        "wrote .github/postmortem-followups.yml\n" +
        "next: copy postmortems/_TEMPLATE.md to postmortems/2026-12-04-short-name.md, fill it in, then run `npx postmortem-followups lint`\n",
      stderr: "",
    });
    const config = parse(readFileSync(join(cwd, ".github/postmortem-followups.yml"), "utf8"));
    expect(config).toEqual({ paths: ["postmortems/**", "!postmortems/_TEMPLATE.md"], language: "en" });

    // The template's placeholders are never checked...
    const template = readFileSync(join(cwd, "postmortems/_TEMPLATE.md"), "utf8");
    expect(template).toContain("date: YYYY-MM-DD");
    const alone = await run(["lint"], cwd);
    expect(alone.stdout).not.toContain("_TEMPLATE.md");
    expect(alone.code).toBe(0);

    // ...and a copy filled in is a valid postmortem with two follow-ups.
    writeFileSync(join(cwd, "postmortems/2026-12-01-api-outage.md"), fillIn(template));
    const lint = await run(["lint"], cwd);
    expect(lint.stdout).not.toMatch(/ (error|warning) /);
    expect(lint.code).toBe(0);
    const plan = await run(["plan", "postmortems/2026-12-01-api-outage.md", "--format", "json"], cwd);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('"example-mitigation"');
    expect(plan.stdout).toContain('"example-prevention"');
  });

  it("in Korean: a Korean template and config, Korean lines with the right particles", async () => {
    const cwd = folder();
    const init = await run(["init", "--language", "ko", "--dir", "docs/postmortems/"], cwd);
    expect(init).toEqual({
      code: 0,
      stdout:
        "docs/postmortems/_TEMPLATE.md 파일을 만들었습니다\n" +
        ".github/postmortem-followups.yml 파일을 만들었습니다\n" +
        "다음 단계: docs/postmortems/_TEMPLATE.md 파일을 docs/postmortems/2026-12-04-short-name.md로 복사해 채운 뒤 `npx postmortem-followups lint`를 실행하세요\n",
      stderr: "",
    });
    const config = parse(readFileSync(join(cwd, ".github/postmortem-followups.yml"), "utf8"));
    expect(config).toEqual({
      paths: ["docs/postmortems/**", "!docs/postmortems/_TEMPLATE.md"],
      language: "ko",
    });
    const template = readFileSync(join(cwd, "docs/postmortems/_TEMPLATE.md"), "utf8");
    expect(template).toContain("## 타임라인");
    writeFileSync(join(cwd, "docs/postmortems/2026-12-01-login.md"), fillIn(template));
    const lint = await run(["lint"], cwd);
    expect(lint.stdout).not.toMatch(/ (error|warning) /);
    expect(lint.code).toBe(0);
  });

  it("keeps files that exist (and says how to leave the template out) unless --force", async () => {
    const cwd = folder();
    mkdirSync(join(cwd, ".github"));
    writeFileSync(join(cwd, ".github/postmortem-followups.yml"), "language: en\n");
    const kept = await run(["init"], cwd);
    expect(kept.code).toBe(0);
    expect(kept.stdout.split("\n").slice(0, 3)).toEqual([
      "wrote postmortems/_TEMPLATE.md",
      "kept .github/postmortem-followups.yml: it exists (--force overwrites it)",
      'add "!postmortems/_TEMPLATE.md" to the paths of .github/postmortem-followups.yml, so that the template is never checked',
    ]);
    expect(readFileSync(join(cwd, ".github/postmortem-followups.yml"), "utf8")).toBe("language: en\n");

    const forced = await run(["init", "--force"], cwd);
    expect(forced.stdout).toContain("wrote .github/postmortem-followups.yml\n");
    expect(readFileSync(join(cwd, ".github/postmortem-followups.yml"), "utf8")).toContain(
      "!postmortems/_TEMPLATE.md",
    );
  });

  it("refuses a folder outside the repository, in one line, exit 2", async () => {
    const cwd = folder();
    const bad = await run(["init", "--dir", "../elsewhere"], cwd);
    expect(bad).toEqual({
      code: 2,
      stdout: "",
      stderr: 'error: --dir "../elsewhere": give a folder inside the repository, e.g. postmortems\n',
    });
  });
});
