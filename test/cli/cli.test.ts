import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configJsonSchema } from "../../src/domain/config/schema.js";
import { postmortemJsonSchema } from "../../src/domain/postmortem/schema.js";

/** End to end: the built CLI (`npm test` builds first), spawned like a user runs it. */
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BIN = join(ROOT, "bin/postmortem-followups.js");
const FIXTURES = join(ROOT, "test/fixtures");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], cwd = ROOT): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd, env: { ...process.env, GHE_HOST: "", NO_COLOR: "1" }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** No user mistake may end in a stack trace. */
function expectNoStack(run: Run): void {
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(run.stdout).not.toMatch(/^\s+at /m);
}

let tmp: string;

beforeAll(async () => {
  if (!existsSync(join(ROOT, "lib/cli/main.js")))
    throw new Error("lib/ is not built: run `npm test` (it builds first) or `npm run build`");
  tmp = await mkdtemp(join(tmpdir(), "pmf-cli-"));
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function workspace(name: string, files: Record<string, string | Buffer>): Promise<string> {
  const dir = join(tmp, name);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(dir, path, ".."), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  await mkdir(dir, { recursive: true });
  return dir;
}

describe("usage", () => {
  it("prints its version", async () => {
    const run = await cli(["--version"]);
    expect(run).toEqual({ code: 0, stdout: "0.1.0\n", stderr: "" });
  });

  it("--help lists the commands and exits 0", async () => {
    const run = await cli(["--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/lint \[options\] \[paths\.\.\.\]/);
    expect(run.stdout).toMatch(/plan \[options\] \[paths\.\.\.\]/);
    expect(run.stdout).toMatch(/schema \[options\]/);
  });

  it.each([
    [[], /Usage: postmortem-followups/],
    [["frobnicate"], /error: unknown command 'frobnicate'/],
    [["lint", "--bogus"], /error: unknown option '--bogus'/],
    [["lint", "--format", "xml"], /argument 'xml' is invalid. Allowed choices are text, json/],
    [["lint", "no/such/file.md"], /^error: no\/such\/file\.md: no such file or folder$/m],
    [["lint", "/dev/null"], /^error: \/dev\/null: not a file or a folder$/m],
    [["lint", "no/such/*.md"], /^error: no postmortem files match "no\/such\/\*\.md"$/m],
    [["lint", "--config", "missing.yml"], /^error: config file missing\.yml not found$/m],
    [["plan", "--pr", "abc"], /^error: --pr must be a pull request number \(got "abc"\)$/m],
    [
      ["plan", "--merged-on", "2026-02-30"],
      /^error: --merged-on must be a date, YYYY-MM-DD \(got "2026-02-30"\)$/m,
    ],
    [["plan", "--repo", "not a repo"], /^error: --repo must be owner\/name \(got "not a repo"\)$/m],
    [["schema", "extra"], /too many arguments for 'schema'/],
  ])("%j is a usage error (exit 2)", async (args, message) => {
    const run = await cli(args as string[]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe("");
    expectNoStack(run);
  });
});

describe("lint", () => {
  it("exit 0 for valid postmortems", async () => {
    const run = await cli(["lint", "test/fixtures/postmortems"]);
    expect(run).toEqual({ code: 0, stdout: "", stderr: "no problems in 3 postmortems\n" });
  });

  it("exit 1 with file:line:col severity path: message for errors", async () => {
    const run = await cli(["lint", "test/fixtures/bad/duplicate-ids.md", "test/fixtures/bad/warnings.md"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        'test/fixtures/bad/duplicate-ids.md:15:11 error followups.long_term[0].id: duplicate id "scale-consumers" (first used at line 8, followups.short_term[0])',
        "test/fixtures/bad/warnings.md:2:1 warning root_cause: no root_cause: add the 5 Whys or a fishbone so the follow-ups can be traced to causes",
        "test/fixtures/bad/warnings.md:6:7 warning followups.short_term[0].owner: no owner: a follow-up nobody owns is rarely done",
        "test/fixtures/bad/warnings.md:6:7 warning followups.short_term[0].description: no description: say what done looks like",
        "test/fixtures/bad/warnings.md:14:12 warning followups.short_term[1].due: due date 2026-03-01 is before the incident date 2026-03-20",
        "",
      ].join("\n"),
    );
    expect(run.stderr).toBe("1 error, 4 warnings in 2 postmortems\n");
  });

  it("warnings alone exit 0", async () => {
    const run = await cli(["lint", "test/fixtures/bad/warnings.md"]);
    expect(run.code).toBe(0);
  });

  it("--format json prints an array of {file, line, column, severity, code, path, message}", async () => {
    const run = await cli(["lint", "--format", "json", "test/fixtures/bad/unknown-category.md"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual([
      {
        file: "test/fixtures/bad/unknown-category.md",
        line: 4,
        column: 11,
        severity: "error",
        code: "unknown-severity",
        path: "severity",
        message: '"SEV9" is not a severity (expected one of SEV1, SEV2, SEV3, SEV4)',
      },
      {
        file: "test/fixtures/bad/unknown-category.md",
        line: 17,
        column: 17,
        severity: "error",
        code: "unknown-category",
        path: "followups.short_term[1].category",
        message:
          '"sytem" is not a category (expected one of system, process, training, documentation, tooling); did you mean "system"?',
      },
      {
        file: "test/fixtures/bad/unknown-category.md",
        line: 23,
        column: 17,
        severity: "error",
        code: "unknown-category",
        path: "followups.short_term[2].category",
        message:
          '"culture" is not a category (expected one of system, process, training, documentation, tooling)',
      },
    ]);
  });

  it("every bad fixture fails with exit 1 and no stack trace", async () => {
    const run = await cli(["lint", "--format", "json", "test/fixtures/bad"]);
    expect(run.code).toBe(1);
    expectNoStack(run);
    const problems = JSON.parse(run.stdout) as { file: string; severity: string }[];
    const files = new Set(problems.map((p) => p.file));
    expect(files.size).toBe(14);
    expect(problems.filter((p) => p.severity === "notice")).toEqual([
      expect.objectContaining({ file: "test/fixtures/bad/no-front-matter.md", line: 1, column: 1 }),
    ]);
  });

  it("no paths: the config's globs under the working folder; other files are skipped with a note", async () => {
    const good = await import("node:fs").then((fs) =>
      fs.readFileSync(join(FIXTURES, "postmortems/2026-03-12-payments.md"), "utf8"),
    );
    const dir = await workspace("default-globs", {
      "postmortems/2026-03-12-payments.md": good,
      "postmortems/README.md": "# Our postmortems\n",
      "postmortems/diagram.png": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]),
      "docs/postmortems/2025/old.yaml":
        "title: Old\ndate: 2025-01-01\nroot_cause: {summary: x}\nfollowups: {}\n",
      "notes/elsewhere.md": "---\ntitle: [broken\n---\n",
    });
    const run = await cli(["lint"], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      "docs/postmortems/2025/old.yaml:4:12 warning followups: no follow-ups under short_term or long_term\n",
    );
    expect(run.stderr).toBe(
      'postmortems/README.md: note: no follow-up section (e.g. "## Action Items"); headings: Our postmortems\n' +
        "0 errors, 1 warning in 2 postmortems (1 file skipped)\n",
    );
  });

  it('never says "no problems" when no file was a postmortem; --strict fails on it', async () => {
    const dir = await workspace("all-skipped", {
      "postmortems/README.md": "# Our postmortems\n",
      "postmortems/_TEMPLATE.md": "# Title\n\n## Impact\n",
    });
    const run = await cli(["lint"], dir);
    expect(run).toEqual({
      code: 0,
      stdout: "",
      stderr:
        'postmortems/README.md: note: no follow-up section (e.g. "## Action Items"); headings: Our postmortems\n' +
        'postmortems/_TEMPLATE.md: note: no follow-up section (e.g. "## Action Items"); headings: Title, Impact\n' +
        'no postmortem in 2 files: nothing was checked (see the notes; exclude templates with a "!" glob in paths)\n',
    });
    const strict = await cli(["lint", "--strict"], dir);
    expect(strict.code).toBe(1);
    expect(strict.stderr.split("\n").slice(-2)).toEqual(["--strict: no postmortem was checked", ""]);
  });

  it('--strict fails on a skipped file among good ones, and on no file at all; a "!" glob leaves the template out', async () => {
    const good = await import("node:fs").then((fs) =>
      fs.readFileSync(join(FIXTURES, "postmortems/2026-03-12-payments.md"), "utf8"),
    );
    const dir = await workspace("strict-skipped", {
      "postmortems/2026-03-12-payments.md": good,
      "postmortems/_TEMPLATE.md": "# Title\n",
    });
    expect((await cli(["lint"], dir)).code).toBe(0);
    const strict = await cli(["lint", "--strict"], dir);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain("--strict: 1 file matched by paths yielded no postmortem\n");
    await import("node:fs").then((fs) => {
      fs.mkdirSync(join(dir, ".github"), { recursive: true });
      fs.writeFileSync(
        join(dir, ".github/postmortem-followups.yml"),
        'paths: ["postmortems/**", "!postmortems/_TEMPLATE.md"]\n',
      );
    });
    const excluded = await cli(["lint", "--strict"], dir);
    expect(excluded).toMatchObject({ code: 0, stderr: "no problems in 1 postmortem\n" });
    const empty = await workspace("strict-empty", { "notes/x.md": "# x\n" });
    const none = await cli(["lint", "--strict"], empty);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("no postmortems found");
  });

  it("reads the globs from the config", async () => {
    const dir = await workspace("configured-globs", {
      ".github/postmortem-followups.yml": "paths: [incidents/*.md]\n",
      // `followups:` (empty) makes it the precise format: without it, the Markdown reader reads the file.
      "incidents/a.md": "---\ntitle: A\nfollowups:\n---\n",
      "postmortems/ignored.md": "---\ntitle: [broken\n---\n",
    });
    const run = await cli(["lint", "--format", "json"], dir);
    expect(run.code).toBe(1);
    expect(
      JSON.parse(run.stdout).map((p: { file: string; message: string }) => `${p.file}: ${p.message}`),
    ).toEqual([
      'incidents/a.md: missing required key "date"',
      "incidents/a.md: no root_cause: add the 5 Whys or a fishbone so the follow-ups can be traced to causes",
      "incidents/a.md: expected a mapping, got empty",
    ]);
  });

  it("finding no postmortems is not an error", async () => {
    const dir = await workspace("empty", { "README.md": "# nothing\n" });
    const run = await cli(["lint"], dir);
    expect(run).toEqual({
      code: 0,
      stdout: "",
      stderr: "no postmortems found (looked in postmortems/**, docs/postmortems/**)\n",
    });
  });

  it("refuses a file over 1 MiB and a binary file, without a stack trace", async () => {
    const dir = await workspace("hostile", {
      "postmortems/big.md": `---\ntitle: x\n---\n${"a".repeat(2 * 1024 * 1024)}`,
      "postmortems/binary.md": Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0xff, 0x00]),
    });
    const run = await cli(["lint"], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      "postmortems/big.md:1:1 error file is 2097169 bytes; postmortems are limited to 1 MiB (1048576 bytes)\n" +
        "postmortems/binary.md:1:1 error file is binary, not a postmortem\n",
    );
    expectNoStack(run);
  });

  it("an invalid config is reported with its positions and exits 1", async () => {
    const dir = await workspace("bad-config", {
      ".github/postmortem-followups.yml": "language: fr\nweekly:\n  hour: 25\n",
    });
    const text = await cli(["lint"], dir);
    expect(text.code).toBe(1);
    expect(text.stdout).toBe(
      '.github/postmortem-followups.yml:1:11 error language: "fr" is not allowed (expected one of en, ko)\n' +
        ".github/postmortem-followups.yml:3:9 error weekly.hour: must be at most 23\n",
    );
    expect(text.stderr).toBe(".github/postmortem-followups.yml is invalid: nothing was checked\n");
    const json = await cli(["lint", "--format", "json"], dir);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toHaveLength(2);
  });

  it("the example postmortems lint clean, with the default and the example config", async () => {
    for (const args of [[], ["--config", "examples/postmortem-followups.yml"]]) {
      const run = await cli(["lint", "--format", "json", ...args, "examples/postmortems"]);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual([]);
    }
  });
});

describe("lint with language: ko", () => {
  const koConfig = async () => {
    const dir = await workspace("ko-config", { "postmortem-followups.yml": "language: ko\n" });
    return join(dir, "postmortem-followups.yml");
  };

  it("prints Korean messages at the same positions, with the same paths and codes", async () => {
    const files = ["test/fixtures/bad/unknown-category.md", "test/fixtures/bad/validation.md"];
    const english = await cli(["lint", "--format", "json", ...files]);
    const korean = await cli(["lint", "--format", "json", "--config", await koConfig(), ...files]);
    expect(korean.code).toBe(1);
    const en = JSON.parse(english.stdout) as Record<string, unknown>[];
    const ko = JSON.parse(korean.stdout) as Record<string, unknown>[];
    const place = ({ message: _, ...rest }: Record<string, unknown>) => rest;
    expect(ko.map(place)).toEqual(en.map(place));
    expect(ko.every((p) => /[\uac00-\ud7a3]/.test(String(p.message)))).toBe(true);
    expect(ko[1]).toEqual({
      file: "test/fixtures/bad/unknown-category.md",
      line: 17,
      column: 17,
      severity: "error",
      code: "unknown-category",
      path: "followups.short_term[1].category",
      message:
        '"sytem"은 분류가 아닙니다 (가능한 값: system, process, training, documentation, tooling); "system"을 말씀하신 건가요?',
    });
  });

  it("text output: the machine format with error/warning as they are, the message in Korean", async () => {
    const run = await cli(["lint", "--config", await koConfig(), "test/fixtures/bad/duplicate-ids.md"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      'test/fixtures/bad/duplicate-ids.md:15:11 error followups.long_term[0].id: id "scale-consumers"가 중복됩니다 (처음 쓴 곳: 8번째 줄, followups.short_term[0])\n',
    );
  });

  it("the lines around the problems are in Korean too (the problem lines' format stays as it is)", async () => {
    const config = await koConfig();
    const clean = await cli(["lint", "--config", config, "test/fixtures/postmortems/2026-03-12-payments.md"]);
    expect(clean).toEqual({ code: 0, stdout: "", stderr: "포스트모템 1개: 문제 없음\n" });
    const bad = await cli(["lint", "--config", config, "test/fixtures/bad/duplicate-ids.md"]);
    expect(bad.stderr).toBe("포스트모템 1개: 오류 1개, 경고 0개\n");
    const empty = await workspace("ko-empty", { ".github/postmortem-followups.yml": "language: ko\n" });
    expect((await cli(["lint"], empty)).stderr).toBe(
      "포스트모템을 찾지 못했습니다 (찾아본 곳: postmortems/**, docs/postmortems/**)\n",
    );
  });

  it("an invalid config that declares ko is reported in Korean", async () => {
    const dir = await workspace("bad-ko-config", {
      ".github/postmortem-followups.yml": "language: ko\nweekly:\n  hour: 25\n  timezon: UTC\n",
    });
    const run = await cli(["lint"], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      ".github/postmortem-followups.yml:3:9 error weekly.hour: 23 이하여야 합니다\n" +
        '.github/postmortem-followups.yml:4:3 error weekly.timezon: "timezon"은 알 수 없는 키입니다; "timezone"을 말씀하신 건가요?\n',
    );
    expect(run.stderr).toBe(
      ".github/postmortem-followups.yml 설정이 올바르지 않아 아무것도 검사하지 않았습니다\n",
    );
  });
});

describe("convert", () => {
  it("--to front-matter writes the precise form; plan reads the same ids from it; --to is checked", async () => {
    const dir = await workspace("convert", {});
    await cp(
      join(ROOT, "examples/postmortems/2026-03-03-search-overload.md"),
      join(dir, "postmortems/search.md"),
    );
    const before = JSON.parse(
      (await cli(["plan", "--format", "json", "--repo", "acme/s", "--merged-on", "2026-03-06"], dir)).stdout,
    );
    const printed = await cli(["convert", "--to", "front-matter", "postmortems/search.md"], dir);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(
      /^---\ntitle: "Search overload postmortem \(incident #482\)"\ndate: 2026-03-03\nseverity: SEV2\nfollowups:\n/,
    );
    expect(printed.stderr).toContain("(not written: add --write)");
    const written = await cli(["convert", "--to", "front-matter", "--write", "postmortems/search.md"], dir);
    expect(written.code).toBe(0);
    const after = JSON.parse(
      (await cli(["plan", "--format", "json", "--repo", "acme/s", "--merged-on", "2026-03-06"], dir)).stdout,
    );
    const ids = (plan: { issues: { id: string; title: string }[] }) =>
      plan.issues.map((i) => [i.id, i.title]);
    expect(ids(after)).toEqual(ids(before));
    expect(ids(after).length).toBeGreaterThan(0);
    const again = await cli(["convert", "--to", "front-matter", "postmortems/search.md"], dir);
    expect(again.stderr).toContain("already in the front-matter form");
    const bad = await cli(["convert", "--to", "yaml", "postmortems/search.md"], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Allowed choices are anchors, front-matter");
  });
});

describe("plan", () => {
  const payments = "test/fixtures/postmortems/2026-03-12-payments.md";

  it("--format json: the issues the app would create", async () => {
    const run = await cli([
      "plan",
      "--format",
      "json",
      "--repo",
      "acme/pay",
      "--pr",
      "42",
      "--merged-on",
      "2026-03-20",
      payments,
    ]);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({ repo: "acme/pay", pr: 42, mergedOn: "2026-03-20" });
    // The fixture's first item is due the day before this merge: it would be born overdue.
    expect(out.problems).toEqual([
      {
        file: payments,
        line: 19,
        column: 1,
        severity: "warning",
        code: "due-before-merge",
        path: "",
        message:
          "due date 2026-03-19 is before the merge (2026-03-20): the follow-up will be overdue as soon as its issue is created",
      },
    ]);
    expect(out.issues).toHaveLength(2);
    expect(out.issues[0]).toMatchObject({
      file: payments,
      path: payments,
      id: "validate-gateway-config",
      term: "short_term",
      category: "system",
      title: "Validate gateway config before deploy",
      labels: ["postmortem-followup", "term: short-term", "category: system", "severity: SEV1"],
      assignees: ["alice"],
      owner: "alice",
      due: "2026-03-19",
      priority: "P1",
      milestone: null,
    });
    expect(out.issues[1]).toMatchObject({ id: "config-canary", due: "2026-06-18", assignees: ["bob"] });
    const body: string = out.issues[0].body;
    expect(body.split("\n")[0]).toBe(
      `<!-- postmortem-followups:followup v1 {"path":"${payments}","id":"validate-gateway-config","pr":42,"due":"2026-03-19","dueSet":true,"title":"Validate gateway config before deploy","owner":"alice","authors":["alice","bob"]} -->`,
    );
    expect(body).toContain("https://github.com/acme/pay/blob/main/test/payments/gateway-config.test.ts");
    expect(body).toContain("merged in #42");
  });

  it("text output names each issue with its labels, assignees, due date and body", async () => {
    const run = await cli(["plan", "--repo", "acme/pay", "--merged-on", "2026-03-20", payments]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${payments}: 2 issues to create in acme/pay (merged on 2026-03-20)\n`);
    expect(run.stdout).toContain(
      [
        "1. Validate gateway config before deploy",
        `   from:      ${payments}:19`,
        "   id:        validate-gateway-config (short_term, system)",
        "   labels:    postmortem-followup, term: short-term, category: system, severity: SEV1",
        "   assignees: alice",
        "   due:       2026-03-19, priority P1",
        "   body:",
        "   │ <!-- postmortem-followups:followup v1 ",
      ].join("\n"),
    );
  });

  it("--format json lists every item with its id, title, line and state, even when the file has errors", async () => {
    const run = await cli([
      "plan",
      "--format",
      "json",
      "--repo",
      "acme/pay",
      "--merged-on",
      "2026-03-20",
      payments,
    ]);
    expect(run.code).toBe(0);
    const { items } = JSON.parse(run.stdout);
    expect(items.map((i: { id: string; line: number; state: string }) => [i.id, i.line, i.state])).toEqual([
      ["validate-gateway-config", 19, "create"],
      ["config-canary", 31, "create"],
    ]);
    const text = await import("node:fs").then((fs) => fs.readFileSync(join(ROOT, payments), "utf8"));
    const dir = await workspace("plan-blocked", {
      "postmortems/p.md": text.replace("severity: SEV1", "severity: SEV9"),
    });
    const blocked = await cli(["plan", "--format", "json", "--repo", "acme/pay", "postmortems/p.md"], dir);
    expect(blocked.code).toBe(1);
    const out = JSON.parse(blocked.stdout);
    expect(out.issues).toEqual([]);
    expect(out.items).toEqual([
      expect.objectContaining({
        id: "validate-gateway-config",
        title: "Validate gateway config before deploy",
        line: 19,
        state: "blocked",
      }),
      expect.objectContaining({ id: "config-canary", line: 31, state: "blocked" }),
    ]);
  });

  it("the SRE book's example postmortem (test/fixtures/markdown, as published): every action item, its title and state", async () => {
    const dir = await workspace("sre-book", {});
    await cp(
      join(FIXTURES, "markdown/sre-book-shakespeare.md"),
      join(dir, "postmortems/sre-book-shakespeare.md"),
    );
    const run = await cli(
      ["plan", "--format", "json", "--repo", "acme/search", "--merged-on", "2015-10-28"],
      dir,
    );
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(
      out.items.map((i: { line: number; state: string; title: string }) => [i.line, i.state, i.title]),
    ).toEqual([
      [45, "done", "Update playbook with instructions for responding to cascading failure"],
      [46, "create", "Use flux capacitor to balance load between clusters"],
      [47, "create", "Schedule cascading failure test during next DiRT"],
      [48, "create", "Investigate running index MR/fusion continuously"],
      [49, "done", "Plug file descriptor leak in search ranking subsystem"],
      [50, "create", "Add load shedding capabilities to Shakespeare search"],
      [51, "create", "Build regression tests to ensure servers respond sanely to queries of death"],
      [52, "done", "Deploy updated search ranking subsystem to prod"],
      [
        53,
        "create",
        "Freeze production until 2015-11-20 due to error budget exhaustion, or seek exception due to grotesque, unbelievable, bizarre, and unprecedented circumstances",
      ],
    ]);
    expect(out.issues.map((i: { title: string }) => i.title)).toHaveLength(6);
    // the date is the paragraph under its `## Date` heading (the book's layout): nothing blocks the plan
    expect(out.problems.filter((p: { severity: string }) => p.severity === "error")).toEqual([]);
  });

  it("a team owner is mentioned, not assigned; Korean config writes Korean", async () => {
    const dir = await workspace("ko", {
      ".github/postmortem-followups.yml": "language: ko\n",
    });
    await cp(join(FIXTURES, "postmortems/2026-04-02-login-ko.md"), join(dir, "postmortems/login.md"));
    const run = await cli(
      ["plan", "--format", "json", "--repo", "acme/pay", "--merged-on", "2026-04-03"],
      dir,
    );
    expect(run.code).toBe(0);
    const { issues } = JSON.parse(run.stdout);
    expect(issues[1]).toMatchObject({
      owner: "acme/sre",
      assignees: [],
      labels: ["postmortem-followup", "장기 해결책", "분류: 도구", "심각도: SEV2"],
      due: "2026-07-02",
    });
    expect(issues[1].body).toContain("### 테스트 및 검증 계획");
    const text = await cli(["plan", "--repo", "acme/pay", "--merged-on", "2026-04-03"], dir);
    expect(text.stdout).toContain("   담당자:    없음: acme/sre는 팀이라 본문에서 멘션합니다\n");
  });

  it("files with errors print their problems and exit 1; valid files are still planned", async () => {
    const run = await cli([
      "plan",
      "--format",
      "json",
      "--repo",
      "acme/pay",
      "--merged-on",
      "2026-03-12",
      payments,
      "test/fixtures/bad/duplicate-ids.md",
    ]);
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout);
    expect(out.issues.map((i: { id: string }) => i.id)).toEqual(["validate-gateway-config", "config-canary"]);
    expect(out.problems).toEqual([
      {
        file: "test/fixtures/bad/duplicate-ids.md",
        line: 15,
        column: 11,
        severity: "error",
        code: "duplicate-id",
        path: "followups.long_term[0].id",
        message: 'duplicate id "scale-consumers" (first used at line 8, followups.short_term[0])',
      },
    ]);
    const text = await cli(["plan", "--repo", "acme/pay", "test/fixtures/bad/duplicate-ids.md"]);
    expect(text.code).toBe(1);
    expect(text.stderr).toContain("test/fixtures/bad/duplicate-ids.md:15:11 error followups.long_term[0].id");
    expect(text.stderr).toContain("test/fixtures/bad/duplicate-ids.md: has errors, no issues planned");
  });

  it("without --repo or a git remote, links use OWNER/REPO", async () => {
    const dir = await workspace("no-git", {});
    await cp(join(FIXTURES, "postmortems/2026-05-20-cache.yml"), join(dir, "postmortems/cache.yml"));
    const run = await cli(["plan", "--format", "json", "--merged-on", "2026-05-21"], dir);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.repo).toBe("OWNER/REPO");
    expect(out.issues[0].body).toContain("https://github.com/OWNER/REPO/blob/main/postmortems/cache.yml");
    expect(out.issues[0].due).toBe("2026-06-04");
  });

  it("reads the repository from the git remote, and paths from the work tree's root", async () => {
    const dir = await workspace("git", {});
    const git = (...args: string[]) =>
      new Promise<void>((resolve, reject) =>
        execFile("git", args, { cwd: dir }, (error) => (error ? reject(error) : resolve())),
      );
    try {
      await git("init", "-q");
    } catch {
      return; // no git on this machine: nothing to test
    }
    await git("remote", "add", "origin", "git@github.com:acme/shop.git");
    await cp(join(FIXTURES, "postmortems/2026-05-20-cache.yml"), join(dir, "docs/postmortems/cache.yml"));
    const run = await cli(
      ["plan", "--format", "json", "--merged-on", "2026-05-21", "cache.yml"],
      join(dir, "docs/postmortems"),
    );
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.repo).toBe("acme/shop");
    expect(out.issues[0]).toMatchObject({ file: "cache.yml", path: "docs/postmortems/cache.yml" });
  });

  it("a postmortem outside the working folder's work tree: its path in its own work tree, never an absolute path in a link", async () => {
    const other = await workspace("other-checkout", {});
    const here = await workspace("here", {});
    const git = (cwd: string, ...args: string[]) =>
      new Promise<void>((resolve, reject) =>
        execFile("git", args, { cwd }, (error) => (error ? reject(error) : resolve())),
      );
    try {
      await git(other, "init", "-q");
    } catch {
      return; // no git on this machine: nothing to test
    }
    await cp(join(FIXTURES, "postmortems/2026-05-20-cache.yml"), join(other, "postmortems/cache.yml"));
    const run = await cli(
      ["plan", "--format", "json", "--repo", "acme/shop", join(other, "postmortems/cache.yml")],
      here,
    );
    expect(run.code).toBe(0);
    const issue = JSON.parse(run.stdout).issues[0];
    expect(issue.path).toBe("postmortems/cache.yml");
    expect(issue.body).toContain("https://github.com/acme/shop/blob/main/postmortems/cache.yml");
    expect(issue.body).not.toContain("main//");

    // In no work tree at all: the file's name, and a note that says so.
    const loose = await workspace("loose", {});
    await cp(join(FIXTURES, "postmortems/2026-05-20-cache.yml"), join(loose, "cache.yml"));
    const text = await cli(["plan", "--repo", "acme/shop", join(loose, "cache.yml")], here);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("(https://github.com/acme/shop/blob/main/cache.yml)");
    expect(text.stderr).toContain('is outside the repository: its links use the path "cache.yml"');
  });
});

describe("schema", () => {
  it("prints the postmortem JSON Schema", async () => {
    const run = await cli(["schema"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(postmortemJsonSchema());
  });

  it("--config prints the config's JSON Schema", async () => {
    const run = await cli(["schema", "--config"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(configJsonSchema());
  });
});
