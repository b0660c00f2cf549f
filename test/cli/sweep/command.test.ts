import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../../src/cli/main.js";
import { sweepCommandWith } from "../../../src/cli/sweep/command.js";
import type { SweepDeps } from "../../../src/cli/sweep/run.js";
import { withNotDoing } from "../../../src/domain/validation/not-doing.js";
import { withEvidence } from "../../../src/domain/validation/proof.js";
import { type CliRun, runCommand, simulatedApp } from "../../helpers/cli.js";
import { testPrivateKey } from "../../helpers/probot.js";
import { useSimulator } from "../../helpers/simulated-github.js";
import { about, addInstallation, followups, repoWithPostmortem } from "../../runs/sweep/fleet.js";
import type { SimRepo } from "../../simulator/index.js";

const github = useSimulator({
  maxPerPage: { "apps/list-installations": 1, "apps/list-repos-accessible-to-installation": 1 },
});

const NOW = new Date("2026-11-25T12:00:00Z");
const PATH = "postmortems/2026-03-12-payments.md";

/** The app's credentials, and GitHub Enterprise Server settings that point at the simulator. */
function env(): Record<string, string> {
  return {
    APP_ID: "1",
    PRIVATE_KEY: testPrivateKey(),
    LOG_LEVEL: "fatal",
    GHE_HOST: github.sim.host,
    GHE_PROTOCOL: "http",
  };
}

/** A repository of `owner` (one installation per owner) with a postmortem merged in #7. */
function repo(owner: string, name: string): SimRepo {
  const installations = Object.values(github.sim.state.installations);
  const installation =
    installations.find((i) => i.account === owner) ??
    addInstallation(github.sim, installations.length + 1, owner);
  return repoWithPostmortem(github.sim, installation, name, { ids: ["gateway"] });
}

const writesTo = (r: SimRepo) => about(github.sim, r).filter((q) => q.access === "write");

/** Run `sweep` with test dependencies (a Probot on the test Octokit, a fixed clock). */
function sweep(args: string[], deps: Partial<SweepDeps> = {}): Promise<CliRun> {
  const register = sweepCommandWith({
    app: simulatedApp(github),
    isTTY: () => false,
    now: () => NOW,
    ...deps,
  });
  return runCommand(register, ["sweep", ...args], { env: env() });
}

describe("postmortem-followups sweep", () => {
  it("sweeps every installation and ends with one summary line", async () => {
    repo("acme", "pay");
    repo("globex", "api");
    const run = await sweep([]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines).toEqual([
      "acme/pay: created 1 missing follow-up issue",
      `acme/pay: posted the 2026-W48 report on #7 (${PATH})`,
      "globex/api: created 1 missing follow-up issue",
      `globex/api: posted the 2026-W48 report on #7 (${PATH})`,
      "sweep: 2 repositories, 2 reports posted, 2 issues recreated, 0 errors",
    ]);
    expect(run.stderr).toBe("");

    // Again: nothing to do.
    const again = await sweep([]);
    expect(again.stdout).toBe("sweep: 2 repositories, 0 reports posted, 0 issues recreated, 0 errors\n");
  });

  it("--dry-run prints what it would post and writes nothing", async () => {
    const a = repo("acme", "pay");
    const run = await sweep(["--dry-run"]);
    expect(run.code).toBe(0);
    expect(writesTo(a)).toEqual([]);
    expect(run.stdout).toContain('acme/pay: would create issue "Follow-up gateway"');
    expect(run.stdout.trimEnd().split("\n").at(-1)).toBe(
      "sweep (dry run): 1 repository, 0 reports to post, 1 issue to recreate, 0 errors",
    );
  });

  it("--dry-run shows the report it would post", async () => {
    const a = repo("acme", "pay");
    await sweep([]);
    const [issue] = followups(github.sim, a);
    issue!.state = "closed";
    issue!.state_reason = "not_planned";
    issue!.closed_at = "2026-11-24T00:00:00Z";
    // With its reason (issue 16): not doing without one keeps the reports going.
    issue!.body = withNotDoing(issue!.body ?? "", "en", {
      reason: "retired",
      by: "alice",
      at: "2026-11-24T00:01:00Z",
      comment: 1,
      url: "https://github.com/acme/pay/issues/1#issuecomment-1",
      closedBy: "alice",
      closedAt: "2026-11-24T00:00:00Z",
    });
    github.sim.clearLog();
    const run = await sweep(["--dry-run"], { now: () => new Date("2026-12-02T12:00:00Z") });
    expect(run.stdout).toContain(`acme/pay: would post the final report on #7 (${PATH}):`);
    expect(run.stdout).toContain("    ## All follow-ups are finished 🎉");
    expect(writesTo(a)).toEqual([]);
  });

  it("--dry-run lists the effectiveness re-check's planned writes: the record, the label, the comment (issue 18)", async () => {
    const a = repo("acme", "pay");
    const file = "tests/payments/retry.test.ts";
    github.sim.addCommit(a, { files: { [file]: "test('retries', () => {});\n" } });
    await sweep([]);
    const [issue] = followups(github.sim, a);
    const url = `https://github.com/acme/pay/blob/main/${file}`;
    issue!.body = withEvidence(
      issue!.body ?? "",
      "en",
      `✅ [${file}](${url}): validated by \`alice\` on 2026-10-10`,
    );
    Object.assign(issue!, { state: "closed", state_reason: "completed", closed_at: "2026-10-10T09:00:00Z" });
    github.sim.addCommit(a, { files: { [file]: null } });
    const body = issue!.body;
    github.sim.clearLog();

    const run = await sweep(["--dry-run"]);

    expect(writesTo(a)).toEqual([]);
    expect(issue!.body).toBe(body);
    const lines = run.stdout.split("\n");
    const at = lines.findIndex((l) => l.includes("re-checked"));
    expect(lines.slice(at, at + 2)).toEqual([
      `acme/pay: re-checked the evidence of #${issue!.number} (closed 2026-10-10): it no longer holds; would record the check, add the label "validation lapsed" and comment (the issue stays closed)`,
      `    - ${url}: "${file}" at main does not exist`,
    ]);
  });

  it("--repo sweeps one repository (found through its installation)", async () => {
    const a = repo("acme", "pay");
    repo("acme", "web");
    github.sim.clearLog();
    const run = await sweep(["--repo", "acme/web"]);
    expect(run.stdout.trimEnd().split("\n").at(-1)).toBe(
      "sweep: 1 repository, 1 report posted, 1 issue recreated, 0 errors",
    );
    expect(writesTo(a)).toEqual([]);
    expect(github.sim.requests.some((r) => r.path === "/app/installations")).toBe(false);

    const missing = await sweep(["--repo", "acme/nope"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("the app is not installed on acme/nope");
  });

  it("on a terminal, shows repositories done of total on stderr", async () => {
    repo("acme", "pay");
    repo("acme", "web");
    const run = await sweep([], { isTTY: () => true });
    expect(run.stderr).toContain("sweeping: 0/2 repositories");
    expect(run.stderr).toContain("sweeping: 1/2 repositories");
    expect(run.stderr).toContain("sweeping: 2/2 repositories");
    expect(run.stderr.endsWith("\r\x1b[K")).toBe(true);
  });

  it("errors are reported on stderr and counted; the exit code is 1", async () => {
    const a = repo("acme", "pay");
    github.sim.addCommit(a, { files: { ".github/postmortem-followups.yml": "weekly:\n  hour: 25\n" } });
    repo("acme", "web");
    // The app may not read acme/web's contents (GraphQL answers 403): the probe, then the tracked issues.
    github.sim.inject({
      match: { repo: "acme/web", kind: "graphql", times: Number.POSITIVE_INFINITY },
      respond: { status: 403, body: { message: "Resource not accessible by integration" } },
    });
    const run = await sweep([]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("acme/pay: the config is invalid, repository skipped:");
    expect(run.stderr).toContain(".github/postmortem-followups.yml:2:");
    expect(run.stderr).toContain("acme/web: error: access denied (403)");
    expect(run.stdout.trimEnd().split("\n").at(-1)).toBe(
      "sweep: 2 repositories, 0 reports posted, 0 issues recreated, 2 errors",
    );
  });

  it("without the app's credentials: a usage error", async () => {
    let stderr = "";
    const code = await main(["sweep"], { env: {}, stderr: (t) => (stderr += t), stdout: () => {} });
    expect(code).toBe(2);
    expect(stderr).toContain("sweep authenticates as the app: set APP_ID and PRIVATE_KEY");
  });

  it("is wired into the CLI and authenticates from the environment (createProbot)", async () => {
    repo("acme", "pay");
    let stdout = "";
    const code = await main(["sweep", "--dry-run"], {
      env: env(),
      stdout: (t) => (stdout += t),
      stderr: () => {},
    });
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /sweep \(dry run\): 1 repository, \d reports? to post, 1 issue to recreate, 0 errors\n$/,
    );
  });
});

describe("postmortem-followups sweep --metrics-file (issue 19)", () => {
  const folder = () => mkdtempSync(join(tmpdir(), "textfile-"));
  /** The samples of a Prometheus text file: `name{labels}` -> value. */
  const samples = (text: string) =>
    new Map(
      text
        .split("\n")
        .filter((l) => l && !l.startsWith("#"))
        .map((l) => {
          const at = l.lastIndexOf(" ");
          return [l.slice(0, at), Number(l.slice(at + 1))] as const;
        }),
    );

  it("writes the sweep's metrics in the text format, by renaming a finished file over it", async () => {
    repo("acme", "pay");
    const dir = folder();
    const file = join(dir, "postmortem_followups.prom");
    writeFileSync(file, "# the previous run's\n");
    const run = await sweep(["--metrics-file", file]);
    expect(run.code).toBe(0);
    const text = readFileSync(file, "utf8");
    expect(text.startsWith("# HELP postmortem_followups_")).toBe(true);
    const s = samples(text);
    expect(s.get("postmortem_followups_sweep_last_completed_timestamp_seconds")).toBeGreaterThan(0);
    expect(s.get("postmortem_followups_sweep_duration_seconds_count")).toBe(1);
    expect(s.get("postmortem_followups_sweep_last_errors")).toBe(0);
    expect(s.get('postmortem_followups_followups{repository="acme/pay",state="open"}')).toBe(1);
    expect(s.get('postmortem_followups_followups{repository="acme/pay",state="overdue"}')).toBe(0);
    expect(s.get('postmortem_followups_followups_validation_lapsed{repository="acme/pay"}')).toBe(0);
    expect(
      s.get('postmortem_followups_github_requests_total{route="POST /graphql",status="200"}'),
    ).toBeGreaterThan(0);
    // Only the file itself: the temporary one was renamed.
    expect(readdirSync(dir)).toEqual(["postmortem_followups.prom"]);
    rmSync(dir, { recursive: true });
  });

  it("a sweep that did not finish leaves the previous file as it was", async () => {
    repo("acme", "pay");
    const dir = folder();
    const file = join(dir, "postmortem_followups.prom");
    writeFileSync(file, "previous\n");
    github.sim.inject({ match: { operation: "apps/list-installations" }, respond: { status: 500 } });
    const run = await sweep(["--metrics-file", file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`metrics not written to ${file}: the sweep did not finish`);
    expect(readFileSync(file, "utf8")).toBe("previous\n");
    expect(readdirSync(dir)).toEqual(["postmortem_followups.prom"]);
    rmSync(dir, { recursive: true });
  });

  it("refuses --repo, and a folder it cannot write, before sweeping anything", async () => {
    const a = repo("acme", "pay");
    const dir = folder();
    const withRepo = await sweep(["--metrics-file", join(dir, "m.prom"), "--repo", "acme/pay"]);
    expect(withRepo.code).toBe(2);
    expect(withRepo.stderr).toContain("--metrics-file describes a sweep of every repository");
    const nowhere = await sweep(["--metrics-file", join(dir, "missing", "m.prom")]);
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toContain("its folder cannot be written (ENOENT)");
    expect(writesTo(a)).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
    rmSync(dir, { recursive: true });
  });
});
