import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanEnv, NO_NETWORK, ROOT, start } from "../app/process.js";
import { type SimRepo, type Simulator, startSimulator } from "../simulator/index.js";

/**
 * The committed bundle, `node dist/action/index.js`, run as the runner runs it: inputs as
 * INPUT_* variables, the event in GITHUB_EVENT_PATH, the API at GITHUB_API_URL (the simulator,
 * strict: an invalid request is refused). The workflow token acts as `github-actions[bot]` (the
 * simulator's app is named so), which is the identity the action trusts markers from.
 */

const BUNDLE = join(ROOT, "dist/action/index.js");
const REPO = "octo-org/payments";

const POSTMORTEM = `---
title: Card payments failed after a config deploy
date: 2026-03-12
severity: SEV1
summary: Card payments failed for 47 minutes.
root_cause:
  five_whys:
    - The deploy crashed the payment gateway.
    - The new config had a null timeout.
followups:
  short_term:
    - id: validate-gateway-config
      title: Validate gateway config before deploy
      category: system
      owner: alice
      description: Reject a null timeout in CI.
      validation:
        - test/gateway-config.test.ts
  long_term:
    - id: config-canary
      title: Canary every config change
      category: process
      owner: alice
      description: Roll config out to 5% first.
      validation:
        - https://grafana.example.com/d/payments
---
# Narrative
`;

let sim: Simulator;
let repo: SimRepo;
let work: string;
let api: Octokit;
let alice: Octokit;
let runs = 0;

beforeAll(async () => {
  sim = await startSimulator({ strict: true, app: { slug: "github-actions", name: "GitHub Actions" } });
  work = mkdtempSync(join(tmpdir(), "pmf-action-"));
  repo = sim.seedRepo({
    owner: "octo-org",
    ownerType: "Organization",
    name: "payments",
    files: { "README.md": "# payments\n", "test/gateway-config.test.ts": "test('x', () => {});\n" },
    collaborators: { alice: "write" },
  });
  api = new Octokit({ baseUrl: sim.url, auth: sim.createInstallationToken() });
  alice = new Octokit({ baseUrl: sim.url, auth: sim.addUserToken("alice") });
});

afterAll(async () => {
  await sim?.close();
  rmSync(work, { recursive: true, force: true });
});

interface Run {
  code: number | string;
  stdout: string;
  stderr: string;
  summary: string;
}

async function runAction(
  event: string,
  payload: object,
  inputs: Record<string, string> = {},
  extraEnv: Record<string, string> = {},
): Promise<Run> {
  const n = ++runs;
  const eventPath = join(work, `event-${n}.json`);
  const summaryPath = join(work, `summary-${n}.md`);
  writeFileSync(eventPath, JSON.stringify(payload));
  writeFileSync(summaryPath, "");
  const env = cleanEnv({
    GITHUB_ACTIONS: "true",
    GITHUB_EVENT_NAME: event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: REPO,
    GITHUB_API_URL: sim.url,
    GITHUB_SERVER_URL: `http://${sim.host}`,
    GITHUB_RUN_ID: String(1000 + n),
    GITHUB_RUN_ATTEMPT: "1",
    GITHUB_STEP_SUMMARY: summaryPath,
    POSTMORTEM_FOLLOWUPS_WRITE_INTERVAL_MS: "0",
    INPUT_TOKEN: sim.createInstallationToken(),
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    ...extraEnv,
  });
  const child = start(["--import", NO_NETWORK, BUNDLE], { cwd: work, env });
  const code = await child.exited;
  return { code, stdout: child.stdout(), stderr: child.stderr(), summary: readFileSync(summaryPath, "utf8") };
}

function expectClean(run: Run): void {
  expect(run.stdout + run.stderr).not.toContain("[no-network]");
  expect(run.stdout).not.toContain("::error::");
  expect(run.code, run.stdout + run.stderr).toBe(0);
}

async function pullPayload(number: number, action: string) {
  const { data: pull_request } = await api.rest.pulls.get({
    owner: "octo-org",
    repo: "payments",
    pull_number: number,
  });
  const { data: repository } = await api.rest.repos.get({ owner: "octo-org", repo: "payments" });
  return { action, number, pull_request, repository, sender: { login: "alice", type: "User", id: 2 } };
}

async function issuePayload(number: number, action: string) {
  const { data: issue } = await api.rest.issues.get({
    owner: "octo-org",
    repo: "payments",
    issue_number: number,
  });
  const { data: repository } = await api.rest.repos.get({ owner: "octo-org", repo: "payments" });
  return { action, issue, repository, sender: { login: "alice", type: "User", id: 2 } };
}

const followupIssues = () =>
  Object.values(repo.issues).filter(
    (i) => !i.pull && i.labels.some((l) => l.toLowerCase() === "postmortem-followup"),
  );
const trackedIssues = () =>
  Object.values(repo.issues).filter((i) => !i.pull && i.user === "github-actions[bot]");

let pullNumber = 0;

describe("the GitHub Action (dist/action/index.js) against the simulator", () => {
  it("pull_request opened: the check run, created by github-actions", async () => {
    const pull = sim.openPullRequest(repo, {
      title: "Postmortem: card payments",
      head: "postmortem/payments",
      files: { "postmortems/2026-03-12-payments.md": POSTMORTEM },
      user: "alice",
    });
    pullNumber = pull.number;
    const run = await runAction("pull_request", await pullPayload(pull.number, "opened"));
    expectClean(run);
    const checks = repo.check_runs;
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({
      name: "Postmortem follow-ups",
      status: "completed",
      conclusion: "success",
      app_slug: "github-actions",
    });
    expect(run.stdout).toContain("pull_request.opened -> the postmortem check");
    expect(sim.violations).toEqual([]);
  });

  it("pull_request closed and merged: one issue per follow-up, authored by github-actions[bot]", async () => {
    sim.mergePullRequest(repo, pullNumber, { by: "alice" });
    const run = await runAction("pull_request", await pullPayload(pullNumber, "closed"));
    expectClean(run);
    const issues = trackedIssues();
    expect(issues.map((i) => i.title).sort()).toEqual([
      "Canary every config change",
      "Validate gateway config before deploy",
    ]);
    for (const issue of issues) {
      expect(issue.assignees).toEqual(["alice"]);
      expect(issue.body).toContain("postmortem-followups:followup v1");
    }
    expect(run.summary).toContain("sync the merged postmortems' follow-ups");
    expect(sim.violations).toEqual([]);
  });

  it("the same event again: markers by github-actions[bot] are trusted, nothing is duplicated or written", async () => {
    sim.clearLog();
    const run = await runAction("pull_request", await pullPayload(pullNumber, "closed"));
    expectClean(run);
    expect(trackedIssues()).toHaveLength(2);
    expect(sim.stats().writes).toBe(0);
  });

  it("issues closed without evidence: needs-validation", async () => {
    const issue = trackedIssues().find((i) => i.title.startsWith("Canary"))!;
    await alice.rest.issues.update({
      owner: "octo-org",
      repo: "payments",
      issue_number: issue.number,
      state: "closed",
      state_reason: "completed",
    });
    const run = await runAction("issues", await issuePayload(issue.number, "closed"));
    expectClean(run);
    expect(repo.issues[String(issue.number)]!.labels).toContain("needs-validation");
    const comments = repo.comments.filter((c) => c.issue_number === issue.number);
    expect(comments.some((c) => c.user === "github-actions[bot]")).toBe(true);
  });

  it("issue_comment /validated by a writer: the evidence is recorded and needs-validation removed", async () => {
    const issue = trackedIssues().find((i) => i.title.startsWith("Canary"))!;
    const { data: comment } = await alice.rest.issues.createComment({
      owner: "octo-org",
      repo: "payments",
      issue_number: issue.number,
      body: "/validated https://grafana.example.com/d/payments-canary",
    });
    const payload = { ...(await issuePayload(issue.number, "created")), comment };
    const run = await runAction("issue_comment", payload);
    expectClean(run);
    const after = repo.issues[String(issue.number)]!;
    expect(after.labels).not.toContain("needs-validation");
    expect(after.body).toContain("https://grafana.example.com/d/payments-canary");
  });

  it("schedule: this repository's sweep posts this week's report on the postmortem's pull request", async () => {
    const run = await runAction("schedule", { schedule: "0 9 * * 1" });
    expectClean(run);
    const reports = repo.comments.filter(
      (c) => c.issue_number === pullNumber && c.user === "github-actions[bot]" && c.body.includes("weekly"),
    );
    expect(reports).toHaveLength(1);
    expect(run.stdout).toMatch(
      /octo-org\/payments: 1 postmortem, 0 issues created, 0 updated, 1 report posted, 0 errors/,
    );
    expect(run.summary).toContain("1 report posted");
  });

  it("workflow_dispatch: a postmortem committed without a pull request gets its issues (the sweep reconciles)", async () => {
    sim.addCommit(repo, {
      message: "Add the DNS postmortem",
      files: {
        "postmortems/2026-04-01-dns.md": POSTMORTEM.replace(
          "Card payments failed after a config deploy",
          "DNS outage",
        )
          .replace("validate-gateway-config", "dns-ttl")
          .replace("Validate gateway config before deploy", "Lower the DNS TTL")
          .replace("config-canary", "dns-drill")
          .replace("Canary every config change", "Run a DNS failover drill"),
      },
    });
    const run = await runAction("workflow_dispatch", { inputs: {}, ref: "refs/heads/main" });
    expectClean(run);
    expect(trackedIssues().map((i) => i.title)).toEqual(
      expect.arrayContaining(["Lower the DNS TTL", "Run a DNS failover drill"]),
    );
    expect(trackedIssues()).toHaveLength(4);
    // A second dispatch finds everything in place.
    sim.clearLog();
    expectClean(await runAction("workflow_dispatch", { inputs: {} }));
    expect(trackedIssues()).toHaveLength(4);
    expect(sim.stats().contentCreating).toBe(0);
  });

  it("dry-run: logs every write it would make and sends none", async () => {
    const pull = sim.openPullRequest(repo, {
      title: "Postmortem: cache",
      head: "postmortem/cache",
      files: {
        "postmortems/2026-05-01-cache.md": POSTMORTEM.replace("validate-gateway-config", "cache-ttl")
          .replace("Validate gateway config before deploy", "Cap the cache TTL")
          .replace("config-canary", "cache-alert")
          .replace("Canary every config change", "Alert on cache misses"),
      },
      user: "alice",
    });
    sim.mergePullRequest(repo, pull.number, { by: "alice" });
    const before = Object.keys(repo.issues).length;
    sim.clearLog();
    const run = await runAction("pull_request", await pullPayload(pull.number, "closed"), {
      "dry-run": "true",
    });
    expectClean(run);
    expect(sim.stats().writes).toBe(0);
    expect(Object.keys(repo.issues)).toHaveLength(before);
    expect(run.stdout).toMatch(
      /dry run: would POST \/repos\/octo-org\/payments\/issues \(title: "Cap the cache TTL"/,
    );
    expect(run.stdout).toMatch(
      /dry run: would POST \/repos\/octo-org\/payments\/issues \(title: "Alert on cache misses"/,
    );
    expect(run.stdout).toContain("::group::body of POST /repos/octo-org/payments/issues");
    expect(run.summary).toMatch(/Dry run: \d+ writes not sent/);

    sim.clearLog();
    const sweep = await runAction("schedule", {}, { "dry-run": "true" });
    expectClean(sweep);
    expect(sim.stats().writes).toBe(0);
    expect(sweep.stdout).toContain('would create issue "Cap the cache TTL"');
  });

  it("schedule with language: ko: the counts and the dry-run line of the job summary are Korean", async () => {
    sim.addCommit(repo, { files: { "ops/postmortem-followups.yml": "language: ko\n" } });
    const run = await runAction(
      "schedule",
      {},
      { "dry-run": "true", config: "ops/postmortem-followups.yml" },
    );
    expectClean(run);
    expect(run.stdout).toMatch(
      /octo-org\/payments: 포스트모템 \d+개, 이슈 \d+개 만들 예정, \d+개 고침, 보고 \d+개 올릴 예정, 오류 0개/,
    );
    expect(run.summary).toMatch(/시험 실행: 쓰기 \d+개를 보내지 않았습니다\./);
    expect(run.summary).not.toMatch(/Dry run: \d+ writes? not sent/);
  });

  it("config: a config file at another path is the one used", async () => {
    sim.addCommit(repo, { files: { "ops/postmortem-followups.yml": "language: ko\n" } });
    const pull = sim.openPullRequest(repo, {
      title: "Postmortem: queue",
      head: "postmortem/queue",
      files: {
        "postmortems/2026-06-01-queue.md": POSTMORTEM.replace("validate-gateway-config", "queue-limit")
          .replace("Validate gateway config before deploy", "Limit the queue")
          .replace("config-canary", "queue-alert")
          .replace("Canary every config change", "Alert on queue depth"),
      },
      user: "alice",
    });
    sim.mergePullRequest(repo, pull.number, { by: "alice" });
    const payload = await pullPayload(pull.number, "closed");
    sim.clearLog();
    const run = await runAction("pull_request", payload, {
      config: "ops/postmortem-followups.yml",
    });
    expectClean(run);
    const issue = trackedIssues().find((i) => i.title === "Limit the queue")!;
    expect(issue.body).toMatch(/[가-힣]/);
    // The merge probe reads the config in GraphQL: from the configured path, never the default.
    const probe = sim.requests.find((r) => r.operation === "mergeProbe")!;
    expect((probe.body as { variables: Record<string, string> }).variables.config).toBe(
      "HEAD:ops/postmortem-followups.yml",
    );
    const contents = sim.requests
      .filter((r) => r.operation === "repos/get-content")
      .map((r) => decodeURIComponent(r.path));
    expect(contents).not.toContain("/repos/octo-org/payments/contents/.github/postmortem-followups.yml");
  });

  it("GitHub Enterprise Server: GITHUB_API_URL .../api/v3 sends GraphQL to /api/graphql", async () => {
    sim.clearLog();
    const run = await runAction("workflow_dispatch", { inputs: {} }, {}, { GITHUB_API_URL: sim.ghesUrl });
    expectClean(run);
    expect(sim.requests.length).toBeGreaterThan(0);
    expect(sim.requests.filter((r) => !r.ghes)).toEqual([]);
    expect(sim.requests.some((r) => r.kind === "graphql")).toBe(true);
  });

  it("dashboard: after the scheduled sweep, the HTML dashboard of what the token lists, in the workspace", async () => {
    const run = await runAction("schedule", {}, { dashboard: "site/index.html" }, { GITHUB_WORKSPACE: work });
    expectClean(run);
    expect(run.stdout).toContain(`dashboard: 1 repository written to ${join(work, "site/index.html")}`);
    const html = readFileSync(join(work, "site/index.html"), "utf8");
    // Chart.js is in the bundle (no node_modules next to an Action), inlined in the page.
    expect(html).toContain("Chart.js v4");
    expect(html).toContain('<td data-sort="octo-org/payments">octo-org/payments</td>');
    expect(html).toMatch(/<a href="https:\/\/github\.com\/octo-org\/payments\/issues\/\d+">#\d+<\/a>/);
    const outside = await runAction("schedule", {}, { dashboard: "../x.html" }, { GITHUB_WORKSPACE: work });
    expect(outside.code).toBe(1);
    expect(outside.stdout).toContain(
      '::error::input dashboard must be a file path inside the workspace (got "../x.html")',
    );
  });

  it("an event it does not handle ends quietly; bad inputs end with one ::error::", async () => {
    const labeled = await runAction("pull_request", await pullPayload(pullNumber, "labeled"));
    expectClean(labeled);
    expect(labeled.stdout).toContain("nothing to do");
    const bad = await runAction("schedule", {}, { "dry-run": "maybe" });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('::error::input dry-run must be true or false (got "maybe")');
    const outside = await runAction("schedule", {}, { config: "../secrets.yml" });
    expect(outside.code).toBe(1);
    expect(outside.stdout).toContain("::error::config must be a path inside the repository");
  });

  it("no request left the simulator, and every request was valid", () => {
    expect(sim.violations).toEqual([]);
    expect(followupIssues().length).toBeGreaterThan(0);
  });
});
